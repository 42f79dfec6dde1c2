// The job queue against a real PostgreSQL: enqueue inside transactions, dedupe, exclusive claims by
// several runners, backoff and death, deferral, expired leases, fencing of a worker that lost its
// lease, recurring jobs, and the runners of `vendly-server worker` and `vendly-server`.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/queue.h"
#include "store/migrate.h"
#include "test_support.h"

namespace vendly::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using vendly::test::ReadFile;
using vendly::test::Sql;
using vendly::test::TestDatabase;

// Polls `done` every 10 ms until it holds or `timeout` passes; returns its last value.
bool WaitFor(const std::function<bool()>& done, milliseconds timeout = milliseconds(10000)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return done();
}

// Calls RunOne until a job ran or `timeout` passed.
bool RunOneWithin(JobRunner& runner, milliseconds timeout = milliseconds(3000)) {
  return WaitFor([&] { return runner.RunOne(); }, timeout);
}

// One database for the suite (creating one per test costs more than the tests); each test starts
// from an empty job table.
class JobsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    database_ = new TestDatabase();
    if (!database_->available()) return;
    Config config;
    config.database_url = database_->url();
    config.token_key = RandomBytes(32);
    config.db_pool_size = 12;
    app_ = new App(config);
    auto migrated = Migrate(app_->db, VENDLY_MIGRATIONS_DIR);
    migrate_error_ = migrated.ok() ? "" : migrated.status().message();
  }
  static void TearDownTestSuite() {
    delete app_;  // closes its connections before the database is dropped
    app_ = nullptr;
    delete database_;
    database_ = nullptr;
  }
  void SetUp() override {
    if (!database_->available()) GTEST_SKIP() << "VENDLY_TEST_DATABASE_URL is not set";
    ASSERT_EQ(migrate_error_, "");
    Sql(db_.url(), "TRUNCATE job");
  }

  // A runner driven by RunOne (no threads) with short intervals.
  JobRunner::Options Fast(const std::string& worker_id = "") {
    JobRunner::Options o;
    o.worker_id = worker_id;
    o.threads = 0;
    o.poll = milliseconds(20);
    o.lease = seconds(5);
    o.backoff_base = milliseconds(200);
    o.backoff_cap = seconds(5);
    return o;
  }

  std::string Enqueue(const JobSpec& spec) {
    auto id = EnqueueJob(app_->db, spec);
    EXPECT_TRUE(id.ok()) << id.status().message();
    return id.ok() ? *id : "";
  }

  static JobSpec Spec(const std::string& kind, int max_attempts = 5) {
    JobSpec spec;
    spec.kind = kind;
    spec.max_attempts = max_attempts;
    return spec;
  }

  // One row of `SELECT <columns> FROM job WHERE id = <id>`.
  std::vector<std::string> Row(const std::string& id, const std::string& columns) {
    auto rows = Sql(db_.url(), "SELECT " + columns + " FROM job WHERE id = '" + id + "'");
    return rows.empty() ? std::vector<std::string>{} : rows[0];
  }
  std::string Scalar(const std::string& sql) {
    auto rows = Sql(db_.url(), sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }

  static inline TestDatabase* database_ = nullptr;
  static inline App* app_ = nullptr;
  static inline std::string migrate_error_;
  const TestDatabase& db_ = *database_;
};

// Waits up to `timeout` for a notification on `conn`; its payload, or nullopt.
std::optional<std::string> NextNotification(PGconn* conn, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    PQconsumeInput(conn);
    if (PGnotify* note = PQnotifies(conn)) {
      std::string payload = note->extra;
      PQfreemem(note);
      return payload;
    }
    auto left =
        std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd fd{PQsocket(conn), POLLIN, 0};
    poll(&fd, 1, int(left.count()));
  }
}

