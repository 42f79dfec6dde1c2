#include "store/ai_store.h"

#include <cstdlib>

namespace vendly::server {
namespace {

constexpr char kToday[] = "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

// Why the counters after one more request break a limit; "" when none does.
std::string Refusal(const Rows& rows, const AiLimits& limits) {
  for (int i = 0; i < rows.size(); ++i) {
    const bool store = rows.Text(i, "scope") != "*";
    const bool minute = rows.Text(i, "window_kind") == "minute";
    const long long calls = rows.Int(i, "calls");
    const double spent = std::strtod(rows.Text(i, "cost_usd").c_str(), nullptr);
    const std::string who = store ? "store" : "global";
    if (minute) {
      const int max = store ? limits.store_calls_per_minute : limits.calls_per_minute;
      if (calls > max) return who + " rate limit (" + std::to_string(max) + " calls a minute)";
      continue;
    }
    const int max = store ? limits.store_daily_calls : limits.daily_calls;
    if (calls > max) return who + " daily call budget (" + std::to_string(max) + ") spent";
    const double usd = store ? limits.store_daily_usd : limits.daily_usd;
    if (spent >= usd) return who + " daily budget (" + std::to_string(usd) + " USD) spent";
  }
  return "";
}

}  // namespace

Result<std::string> ReserveAiCall(Db& db, const std::string& store_id, const AiLimits& limits) {
  std::string refusal;
  Status st = db.Transaction([&](Conn& conn) -> Status {
    // Store rows before the shared ones, always in this order, so concurrent reservations queue.
    auto rows = conn.Exec(
        std::string("INSERT INTO ai_usage AS u (scope, window_kind, window_start, calls)"
                    " SELECT v.scope, v.kind, CASE v.kind WHEN 'minute'"
                    "   THEN date_trunc('minute', now()) ELSE ") +
            kToday +
            " END, 1 FROM (VALUES (1, $1, 'minute'), (2, $1, 'day'), (3, '*', 'minute'),"
            "   (4, '*', 'day')) AS v(n, scope, kind) ORDER BY v.n"
            " ON CONFLICT (scope, window_kind, window_start) DO UPDATE SET calls = u.calls + 1"
            " RETURNING scope, window_kind, calls, cost_usd",
        {store_id});
    if (!rows.ok()) return rows.status();
    refusal = Refusal(*rows, limits);
    // Undo the counts of a refused request.
    return refusal.empty() ? Status::Ok() : Status::Conflict("ai_limit", refusal);
  });
  if (!st.ok() && st.code() != "ai_limit") return st;
  return refusal;
}

Status RecordAiCost(Db& db, const std::string& store_id, double cost_usd) {
  if (!(cost_usd > 0)) return Status::Ok();
  auto upd = db.Exec(std::string("UPDATE ai_usage SET cost_usd = cost_usd + $2::double precision"
                                 " WHERE scope IN ($1, '*') AND window_kind = 'day'"
                                 " AND window_start = ") +
                         kToday,
                     {store_id, std::to_string(cost_usd)});
  return upd.ok() ? Status::Ok() : upd.status();
}

Status PruneAiUsage(Db& db) {
  auto del = db.Exec("DELETE FROM ai_usage WHERE window_start < now() - interval '2 days'");
  return del.ok() ? Status::Ok() : del.status();
}

Status AddAiSpend(Db& db, const std::string& sync_history_id, const AiSpend& s) {
  auto upd = db.Exec(
      "UPDATE instagram_sync_history SET ai_calls = ai_calls + $2::int,"
      " ai_input_tokens = ai_input_tokens + $3::bigint,"
      " ai_output_tokens = ai_output_tokens + $4::bigint,"
      " ai_cost_usd = ai_cost_usd + $5::double precision,"
      " ai_latency_ms = ai_latency_ms + $6::bigint, ai_posts = ai_posts + $7::int,"
      " ai_failures = ai_failures + $8::int, ai_limited = ai_limited + $9::int WHERE id = $1",
      {sync_history_id, std::to_string(s.calls), std::to_string(s.input_tokens),
       std::to_string(s.output_tokens), std::to_string(s.cost_usd), std::to_string(s.latency_ms),
       std::to_string(s.posts), std::to_string(s.failures), std::to_string(s.limited)});
  return upd.ok() ? Status::Ok() : upd.status();
}

}  // namespace vendly::server
