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

nlohmann::json StoreField(const std::optional<std::string>& store_id) {
  return store_id ? nlohmann::json(*store_id) : nlohmann::json(nullptr);
}

}  // namespace

// ---- Producers ------------------------------------------------------------------------------

Result<std::string> EnqueueJob(Conn& conn, const JobSpec& spec) {
  if (spec.kind.empty()) return Status::InvalidRequest("job kind is empty");
  if (spec.max_attempts < 1) return Status::InvalidRequest("job max_attempts must be at least 1");
  if (spec.delay.count() < 0) return Status::InvalidRequest("job delay is negative");
  if (spec.repeat_every && (!spec.dedupe_key || spec.repeat_every->count() <= 0))
    return Status::InvalidRequest("a recurring job needs a dedupe key and a positive interval");
  // A dedupe hit can finish between the INSERT and the SELECT; then the key is free again.
  for (int round = 0; round < 3; ++round) {
    auto inserted = InsertJob(conn, spec);
    if (!inserted.ok()) return inserted.status();
    if (*inserted) {
      Status notified = NotifyJobChannel(conn, kChannel, spec.kind);
      if (!notified.ok()) return notified;
      return **inserted;
    }
    if (!spec.dedupe_key) return Status::Internal("a job without a dedupe key was not inserted");
    auto active = ActiveJobId(conn, *spec.dedupe_key);
    if (!active.ok()) return active.status();
    if (*active) return **active;
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
    return SetJobInterval(conn, id, every);
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
}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Register(const std::string& kind, JobHandler handler, JobDeathHandler on_dead) {
  handlers_[kind] = std::move(handler);
  if (on_dead) death_handlers_[kind] = std::move(on_dead);
  kinds_.clear();
  for (const auto& entry : handlers_) kinds_.push_back(entry.first);
}

void JobRunner::Schedule(const std::string& kind, std::chrono::seconds every,
                         nlohmann::json payload) {
  schedules_.push_back({kind, every, std::move(payload)});
}

void JobRunner::EnsureSchedules() {
  for (const Scheduled& chain : schedules_) {
    auto ensured = EnsureRecurringJob(app_.db, chain.kind, chain.kind, chain.every, chain.payload);
    if (!ensured.ok())
      LogWarn(chain.kind + "_enqueue_failed", {{"error", ensured.status().message()}});
  }
}

void JobRunner::Start() {
  if (options_.threads == 0 || !threads_.empty()) return;
  stopping_ = false;
  EnsureSchedules();
  LogInfo("jobs_start",
          {{"worker", options_.worker_id}, {"threads", options_.threads}, {"kinds", kinds_}});
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
    auto swept = SweepExpiredLeases(conn, kReclaimBatch);
    if (!swept.ok()) return swept.status();
    std::vector<std::string> ended_recurring;
    for (const ExpiredJob& expired : *swept) {
      const Job& job = expired.job;
      if (expired.dead && death_handlers_.count(job.kind)) {
        // One death that cannot be recorded must not hold back the rest of the sweep.
        Status recorded = WithSavepoint(conn, "job_death",
                                        [&] { return RecordDeath(conn, job, expired.last_error); });
        if (!recorded.ok())
          LogError("job_death",
                   {{"jobId", job.id}, {"kind", job.kind}, {"error", recorded.message()}});
      }
      Log(expired.dead ? LogLevel::kError : LogLevel::kWarn, "job_lease_expired",
          {{"jobId", job.id},
           {"kind", job.kind},
           {"storeId", StoreField(job.store_id)},
           {"attempt", job.attempts},
           {"maxAttempts", job.max_attempts},
           {"outcome", expired.dead ? "dead" : "requeued"},
           {"worker", options_.worker_id}});
      if (expired.dead && job.recurring) ended_recurring.push_back(job.id);
    }
    if (ended_recurring.empty()) return Status::Ok();
    return ScheduleNextRuns(conn, ended_recurring);
  });
  if (!status.ok())
    LogWarn("job_reclaim", {{"error", status.message()}, {"worker", options_.worker_id}});
}