TEST_F(JobsTest, EnqueueInARolledBackTransactionLeavesNoJobAndSendsNoNotification) {
  PGconn* listener = PQconnectdb(db_.url().c_str());
  ASSERT_EQ(PQstatus(listener), CONNECTION_OK);
  PQclear(PQexec(listener, "LISTEN vendly_jobs"));

  std::string seen_inside;
  Status rolled_back = app_->db.Transaction([&](Conn& conn) {
    auto id = EnqueueJob(conn, Spec("noop"));
    EXPECT_TRUE(id.ok()) << id.status().message();
    auto inside = conn.Exec("SELECT count(*) AS n FROM job");
    EXPECT_TRUE(inside.ok());
    if (inside.ok()) seen_inside = inside->Text(0, "n");
    return Status::InvalidRequest("the caller changed its mind");
  });
  EXPECT_FALSE(rolled_back.ok());
  EXPECT_EQ(seen_inside, "1");  // the job existed inside the transaction
  EXPECT_EQ(Scalar("SELECT count(*) FROM job"), "0");
  EXPECT_FALSE(NextNotification(listener, milliseconds(300)).has_value());

  Status committed = app_->db.Transaction([&](Conn& conn) {
    auto id = EnqueueJob(conn, Spec("noop"));
    return id.ok() ? Status::Ok() : id.status();
  });
  EXPECT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(Scalar("SELECT count(*) FROM job WHERE status = 'queued'"), "1");
  EXPECT_EQ(NextNotification(listener, milliseconds(3000)).value_or("<none>"), "noop");
  PQfinish(listener);
}

TEST_F(JobsTest, EnqueueRejectsInvalidSpecs) {
  JobSpec no_kind;
  EXPECT_EQ(EnqueueJob(app_->db, no_kind).status().code(), "invalid_request");
  EXPECT_EQ(EnqueueJob(app_->db, Spec("noop", 0)).status().code(), "invalid_request");
  JobSpec recurring_without_key = Spec("tick");
  recurring_without_key.repeat_every = seconds(60);
  EXPECT_EQ(EnqueueJob(app_->db, recurring_without_key).status().code(), "invalid_request");
  EXPECT_EQ(Scalar("SELECT count(*) FROM job"), "0");
}

TEST_F(JobsTest, DedupeReturnsTheActiveJobUntilItEnds) {
  JobSpec spec = Spec("poll");
  spec.dedupe_key = "poll:conn_1";
  const std::string first = Enqueue(spec);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(Enqueue(spec), first);
  // Inside a caller's transaction too.
  std::string in_tx;
  ASSERT_TRUE(app_->db
                  .Transaction([&](Conn& conn) {
                    auto id = EnqueueJob(conn, spec);
                    if (id.ok()) in_tx = *id;
                    return id.ok() ? Status::Ok() : id.status();
                  })
                  .ok());
  EXPECT_EQ(in_tx, first);
  JobSpec other = spec;
  other.dedupe_key = "poll:conn_2";
  EXPECT_NE(Enqueue(other), first);

  // A running job is still the active one.
  JobRunner runner(*app_, Fast());
  std::string while_running;
  runner.Register("poll", [&](JobContext& ctx) {
    if (ctx.job().id == first) while_running = Enqueue(spec);
    return JobOutcome::Succeeded();
  });
  ASSERT_TRUE(runner.RunOne());
  ASSERT_TRUE(runner.RunOne());
  EXPECT_EQ(while_running, first);
  EXPECT_EQ(Row(first, "status")[0], "succeeded");
  // Once it ended the key is free.
  const std::string next = Enqueue(spec);
  EXPECT_FALSE(next.empty());
  EXPECT_NE(next, first);
  EXPECT_EQ(Scalar("SELECT count(*) FROM job WHERE dedupe_key = 'poll:conn_1'"), "2");
}

