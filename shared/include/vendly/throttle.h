// How long a client waits after failed attempts: one rule for every throttled door (login and
// sign-up, per account and per client address; the Instagram OAuth start and callback and the
// webhook verification, per client address). Pure: the counter's state in, the decision out;
// the server keeps the state in PostgreSQL (store/throttle_store) and applies the decision.
//
// The counter counts attempts that were let through and have not (yet) succeeded: an attempt is
// counted before it is checked, so parallel attempts cannot all pass before the first failure is
// recorded, and a success gives its count back (Forgive). After `free_attempts` counted attempts,
// each further one blocks the next for a delay that doubles, from base_delay_seconds up to
// max_delay_seconds. While blocked, attempts are refused without being counted or checked, so the
// delay never grows past the cap however fast an attacker sends: there is no lockout, only a wait
// of at most max_delay_seconds between checked attempts. A counter untouched for
// forget_after_seconds starts again from zero.
#ifndef VENDLY_THROTTLE_H_
#define VENDLY_THROTTLE_H_

namespace vendly {

struct ThrottleRule {
  int free_attempts = 5;
  int base_delay_seconds = 1;
  int max_delay_seconds = 900;
  int forget_after_seconds = 86400;
};

// Login: 5 checked attempts per account before waits start, 10 per client address.
inline constexpr ThrottleRule kLoginAccountRule{5, 1, 900, 86400};
inline constexpr ThrottleRule kLoginAddressRule{10, 1, 900, 86400};
// Sign-up: a taken email or a failed creation counts (a successful sign-up gives its count back).
inline constexpr ThrottleRule kSignupAccountRule{5, 1, 900, 86400};
inline constexpr ThrottleRule kSignupAddressRule{10, 1, 900, 86400};
// Instagram OAuth, per client address. A start counts until a callback comes back with the state it
// issued (a seller who connects, or declines, gets it back), so only abandoned starts add up; 20
// are free, as a seller may open the dialog and leave it a few times. A callback counts unless its
// state is one the server issued, so guessing states is held after 10.
inline constexpr ThrottleRule kOAuthStartAddressRule{20, 1, 900, 86400};
inline constexpr ThrottleRule kOAuthCallbackAddressRule{10, 1, 900, 86400};
// Meta's webhook verification (hub.verify_token), per client address: a wrong token counts, the
// right one gives its count back.
inline constexpr ThrottleRule kWebhookVerifyAddressRule{10, 1, 900, 86400};

// A counter as stored. blocked_seconds: how long the current block still lasts (0: none);
// idle_seconds: since the counter last changed (-1: no counter yet).
struct ThrottleState {
  int attempts = 0;
  long long blocked_seconds = 0;
  long long idle_seconds = -1;
};

struct ThrottleDecision {
  bool allowed = false;
  int retry_after_seconds = 0;  // when refused: the wait left, at least 1
  // When allowed: the counter to store, and how long the next attempt is blocked (0: not at all).
  int attempts = 0;
  int block_seconds = 0;
};

// The wait after `attempts` counted attempts: 0 up to free_attempts, then base, 2*base, 4*base...
// capped at max_delay_seconds.
int ThrottleDelaySeconds(const ThrottleRule& rule, int attempts);

// A new attempt: refused while blocked; otherwise counted.
ThrottleDecision DecideAttempt(const ThrottleRule& rule, const ThrottleState& state);

// After a counted attempt succeeded: its count is given back. Returns the counter to store and
// its block (block_seconds is 0 when the counter is back within the free attempts; otherwise the
// caller keeps the block already stored, so a success never lengthens a wait).
ThrottleDecision Forgive(const ThrottleRule& rule, const ThrottleState& state);

// Which counters a login attempt meets. The address's counter always applies. The account's
// counter holds back guesses spread over many addresses, but it is skipped from an address the
// account signed in from within kUsualAddressDays (its usual address): guesses made elsewhere can
// make the seller wait only where they are made, never keep the seller out of their own account.
inline constexpr int kUsualAddressDays = 30;
struct LoginCounters {
  bool account = true;
  bool address = true;
};
LoginCounters CountersForLogin(bool from_usual_address);

}  // namespace vendly

#endif  // VENDLY_THROTTLE_H_
