#include "vendly/throttle.h"

#include <algorithm>

namespace vendly {

int ThrottleDelaySeconds(const ThrottleRule& rule, int attempts) {
  if (attempts <= rule.free_attempts) return 0;
  const int cap = std::max(rule.max_delay_seconds, 0);
  long long delay = std::max(rule.base_delay_seconds, 1);
  for (int i = rule.free_attempts + 1; i < attempts && delay < cap; ++i) delay *= 2;
  return int(std::min<long long>(delay, cap));
}

namespace {

// The stored count, or 0 when the counter has been idle long enough to be forgotten.
int LiveAttempts(const ThrottleRule& rule, const ThrottleState& state) {
  if (state.idle_seconds < 0 || state.idle_seconds >= rule.forget_after_seconds) return 0;
  return std::max(state.attempts, 0);
}

}  // namespace

ThrottleDecision DecideAttempt(const ThrottleRule& rule, const ThrottleState& state) {
  ThrottleDecision d;
  if (state.blocked_seconds > 0) {
    d.retry_after_seconds = int(std::min<long long>(state.blocked_seconds, rule.max_delay_seconds));
    d.retry_after_seconds = std::max(d.retry_after_seconds, 1);
    d.attempts = std::max(state.attempts, 0);
    return d;
  }
  d.allowed = true;
  d.attempts = LiveAttempts(rule, state) + 1;
  d.block_seconds = ThrottleDelaySeconds(rule, d.attempts);
  return d;
}

ThrottleDecision Forgive(const ThrottleRule& rule, const ThrottleState& state) {
  ThrottleDecision d;
  d.allowed = true;
  d.attempts = std::max(LiveAttempts(rule, state) - 1, 0);
  d.block_seconds = ThrottleDelaySeconds(rule, d.attempts);
  return d;
}

LoginCounters CountersForLogin(bool from_usual_address) {
  LoginCounters c;
  c.account = !from_usual_address;
  return c;
}

}  // namespace vendly