TEST_F(JobsTest, ClaimsOnlyRegisteredKindsAndHigherPriorityFirst) {
  const std::string unknown = Enqueue(Spec("not_handled_here"));
  JobSpec low = Spec("work");
  low.payload = {{"n", "low"}};
  JobSpec high = low;
  high.priority = 10;
  high.payload = {{"n", "high"}};
  Enqueue(low);
  Enqueue(high);
  JobRunner runner(*app_, Fast());
  std::vector<std::string> order;
  runner.Register("work", [&](JobContext& ctx) {
    order.push_back(ctx.job().payload["n"]);
    return JobOutcome::Succeeded();
  });
  EXPECT_TRUE(runner.RunOne());
  EXPECT_TRUE(runner.RunOne());
  EXPECT_FALSE(runner.RunOne());
  EXPECT_EQ(order, (std::vector<std::string>{"high", "low"}));
  EXPECT_EQ(Row(unknown, "status, attempts"), (std::vector<std::string>{"queued", "0"}));
}

TEST_F(JobsTest, TwoRunnersNeverRunTheSameJobTwice) {
  SetLogLevel(LogLevel::kWarn);  // 2 lines per job otherwise
  constexpr int kJobs = 200;
  ASSERT_TRUE(app_->db
                  .Transaction([&](Conn& conn) {
                    for (int i = 0; i < kJobs; ++i) {
                      JobSpec spec = Spec("count");
                      spec.payload = {{"i", i}};
                      auto id = EnqueueJob(conn, spec);
                      if (!id.ok()) return id.status();
                    }
                    return Status::Ok();
                  })
                  .ok());

  std::mutex mutex;
  std::map<std::string, int> runs;  // job id -> executions
  std::map<std::string, int> by_runner;
  auto handler_for = [&](const std::string& name) {
    return [&, name](JobContext& ctx) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        ++runs[ctx.job().id];
        ++by_runner[name];
      }
      std::this_thread::sleep_for(milliseconds(1));
      return JobOutcome::Succeeded();
    };
  };
  auto options = Fast();
  options.threads = 3;
  JobRunner a(*app_, options);
  JobRunner b(*app_, options);
  a.Register("count", handler_for("a"));
  b.Register("count", handler_for("b"));
  a.Start();
  b.Start();
  const bool all_done = WaitFor(
      [&] { return Scalar("SELECT count(*) FROM job WHERE status = 'succeeded'") == "200"; },
      milliseconds(15000));
  a.Stop();
  b.Stop();
  SetLogLevel(LogLevel::kInfo);
  EXPECT_TRUE(all_done) << Scalar("SELECT count(*) FROM job WHERE status = 'succeeded'");
  EXPECT_EQ(int(runs.size()), kJobs);
  int total = 0;
  for (const auto& [id, n] : runs) {
    EXPECT_EQ(n, 1) << "job " << id << " ran " << n << " times";
    total += n;
  }
  EXPECT_EQ(total, kJobs);
  EXPECT_EQ(Scalar("SELECT count(*) FROM job WHERE attempts <> 1"), "0");
  std::cout << "runner a ran " << by_runner["a"] << ", runner b ran " << by_runner["b"] << "\n";
}

TEST_F(JobsTest, AThrowingHandlerIsRetriedWithGrowingBackoffThenDeadKeepingTheError) {
  JobRunner runner(*app_, Fast());  // backoff base 200 ms
  std::atomic<int> calls{0};
  runner.Register("flaky", [&](JobContext&) -> JobOutcome {
    ++calls;
    throw std::runtime_error("upstream answered 502");
  });
  const std::string id = Enqueue(Spec("flaky", 3));

  ASSERT_TRUE(runner.RunOne());
  auto row = Row(id,
                 "status, attempts, last_error,"
                 " (extract(epoch FROM run_at - updated_at) * 1000)::int");
  EXPECT_EQ(row[0], "queued");
  EXPECT_EQ(row[1], "1");
  EXPECT_EQ(row[2], "handler threw: upstream answered 502");
  EXPECT_GE(std::stoi(row[3]), 100);  // 200 ms jittered into [100, 200]
  EXPECT_LE(std::stoi(row[3]), 200);
  EXPECT_FALSE(runner.RunOne()) << "ran again before its backoff";

  ASSERT_TRUE(RunOneWithin(runner));
  row = Row(id, "status, attempts, (extract(epoch FROM run_at - updated_at) * 1000)::int");
  EXPECT_EQ(row[0], "queued");
  EXPECT_EQ(row[1], "2");
  EXPECT_GE(std::stoi(row[2]), 200);  // 400 ms jittered into [200, 400]
  EXPECT_LE(std::stoi(row[2]), 400);

  ASSERT_TRUE(RunOneWithin(runner));
  row = Row(id, "status, attempts, last_error, finished_at IS NOT NULL, lease_expires_at");
  EXPECT_EQ(row[0], "failed");
  EXPECT_EQ(row[1], "3");
  EXPECT_EQ(row[2], "handler threw: upstream answered 502");
  EXPECT_EQ(row[3], "t");
  EXPECT_EQ(row[4], "<null>");
  std::this_thread::sleep_for(milliseconds(450));
  EXPECT_FALSE(runner.RunOne()) << "a dead job ran again";
  EXPECT_EQ(calls.load(), 3);
}

