#include "store/job_store.h"

namespace vendly::server {
namespace {

// Matches job_dedupe_active_uq, so ON CONFLICT can infer that partial index.
constexpr const char* kOnDedupeConflict =
    " ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running')"
    " DO NOTHING";
// Only this claim may write: after a lost lease another worker owns the row.
constexpr const char* kIsOurs = " WHERE id = $1 AND status = 'running' AND locked_by = $2";

// A PostgreSQL text[] literal: {"a","b"} with " and \ escaped.
std::string TextArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

nlohmann::json PayloadColumn(const Rows& rows, int row) {
  nlohmann::json payload = nlohmann::json::parse(rows.Text(row, "payload"), nullptr, false);
  return payload.is_discarded() ? nlohmann::json::object() : payload;
}

Job JobOfRow(const Rows& rows, int row) {
  Job job;
  job.id = rows.Text(row, "id");
  job.kind = rows.Text(row, "kind");
  job.store_id = rows.Get(row, "store_id");
  job.payload = PayloadColumn(rows, row);
  job.attempts = static_cast<int>(rows.Int(row, "attempts"));
  job.max_attempts = static_cast<int>(rows.Int(row, "max_attempts"));
  job.recurring = rows.Bool(row, "recurring");
  return job;
}

Result<bool> WriteIfOurs(Conn& conn, const std::string& set, Params params) {
  auto updated = conn.Exec("UPDATE job SET " + set + ", updated_at = now()" + kIsOurs, params);
  if (!updated.ok()) return updated.status();
  return updated->affected() == 1;
}

std::string Ms(std::chrono::milliseconds ms) { return std::to_string(ms.count()); }

}  // namespace

Result<std::optional<std::string>> InsertJob(Conn& conn, const JobSpec& spec) {
  auto inserted = conn.Exec(
      std::string("INSERT INTO job (kind, store_id, payload, dedupe_key, priority, run_at,"
                  " max_attempts, repeat_every)"
                  " VALUES ($1, $2, $3::jsonb, $4, $5::int,"
                  " now() + $6::bigint * interval '1 millisecond', $7::int,"
                  " $8::bigint * interval '1 second')") +
          kOnDedupeConflict + " RETURNING id",
      {spec.kind, spec.store_id, spec.payload.dump(), spec.dedupe_key,
       std::to_string(spec.priority), Ms(spec.delay), std::to_string(spec.max_attempts),
       spec.repeat_every ? Param(std::to_string(spec.repeat_every->count())) : std::nullopt});
  if (!inserted.ok()) return inserted.status();
  if (inserted->empty()) return std::optional<std::string>();
  return std::optional<std::string>(inserted->Text(0, "id"));
}

Result<std::optional<std::string>> ActiveJobId(Conn& conn, const std::string& dedupe_key) {
  auto active = conn.Exec(
      "SELECT id FROM job WHERE dedupe_key = $1 AND status IN ('queued', 'running')", {dedupe_key});
  if (!active.ok()) return active.status();
  if (active->empty()) return std::optional<std::string>();
  return std::optional<std::string>(active->Text(0, "id"));
}

Result<std::optional<nlohmann::json>> ActiveJobPayload(Conn& conn, const std::string& dedupe_key) {
  auto active = conn.Exec(
      "SELECT payload::text AS payload FROM job WHERE dedupe_key = $1"
      " AND status IN ('queued', 'running')",
      {dedupe_key});
  if (!active.ok()) return active.status();
  if (active->empty()) return std::optional<nlohmann::json>();
  return std::optional<nlohmann::json>(PayloadColumn(*active, 0));
}

Status NotifyJobChannel(Conn& conn, const std::string& channel, const std::string& kind) {
  auto notified = conn.Exec("SELECT pg_notify($1, $2)", {channel, kind});
  return notified.ok() ? Status::Ok() : notified.status();
}

Status SetJobInterval(Conn& conn, const std::string& id, std::chrono::seconds every) {
  auto interval = conn.Exec(
      "UPDATE job SET repeat_every = $2::bigint * interval '1 second', updated_at = now()"
      " WHERE id = $1 AND repeat_every IS DISTINCT FROM $2::bigint * interval '1 second'",
      {id, std::to_string(every.count())});
  return interval.ok() ? Status::Ok() : interval.status();
}

Status RunJobNoLaterThan(Conn& conn, const std::string& id, std::chrono::milliseconds delay) {
  auto sooner = conn.Exec(
      "UPDATE job SET run_at = now() + $2::bigint * interval '1 millisecond', updated_at = now()"
      " WHERE id = $1 AND status = 'queued'"
      " AND run_at > now() + $2::bigint * interval '1 millisecond'",
      {id, Ms(delay)});
  return sooner.ok() ? Status::Ok() : sooner.status();
}

Result<std::optional<std::string>> JobRunAt(Conn& conn, const std::string& id) {
  auto rows = conn.Exec("SELECT iso_utc(run_at) AS run_at FROM job WHERE id = $1", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->Text(0, "run_at"));
}

Status ScheduleNextRuns(Conn& conn, const std::vector<std::string>& ids) {
  auto next = conn.Exec(
      std::string("INSERT INTO job (kind, store_id, payload, dedupe_key, priority, run_at,"
                  " max_attempts, repeat_every)"
                  " SELECT kind, store_id, payload, dedupe_key, priority, now() + repeat_every,"
                  " max_attempts, repeat_every FROM job"
                  " WHERE id = ANY($1::text[]) AND repeat_every IS NOT NULL"
                  " AND status IN ('succeeded', 'failed')") +
          kOnDedupeConflict,
      {TextArrayLiteral(ids)});
  return next.ok() ? Status::Ok() : next.status();
}

std::optional<Job> ClaimJob(Db& db, const std::vector<std::string>& kinds, const std::string& lock,
                            std::chrono::milliseconds lease) {
  auto claimed = db.Exec(
      "UPDATE job SET status = 'running', attempts = attempts + 1, locked_by = $2,"
      " lease_expires_at = now() + $3::bigint * interval '1 millisecond', updated_at = now()"
      " WHERE id = (SELECT id FROM job WHERE status = 'queued' AND run_at <= now()"
      "             AND kind = ANY($1::text[])"
      "             ORDER BY priority DESC, run_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
      " RETURNING id, kind, store_id, payload::text AS payload, attempts, max_attempts,"
      " repeat_every IS NOT NULL AS recurring",
      {TextArrayLiteral(kinds), lock, Ms(lease)});
  if (!claimed.ok() || claimed->empty()) return std::nullopt;
  Job job = JobOfRow(*claimed, 0);
  job.lock = lock;
  return job;
}

Result<bool> ExtendJobLease(Db& db, const Job& job, std::chrono::milliseconds lease) {
  auto extended = db.Exec(
      "UPDATE job SET lease_expires_at = now() + $3::bigint * interval '1 millisecond',"
      " updated_at = now() WHERE id = $1 AND status = 'running' AND locked_by = $2",
      {job.id, job.lock, Ms(lease)});
  if (!extended.ok()) return extended.status();
  return extended->affected() == 1;
}

Result<std::vector<ExpiredJob>> SweepExpiredLeases(Conn& conn, int batch) {
  auto swept = conn.Exec(
      "UPDATE job SET"
      " status = CASE WHEN job.attempts >= job.max_attempts THEN 'failed' ELSE 'queued' END,"
      " last_error = 'lease expired: worker ' || coalesce(job.locked_by, '?') ||"
      "   ' stopped during attempt ' || job.attempts,"
      " finished_at = CASE WHEN job.attempts >= job.max_attempts THEN now() END,"
      " locked_by = CASE WHEN job.attempts >= job.max_attempts THEN job.locked_by END,"
      " lease_expires_at = NULL, run_at = now(), updated_at = now()"
      " FROM (SELECT id FROM job WHERE status = 'running' AND lease_expires_at < now()"
      "       ORDER BY lease_expires_at LIMIT $1::int FOR UPDATE SKIP LOCKED) AS expired"
      " WHERE job.id = expired.id"
      " RETURNING job.id, job.kind, job.store_id, job.status, job.attempts, job.max_attempts,"
      " job.repeat_every IS NOT NULL AS recurring, job.payload::text AS payload, job.last_error",
      {std::to_string(batch)});
  if (!swept.ok()) return swept.status();
  std::vector<ExpiredJob> out;
  for (int i = 0; i < swept->size(); ++i)
    out.push_back(
        {JobOfRow(*swept, i), swept->Text(i, "status") == "failed", swept->Text(i, "last_error")});
  return out;
}

Result<bool> MarkJobSucceeded(Conn& conn, const Job& job, const nlohmann::json& result) {
  return WriteIfOurs(conn,
                     "status = 'succeeded', result = $3::jsonb, lease_expires_at = NULL,"
                     " finished_at = now()",
                     {job.id, job.lock, result.is_null() ? std::nullopt : Param(result.dump())});
}

Result<bool> MarkJobDead(Conn& conn, const Job& job, const std::string& error) {
  return WriteIfOurs(conn,
                     "status = 'failed', last_error = $3, lease_expires_at = NULL,"
                     " finished_at = now()",
                     {job.id, job.lock, error});
}

Result<bool> RequeueJob(Conn& conn, const Job& job, const std::string& error,
                        std::chrono::milliseconds wait) {
  return WriteIfOurs(conn,
                     "status = 'queued', last_error = $3,"
                     " run_at = now() + $4::bigint * interval '1 millisecond', locked_by = NULL,"
                     " lease_expires_at = NULL",
                     {job.id, job.lock, error, Ms(wait)});
}

Result<bool> DeferJob(Conn& conn, const Job& job, std::chrono::milliseconds wait) {
  return WriteIfOurs(conn,
                     "status = 'queued', attempts = GREATEST(attempts - 1, 0),"
                     " run_at = now() + $3::bigint * interval '1 millisecond', locked_by = NULL,"
                     " lease_expires_at = NULL",
                     {job.id, job.lock, Ms(wait)});
}

Result<bool> ReleaseJobDedupeKey(Conn& conn, const Job& job) {
  return WriteIfOurs(conn, "dedupe_key = NULL", {job.id, job.lock});
}

Result<long> CancelStoreJobs(Conn& conn, const std::string& store_id, const std::string& reason,
                             bool running) {
  auto cancelled = conn.Exec(
      "UPDATE job SET status = 'cancelled', last_error = COALESCE(NULLIF($2, ''), last_error),"
      " updated_at = now(), finished_at = now() WHERE store_id = $1"
      " AND (status = 'queued' OR ($3::boolean AND status = 'running'))",
      {store_id, reason, running ? "true" : "false"});
  if (!cancelled.ok()) return cancelled.status();
  return cancelled->affected();
}

Result<long> CancelStoreJobs(Db& db, const std::string& store_id, const std::string& reason,
                             bool running) {
  long n = 0;
  Status status = db.Transaction([&](Conn& conn) -> Status {
    auto cancelled = CancelStoreJobs(conn, store_id, reason, running);
    if (!cancelled.ok()) return cancelled.status();
    n = *cancelled;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return n;
}

}  // namespace vendly::server
