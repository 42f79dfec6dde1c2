#include "store/metrics_store.h"

#include <cstdlib>

namespace vendly::server {
namespace {

double Real(const Rows& rows, const char* column) {
  return std::strtod(rows.Text(0, column).c_str(), nullptr);
}

}  // namespace

Result<std::vector<JobQueueFigure>> ReadJobQueue(Db& db) {
  auto rows = db.Exec(
      "SELECT kind,"
      " count(*) FILTER (WHERE status = 'queued' AND run_at <= now()) AS queued,"
      " count(*) FILTER (WHERE status = 'running') AS running,"
      " COALESCE(EXTRACT(EPOCH FROM now() - min(run_at) FILTER"
      "   (WHERE status = 'queued' AND run_at <= now())), 0)::float8 AS oldest"
      " FROM job WHERE status IN ('queued', 'running') GROUP BY kind ORDER BY kind");
  if (!rows.ok()) return rows.status();
  std::vector<JobQueueFigure> out;
  for (int i = 0; i < rows->size(); ++i) {
    JobQueueFigure f;
    f.kind = rows->Text(i, "kind");
    f.queued = rows->Int(i, "queued");
    f.running = rows->Int(i, "running");
    f.oldest_due_seconds = std::strtod(rows->Text(i, "oldest").c_str(), nullptr);
    out.push_back(std::move(f));
  }
  return out;
}

Result<ProductFigures> ReadProductFigures(Db& db) {
  auto rows = db.Exec(
      "WITH s AS (SELECT * FROM instagram_sync_history"
      "   WHERE completed_at > now() - interval '24 hours'"
      "     AND status IN ('success', 'partial_success', 'failed')),"
      " d AS (SELECT * FROM product_draft WHERE created_at > now() - interval '24 hours'),"
      " a AS (SELECT * FROM product_draft WHERE approval_status = 'approved'"
      "   AND approved_at > now() - interval '7 days'),"
      " j AS (SELECT status FROM job WHERE finished_at > now() - interval '24 hours'"
      "   AND status IN ('succeeded', 'failed'))"
      " SELECT"
      " (SELECT count(*) FROM s WHERE status = 'success') AS syncs_success,"
      " (SELECT count(*) FROM s WHERE status = 'partial_success') AS syncs_partial,"
      " (SELECT count(*) FROM s WHERE status = 'failed') AS syncs_failed,"
      " (SELECT COALESCE(sum(total_processed), 0) FROM s) AS posts_processed,"
      " (SELECT COALESCE(sum(products_failed), 0) FROM s) AS posts_failed,"
      " (SELECT COALESCE(sum(api_calls_used), 0) FROM s) AS api_calls,"
      " (SELECT count(*) FROM d) AS drafts_created,"
      " (SELECT COALESCE(sum(confidence), 0)::float8 FROM d) AS confidence_sum,"
      " (SELECT count(*) FROM a) AS approved,"
      " (SELECT count(*) FROM a WHERE seller_edits IS NOT NULL"
      "   AND seller_edits NOT IN ('{}'::jsonb, 'null'::jsonb)) AS approved_edited,"
      " (SELECT count(*) FROM product_draft WHERE approval_status = 'rejected'"
      "   AND rejected_at > now() - interval '7 days') AS rejected,"
      " (SELECT COALESCE(sum(EXTRACT(EPOCH FROM approved_at - created_at)), 0)::float8 FROM a)"
      "   AS approval_seconds,"
      " (SELECT count(*) FROM j) AS jobs_finished,"
      " (SELECT count(*) FROM j WHERE status = 'failed') AS jobs_failed");
  if (!rows.ok()) return rows.status();
  ProductFigures f;
  f.syncs_success = rows->Int(0, "syncs_success");
  f.syncs_partial = rows->Int(0, "syncs_partial");
  f.syncs_failed = rows->Int(0, "syncs_failed");
  f.sync_posts_processed = rows->Int(0, "posts_processed");
  f.sync_posts_failed = rows->Int(0, "posts_failed");
  f.sync_api_calls = rows->Int(0, "api_calls");
  f.drafts_created = rows->Int(0, "drafts_created");
  f.drafts_confidence_sum = Real(*rows, "confidence_sum");
  f.drafts_approved = rows->Int(0, "approved");
  f.drafts_approved_edited = rows->Int(0, "approved_edited");
  f.drafts_rejected = rows->Int(0, "rejected");
  f.approval_seconds_sum = Real(*rows, "approval_seconds");
  f.jobs_finished = rows->Int(0, "jobs_finished");
  f.jobs_failed = rows->Int(0, "jobs_failed");
  return f;
}

}  // namespace vendly::server
