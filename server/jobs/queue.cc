#include "jobs/queue.h"

#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <random>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"

namespace vendly::server {
namespace {

using std::chrono::milliseconds;

constexpr const char* kChannel = "vendly_jobs";
constexpr int kReclaimBatch = 100;
// Matches job_dedupe_active_uq, so ON CONFLICT can infer that partial index.
constexpr const char* kOnDedupeConflict =
    " ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running')"
    " DO NOTHING";

std::int64_t SteadyMs() {
  return std::chrono::duration_cast<milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double UnitRandom() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

std::string DefaultWorkerId() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0) std::snprintf(host, sizeof(host), "host");
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + HexEncode(RandomBytes(3));
}

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

nlohmann::json StoreField(const std::optional<std::string>& store_id) {
  return store_id ? nlohmann::json(*store_id) : nlohmann::json(nullptr);
}

// Enqueues the next run of each recurring job among `ids` that has just ended (succeeded or
// failed), on `conn` inside the caller's transaction.
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

}  // namespace

// ---- Producers ------------------------------------------------------------------------------

Result<std::string> EnqueueJob(Conn& conn, const JobSpec& spec) {
  if (spec.kind.empty()) return Status::InvalidRequest("job kind is empty");
  if (spec.max_attempts < 1) return Status::InvalidRequest("job max_attempts must be at least 1");
  if (spec.delay.count() < 0) return Status::InvalidRequest("job delay is negative");
  if (spec.repeat_every && (!spec.dedupe_key || spec.repeat_every->count() <= 0))
    return Status::InvalidRequest("a recurring job needs a dedupe key and a positive interval");
  const Params params = {
      spec.kind,
      spec.store_id,
      spec.payload.dump(),
      spec.dedupe_key,
      std::to_string(spec.priority),
      std::to_string(spec.delay.count()),
      std::to_string(spec.max_attempts),
      spec.repeat_every ? Param(std::to_string(spec.repeat_every->count())) : std::nullopt};
  // A dedupe hit can finish between the INSERT and the SELECT; then the key is free again.
  for (int round = 0; round < 3; ++round) {
    auto inserted = conn.Exec(
        std::string("INSERT INTO job (kind, store_id, payload, dedupe_key, priority, run_at,"
                    " max_attempts, repeat_every)"
                    " VALUES ($1, $2, $3::jsonb, $4, $5::int,"
                    " now() + $6::bigint * interval '1 millisecond', $7::int,"
                    " $8::bigint * interval '1 second')") +
            kOnDedupeConflict + " RETURNING id",
        params);
    if (!inserted.ok()) return inserted.status();
    if (!inserted->empty()) {
      auto notified = conn.Exec("SELECT pg_notify($1, $2)", {kChannel, spec.kind});
      if (!notified.ok()) return notified.status();
      return inserted->Text(0, "id");
    }
    auto active =
        conn.Exec("SELECT id FROM job WHERE dedupe_key = $1 AND status IN ('queued', 'running')",
                  {spec.dedupe_key});
    if (!active.ok()) return active.status();
    if (!active->empty()) return active->Text(0, "id");
  }
  return Status::Conflict("job_dedupe_busy", "the job's dedupe key kept changing hands; try again");
}

