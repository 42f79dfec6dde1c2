// US-4, bulk import, its routes: POST /api/instagram/scan creates a scan (a sync-history row) and
// enqueues its "scan" job in one transaction; GET /api/instagram/scan/:scanId reports its progress
// and the drafts it made. The job itself is jobs/scan.cc.
#include <algorithm>
#include <cmath>

#include "app/app.h"
#include "app/log.h"
#include "jobs/queue.h"
#include "routes/catalog.h"
#include "store/draft_store.h"
#include "store/scan_store.h"

namespace vendly::server {
namespace {

constexpr int kDefaultDraftsInResponse = 100;

// The plan's status names for a sync-history status.
const char* ScanStatus(const std::string& sync_status) {
  if (sync_status == "queued") return "queued";
  if (sync_status == "processing") return "processing";
  if (sync_status == "success" || sync_status == "partial_success") return "completed";
  return "failed";
}

int EstimateSeconds(int posts) { return std::max(2, posts / 100 + 1); }

Json EtaOf(const ScanRow& scan) {
  const long long total = scan.counts.total_media, processed = scan.counts.processed;
  if (scan.status == "queued") return EstimateSeconds(scan.request.limit);
  if (scan.status != "processing") return 0;
  if (processed > 0 && total >= processed)
    return static_cast<long long>(
        std::ceil(scan.processing_seconds / processed * (total - processed)));
  return EstimateSeconds(static_cast<int>(total));
}

Json ScanJson(const ScanRow& scan) {
  const ScanCounts& c = scan.counts;
  return {{"scanId", scan.id},
          {"status", ScanStatus(scan.status)},
          {"syncStatus", scan.status},
          {"progress",
           {{"totalMedia", c.total_media},
            {"processed", c.processed},
            {"draftsCreated", c.drafts_created},
            {"productsImported", c.products_imported},
            {"skipped", c.skipped},
            {"failed", c.failed}}},
          {"estimatedTimeRemaining", EtaOf(scan)},
          {"startedAt", scan.started_at},
          {"completedAt", scan.completed_at ? Json(*scan.completed_at) : Json()},
          {"apiCallsUsed", scan.api_calls_used ? Json(*scan.api_calls_used) : Json()},
          {"error", scan.error},
          {"drafts", Json::array()},
          {"draftsTotal", 0}};
}

JobSpec ScanJob(const std::string& store_id, const std::string& scan_id,
                const std::string& connection_id) {
  JobSpec job;
  job.kind = "scan";
  job.store_id = store_id;
  job.payload = {{"scanId", scan_id}, {"storeId", store_id}, {"connectionId", connection_id}};
  job.dedupe_key = "scan:" + scan_id;
  job.priority = 10;
  // A scan resumes where it stopped, so a retry costs little: allow many (a crashed worker's run
  // counts as an attempt).
  job.max_attempts = 25;
  return job;
}

void StartScan(App& app, RequestContext& ctx) {
  const std::string store_id = ctx.session->store_id;
  auto request = ReadScanBody(ctx.req.body, ctx.req.get_header_value("Content-Type"));
  if (!request.ok()) return SendError(ctx.res, request.status());
  Json answer;
  int http_status = 202;
  Status st = app.db.Transaction([&](Conn& conn) -> Status {
    auto c = LockScanConnection(conn, store_id);  // one scan at a time per account
    if (!c.ok()) return c.status();
    if (!*c) return Status::Conflict("not_connected", "connect an Instagram account first");
    if ((*c)->status != "active")
      return Status::Conflict("connection_expired",
                              "the Instagram connection needs attention: reconnect it, then scan");
    auto running = ActiveScan(conn, (*c)->id);
    if (!running.ok()) return running.status();
    if (*running) {
      auto drafts = ScanDrafts(conn, (*running)->id, store_id, 0);
      if (!drafts.ok()) return drafts.status();
      answer = ScanJson(**running);
      answer["draftsTotal"] = drafts->total;
      answer["alreadyRunning"] = true;
      answer.erase("drafts");
      http_status = 200;
      return Status::Ok();
    }
    auto scan_id = InsertScan(conn, store_id, (*c)->id, *request);
    if (!scan_id.ok()) return scan_id.status();
    auto queued = EnqueueJob(conn, ScanJob(store_id, *scan_id, (*c)->id));
    if (!queued.ok()) return queued.status();
    answer = {{"scanId", *scan_id},
              {"status", "queued"},
              {"estimatedTime", EstimateSeconds(request->limit)}};
    return Status::Ok();
  });
  if (!st.ok()) return SendError(ctx.res, st);
  if (http_status == 202)
    LogInfo("scan_requested",
            {{"storeId", store_id}, {"scanId", answer["scanId"]}, {"request", ToJson(*request)}});
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
  auto scan = FindScan(*conn, scan_id, ctx.session->store_id);
  if (!scan.ok()) return SendError(ctx.res, scan.status());
  if (!*scan) return SendError(ctx.res, Status::NotFound("scan not found"));
  auto drafts = ScanDrafts(*conn, scan_id, ctx.session->store_id, drafts_limit);
  if (!drafts.ok()) return SendError(ctx.res, drafts.status());
  Json body = ScanJson(**scan);
  for (const DraftRow& d : drafts->drafts) body["drafts"].push_back(DraftJson(d));
  body["draftsTotal"] = drafts->total;
  SendJson(ctx.res, 200, body);
}

}  // namespace

void RegisterScanRoutes(Router& router, App& app) {
  router.Post("/api/instagram/scan", Access::kSession,
              [&app](RequestContext& c) { StartScan(app, c); });
  router.Get(R"(/api/instagram/scan/([A-Za-z0-9_]{1,64}))", Access::kSession,
             [&app](RequestContext& c) { GetScan(app, c); });
}

}  // namespace vendly::server
