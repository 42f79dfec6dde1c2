#include "vendly/job_policy.h"

#include <algorithm>

#include "vendly/notices.h"

namespace vendly {

bool IsThrottlingCode(int code) {
  switch (code) {
    case 4:
    case 17:
    case 32:
    case 368:
    case 613:
    case 80001:
    case 80002:
      return true;
    default:
      return false;
  }
}

int RetryAfterHeaderSeconds(std::string_view value) {
  if (value.empty() || value.size() > 9) return -1;
  int seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return -1;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

int ThrottleWaitSeconds(int code, int retry_after_header_seconds, int regain_access_minutes,
                        int default_seconds) {
  if (retry_after_header_seconds > 0) return retry_after_header_seconds;
  if (regain_access_minutes > 0) return regain_access_minutes * 60;
  return code == 368 ? std::max(default_seconds, kPolicyBlockSeconds) : default_seconds;
}

GraphErrorDecision DecideGraphError(const GraphErrorFacts& facts, const GraphWaitLimits& limits) {
  GraphErrorDecision d;
  switch (facts.failure) {
    case GraphFailure::kThrottled:
    case GraphFailure::kBudgetExhausted: {
      const int ceiling = std::max(limits.max_seconds, 1);
      d.action = GraphAction::kDefer;
      d.wait_seconds =
          std::clamp(std::max({facts.retry_after_seconds, limits.min_seconds, 1}), 1, ceiling);
      d.throttle_connection = true;
      d.code = "throttled";
      d.message = "Instagram asked us to slow down; the work continues by itself shortly";
      return d;
    }
    case GraphFailure::kTokenInvalid:
      d.action = GraphAction::kConnectionExpired;
      d.code = "connection_expired";
      d.message = TokenInvalidAdvice(facts.subcode);
      return d;
    case GraphFailure::kPermission:
      d.action = GraphAction::kDead;
      d.code = "permission_missing";
      d.message = "a permission the work needs was not granted; reconnect";
      return d;
    case GraphFailure::kTransient:
    case GraphFailure::kBadResponse:
    case GraphFailure::kOther:
      break;
  }
  d.action = GraphAction::kRetry;
  d.code = "graph_error";
  d.message = "Instagram could not be read; trying again";
  return d;
}

const char* GraphActionName(GraphAction action) {
  switch (action) {
    case GraphAction::kRetry:
      return "retry";
    case GraphAction::kDefer:
      return "defer";
    case GraphAction::kDead:
      return "dead";
    case GraphAction::kConnectionExpired:
      return "connection_expired";
  }
  return "retry";
}

}  // namespace vendly
