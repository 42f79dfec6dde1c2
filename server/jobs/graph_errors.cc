#include "jobs/graph_errors.h"

#include "app/app.h"
#include "app/log.h"

namespace vendly::server {

vendly::GraphErrorFacts FactsOf(const GraphError& error) {
  vendly::GraphFailure failure = vendly::GraphFailure::kOther;
  switch (error.kind) {
    case GraphErrorKind::kThrottled:
      failure = vendly::GraphFailure::kThrottled;
      break;
    case GraphErrorKind::kBudgetExhausted:
      failure = vendly::GraphFailure::kBudgetExhausted;
      break;
    case GraphErrorKind::kTransient:
      failure = vendly::GraphFailure::kTransient;
      break;
    case GraphErrorKind::kTokenInvalid:
      failure = vendly::GraphFailure::kTokenInvalid;
      break;
    case GraphErrorKind::kPermission:
      failure = vendly::GraphFailure::kPermission;
      break;
    case GraphErrorKind::kBadResponse:
      failure = vendly::GraphFailure::kBadResponse;
      break;
    case GraphErrorKind::kOther:
      failure = vendly::GraphFailure::kOther;
      break;
  }
  return {failure, error.retry_after_seconds, error.subcode};
}

vendly::GraphErrorDecision DecideGraphError(const Config& config, const GraphError& error,
                                            int min_wait_seconds) {
  return vendly::DecideGraphError(FactsOf(error),
                                  {min_wait_seconds, config.throttle_max_defer_seconds});
}

GraphErrorHandling HandleGraphError(JobContext& ctx, const StoredConnection& connection,
                                    const GraphError& error, const std::string& what,
                                    int min_wait_seconds) {
  App& app = ctx.app();
  GraphErrorHandling out{DecideGraphError(app.config, error, min_wait_seconds), {}};
  const vendly::GraphErrorDecision& d = out.decision;
  Status recorded = RecordConnectionError(app, connection, error);
  if (!recorded.ok())
    LogWarn("graph_error_record", {{"connectionId", connection.id}, {"error", recorded.message()}});
  const std::string why = what + ": " + GraphErrorKindName(error.kind) + " " +
                          std::to_string(error.code) + " " + error.message.substr(0, 200);
  switch (d.action) {
    case vendly::GraphAction::kDefer: {
      if (d.throttle_connection) (void)ThrottleConnection(app.db, connection.id, d.wait_seconds);
      LogWarn(ctx.job().kind + "_throttled", {{"jobId", ctx.job().id},
                                              {"connectionId", connection.id},
                                              {"waitSeconds", d.wait_seconds}});
      out.outcome = JobOutcome::Defer(std::chrono::seconds(d.wait_seconds), "throttled by Meta");
      break;
    }
    case vendly::GraphAction::kDead:
    case vendly::GraphAction::kConnectionExpired:
      out.outcome = JobOutcome::Dead(d.code + ": " + why);
      break;
    case vendly::GraphAction::kRetry:
      out.outcome = JobOutcome::Retry(why);
      break;
  }
  return out;
}

UsageReport UsageOf(const GraphUsage& usage) {
  return {usage.raw, usage.max_percent(), usage.regain_access_minutes};
}

}  // namespace vendly::server