Result<std::string> EnqueueJob(Db& db, const JobSpec& spec) {
  std::string id;
  Status status = db.Transaction([&](Conn& conn) {
    auto queued = EnqueueJob(conn, spec);
    if (!queued.ok()) return queued.status();
    id = *queued;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::string> EnsureRecurringJob(Db& db, const std::string& kind,
                                       const std::string& dedupe_key, std::chrono::seconds every,
                                       nlohmann::json payload) {
  JobSpec spec;
  spec.kind = kind;
  spec.dedupe_key = dedupe_key;
  spec.repeat_every = every;
  spec.payload = std::move(payload);
  std::string id;
  Status status = db.Transaction([&](Conn& conn) {
    auto active = EnqueueJob(conn, spec);
    if (!active.ok()) return active.status();
    id = *active;
    auto interval = conn.Exec(
        "UPDATE job SET repeat_every = $2::bigint * interval '1 second', updated_at = now()"
        " WHERE id = $1 AND repeat_every IS DISTINCT FROM $2::bigint * interval '1 second'",
        {id, std::to_string(every.count())});
    return interval.ok() ? Status::Ok() : interval.status();
  });
  if (!status.ok()) return status;
  return id;
}

// ---- Outcomes -------------------------------------------------------------------------------

JobOutcome JobOutcome::Succeeded(nlohmann::json result) {
  JobOutcome o;
  o.kind = Kind::kSucceeded;
  o.result = std::move(result);
  return o;
}

JobOutcome JobOutcome::Retry(std::string error, milliseconds at_least) {
  JobOutcome o;
  o.kind = Kind::kRetry;
  o.error = std::move(error);
  o.delay = at_least;
  return o;
}

JobOutcome JobOutcome::Dead(std::string error) {
  JobOutcome o;
  o.kind = Kind::kDead;
  o.error = std::move(error);
  return o;
}

JobOutcome JobOutcome::Defer(milliseconds delay, std::string why) {
  JobOutcome o;
  o.kind = Kind::kDefer;
  o.delay = delay;
  o.error = std::move(why);
  return o;
}

JobOutcome RunNoopJob(JobContext&) { return JobOutcome::Succeeded({{"noop", true}}); }

namespace internal {
milliseconds RetryBackoff(int attempt, milliseconds base, milliseconds cap, double unit_random,
                          milliseconds floor) {
  // Doubling stops at the cap, so the shift never overflows.
  long long d = std::max<long long>(base.count(), 0);
  for (int i = 1; i < attempt && d < cap.count(); ++i) d *= 2;
  d = std::min<long long>(d, cap.count());
  const double r = std::clamp(unit_random, 0.0, 1.0);
  const long long jittered = d / 2 + static_cast<long long>(r * double(d - d / 2));
  return milliseconds(std::max<long long>(jittered, floor.count()));
}
}  // namespace internal

// ---- The runner -----------------------------------------------------------------------------

JobRunner::JobRunner(App& app, Options options) : app_(app), options_(std::move(options)) {
  if (options_.worker_id.empty()) options_.worker_id = DefaultWorkerId();
  if (options_.threads < 0) options_.threads = 0;
  kinds_array_ = TextArrayLiteral({});
}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Register(const std::string& kind, JobHandler handler, JobDeathHandler on_dead) {
  handlers_[kind] = std::move(handler);
  if (on_dead) death_handlers_[kind] = std::move(on_dead);
  std::vector<std::string> kinds;
  for (const auto& entry : handlers_) kinds.push_back(entry.first);
  kinds_array_ = TextArrayLiteral(kinds);
}

void JobRunner::Start() {
  if (options_.threads == 0 || !threads_.empty()) return;
  stopping_ = false;
  std::vector<std::string> kinds;
  for (const auto& entry : handlers_) kinds.push_back(entry.first);
  LogInfo("jobs_start",
          {{"worker", options_.worker_id}, {"threads", options_.threads}, {"kinds", kinds}});
  listener_ = std::thread([this] { Listen(); });
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { Loop(); });
}

void JobRunner::Stop() {
  if (threads_.empty() && !listener_.joinable()) return;
  stopping_ = true;
  {
    std::lock_guard<std::mutex> lock(wake_mutex_);
    ++wake_seq_;
    wake_.notify_all();
  }
  for (auto& t : threads_) t.join();
  threads_.clear();
  if (listener_.joinable()) listener_.join();
  LogInfo("jobs_stop", {{"worker", options_.worker_id}});
}

void JobRunner::Wake() {
  std::lock_guard<std::mutex> lock(wake_mutex_);
  ++wake_seq_;
  wake_.notify_one();
}

void JobRunner::Loop() {
  while (!stopping_) {
    std::uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(wake_mutex_);
      seen = wake_seq_;
    }
    if (RunOne()) continue;
    // Idle: sleep until a notification or the poll interval (jittered, so that the workers of
    // many processes do not query in step).
    const auto wait = milliseconds(
        static_cast<long long>(double(options_.poll.count()) * (0.8 + 0.4 * UnitRandom())));
    std::unique_lock<std::mutex> lock(wake_mutex_);
    wake_.wait_for(lock, wait, [&] { return stopping_.load() || wake_seq_ != seen; });
  }
}

// One connection that LISTENs; each notification wakes one idle worker thread. Reconnects after
// a lost connection, and wakes the workers then, since notifications sent meanwhile are gone.
void JobRunner::Listen() {
  bool warned = false;
  while (!stopping_) {
    PGconn* conn = PQconnectdb(app_.config.database_url.c_str());
    bool listening = PQstatus(conn) == CONNECTION_OK;
    if (listening) {
      PGresult* res = PQexec(conn, (std::string("LISTEN ") + kChannel).c_str());
      listening = PQresultStatus(res) == PGRES_COMMAND_OK;
      PQclear(res);
    }
    if (!listening) {
      if (!warned)
        LogWarn("jobs_listen", {{"error", "cannot LISTEN; polling only until it can"},
                                {"detail", PQerrorMessage(conn)}});
      warned = true;
      PQfinish(conn);
      for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(milliseconds(100));
      continue;
    }
    warned = false;
    Wake();
    while (!stopping_) {
      pollfd fd{PQsocket(conn), POLLIN, 0};
      // A short timeout bounds how long Stop() waits for this thread.
      int ready = poll(&fd, 1, 100);
      if (ready < 0 && errno != EINTR) break;
      if (ready <= 0) continue;
      if (!PQconsumeInput(conn)) break;
      int count = 0;
      while (PGnotify* note = PQnotifies(conn)) {
        ++count;
        PQfreemem(note);
      }
      for (int i = 0; i < std::min(count, options_.threads); ++i) Wake();
    }
    PQfinish(conn);
  }
}

bool JobRunner::RunOne() {
  if (handlers_.empty()) return false;
  ReclaimExpired();
  auto job = Claim();
  if (!job) return false;
  Run(*job);
  return true;
}

// A running job whose lease ran out belongs to a worker that crashed or hung. Its attempt counts
// (a job that kills its worker must not loop forever): it is queued again, or dead once its
// attempts are spent. Swept at most once per poll interval per runner, by one of its threads.
void JobRunner::ReclaimExpired() {
  const std::int64_t now = SteadyMs();
  std::int64_t last = last_reclaim_ms_.load();
  if (last != 0 && now - last < options_.poll.count()) return;
  if (!last_reclaim_ms_.compare_exchange_strong(last, now)) return;  // another thread sweeps

  Status status = app_.db.Transaction([&](Conn& conn) {
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
        {std::to_string(kReclaimBatch)});
    if (!swept.ok()) return swept.status();
    std::vector<std::string> ended_recurring;
    for (int i = 0; i < swept->size(); ++i) {
      const bool dead = swept->Text(i, "status") == "failed";
      auto on_dead = death_handlers_.find(swept->Text(i, "kind"));
      if (dead && on_dead != death_handlers_.end()) {
        Job job;
        job.id = swept->Text(i, "id");
        job.kind = swept->Text(i, "kind");
        job.store_id = swept->Get(i, "store_id");
        job.payload = nlohmann::json::parse(swept->Text(i, "payload"), nullptr, false);
        job.attempts = static_cast<int>(swept->Int(i, "attempts"));
        job.max_attempts = static_cast<int>(swept->Int(i, "max_attempts"));
        // One death that cannot be recorded must not hold back the rest of the sweep.
        (void)conn.Exec("SAVEPOINT job_death");
        Status recorded = on_dead->second(conn, job, swept->Text(i, "last_error"));
        (void)conn.Exec(recorded.ok() ? "RELEASE SAVEPOINT job_death"
                                      : "ROLLBACK TO SAVEPOINT job_death");
        if (!recorded.ok())
          LogError("job_death",
                   {{"jobId", job.id}, {"kind", job.kind}, {"error", recorded.message()}});
      }
      Log(dead ? LogLevel::kError : LogLevel::kWarn, "job_lease_expired",
          {{"jobId", swept->Text(i, "id")},
           {"kind", swept->Text(i, "kind")},
           {"storeId", StoreField(swept->Get(i, "store_id"))},
           {"attempt", swept->Int(i, "attempts")},
           {"maxAttempts", swept->Int(i, "max_attempts")},
           {"outcome", dead ? "dead" : "requeued"},
           {"worker", options_.worker_id}});
      if (dead && swept->Bool(i, "recurring")) ended_recurring.push_back(swept->Text(i, "id"));
    }
    if (ended_recurring.empty()) return Status::Ok();
    return ScheduleNextRuns(conn, ended_recurring);
  });
  if (!status.ok())
    LogWarn("job_reclaim", {{"error", status.message()}, {"worker", options_.worker_id}});
}

