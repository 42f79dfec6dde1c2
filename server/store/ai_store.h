// The second opinion's limits and what it cost (issue 11): the ai_usage table (calls and money per
// store and for all stores, per minute and per UTC day) and the ai_* counters of a sync history
// row. The only code that names them.
#ifndef VENDLY_SERVER_STORE_AI_STORE_H_
#define VENDLY_SERVER_STORE_AI_STORE_H_

#include <cstdint>
#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The limits of one request to a model (app/config.h AiConfig).
struct AiLimits {
  int calls_per_minute = 0, store_calls_per_minute = 0;
  int daily_calls = 0, store_daily_calls = 0;
  double daily_usd = 0, store_daily_usd = 0;
};

// Counts one request of `store_id` against every window at once, atomically: the four counters are
// raised in one transaction (rows locked, so concurrent workers take turns) and rolled back when
// any limit would be passed or a day's money is already spent. "" when the request may go, else
// why not ("store daily call budget (N) spent", ...).
Result<std::string> ReserveAiCall(Db& db, const std::string& store_id, const AiLimits& limits);

// Adds what a store's requests cost to today's windows (the store's and everyone's).
Status RecordAiCost(Db& db, const std::string& store_id, double cost_usd);

// Removes windows older than two days.
Status PruneAiUsage(Db& db);

// What asking the model about some posts of a scan or poll cost, added to its sync history row.
struct AiSpend {
  int calls = 0;
  int64_t input_tokens = 0, output_tokens = 0;
  double cost_usd = 0;
  int64_t latency_ms = 0;
  int posts = 0;     // posts a model answered
  int failures = 0;  // posts whose request failed (the engine's result stood)
  int limited = 0;   // posts a rate limit or budget kept from the model
};
Status AddAiSpend(Db& db, const std::string& sync_history_id, const AiSpend& spend);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_AI_STORE_H_
