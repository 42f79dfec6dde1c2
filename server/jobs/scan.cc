// US-4, bulk import: POST /api/instagram/scan creates a sync-history row and enqueues a "scan" job
// in one transaction; the job lists the account's media (100 per call, carousel children expanded),
// then writes drafts a chunk of posts per transaction. Each finished post leaves a scan_item row in
// that same transaction, so a scan that dies (the worker killed, a throttle, a deploy) resumes by
// skipping the posts it has rows for, and its counters are counts of those rows.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "app/app.h"
#include "app/log.h"
#include "jobs/graph_errors.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"
#include "routes/catalog.h"

namespace vendly::server {
namespace {

constexpr int kMaxLimit = 10000;
constexpr std::size_t kPostsPerTransaction = 50;
constexpr int kDefaultDraftsInResponse = 100;

// The plan's status names for a sync-history status.
const char* ScanStatus(const std::string& sync_status) {
  if (sync_status == "queued") return "queued";
  if (sync_status == "processing") return "processing";
  if (sync_status == "success" || sync_status == "partial_success") return "completed";
  return "failed";
}

int EstimateSeconds(int posts) { return std::max(2, posts / 100 + 1); }

// ---- POST /api/instagram/scan, GET /api/instagram/scan/:scanId

Json ScanJson(Conn& conn, const Rows& scan, int drafts_limit, Status* error) {
  Json metadata = Json::parse(scan.Text(0, "metadata").empty() ? "{}" : scan.Text(0, "metadata"),
                              nullptr, false);
  if (!metadata.is_object()) metadata = Json::object();
  const long long total = scan.Int(0, "total_media");
  const long long processed = scan.Int(0, "total_processed");
  Json eta = nullptr;
  const std::string status = scan.Text(0, "status");
  if (status == "queued") {
    eta =
        EstimateSeconds(static_cast<int>(Json::parse(scan.Text(0, "request")).value("limit", 100)));
  } else if (status == "processing") {
    const double elapsed = std::strtod(scan.Text(0, "processing_seconds").c_str(), nullptr);
    if (processed > 0 && total >= processed)
      eta = static_cast<long long>(std::ceil(elapsed / processed * (total - processed)));
    else
      eta = EstimateSeconds(static_cast<int>(total));
  } else {
    eta = 0;
  }
  Json body = {
      {"scanId", scan.Text(0, "id")},
      {"status", ScanStatus(status)},
      {"syncStatus", status},
      {"progress",
       {{"totalMedia", total},
        {"processed", processed},
        {"draftsCreated", scan.Int(0, "drafts_created")},
        {"productsImported", scan.Int(0, "products_imported")},
        {"skipped", scan.Int(0, "products_skipped")},
        {"failed", scan.Int(0, "products_failed")}}},
      {"estimatedTimeRemaining", eta},
      {"startedAt", scan.Text(0, "started_at")},
      {"completedAt", scan.Get(0, "completed_at") ? Json(scan.Text(0, "completed_at")) : Json()},
      {"apiCallsUsed",
       scan.Get(0, "api_calls_used") ? Json(scan.Int(0, "api_calls_used")) : Json()},
      {"error", metadata.contains("error") ? metadata["error"] : Json()},
      {"drafts", Json::array()},
      {"draftsTotal", 0}};
  auto drafts =
      conn.Exec(std::string("SELECT ") + kDraftColumns +
                    ", count(*) OVER () AS total FROM product_draft d"
                    " WHERE d.sync_history_id = $1 AND d.store_id = $2"
                    " ORDER BY d.ig_timestamp DESC, d.item_index LIMIT $3::int",
                {scan.Text(0, "id"), scan.Text(0, "store_id"), std::to_string(drafts_limit)});
  if (!drafts.ok()) {
    *error = drafts.status();
    return body;
  }
  for (int i = 0; i < drafts->size(); ++i) body["drafts"].push_back(DraftJson(*drafts, i));
  if (!drafts->empty()) {
    body["draftsTotal"] = drafts->Int(0, "total");
  } else {
    auto count = conn.Exec("SELECT count(*) AS n FROM product_draft WHERE sync_history_id = $1",
                           {scan.Text(0, "id")});
    if (count.ok()) body["draftsTotal"] = count->Int(0, "n");
  }
  return body;
}

const char kScanSelect[] =
    "SELECT id, store_id, status, request, total_media, total_processed, drafts_created,"
    " products_imported, products_skipped, products_failed, api_calls_used, metadata,"
    " iso_utc(started_at) AS started_at, iso_utc(completed_at) AS completed_at,"
    " extract(epoch FROM now() - COALESCE((metadata->>'processingStartedAt')::timestamptz,"
    " started_at)) AS processing_seconds FROM instagram_sync_history";

void StartScan(App& app, RequestContext& ctx) {
  const Session& s = *ctx.session;
  auto body = ParseJsonObject(ctx.req);
  if (!body.ok()) {
    if (ctx.req.body.empty())
      body = Json::object();
    else
      return SendError(ctx.res, body.status());
  }
  Json request = {
      {"limit", 100}, {"includeVideos", false}, {"includeCarousels", true}, {"since", nullptr}};
  if (body->contains("limit") && !(*body)["limit"].is_null()) {
    const Json& v = (*body)["limit"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kMaxLimit)
      return SendError(ctx.res, Status::InvalidRequest("limit must be a whole number from 1 to " +
                                                       std::to_string(kMaxLimit)));
    request["limit"] = v;
  }
  for (const char* flag : {"includeVideos", "includeCarousels"}) {
    auto v = OptionalBool(*body, flag);
    if (!v.ok()) return SendError(ctx.res, v.status());
    if (*v) request[flag] = **v;
  }
  if (body->contains("since") && !(*body)["since"].is_null()) {
    const Json& v = (*body)["since"];
    if (!v.is_string() || !ParseTimestamp(v.get<std::string>()))
      return SendError(
          ctx.res,
          Status::InvalidRequest("since must be an ISO 8601 date or date-time, like 2026-05-01"));
    request["since"] = v;
  }

  Json answer;
  int http_status = 202;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    // The connection row serialises scans of one account: one scan at a time.
    auto c = conn.Exec("SELECT id, status FROM instagram_connection WHERE store_id = $1 FOR UPDATE",
                       {s.store_id});
    if (!c.ok()) return c.status();
    if (c->empty()) return Status::Conflict("not_connected", "connect an Instagram account first");
    if (c->Text(0, "status") != "active")
      return Status::Conflict("connection_expired",
                              "the Instagram connection needs attention: reconnect it, then scan");
    const std::string connection_id = c->Text(0, "id");
    auto running =
        conn.Exec(std::string(kScanSelect) +
                      " WHERE connection_id = $1 AND sync_type = 'bulk_import'"
                      " AND status IN ('queued', 'processing') ORDER BY created_at DESC LIMIT 1",
                  {connection_id});
    if (!running.ok()) return running.status();
    if (!running->empty()) {
      Status inner;
      answer = ScanJson(conn, *running, 0, &inner);
      answer["alreadyRunning"] = true;
      answer.erase("drafts");
      http_status = 200;
      return inner;
    }
    auto scan = conn.Exec(
        "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
        " status, request) VALUES ($1, $2, 'bulk_import', 'user_initiated', 'queued', $3::jsonb)"
        " RETURNING id",
        {s.store_id, connection_id, request.dump()});
    if (!scan.ok()) return scan.status();
    const std::string scan_id = scan->Text(0, "id");
    JobSpec job;
    job.kind = "scan";
    job.store_id = s.store_id;
    job.payload = {{"scanId", scan_id}, {"storeId", s.store_id}, {"connectionId", connection_id}};
    job.dedupe_key = "scan:" + scan_id;
    job.priority = 10;
    // A scan resumes where it stopped, so a retry costs little: allow many (a crashed worker's
    // run counts as an attempt).
    job.max_attempts = 25;
    auto queued = EnqueueJob(conn, job);
    if (!queued.ok()) return queued.status();
    answer = {{"scanId", scan_id},
              {"status", "queued"},
              {"estimatedTime", EstimateSeconds(request["limit"].get<int>())}};
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  if (http_status == 202)
    LogInfo("scan_requested",
            {{"storeId", s.store_id}, {"scanId", answer["scanId"]}, {"request", request}});
  SendJson(ctx.res, http_status, answer);
}

void GetScan(App& app, RequestContext& ctx) {
  const std::string scan_id = ctx.req.matches[1];
  int drafts_limit = kDefaultDraftsInResponse;
  if (ctx.req.has_param("draftsLimit")) {
    const std::string v = ctx.req.get_param_value("draftsLimit");
    if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(v) > 500)
      return SendError(ctx.res,
                       Status::InvalidRequest("draftsLimit must be a number from 0 to 500"));
    drafts_limit = std::stoi(v);
  }
  Status error;
  auto conn = app.db.Borrow(&error);
  if (!conn) return SendError(ctx.res, error);
  auto scan = conn->Exec(
      std::string(kScanSelect) + " WHERE id = $1 AND store_id = $2 AND sync_type = 'bulk_import'",
      {scan_id, ctx.session->store_id});
  if (!scan.ok()) return SendError(ctx.res, scan.status());
  if (scan->empty()) return SendError(ctx.res, Status::NotFound("scan not found"));
  Json body = ScanJson(*conn, *scan, drafts_limit, &error);
  if (!error.ok()) return SendError(ctx.res, error);
  SendJson(ctx.res, 200, body);
}

// ---- The scan job

struct ScanRun {
  std::string scan_id, store_id, connection_id;
};

// Ends the scan (unless it ended before: a re-run after a crash) and tells the seller.
Status FinishScan(Conn& conn, const ScanRun& run, const std::string& status, const Json& error,
                  int api_calls) {
  auto upd = conn.Exec(
      "UPDATE instagram_sync_history SET status = $2, completed_at = now(),"
      " duration_ms = (extract(epoch FROM now() - started_at) * 1000)::int,"
      " api_calls_used = COALESCE(api_calls_used, 0) + $3::int,"
      " metadata = COALESCE(metadata, '{}'::jsonb) || jsonb_build_object('error', $4::jsonb)"
      " WHERE id = $1 AND status IN ('queued', 'processing')"
      " RETURNING drafts_created, products_imported, products_skipped, products_failed, "
      "total_processed",
      {run.scan_id, status, std::to_string(api_calls), error.dump()});
  if (!upd.ok()) return upd.status();
  if (upd->empty()) return Status::Ok();  // finished before (a re-run after a crash)
  const long long drafts = upd->Int(0, "drafts_created");
  const long long products = upd->Int(0, "products_imported");
  Json data = {{"scanId", run.scan_id}, {"draftsCreated", drafts}, {"productsImported", products}};
  if (status == "failed")
    return Notify(conn, run.store_id, "scan_failed", "Instagram scan stopped",
                  error.is_object() ? error.value("message", "") : "", data);
  std::string body = std::to_string(drafts) + (drafts == 1 ? " product draft" : " product drafts") +
                     " ready to review from " + std::to_string(upd->Int(0, "total_processed")) +
                     " posts";
  if (products > 0) body += "; " + std::to_string(products) + " approved automatically";
  if (upd->Int(0, "products_failed") > 0)
    body += "; " + std::to_string(upd->Int(0, "products_failed")) + " posts could not be read";
  return Notify(conn, run.store_id, "scan_completed", "Instagram scan finished", body + ".", data);
}

Status FinishScan(Db& db, const ScanRun& run, const std::string& status, const Json& error,
                  int api_calls) {
  return db.Transaction(
      [&](Conn& conn) { return FinishScan(conn, run, status, error, api_calls); });
}

ScanRun RunOf(const Job& job) {
  const Json& p = job.payload;
  if (!p.is_object()) return {};
  return {p.value("scanId", ""), p.value("storeId", ""), p.value("connectionId", "")};
}

// The scan's job died (its attempts spent, for instance by a worker crashing each time): the scan
// is over, failed, so that its seller sees why and can scan again (a new scan resumes nothing, but
// rescanning a post never duplicates its drafts).
Status ScanDied(Conn& conn, const Job& job, const std::string& error) {
  LogError("scan_stopped", {{"jobId", job.id}, {"scanId", RunOf(job).scan_id}, {"error", error}});
  return FinishScan(conn, RunOf(job), "failed",
                    {{"code", "scan_stopped"},
                     {"message", "the scan stopped after repeated failures; start it again"}},
                    0);
}

JobOutcome RunScan(JobContext& ctx) {
  App& app = ctx.app();
  const ScanRun run = RunOf(ctx.job());
  if (run.scan_id.empty() || run.store_id.empty())
    return JobOutcome::Dead("scan job without scanId");

  auto scan = app.db.Exec(
      "SELECT status, request FROM instagram_sync_history WHERE id = $1 AND store_id = $2",
      {run.scan_id, run.store_id});
  if (!scan.ok()) return JobOutcome::Retry(scan.status().message());
  if (scan->empty()) return JobOutcome::Dead("scan not found");
  const std::string status = scan->Text(0, "status");
  if (status != "queued" && status != "processing") return JobOutcome::Succeeded();
  const Json request = Json::parse(scan->Text(0, "request"), nullptr, false);
  const int limit = request.is_object() ? request.value("limit", 100) : 100;
  const bool videos = request.is_object() && request.value("includeVideos", false);
  const bool carousels = !request.is_object() || request.value("includeCarousels", true);
  std::optional<long long> since;
  if (request.is_object() && request.contains("since") && request["since"].is_string())
    since = ParseTimestamp(request["since"].get<std::string>());

  auto started = app.db.Exec(
      "UPDATE instagram_sync_history SET status = 'processing', metadata = COALESCE(metadata,"
      " '{}'::jsonb) || jsonb_build_object('processingStartedAt', COALESCE(metadata->>"
      "'processingStartedAt', now()::text), 'attempts', $3::int) WHERE id = $1 AND store_id = $2",
      {run.scan_id, run.store_id, std::to_string(ctx.job().attempts)});
  if (!started.ok()) return JobOutcome::Retry(started.status().message());

  auto connection = LoadConnection(app, run.store_id);
  if (!connection.ok() && connection.status().is_server_error())
    return JobOutcome::Retry(connection.status().message());  // database down, wrong token key
  if (!connection.ok() || connection->id != run.connection_id || connection->status != "active") {
    Json error = {{"code", "connection_expired"},
                  {"message", "the Instagram connection was removed or needs reconnecting"}};
    Status done = FinishScan(app.db, run, "failed", error, 0);
    if (!done.ok()) return JobOutcome::Retry(done.message());
    return JobOutcome::Dead("connection not active");
  }

  // 1. The listing, newest first, until `limit` posts pass the filters or `since` is passed.
  auto platform = app.new_platform();
  std::vector<MediaItem> posts;
  bool lost_lease = false;
  auto listed =
      platform->ForEachMedia(connection->ig_user_id, connection->access_token, std::min(limit, 100),
                             [&](const std::vector<MediaItem>& page) {
                               for (const auto& item : page) {
                                 if (since) {
                                   auto ts = ParseTimestamp(item.timestamp);
                                   if (ts && *ts < *since) return false;
                                 }
                                 if (item.media_type == "VIDEO" && !videos) continue;
                                 if (item.media_type == "CAROUSEL_ALBUM" && !carousels) continue;
                                 posts.push_back(item);
                                 if (static_cast<int>(posts.size()) >= limit) return false;
                               }
                               if (!ctx.Heartbeat()) {
                                 lost_lease = true;
                                 return false;
                               }
                               return !ctx.stopping();
                             });
  const int calls = platform->graph().calls_made();
  if (lost_lease) return JobOutcome::Retry("lease lost during the listing");
  if (!listed.ok()) {
    (void)app.db.Exec(
        "UPDATE instagram_sync_history SET api_calls_used = COALESCE(api_calls_used, 0) + $2::int"
        " WHERE id = $1",
        {run.scan_id, std::to_string(calls)});
    GraphErrorHandling handled = HandleGraphError(ctx, *connection, listed.error, "listing failed");
    const vendly::GraphErrorDecision& d = handled.decision;
    if (d.action == vendly::GraphAction::kDead ||
        d.action == vendly::GraphAction::kConnectionExpired) {
      Status done =
          FinishScan(app.db, run, "failed", {{"code", d.code}, {"message", d.message}}, 0);
      if (!done.ok()) return JobOutcome::Retry(done.message());
    }
    return handled.outcome;
  }
  auto total = app.db.Exec(
      "UPDATE instagram_sync_history SET total_media = $2::int,"
      " api_calls_used = COALESCE(api_calls_used, 0) + $3::int WHERE id = $1",
      {run.scan_id, std::to_string(posts.size()), std::to_string(calls)});
  if (!total.ok()) return JobOutcome::Retry(total.status().message());

  // 2. The posts not finished by an earlier run, a chunk per transaction.
  auto done_rows =
      app.db.Exec("SELECT ig_media_id FROM scan_item WHERE scan_id = $1", {run.scan_id});
  if (!done_rows.ok()) return JobOutcome::Retry(done_rows.status().message());
  std::set<std::string> done;
  for (int i = 0; i < done_rows->size(); ++i) done.insert(done_rows->Text(i, "ig_media_id"));
  std::vector<const MediaItem*> todo;
  for (const auto& post : posts)
    if (!done.count(post.id)) todo.push_back(&post);

  for (std::size_t start = 0; start < todo.size(); start += kPostsPerTransaction) {
    if (ctx.stopping()) return JobOutcome::Defer(std::chrono::seconds(0), "worker stopping");
    if (!ctx.Heartbeat()) return JobOutcome::Retry("lease lost");
    const std::size_t end = std::min(todo.size(), start + kPostsPerTransaction);
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto store = LoadStoreSettings(conn, run.store_id);
      if (!store.ok()) return store.status();
      for (std::size_t i = start; i < end; ++i) {
        const MediaItem& post = *todo[i];
        (void)conn.Exec("SAVEPOINT post");
        auto outcome = UpsertPostDrafts(conn, *store, run.connection_id, post, run.scan_id);
        std::string item_outcome, reason;
        int drafts = 0, products = 0;
        if (!outcome.ok()) {
          // One bad post must not sink the scan: undo its writes, count it, go on.
          (void)conn.Exec("ROLLBACK TO SAVEPOINT post");
          item_outcome = "failed";
          reason = outcome.status().message().substr(0, 300);
          LogWarn("scan_post_failed", {{"scanId", run.scan_id}, {"igMediaId", post.id}});
        } else {
          item_outcome = outcome->is_product ? "drafted" : "skipped";
          reason = outcome->reason;
          drafts = outcome->drafts;
          products = outcome->products;
        }
        (void)conn.Exec("RELEASE SAVEPOINT post");
        auto item = conn.Exec(
            "INSERT INTO scan_item (scan_id, ig_media_id, outcome, drafts, products, reason)"
            " VALUES ($1, $2, $3, $4::int, $5::int, NULLIF($6, '')) ON CONFLICT DO NOTHING",
            {run.scan_id, post.id, item_outcome, std::to_string(drafts), std::to_string(products),
             reason});
        if (!item.ok()) return item.status();
      }
      auto counts = conn.Exec(
          "UPDATE instagram_sync_history h SET total_processed = c.processed,"
          " drafts_created = c.drafts, products_imported = c.products, products_skipped = "
          "c.skipped,"
          " products_failed = c.failed FROM (SELECT count(*) AS processed,"
          " COALESCE(sum(drafts), 0) AS drafts, COALESCE(sum(products), 0) AS products,"
          " count(*) FILTER (WHERE outcome = 'skipped') AS skipped,"
          " count(*) FILTER (WHERE outcome = 'failed') AS failed FROM scan_item WHERE scan_id = "
          "$1) c"
          " WHERE h.id = $1",
          {run.scan_id});
      return counts.ok() ? Status::Ok() : counts.status();
    });
    if (!st.ok()) return JobOutcome::Retry("writing drafts: " + st.message());
  }

  auto failed = app.db.Exec("SELECT products_failed FROM instagram_sync_history WHERE id = $1",
                            {run.scan_id});
  const bool partial = failed.ok() && !failed->empty() && failed->Int(0, "products_failed") > 0;
  Status finished = FinishScan(app.db, run, partial ? "partial_success" : "success", nullptr, 0);
  if (!finished.ok()) return JobOutcome::Retry(finished.message());
  LogInfo("scan_finished", {{"scanId", run.scan_id}, {"posts", posts.size()}, {"apiCalls", calls}});
  return JobOutcome::Succeeded({{"posts", posts.size()}});
}

}  // namespace

void RegisterScanRoutes(Router& router, App& app) {
  router.Post("/api/instagram/scan", Access::kSession,
              [&app](RequestContext& c) { StartScan(app, c); });
  router.Get(R"(/api/instagram/scan/([A-Za-z0-9_]{1,64}))", Access::kSession,
             [&app](RequestContext& c) { GetScan(app, c); });
}

void RegisterScanJobs(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("scan", RunScan, ScanDied);
}

}  // namespace vendly::server