TEST_F(JobsTest, DeadOutcomeStopsAtOnceAndRetryHonoursItsFloor) {
  JobRunner runner(*app_, Fast());
  runner.Register("bad", [](JobContext&) { return JobOutcome::Dead("payload has no scanId"); });
  runner.Register("slow_down",
                  [](JobContext&) { return JobOutcome::Retry("rate limited", seconds(30)); });
  const std::string bad = Enqueue(Spec("bad", 5));
  const std::string slow = Enqueue(Spec("slow_down", 5));
  ASSERT_TRUE(runner.RunOne());
  ASSERT_TRUE(runner.RunOne());
  EXPECT_EQ(Row(bad, "status, attempts, last_error"),
            (std::vector<std::string>{"failed", "1", "payload has no scanId"}));
  auto row = Row(slow, "status, (extract(epoch FROM run_at - updated_at))::int");
  EXPECT_EQ(row[0], "queued");
  EXPECT_EQ(row[1], "30");
}

TEST_F(JobsTest, DeferDoesNotConsumeAttempts) {
  JobRunner runner(*app_, Fast());
  std::vector<int> attempts_seen;
  runner.Register("throttled", [&](JobContext& ctx) {
    attempts_seen.push_back(ctx.job().attempts);
    if (attempts_seen.size() == 1) return JobOutcome::Defer(milliseconds(300), "budget spent");
    if (attempts_seen.size() < 4) return JobOutcome::Defer(milliseconds(0));
    return JobOutcome::Succeeded({{"done", true}});
  });
  // One attempt only: a counted deferral would leave none for the real run.
  const std::string id = Enqueue(Spec("throttled", 1));

  ASSERT_TRUE(runner.RunOne());
  EXPECT_EQ(Row(id, "status, attempts, last_error"),
            (std::vector<std::string>{"queued", "0", "<null>"}));
  EXPECT_FALSE(runner.RunOne()) << "ran before the deferral's delay";
  ASSERT_TRUE(RunOneWithin(runner));
  EXPECT_EQ(Row(id, "status, attempts"), (std::vector<std::string>{"queued", "0"}));
  ASSERT_TRUE(runner.RunOne());
  ASSERT_TRUE(runner.RunOne());
  EXPECT_EQ(Row(id, "status, attempts, result->>'done'"),
            (std::vector<std::string>{"succeeded", "1", "true"}));
  EXPECT_EQ(attempts_seen, (std::vector<int>{1, 1, 1, 1}));
}

