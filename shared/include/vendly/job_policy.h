// What a failed Graph API call does to the job that made it: one rule for every job kind (scan,
// poll, media copy, webhook), so that throttling, a rejected token or an outage are handled the
// same way wherever they happen.
//
// Pure: the facts of the error in, the decision out as data. The server maps its Graph client's
// error onto GraphFailure, applies the decision (the job's outcome, the connection's
// throttled_until, the connection's expiry) and reports it.
#ifndef VENDLY_JOB_POLICY_H_
#define VENDLY_JOB_POLICY_H_

#include <string>
#include <string_view>

namespace vendly {

// The kinds of Graph failure a job can meet (the server's Graph client classifies Meta's codes).
enum class GraphFailure {
  kThrottled,        // Meta's rate limit (codes 4, 17, 32, 613, 80002, HTTP 429)
  kBudgetExhausted,  // the client's own call budget, or Meta's usage near its limit: no call made
  kTransient,        // codes 1, 2, is_transient, 5xx, network
  kTokenInvalid,     // code 190: the seller must reconnect
  kPermission,       // codes 10, 200-299: a permission is missing
  kBadResponse,      // the body is not what the caller expected
  kOther,
};

// What the job does.
enum class GraphAction {
  kRetry,              // run again after the runner's backoff (the attempt counts)
  kDefer,              // run again after wait_seconds, the attempt not counted
  kDead,               // no more attempts: a permission is missing
  kConnectionExpired,  // no more attempts, and the connection is expired until the seller
                       // reconnects
};

struct GraphErrorFacts {
  GraphFailure failure = GraphFailure::kOther;
  int retry_after_seconds = 0;  // Meta's estimate of when access comes back (0: none given)
  int subcode = 0;              // Meta's error_subcode (190: which advice, TokenInvalidAdvice)
};

// Meta's codes that mean "slow down", retried after a wait, never as a generic failure: 4 (app),
// 17 (user), 32 (Page), 613 (custom), 80001 (Pages), 80002 (Instagram account), and 368 (a
// temporary block for a policy reason).
bool IsThrottlingCode(int code);
// A Retry-After header's value in its delta-seconds form ("120"); -1 when empty, an HTTP date or
// anything else (RFC 9110 section 10.2.3). Meta and the AI providers send seconds.
int RetryAfterHeaderSeconds(std::string_view value);
// The wait Meta asks for, in seconds: its Retry-After header, else the usage header's
// estimated_time_to_regain_access (minutes), else `default_seconds` (kPolicyBlockSeconds at least
// for a 368, whose blocks last longer than a rate limit's).
inline constexpr int kPolicyBlockSeconds = 3600;
int ThrottleWaitSeconds(int code, int retry_after_header_seconds, int regain_access_minutes,
                        int default_seconds);

struct GraphWaitLimits {
  int min_seconds = 1;     // the job's own floor for a wait (a poll never comes back sooner)
  int max_seconds = 3600;  // the longest a job is deferred (VENDLY_THROTTLE_MAX_DEFER_SECONDS)
};

struct GraphErrorDecision {
  GraphAction action = GraphAction::kRetry;
  // kDefer: the wait; the connection is also marked throttled for this long, so every job of the
  // account (not only this one) holds back. 0 otherwise.
  int wait_seconds = 0;
  bool throttle_connection = false;
  // The error code the job's owner records (a scan's or sync's error, the job's last error):
  // "throttled", "connection_expired", "permission_missing", "graph_error".
  std::string code;
  // A sentence for the seller (scan and sync history); no Meta wording, no secrets.
  std::string message;
};

// The rule. Throttling and a spent budget defer the job (and throttle the connection) for Meta's
// estimate, at least min_seconds and 1 s, at most max_seconds; a rejected token expires the
// connection; a missing permission ends the job; anything else is retried with backoff.
GraphErrorDecision DecideGraphError(const GraphErrorFacts& facts, const GraphWaitLimits& limits);

// "retry", "defer", "dead", "connection_expired".
const char* GraphActionName(GraphAction action);

}  // namespace vendly

#endif  // VENDLY_JOB_POLICY_H_