std::optional<Job> JobRunner::Claim() {
  const std::string lock = options_.worker_id + "#" + std::to_string(++claims_);
  auto claimed = app_.db.Exec(
      "UPDATE job SET status = 'running', attempts = attempts + 1, locked_by = $2,"
      " lease_expires_at = now() + $3::bigint * interval '1 millisecond', updated_at = now()"
      " WHERE id = (SELECT id FROM job WHERE status = 'queued' AND run_at <= now()"
      "             AND kind = ANY($1::text[])"
      "             ORDER BY priority DESC, run_at LIMIT 1 FOR UPDATE SKIP LOCKED)"
      " RETURNING id, kind, store_id, payload::text AS payload, attempts, max_attempts,"
      " repeat_every IS NOT NULL AS recurring",
      {kinds_array_, lock, std::to_string(options_.lease.count())});
  if (!claimed.ok() || claimed->empty()) return std::nullopt;
  Job job;
  job.id = claimed->Text(0, "id");
  job.kind = claimed->Text(0, "kind");
  job.store_id = claimed->Get(0, "store_id");
  job.payload = nlohmann::json::parse(claimed->Text(0, "payload"), nullptr, false);
  if (job.payload.is_discarded()) job.payload = nlohmann::json::object();
  job.attempts = int(claimed->Int(0, "attempts"));
  job.max_attempts = int(claimed->Int(0, "max_attempts"));
  job.recurring = claimed->Bool(0, "recurring");
  job.lock = lock;
  return job;
}