TEST_F(JobsTest, AJobWhoseLeaseExpiredIsRunAgainAndALiveLeaseIsLeftAlone) {
  const std::string crashed = Enqueue(Spec("work", 3));
  const std::string alive = Enqueue(Spec("work", 3));
  const std::string exhausted = Enqueue(Spec("work", 2));
  // As a worker that claimed them and then died (or is still working, for `alive`) leaves them.
  Sql(db_.url(),
      "UPDATE job SET status = 'running', attempts = 1, locked_by = 'gone-host:1:aa#1',"
      " lease_expires_at = now() - interval '1 second' WHERE id = '" +
          crashed + "'");
  Sql(db_.url(),
      "UPDATE job SET status = 'running', attempts = 1, locked_by = 'busy-host:2:bb#1',"
      " lease_expires_at = now() + interval '1 hour' WHERE id = '" +
          alive + "'");
  Sql(db_.url(),
      "UPDATE job SET status = 'running', attempts = 2, locked_by = 'gone-host:1:aa#2',"
      " lease_expires_at = now() - interval '1 second' WHERE id = '" +
          exhausted + "'");

  JobRunner runner(*app_, Fast());
  std::vector<std::pair<std::string, int>> ran;
  runner.Register("work", [&](JobContext& ctx) {
    ran.emplace_back(ctx.job().id, ctx.job().attempts);
    return JobOutcome::Succeeded();
  });
  ASSERT_TRUE(runner.RunOne());
  EXPECT_FALSE(runner.RunOne());
  ASSERT_EQ(ran.size(), 1u);
  EXPECT_EQ(ran[0], std::make_pair(crashed, 2));
  auto row = Row(crashed, "status, attempts, locked_by, last_error");
  EXPECT_EQ(row[0], "succeeded");
  EXPECT_EQ(row[1], "2");
  EXPECT_EQ(row[2].rfind(runner.worker_id() + "#", 0), 0u) << row[2];
  EXPECT_NE(row[3].find("lease expired"), std::string::npos) << row[3];
  EXPECT_EQ(Row(alive, "status, locked_by"),
            (std::vector<std::string>{"running", "busy-host:2:bb#1"}));
  row = Row(exhausted, "status, attempts, last_error, finished_at IS NOT NULL");
  EXPECT_EQ(row[0], "failed");
  EXPECT_EQ(row[1], "2");
  EXPECT_NE(row[2].find("lease expired: worker gone-host:1:aa#2"), std::string::npos) << row[2];
  EXPECT_EQ(row[3], "t");
}

TEST_F(JobsTest, TheDeathHandlerRunsOnceWhenAJobDiesByOutcomeOrByAnExpiredLease) {
  JobRunner runner(*app_, Fast());
  std::vector<std::pair<std::string, std::string>> deaths;  // job id, error
  auto on_dead = [&](Conn& conn, const Job& job, const std::string& error) -> Status {
    deaths.emplace_back(job.id, error);
    // It runs in the transaction that ends the job: it sees the job dead already.
    auto row = conn.Exec("SELECT status FROM job WHERE id = $1", {job.id});
    EXPECT_TRUE(row.ok() && row->Text(0, "status") == "failed");
    EXPECT_EQ(job.payload.value("owner", ""), "scan_1");
    return Status::Ok();
  };
  runner.Register(
      "failing", [](JobContext&) { return JobOutcome::Retry("Meta is down"); }, on_dead);
  runner.Register(
      "fine", [](JobContext&) { return JobOutcome::Succeeded(); }, on_dead);
  JobSpec failing = Spec("failing", 1);
  failing.payload = {{"owner", "scan_1"}};
  const std::string failed = Enqueue(failing);
  JobSpec fine = Spec("fine", 3);
  fine.payload = {{"owner", "scan_1"}};
  const std::string succeeded = Enqueue(fine);
  JobSpec crashing = Spec("fine", 1);
  crashing.payload = {{"owner", "scan_1"}};
  const std::string crashed = Enqueue(crashing);
  // A worker claimed `crashed` for its only attempt and died.
  Sql(db_.url(),
      "UPDATE job SET status = 'running', attempts = 1, locked_by = 'gone-host:1:aa#1',"
      " lease_expires_at = now() - interval '1 second' WHERE id = '" +
          crashed + "'");

  while (runner.RunOne()) {
  }
  ASSERT_EQ(deaths.size(), 2u);  // not the job that succeeded
  std::map<std::string, std::string> by_id(deaths.begin(), deaths.end());
  EXPECT_EQ(by_id[failed], "Meta is down");
  EXPECT_NE(by_id[crashed].find("lease expired"), std::string::npos) << by_id[crashed];
  EXPECT_EQ(Row(succeeded, "status")[0], "succeeded");

  // A death that cannot be recorded leaves the job to be swept again, not dead unrecorded.
  JobRunner strict(*app_, Fast());
  strict.Register(
      "failing", [](JobContext&) { return JobOutcome::Dead("bad payload"); },
      [](Conn&, const Job&, const std::string&) {
        return Status::Internal("the scan row is locked");
      });
  const std::string unrecorded = Enqueue(Spec("failing", 1));
  ASSERT_TRUE(strict.RunOne());
  EXPECT_EQ(Row(unrecorded, "status")[0], "running");
}

