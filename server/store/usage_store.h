// What Meta said about an Instagram connection's rate limits, kept on its instagram_connection row:
// the last usage headers (usage) and the time before which no job calls Graph for it
// (throttled_until). The only code that writes those two columns.
#ifndef VENDLY_SERVER_STORE_USAGE_STORE_H_
#define VENDLY_SERVER_STORE_USAGE_STORE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// Meta's usage headers as received, reduced to what the jobs read back.
struct UsageReport {
  nlohmann::json raw = nlohmann::json::object();  // {"app":..., "business":...}; empty: none came
  int max_percent = -1;                           // the highest percentage, -1 when unknown
  int regain_access_minutes = 0;  // Meta's estimate of when a blocked account is let in again
};

// Stores `usage` (raw, plus maxPercent and seenAt) on the connection and, when Meta gave a time to
// regain access, throttles the connection until then. Nothing is written when no header came.
Status SaveUsage(Db& db, const std::string& connection_id, const UsageReport& usage);

// No Graph call for this connection before now() + `seconds`.
Status ThrottleConnection(Db& db, const std::string& connection_id, int seconds);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_USAGE_STORE_H_