void JobRunner::Run(const Job& job) {
  const std::int64_t started = SteadyMs();
  LogInfo("job_start", {{"jobId", job.id},
                        {"kind", job.kind},
                        {"storeId", StoreField(job.store_id)},
                        {"attempt", job.attempts},
                        {"maxAttempts", job.max_attempts},
                        {"worker", options_.worker_id}});
  JobOutcome outcome;
  JobContext ctx(
      job, app_, [this, &job] { return ExtendLease(job); }, stopping_);
  try {
    outcome = handlers_.at(job.kind)(ctx);
  } catch (const std::exception& e) {
    outcome = JobOutcome::Retry(std::string("handler threw: ") + e.what());
  } catch (...) {
    outcome = JobOutcome::Retry("handler threw a non-standard exception");
  }
  (void)Finish(job, outcome, SteadyMs() - started);
}

bool JobRunner::ExtendLease(const Job& job) {
  auto extended = app_.db.Exec(
      "UPDATE job SET lease_expires_at = now() + $3::bigint * interval '1 millisecond',"
      " updated_at = now() WHERE id = $1 AND status = 'running' AND locked_by = $2",
      {job.id, job.lock, std::to_string(options_.lease.count())});
  const bool ours = extended.ok() && extended->affected() == 1;
  if (!ours)
    LogWarn("job_heartbeat", {{"jobId", job.id},
                              {"kind", job.kind},
                              {"worker", options_.worker_id},
                              {"error", extended.ok() ? "lease lost" : "database error"}});
  return ours;
}

