// Housekeeping against the real vendly-server and PostgreSQL: the "retention" job deletes finished
// jobs past VENDLY_JOB_RETENTION_DAYS and processed webhook events past
// VENDLY_WEBHOOK_RETENTION_DAYS, in batches of VENDLY_RETENTION_BATCH_SIZE within one run, and
// leaves queued and running jobs and unprocessed events alone however old they are.
#include <gtest/gtest.h>

#include "test_support.h"

namespace vendly::test {
namespace {

class RetentionTest : public IntegrationTest<RetentionTest> {
 protected:
  std::string Scalar(const std::string& sql) {
    auto rows = Sql(db_->url(), sql);
    return rows.empty() || rows[0].empty() ? "<none>" : rows[0][0];
  }

  // Applies the migrations with `vendly-server migrate`, so rows can be seeded before a server
  // (and its first retention run, due at start) exists.
  void Migrate() {
    ChildProcess migrate({VENDLY_SERVER_BIN, "migrate"},
                         {{"VENDLY_DATABASE_URL", db_->url()},
                          {"VENDLY_MIGRATIONS_DIR", VENDLY_MIGRATIONS_DIR},
                          {"VENDLY_DATA_DIR", TempDir()}},
                         "/dev/null");
    for (int i = 0; i < 300 && migrate.running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(Scalar("SELECT count(*) FROM schema_migrations WHERE version::int = 9"), "1");
  }

  // A job named `id` of an unregistered kind (no worker claims it), `status`, finished `finished`
  // ago (an interval, or NULL) and created 400 days ago.
  static std::string Job(const std::string& id, const std::string& status,
                         const std::string& finished) {
    const std::string end = finished == "NULL" ? "NULL" : "now() - interval '" + finished + "'";
    return "INSERT INTO job (id, kind, status, created_at, run_at, finished_at, lease_expires_at)"
           " VALUES ('" +
           id + "', 'retention_probe', '" + status +
           "', now() - interval '400 days', now() - interval '400 days', " + end + ", CASE WHEN '" +
           status + "' = 'running' THEN now() + interval '1 hour' END);";
  }
  static std::string Event(const std::string& id, const std::string& status,
                           const std::string& processed) {
    const std::string end = processed == "NULL" ? "NULL" : "now() - interval '" + processed + "'";
    return "INSERT INTO instagram_webhook_event (id, webhook_id, dedupe_key, event_type, field,"
           " ig_user_id, raw_payload, processing_status, processed_at, received_at) VALUES ('" +
           id + "', 'delivery', 'key-" + id +
           "', 'comments', 'comments', '17841400000000001',"
           " '{}', '" +
           status + "', " + end + ", now() - interval '400 days');";
  }
};

TEST_F(RetentionTest, DeletesOnlyFinishedJobsAndProcessedEventsPastTheirRetentionInBatches) {
  Migrate();
  if (HasFatalFailure()) return;
  // One statement string: one transaction, so the first run sees all of it.
  std::string seed;
  // Past the 14 days: deleted (5 jobs, more than two batches of 2).
  seed += Job("job_old_ok1", "succeeded", "15 days") + Job("job_old_ok2", "succeeded", "40 days");
  seed +=
      Job("job_old_failed", "failed", "15 days") + Job("job_old_cancel", "cancelled", "20 days");
  seed += Job("job_old_ok3", "succeeded", "14 days 1 hour");
  // Kept: finished within the retention; queued and running however old (a running job that
  // carries an old finished_at, as no code writes, still stays: the status decides first).
  seed +=
      Job("job_recent", "succeeded", "13 days 23 hours") + Job("job_recent_f", "failed", "1 day");
  seed += Job("job_queued", "queued", "NULL") + Job("job_running", "running", "NULL");
  seed += Job("job_running_stale", "running", "100 days");
  seed += Job("job_queued_stale", "queued", "100 days");
  // Events past the 30 days: deleted (4, two batches).
  seed +=
      Event("whe_old_done", "completed", "31 days") + Event("whe_old_ign", "ignored", "45 days");
  seed +=
      Event("whe_old_fail", "failed", "31 days") + Event("whe_old_done2", "completed", "90 days");
  // Kept: processed within 30 days; pending and processing ones however old (a failed event taken
  // up again is 'processing' and keeps its old processed_at; one retried goes back to 'pending').
  seed += Event("whe_recent", "completed", "29 days") + Event("whe_pending", "pending", "NULL");
  seed += Event("whe_retaken", "processing", "60 days") + Event("whe_retry", "pending", "60 days");
  Sql(db_->url(), seed);
  ASSERT_EQ(Scalar("SELECT count(*) FROM job"), "11");
  ASSERT_EQ(Scalar("SELECT count(*) FROM instagram_webhook_event"), "8");

  server_ = StartServer(db_->url(), {{"VENDLY_JOB_RETENTION_DAYS", "14"},
                                     {"VENDLY_WEBHOOK_RETENTION_DAYS", "30"},
                                     {"VENDLY_RETENTION_INTERVAL_SECONDS", "3600"},
                                     {"VENDLY_RETENTION_BATCH_SIZE", "2"}});
  const std::string run =
      "SELECT result::text FROM job WHERE kind = 'retention' AND status = 'succeeded'";
  for (int i = 0; i < 200 && Scalar(run) == "<none>"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  // One run, due at start, went through every batch.
  EXPECT_EQ(json::parse(Scalar(run), nullptr, false),
            json({{"jobsDeleted", 5}, {"webhookEventsDeleted", 4}}))
      << server_->log();
  EXPECT_EQ(
      Scalar("SELECT string_agg(id, ',' ORDER BY id) FROM job WHERE kind = 'retention_probe'"),
      "job_queued,job_queued_stale,job_recent,job_recent_f,job_running,job_running_stale");
  EXPECT_EQ(Scalar("SELECT string_agg(id, ',' ORDER BY id) FROM instagram_webhook_event"),
            "whe_pending,whe_recent,whe_retaken,whe_retry");
  const std::string log = server_->log();
  EXPECT_NE(log.find("\"operation\":\"retention\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"jobsDeleted\":5"), std::string::npos) << log;
  // The next run is chained an interval later, and the chain stays single.
  EXPECT_EQ(Scalar("SELECT count(*) FROM job WHERE kind = 'retention' AND status = 'queued'"
                   " AND run_at > now() + interval '3500 seconds'"),
            "1");
}

}  // namespace
}  // namespace vendly::test