std::optional<Job> JobRunner::Claim() {
  const std::string lock = options_.worker_id + "#" + std::to_string(++claims_);
  return ClaimJob(app_.db, kinds_, lock, options_.lease);
}

Status JobRunner::RecordDeath(Conn& conn, const Job& job, const std::string& error) {
  auto on_dead = death_handlers_.find(job.kind);
  return on_dead == death_handlers_.end() ? Status::Ok() : on_dead->second(conn, job, error);
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
  auto extended = ExtendJobLease(app_.db, job, options_.lease);
  const bool ours = extended.ok() && *extended;
  if (!ours)
    LogWarn("job_heartbeat", {{"jobId", job.id},
                              {"kind", job.kind},
                              {"worker", options_.worker_id},
                              {"error", extended.ok() ? "lease lost" : "database error"}});
  return ours;
}

Result<bool> JobRunner::Record(const Job& job, const JobOutcome& outcome, bool dead, bool ended,
                               milliseconds* wait) {
  using Kind = JobOutcome::Kind;
  auto write = [&](Conn& conn) -> Result<bool> {
    if (outcome.kind == Kind::kSucceeded) return MarkJobSucceeded(conn, job, outcome.result);
    if (dead) return MarkJobDead(conn, job, outcome.error);
    if (outcome.kind == Kind::kRetry) {
      *wait = internal::RetryBackoff(job.attempts, options_.backoff_base, options_.backoff_cap,
                                     UnitRandom(), outcome.delay);
      return RequeueJob(conn, job, outcome.error, *wait);
    }
    *wait = std::max(outcome.delay, milliseconds(0));
    return DeferJob(conn, job, *wait);
  };
  const bool has_death = dead && death_handlers_.count(job.kind);
  if (!(ended && job.recurring) && !has_death) {
    Status error;
    auto conn = app_.db.Borrow(&error);
    if (!conn) return error;
    return write(*conn);
  }
  // The death is recorded and the next run enqueued with the end of this one, or none happens.
  bool ours = false;
  Status status = app_.db.Transaction([&](Conn& conn) -> Status {
    auto written = write(conn);
    if (!written.ok()) return written.status();
    ours = *written;
    if (!ours) return Status::Ok();
    if (has_death) {
      Status recorded = RecordDeath(conn, job, outcome.error);
      if (!recorded.ok()) return recorded;
    }
    return ended && job.recurring ? ScheduleNextRuns(conn, {job.id}) : Status::Ok();
  });
  if (!status.ok()) return status;
  return ours;
}

bool JobRunner::Finish(const Job& job, const JobOutcome& outcome, long long elapsed_ms) {
  using Kind = JobOutcome::Kind;
  const bool spent = job.attempts >= job.max_attempts;
  const bool dead = outcome.kind == Kind::kDead || (outcome.kind == Kind::kRetry && spent);
  const bool ended = outcome.kind == Kind::kSucceeded || dead;
  const std::string label = outcome.kind == Kind::kSucceeded ? "succeeded"
                            : dead                           ? "dead"
                            : outcome.kind == Kind::kRetry   ? "retry"
                                                             : "deferred";
  milliseconds wait{0};
  auto recorded = Record(job, outcome, dead, ended, &wait);

  nlohmann::json fields = {{"jobId", job.id},
                           {"kind", job.kind},
                           {"storeId", StoreField(job.store_id)},
                           {"attempt", job.attempts},
                           {"maxAttempts", job.max_attempts},
                           {"elapsedMs", elapsed_ms},
                           {"worker", options_.worker_id}};
  if (!recorded.ok()) {
    // The lease will run out and the job run again: delivery is at least once.
    fields["outcome"] = label;
    fields["error"] = "cannot record the outcome: " + recorded.status().message();
    LogError("job_finish", fields);
    return false;
  }
  if (!*recorded) {
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