TEST_F(JobsTest, HeartbeatExtendsTheLease) {
  auto options = Fast();
  options.lease = seconds(60);
  JobRunner runner(*app_, options);
  std::string before, after;
  bool beat = false;
  runner.Register("long", [&](JobContext& ctx) {
    Sql(db_.url(), "UPDATE job SET lease_expires_at = now() + interval '1 second' WHERE id = '" +
                       ctx.job().id + "'");
    before = Scalar("SELECT lease_expires_at > now() + interval '30 seconds' FROM job");
    beat = ctx.Heartbeat();
    after = Scalar("SELECT lease_expires_at > now() + interval '30 seconds' FROM job");
    return JobOutcome::Succeeded();
  });
  Enqueue(Spec("long"));
  ASSERT_TRUE(runner.RunOne());
  EXPECT_EQ(before, "f");
  EXPECT_TRUE(beat);
  EXPECT_EQ(after, "t");
}

TEST_F(JobsTest, AWorkerThatLostItsLeaseCannotHeartbeatOrFinish) {
  auto slow_options = Fast("worker-a");
  slow_options.lease = milliseconds(300);
  JobRunner a(*app_, slow_options);
  JobRunner b(*app_, Fast("worker-b"));
  std::promise<void> a_claimed, b_running, a_done;
  auto b_running_future = b_running.get_future().share();
  auto a_done_future = a_done.get_future().share();
  std::atomic<bool> a_early_beat{false}, a_late_beat{true};
  a.Register("contested", [&](JobContext& ctx) {
    a_early_beat = ctx.Heartbeat();
    a_claimed.set_value();
    // Stalls (a GC pause, a hung socket) past its lease while worker b takes the job.
    b_running_future.wait_for(seconds(10));
    a_late_beat = ctx.Heartbeat();
    return JobOutcome::Dead("worker a's late verdict");
  });
  b.Register("contested", [&](JobContext&) {
    b_running.set_value();
    a_done_future.wait_for(seconds(10));
    return JobOutcome::Succeeded({{"by", "b"}});
  });
  const std::string id = Enqueue(Spec("contested"));

  // No ASSERT while the threads run: a failure must still join them.
  std::thread ta([&] { EXPECT_TRUE(a.RunOne()); });
  EXPECT_EQ(a_claimed.get_future().wait_for(seconds(5)), std::future_status::ready);
  EXPECT_TRUE(WaitFor(
      [&] { return Row(id, "lease_expires_at < now()") == std::vector<std::string>{"t"}; }));
  std::thread tb([&] { EXPECT_TRUE(b.RunOne()); });
  ta.join();  // a has finished its run while b holds the job
  auto row = Row(id, "status, locked_by, last_error, attempts");
  EXPECT_EQ(row[0], "running");
  EXPECT_EQ(row[1].rfind("worker-b#", 0), 0u) << row[1];
  EXPECT_EQ(row[2].find("late verdict"), std::string::npos) << row[2];
  EXPECT_EQ(row[3], "2");
  a_done.set_value();
  tb.join();

  EXPECT_TRUE(a_early_beat.load());
  EXPECT_FALSE(a_late_beat.load());
  row = Row(id, "status, result->>'by', locked_by, last_error");
  EXPECT_EQ(row[0], "succeeded");
  EXPECT_EQ(row[1], "b");
  EXPECT_EQ(row[2].rfind("worker-b#", 0), 0u) << row[2];
  EXPECT_EQ(row[3].find("late verdict"), std::string::npos) << row[3];
}

