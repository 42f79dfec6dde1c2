// Throttle counters per client address kept in this process's memory, for the doors that are not
// sign-in (the Instagram OAuth start and callback, Meta's webhook verification). The rule that
// reads and moves a counter is the core's (vendly/throttle.h), as for the sign-in counters that
// store/throttle_store keeps in PostgreSQL; only where the state lives differs. These doors are
// counted per address only and a wrong guess costs the guesser nothing durable, so a restart that
// forgets the counters costs little; behind a load balancer each server counts its own share.
// Memory is bounded: counters idle past their rule's forget_after_seconds are dropped first, then
// the longest idle ones.
#ifndef VENDLY_SERVER_HTTP_ADDRESS_THROTTLE_H_
#define VENDLY_SERVER_HTTP_ADDRESS_THROTTLE_H_

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "vendly/throttle.h"

namespace vendly::server {

class AddressThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  explicit AddressThrottle(std::size_t max_counters = 100000) : max_counters_(max_counters) {}

  // An attempt at `door` from `address`: 0 when it goes ahead (and is counted), else the seconds
  // to wait (vendly::DecideAttempt; refused attempts are not counted).
  int Take(const std::string& door, const std::string& address, const vendly::ThrottleRule& rule);
  // A counted attempt succeeded: its count is given back (vendly::Forgive).
  void GiveBack(const std::string& door, const std::string& address,
                const vendly::ThrottleRule& rule);

  // Counters held (tests).
  std::size_t size() const;

 private:
  struct Counter {
    int attempts = 0;
    Clock::time_point blocked_until{};
    Clock::time_point updated{};
    int forget_after_seconds = 0;
  };
  using Key = std::pair<std::string, std::string>;

  static vendly::ThrottleState StateOf(const Counter* counter, Clock::time_point now);
  static void Store(Counter& counter, const vendly::ThrottleDecision& d, bool keep_block,
                    Clock::time_point now);
  void MakeRoom(Clock::time_point now);

  const std::size_t max_counters_;
  mutable std::mutex mutex_;
  std::map<Key, Counter> counters_;
};

}  // namespace vendly::server

#endif  // VENDLY_SERVER_HTTP_ADDRESS_THROTTLE_H_
