#include "http/address_throttle.h"

#include <algorithm>
#include <vector>

namespace vendly::server {

vendly::ThrottleState AddressThrottle::StateOf(const Counter* counter, Clock::time_point now) {
  vendly::ThrottleState state;
  if (counter == nullptr) return state;  // idle_seconds -1: no counter yet
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  state.attempts = counter->attempts;
  if (counter->blocked_until > now)  // rounded up, as the stored counters are
    state.blocked_seconds =
        (duration_cast<milliseconds>(counter->blocked_until - now).count() + 999) / 1000;
  state.idle_seconds = duration_cast<seconds>(now - counter->updated).count();
  return state;
}

void AddressThrottle::Store(Counter& counter, const vendly::ThrottleDecision& d, bool keep_block,
                            Clock::time_point now) {
  counter.attempts = d.attempts;
  counter.updated = now;
  if (!keep_block)
    counter.blocked_until =
        d.block_seconds > 0 ? now + std::chrono::seconds(d.block_seconds) : Clock::time_point{};
}

int AddressThrottle::Take(const std::string& door, const std::string& address,
                          const vendly::ThrottleRule& rule) {
  const Clock::time_point now = Clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counters_.find({door, address});
  const vendly::ThrottleDecision d =
      vendly::DecideAttempt(rule, StateOf(it == counters_.end() ? nullptr : &it->second, now));
  if (!d.allowed) return d.retry_after_seconds;
  if (it == counters_.end()) {
    if (counters_.size() >= max_counters_) MakeRoom(now);
    it = counters_.emplace(Key{door, address}, Counter{}).first;
  }
  it->second.forget_after_seconds = rule.forget_after_seconds;
  Store(it->second, d, /*keep_block=*/false, now);
  return 0;
}

void AddressThrottle::GiveBack(const std::string& door, const std::string& address,
                               const vendly::ThrottleRule& rule) {
  const Clock::time_point now = Clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counters_.find({door, address});
  if (it == counters_.end()) return;
  const vendly::ThrottleDecision d = vendly::Forgive(rule, StateOf(&it->second, now));
  // As store/throttle_store: back within the free attempts clears the block; otherwise the block
  // already set stays, so a success never lengthens a wait.
  Store(it->second, d, /*keep_block=*/d.block_seconds > 0, now);
}

std::size_t AddressThrottle::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counters_.size();
}

// Drops the counters their rule has forgotten; when that frees less than a tenth of the room, the
// longest idle ones too (one pass frees room for many new addresses, so this runs rarely).
void AddressThrottle::MakeRoom(Clock::time_point now) {
  for (auto it = counters_.begin(); it != counters_.end();) {
    const bool forgotten =
        now - it->second.updated > std::chrono::seconds(it->second.forget_after_seconds) &&
        it->second.blocked_until <= now;
    it = forgotten ? counters_.erase(it) : std::next(it);
  }
  const std::size_t target = max_counters_ - std::max<std::size_t>(1, max_counters_ / 10);
  if (counters_.size() <= target) return;
  std::vector<std::pair<Clock::time_point, Key>> by_age;
  by_age.reserve(counters_.size());
  for (const auto& [key, counter] : counters_) by_age.emplace_back(counter.updated, key);
  const std::size_t drop = counters_.size() - target;
  std::nth_element(by_age.begin(), by_age.begin() + std::ptrdiff_t(drop - 1), by_age.end());
  for (std::size_t i = 0; i < drop; ++i) counters_.erase(by_age[i].second);
}

}  // namespace vendly::server