TEST_F(JobsTest, StopAsksTheRunningHandlerToDeferAndReturns) {
  auto options = Fast();
  options.threads = 1;
  JobRunner runner(*app_, options);
  std::atomic<bool> started{false};
  runner.Register("endless", [&](JobContext& ctx) {
    started = true;
    for (int i = 0; i < 1000 && !ctx.stopping(); ++i) std::this_thread::sleep_for(milliseconds(5));
    return JobOutcome::Defer(milliseconds(0), "worker stopping");
  });
  runner.Start();
  const std::string id = Enqueue(Spec("endless", 1));
  ASSERT_TRUE(WaitFor([&] { return started.load(); }));
  const auto stop_began = std::chrono::steady_clock::now();
  runner.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stop_began, seconds(2));
  EXPECT_EQ(Row(id, "status, attempts, locked_by"),
            (std::vector<std::string>{"queued", "0", "<null>"}));
}

TEST_F(JobsTest, ARecurringJobEnqueuesItsNextRunWhenItEnds) {
  auto first = EnsureRecurringJob(app_->db, "expire_drafts", "expire_drafts", seconds(3600));
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto again = EnsureRecurringJob(app_->db, "expire_drafts", "expire_drafts", seconds(600));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(Row(*first, "extract(epoch FROM repeat_every)::int")[0], "600");

  JobRunner runner(*app_, Fast());
  int runs = 0;
  runner.Register("expire_drafts", [&](JobContext&) {
    ++runs;
    return runs == 1 ? JobOutcome::Succeeded() : JobOutcome::Dead("sweep failed");
  });
  ASSERT_TRUE(runner.RunOne());
  EXPECT_FALSE(runner.RunOne());  // the next one is due in 10 minutes
  auto next = Sql(db_.url(),
                  "SELECT id, (extract(epoch FROM run_at - now()))::int FROM job"
                  " WHERE status = 'queued' AND dedupe_key = 'expire_drafts'");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_NE(next[0][0], *first);
  EXPECT_GE(std::stoi(next[0][1]), 590);
  EXPECT_LE(std::stoi(next[0][1]), 600);
  auto ensured = EnsureRecurringJob(app_->db, "expire_drafts", "expire_drafts", seconds(600));
  ASSERT_TRUE(ensured.ok());
  EXPECT_EQ(*ensured, next[0][0]);

  // A dead run does not end the chain either.
  Sql(db_.url(), "UPDATE job SET run_at = now() WHERE id = '" + next[0][0] + "'");
  ASSERT_TRUE(runner.RunOne());
  EXPECT_EQ(Row(next[0][0], "status")[0], "failed");
  EXPECT_EQ(Scalar("SELECT count(*) FROM job WHERE status = 'queued'"), "1");
  EXPECT_EQ(Scalar("SELECT count(*) FROM job"), "3");
}

TEST_F(JobsTest, RegisteringTheServersJobKindsTouchesNoDatabaseAndStartEnsuresTheirChains) {
  JobRunner::Options threaded = Fast();
  threaded.threads = 1;
  JobRunner runner(*app_, threaded);
  RegisterJobHandlers(runner, *app_);
  EXPECT_EQ(Scalar("SELECT count(*) FROM job"), "0") << "registering enqueued something";
  runner.Start();
  runner.Stop();
  const std::string active =
      "SELECT count(*) FROM job WHERE dedupe_key = 'draft_expiry' AND repeat_every IS NOT NULL"
      " AND status IN ('queued', 'running')";
  EXPECT_EQ(Scalar(active), "1");
  JobRunner again(*app_, threaded);
  RegisterJobHandlers(again, *app_);
  again.Start();
  again.Stop();
  EXPECT_EQ(Scalar(active), "1") << "a second start keeps one chain";
}

// ---- The runner in the server binary ------------------------------------------------------------

