#include "store/usage_store.h"

namespace vendly::server {

Status SaveUsage(Db& db, const std::string& connection_id, const UsageReport& usage) {
  if (usage.raw.empty()) return Status::Ok();
  nlohmann::json stored = usage.raw;
  stored["maxPercent"] = usage.max_percent;
  auto upd = db.Exec(
      "UPDATE instagram_connection SET usage = $2::jsonb || jsonb_build_object('seenAt',"
      " iso_utc(now())), throttled_until = CASE WHEN $3::int > 0"
      " THEN now() + make_interval(mins => $3::int) ELSE throttled_until END WHERE id = $1",
      {connection_id, stored.dump(), std::to_string(usage.regain_access_minutes)});
  return upd.ok() ? Status::Ok() : upd.status();
}

Status ThrottleConnection(Db& db, const std::string& connection_id, int seconds) {
  auto upd = db.Exec(
      "UPDATE instagram_connection SET throttled_until = now() + make_interval(secs => $2::int)"
      " WHERE id = $1",
      {connection_id, std::to_string(seconds)});
  return upd.ok() ? Status::Ok() : upd.status();
}

}  // namespace vendly::server
