// US-4, bulk import, its job: lists the account's media (100 per call, carousel children
// expanded), then writes drafts a chunk of posts per transaction. Each finished post leaves a
// scan_item row in that same transaction, so a scan that dies (the worker killed, a throttle, a
// deploy) resumes by skipping the posts it has rows for, and its counters are counts of those rows.
// Load (the scan, the connection), list, decide per post (the core, through UpsertPostDrafts),
// apply (the stores), report (the scan's row and a notification). The routes are routes/scan.cc.
#include <vendly/notices.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "app/app.h"
#include "app/log.h"
#include "jobs/ai_opinions.h"
#include "jobs/graph_errors.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"
#include "routes/catalog.h"
#include "store/notification_store.h"
#include "store/scan_store.h"

namespace vendly::server {
namespace {

constexpr std::size_t kPostsPerTransaction = 50;

struct ScanRun {
  std::string scan_id, store_id, connection_id;
};

// Ends the scan (unless it ended before: a re-run after a crash) and tells the seller.
Status FinishScan(Conn& conn, const ScanRun& run, const std::string& status, const Json& error,
                  int api_calls) {
  auto ended = EndScan(conn, run.scan_id, status, error, api_calls);
  if (!ended.ok()) return ended.status();
  if (!*ended) return Status::Ok();  // finished before (a re-run after a crash)
  const ScanCounts& c = **ended;
  Json data = {{"scanId", run.scan_id},
               {"draftsCreated", c.drafts_created},
               {"productsImported", c.products_imported}};
  const vendly::Notice notice =
      status == "failed"
          ? vendly::ScanFailedNotice(error.is_object() ? error.value("message", "") : "")
          : vendly::ScanCompletedNotice(
                {c.drafts_created, c.processed, c.products_imported, c.failed});
  return AddNotification(conn, run.store_id, {notice.kind, notice.title, notice.body, data});
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

// The listing, newest first, until `limit` posts pass the filters or `since` is passed. Returns
// the job's outcome instead when the listing cannot finish now.
std::optional<JobOutcome> ListPosts(JobContext& ctx, const ScanRun& run,
                                    const StoredConnection& connection, const ScanRequest& request,
                                    std::vector<MediaItem>* posts) {
  App& app = ctx.app();
  std::optional<long long> since;
  if (request.since) since = ParseTimestamp(*request.since);
  auto platform = app.new_platform();
  bool lost_lease = false;
  auto keep = [&](const MediaItem& item) {
    if (item.media_type == "VIDEO" && !request.include_videos) return false;
    return item.media_type != "CAROUSEL_ALBUM" || request.include_carousels;
  };
  auto listed =
      platform->ForEachMedia(connection.ig_user_id, connection.access_token,
                             std::min(request.limit, 100), [&](const std::vector<MediaItem>& page) {
                               for (const auto& item : page) {
                                 auto ts = since ? ParseTimestamp(item.timestamp) : std::nullopt;
                                 if (ts && *ts < *since) return false;
                                 if (!keep(item)) continue;
                                 posts->push_back(item);
                                 if (static_cast<int>(posts->size()) >= request.limit) return false;
                               }
                               if (!ctx.Heartbeat()) lost_lease = true;
                               return !lost_lease && !ctx.stopping();
                             });
  const int calls = platform->graph().calls_made();
  if (lost_lease) return JobOutcome::Retry("lease lost during the listing");
  if (!listed.ok()) {
    (void)RecordScanListing(app.db, run.scan_id, calls, std::nullopt);
    GraphErrorHandling handled = HandleGraphError(ctx, connection, listed.error, "listing failed");
    const vendly::GraphErrorDecision& d = handled.decision;
    if (d.action == vendly::GraphAction::kDead ||
        d.action == vendly::GraphAction::kConnectionExpired) {
      Status done =
          FinishScan(app.db, run, "failed", {{"code", d.code}, {"message", d.message}}, 0);
      if (!done.ok()) return JobOutcome::Retry(done.message());
    }
    return handled.outcome;
  }
  Status total = RecordScanListing(app.db, run.scan_id, calls, static_cast<int>(posts->size()));
  if (!total.ok()) return JobOutcome::Retry(total.message());
  return std::nullopt;
}

// Drafts one post and records it, on `conn` inside the chunk's transaction. One bad post must not
// sink the scan: its writes are undone and it is counted as failed.
Status WritePost(Conn& conn, const StoreSettings& store, const ScanRun& run, const MediaItem& post,
                 const std::map<std::string, PostOpinion>& opinions) {
  ScanItem item{post.id, "failed", 0, 0, ""};
  const auto opinion = opinions.find(post.id);
  Status drafted = WithSavepoint(conn, "post", [&]() -> Status {
    auto outcome = UpsertPostDrafts(conn, store, run.connection_id, post, run.scan_id,
                                    opinion == opinions.end() ? nullptr : &opinion->second);
    if (!outcome.ok()) return outcome.status();
    item = {post.id, outcome->is_product ? "drafted" : "skipped", outcome->drafts,
            outcome->products, outcome->reason};
    return Status::Ok();
  });
  if (!drafted.ok()) {
    item.reason = drafted.message().substr(0, 300);
    LogWarn("scan_post_failed", {{"scanId", run.scan_id}, {"igMediaId", post.id}});
  }
  return InsertScanItem(conn, run.scan_id, item);
}

// The second opinions of a chunk of posts, asked before its transaction; an outcome instead when
// the job must stop.
std::optional<JobOutcome> AskAboutChunk(JobContext& ctx, OpinionAsker& asker, const ScanRun& run,
                                        const std::vector<const MediaItem*>& chunk,
                                        std::map<std::string, PostOpinion>* opinions) {
  if (!asker.enabled()) return std::nullopt;
  Status error;
  auto conn = ctx.app().db.Borrow(&error);
  if (!conn) return JobOutcome::Retry(error.message());
  auto store = LoadStoreSettings(*conn, run.store_id);
  conn.reset();
  if (!store.ok()) return JobOutcome::Retry(store.status().message());
  const bool going = asker.Ask(
      *store, chunk, [&] { return !ctx.stopping() && ctx.Heartbeat(); }, run.scan_id, opinions);
  if (going) return std::nullopt;
  if (ctx.stopping()) return JobOutcome::Defer(std::chrono::seconds(0), "worker stopping");
  return JobOutcome::Retry("lease lost");
}

// The posts not finished by an earlier run, a chunk per transaction.
std::optional<JobOutcome> WritePosts(JobContext& ctx, const ScanRun& run,
                                     const std::vector<MediaItem>& posts) {
  App& app = ctx.app();
  OpinionAsker asker(app);
  auto done = FinishedScanPosts(app.db, run.scan_id);
  if (!done.ok()) return JobOutcome::Retry(done.status().message());
  std::vector<const MediaItem*> todo;
  for (const auto& post : posts)
    if (!done->count(post.id)) todo.push_back(&post);
  for (std::size_t start = 0; start < todo.size(); start += kPostsPerTransaction) {
    if (ctx.stopping()) return JobOutcome::Defer(std::chrono::seconds(0), "worker stopping");
    if (!ctx.Heartbeat()) return JobOutcome::Retry("lease lost");
    const std::size_t end = std::min(todo.size(), start + kPostsPerTransaction);
    std::map<std::string, PostOpinion> opinions;
    const std::vector<const MediaItem*> chunk(todo.begin() + start, todo.begin() + end);
    if (auto stop = AskAboutChunk(ctx, asker, run, chunk, &opinions)) return *stop;
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto store = LoadStoreSettings(conn, run.store_id);
      if (!store.ok()) return store.status();
      for (std::size_t i = start; i < end; ++i) {
        Status written = WritePost(conn, *store, run, *todo[i], opinions);
        if (!written.ok()) return written;
      }
      return RecountScan(conn, run.scan_id);
    });
    if (!st.ok()) return JobOutcome::Retry("writing drafts: " + st.message());
  }
  return std::nullopt;
}

// The scan to run and its request; an outcome instead when there is nothing (more) to do.
std::optional<JobOutcome> LoadScan(JobContext& ctx, const ScanRun& run, ScanRequest* request) {
  if (run.scan_id.empty() || run.store_id.empty())
    return JobOutcome::Dead("scan job without scanId");
  Status error;
  auto conn = ctx.app().db.Borrow(&error);
  if (!conn) return JobOutcome::Retry(error.message());
  auto scan = FindScan(*conn, run.scan_id, run.store_id);
  if (!scan.ok()) return JobOutcome::Retry(scan.status().message());
  if (!*scan) return JobOutcome::Dead("scan not found");
  if ((*scan)->status != "queued" && (*scan)->status != "processing")
    return JobOutcome::Succeeded();
  *request = (*scan)->request;
  Status started = MarkScanProcessing(ctx.app().db, run.scan_id, run.store_id, ctx.job().attempts);
  if (!started.ok()) return JobOutcome::Retry(started.message());
  return std::nullopt;
}

JobOutcome RunScan(JobContext& ctx) {
  App& app = ctx.app();
  const ScanRun run = RunOf(ctx.job());
  ScanRequest request;
  if (auto stop = LoadScan(ctx, run, &request)) return *stop;

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

  std::vector<MediaItem> posts;
  if (auto stop = ListPosts(ctx, run, *connection, request, &posts)) return *stop;
  if (auto stop = WritePosts(ctx, run, posts)) return *stop;

  Status finished = FinishScan(app.db, run, "success", nullptr, 0);
  if (!finished.ok()) return JobOutcome::Retry(finished.message());
  LogInfo("scan_finished", {{"scanId", run.scan_id}, {"posts", posts.size()}});
  return JobOutcome::Succeeded({{"posts", posts.size()}});
}

}  // namespace

void RegisterScanJobs(JobRunner& runner, App& app) {
  (void)app;
  runner.Register("scan", RunScan, ScanDied);
}

}  // namespace vendly::server