// Starts `vendly-server <args>` with `env`, stdout and stderr to `log`.
pid_t Spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    FILE* f = std::fopen(log.c_str(), "w");
    if (f) {
      dup2(fileno(f), 1);
      dup2(fileno(f), 2);
    }
    std::vector<char*> argv{const_cast<char*>(VENDLY_SERVER_BIN)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits up to `timeout` for `pid` to exit; its wait status, or -1 (then it is killed).
int WaitExit(pid_t pid, milliseconds timeout) {
  int status = 0;
  const bool exited = WaitFor([&] { return waitpid(pid, &status, WNOHANG) == pid; }, timeout);
  if (exited) return status;
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

TEST_F(JobsTest, WorkerSubcommandRunsJobsAndStopsOnSigterm) {
  const std::string dir = vendly::test::TempDir();
  const std::string log = dir + "/worker.log";
  pid_t pid = Spawn({"worker"},
                    {{"VENDLY_DATABASE_URL", db_.url()},
                     {"VENDLY_DATA_DIR", dir},
                     {"VENDLY_MIGRATIONS_DIR", VENDLY_MIGRATIONS_DIR},
                     {"VENDLY_WORKER_THREADS", "2"}},
                    log);
  ASSERT_GT(pid, 0);
  JobSpec spec = Spec("noop");
  spec.payload = {{"accessToken", "EAAG-not-for-logs"}, {"note", "payload-text-not-for-logs"}};
  const std::string id = Enqueue(spec);
  const bool ran =
      WaitFor([&] { return Row(id, "status") == std::vector<std::string>{"succeeded"}; });
  EXPECT_TRUE(ran) << ReadFile(log);
  EXPECT_EQ(Row(id, "result->>'noop'")[0], "true");

  kill(pid, SIGTERM);
  const int status = WaitExit(pid, milliseconds(5000));
  ASSERT_NE(status, -1) << "the worker did not stop on SIGTERM; log:\n" << ReadFile(log);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << ReadFile(log);
  const std::string text = ReadFile(log);
  for (const char* line : {"\"jobs_start\"", "\"job_start\"", "\"job_finish\"", "\"jobs_stop\""})
    EXPECT_NE(text.find(line), std::string::npos) << line << " missing from\n" << text;
  EXPECT_EQ(text.find("EAAG-not-for-logs"), std::string::npos);
  EXPECT_EQ(text.find("payload-text-not-for-logs"), std::string::npos);
}

TEST_F(JobsTest, WorkerSubcommandRefusesZeroThreads) {
  const std::string dir = vendly::test::TempDir();
  pid_t pid = Spawn({"worker"},
                    {{"VENDLY_DATABASE_URL", db_.url()},
                     {"VENDLY_DATA_DIR", dir},
                     {"VENDLY_MIGRATIONS_DIR", VENDLY_MIGRATIONS_DIR},
                     {"VENDLY_WORKER_THREADS", "0"}},
                    dir + "/worker.log");
  const int status = WaitExit(pid, milliseconds(5000));
  EXPECT_TRUE(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 2)
      << ReadFile(dir + "/worker.log");
}

TEST_F(JobsTest, ServeRunsJobsInProcessUnlessWorkerThreadsIsZero) {
  auto without = vendly::test::StartServer(db_.url(), {{"VENDLY_WORKER_THREADS", "0"}});
  const std::string id = Enqueue(Spec("noop"));
  // A runner would have taken it within milliseconds (NOTIFY), or a poll interval (1 s).
  std::this_thread::sleep_for(milliseconds(1200));
  EXPECT_EQ(Row(id, "status")[0], "queued") << without->log();
  without->process->Stop();

  auto with = vendly::test::StartServer(db_.url(), {{"VENDLY_WORKER_THREADS", "1"}});
  EXPECT_TRUE(WaitFor([&] { return Row(id, "status") == std::vector<std::string>{"succeeded"}; }))
      << with->log();
}

}  // namespace
}  // namespace vendly::server