bool JobRunner::Finish(const Job& job, const JobOutcome& outcome, long long elapsed_ms) {
  using Kind = JobOutcome::Kind;
  const bool spent = job.attempts >= job.max_attempts;
  const bool dead = outcome.kind == Kind::kDead || (outcome.kind == Kind::kRetry && spent);
  const bool ended = outcome.kind == Kind::kSucceeded || dead;
  std::string sql;
  Params params = {job.id, job.lock};
  std::string label;
  milliseconds wait{0};
  if (outcome.kind == Kind::kSucceeded) {
    label = "succeeded";
    sql =
        "UPDATE job SET status = 'succeeded', result = $3::jsonb, lease_expires_at = NULL,"
        " finished_at = now(), updated_at = now()";
    params.push_back(outcome.result.is_null() ? std::nullopt : Param(outcome.result.dump()));
  } else if (dead) {
    label = "dead";
    sql =
        "UPDATE job SET status = 'failed', last_error = $3, lease_expires_at = NULL,"
        " finished_at = now(), updated_at = now()";
    params.push_back(outcome.error);
  } else if (outcome.kind == Kind::kRetry) {
    label = "retry";
    wait = internal::RetryBackoff(job.attempts, options_.backoff_base, options_.backoff_cap,
                                  UnitRandom(), outcome.delay);
    sql =
        "UPDATE job SET status = 'queued', last_error = $3,"
        " run_at = now() + $4::bigint * interval '1 millisecond', locked_by = NULL,"
        " lease_expires_at = NULL, updated_at = now()";
    params.push_back(outcome.error);
    params.push_back(std::to_string(wait.count()));
  } else {
    label = "deferred";
    wait = std::max(outcome.delay, milliseconds(0));
    sql =
        "UPDATE job SET status = 'queued', attempts = GREATEST(attempts - 1, 0),"
        " run_at = now() + $3::bigint * interval '1 millisecond', locked_by = NULL,"
        " lease_expires_at = NULL, updated_at = now()";
    params.push_back(std::to_string(wait.count()));
  }
  // Only this claim may write: after a lost lease another worker owns the row.
  sql += " WHERE id = $1 AND status = 'running' AND locked_by = $2";

  bool ours = false;
  Status status;
  auto on_dead = dead ? death_handlers_.find(job.kind) : death_handlers_.end();
  if ((ended && job.recurring) || on_dead != death_handlers_.end()) {
    // The death is recorded and the next run enqueued with the end of this one, or none happens.
    status = app_.db.Transaction([&](Conn& conn) {
      auto updated = conn.Exec(sql, params);
      if (!updated.ok()) return updated.status();
      ours = updated->affected() == 1;
      if (!ours) return Status::Ok();
      if (on_dead != death_handlers_.end()) {
        Status recorded = on_dead->second(conn, job, outcome.error);
        if (!recorded.ok()) return recorded;
      }
      return ended && job.recurring ? ScheduleNextRuns(conn, {job.id}) : Status::Ok();
    });
  } else {
    auto updated = app_.db.Exec(sql, params);
    status = updated.ok() ? Status::Ok() : updated.status();
    ours = updated.ok() && updated->affected() == 1;
  }

  nlohmann::json fields = {{"jobId", job.id},
                           {"kind", job.kind},
                           {"storeId", StoreField(job.store_id)},
                           {"attempt", job.attempts},
                           {"maxAttempts", job.max_attempts},
                           {"elapsedMs", elapsed_ms},
                           {"worker", options_.worker_id}};
  if (!status.ok()) {
    // The lease will run out and the job run again: delivery is at least once.
    fields["outcome"] = label;
    fields["error"] = "cannot record the outcome: " + status.message();
    LogError("job_finish", fields);
    return false;
  }
  if (!ours) {
    fields["outcome"] = "lease_lost";
    fields["discarded"] = label;
    LogWarn("job_finish", fields);
    return false;
  }
  fields["outcome"] = label;
  if (!outcome.error.empty())
    fields[outcome.kind == Kind::kDefer ? "reason" : "error"] = outcome.error;
  if (wait.count() > 0) fields["retryInMs"] = wait.count();
  const LogLevel level = label == "dead"    ? LogLevel::kError
                         : label == "retry" ? LogLevel::kWarn
                                            : LogLevel::kInfo;
  Log(level, "job_finish", fields);
  return true;
}

}  // namespace vendly::server
