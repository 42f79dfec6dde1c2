// The core's Graph-error rule (vendly/job_policy.h) applied to a running job: every job kind that
// calls Graph hands its failure here and returns the outcome it gets back.
#ifndef VENDLY_SERVER_JOBS_GRAPH_ERRORS_H_
#define VENDLY_SERVER_JOBS_GRAPH_ERRORS_H_

#include <vendly/job_policy.h>

#include <string>

#include "jobs/queue.h"
#include "meta/graph.h"
#include "meta/instagram_oauth.h"
#include "store/usage_store.h"

namespace vendly::server {

// The core's facts of a Graph client error.
vendly::GraphErrorFacts FactsOf(const GraphError& error);

// The core's decision for `error`, with the server's longest defer
// (VENDLY_THROTTLE_MAX_DEFER_SECONDS) and the job's own floor for a wait.
vendly::GraphErrorDecision DecideGraphError(const Config& config, const GraphError& error,
                                            int min_wait_seconds = 1);

struct GraphErrorHandling {
  vendly::GraphErrorDecision decision;
  JobOutcome outcome;  // what the handler returns
};

// Decides, then applies the decision: the error is recorded on the connection (a rejected token
// expires it, stops its queued jobs and tells the seller), the connection is throttled for the wait
// when the decision says so (logged as "<job kind>_throttled"). `what` names the failed call
// ("listing") in the job's last error, which never holds a token.
GraphErrorHandling HandleGraphError(JobContext& ctx, const StoredConnection& connection,
                                    const GraphError& error, const std::string& what,
                                    int min_wait_seconds = 1);

// Meta's usage headers as the usage store keeps them.
UsageReport UsageOf(const GraphUsage& usage);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JOBS_GRAPH_ERRORS_H_
