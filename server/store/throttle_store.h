// The sign-in throttle's counters (table auth_throttle) and the addresses each seller signed in
// from (table seller_login_address). The rule that reads and moves the counters is the core's
// (vendly/throttle.h); this module only stores them. The only code that names these tables.
#ifndef VENDLY_SERVER_STORE_THROTTLE_STORE_H_
#define VENDLY_SERVER_STORE_THROTTLE_STORE_H_

#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"
#include "vendly/throttle.h"

namespace vendly::server {

enum class ThrottleScope { kLoginAccount, kLoginAddress, kSignupAccount, kSignupAddress };

struct ThrottleKey {
  ThrottleScope scope = ThrottleScope::kLoginAddress;
  std::string key;  // an email (stored lower-case) or a client address
};

// Locks the counters (creating missing ones at zero) until the end of the caller's transaction
// and returns their states in the order given. Locks are taken in one fixed order, whatever the
// order of `keys`, so two requests never wait on each other's locks.
Result<std::vector<vendly::ThrottleState>> LockThrottleCounters(
    Conn& conn, const std::vector<ThrottleKey>& keys);

// Stores a counter locked by LockThrottleCounters: `attempts`, and a block of `block_seconds`
// from now (0: none) unless keep_block, which leaves the stored block as it is.
Status SaveThrottleCounter(Conn& conn, const ThrottleKey& key, int attempts, int block_seconds,
                           bool keep_block);

// True when the seller with this email signed in from `address` within the last `days` days.
Result<bool> IsUsualLoginAddress(Db& db, const std::string& email, const std::string& address,
                                 int days);
// Records a successful sign-in of the seller from `address`.
Status RememberLoginAddress(Db& db, const std::string& seller_id, const std::string& address);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_THROTTLE_STORE_H_
