// The "poll" job: load (the connection, what the store knows of the listed posts: store/
// sync_store.h), decide (the core's poll plan, vendly/poll_plan.h, and its three-way merge,
// vendly/sync.h), apply (drafts through UpsertPostDrafts, products, conflicts, the sync history),
// report (notifications worded by vendly/notices.h, the log, the job's result). Graph errors go
// through jobs/graph_errors.h, as for every job kind.
#include "jobs/poll.h"

#include <vendly/draft.h>
#include <vendly/extract.h>
#include <vendly/notices.h>
#include <vendly/poll_plan.h>
#include <vendly/registry.h>
#include <vendly/sync.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/ai_opinions.h"
#include "jobs/graph_errors.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"
#include "routes/catalog.h"
#include "store/notification_store.h"
#include "store/sync_product.h"
#include "store/sync_store.h"
#include "store/usage_store.h"

namespace vendly::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kLockBusyDeferMs = 2000;
constexpr int kChainsPerSchedulerRun = 500;

// The products of a post's extraction as Draft JSON, as products and drafts store them.
Json ProductsJson(const vendly::Extraction& extraction) {
  const Json json = Json(vendly::ToJson(extraction));
  return json.contains("products") && json["products"].is_array() ? json["products"]
                                                                  : Json::array();
}

std::string CaptionHash(const MediaItem& post) { return Sha256Hex(post.caption.value_or("")); }

std::vector<vendly::ListedPost> ListedOf(const std::vector<MediaItem>& posts) {
  std::vector<vendly::ListedPost> out;
  for (const MediaItem& p : posts)
    out.push_back({p.id, p.timestamp, ParseTimestamp(p.timestamp), CaptionHash(p)});
  return out;
}

std::vector<std::string> IdsOf(const std::vector<MediaItem>& posts) {
  std::vector<std::string> ids;
  for (const MediaItem& p : posts) ids.push_back(p.id);
  return ids;
}

Status Tell(Conn& conn, const std::string& store_id, const vendly::Notice& notice, Json data) {
  return AddNotification(conn, store_id, {notice.kind, notice.title, notice.body, std::move(data)});
}

Status MarkSeen(Conn& conn, const std::string& store_id, const MediaItem& post) {
  return MarkPostSeen(conn, store_id, {post.id, post.timestamp, CaptionHash(post)});
}

// ---- The run and its sync history

struct PollRun {
  std::string connection_id;
  std::string store_id;
  vendly::PollTrigger trigger = vendly::PollTrigger::kScheduled;
  std::optional<std::string> sync_id;
  std::optional<std::string> webhook_event_id;
  std::string job_id;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool scheduled() const { return trigger == vendly::PollTrigger::kScheduled; }
};

PollRun RunOf(const Job& job) {
  const Json& p = job.payload;
  PollRun run;
  run.job_id = job.id;
  if (!p.is_object()) return run;
  run.connection_id = p.value("connectionId", "");
  run.store_id = p.value("storeId", "");
  if (p.contains("trigger") && p["trigger"].is_string())
    run.trigger = vendly::ParsePollTrigger(p["trigger"].get<std::string>());
  if (p.contains("syncId") && p["syncId"].is_string()) run.sync_id = p["syncId"].get<std::string>();
  if (p.contains("webhookEventId") && p["webhookEventId"].is_string())
    run.webhook_event_id = p["webhookEventId"].get<std::string>();
  return run;
}

// The run's sync-history row, created when first needed.
Result<std::string> EnsureHistory(Conn& conn, PollRun& run) {
  if (run.sync_id) return *run.sync_id;
  PollHistoryStart start{run.store_id,
                         run.connection_id,
                         vendly::SyncTypeOf(run.trigger),
                         vendly::TriggerSourceOf(run.trigger),
                         {{"jobId", run.job_id}}};
  if (run.webhook_event_id) start.metadata["webhookEventId"] = *run.webhook_event_id;
  auto id = InsertPollHistory(conn, start);
  if (!id.ok()) return id.status();
  run.sync_id = *id;
  return *id;
}

Status EnsureHistory(Db& db, PollRun& run) {
  return db.Transaction([&](Conn& conn) {
    auto h = EnsureHistory(conn, run);
    return h.ok() ? Status::Ok() : h.status();
  });
}

Status FinishHistory(Db& db, const PollRun& run, const std::string& status,
                     const vendly::PollTally& tally, int api_calls, const Json& error) {
  if (!run.sync_id) return Status::Ok();
  const long long ms =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - run.started)
          .count();
  return FinishPollHistory(db, *run.sync_id, {status, ms, api_calls, tally, error});
}

// The run failed: its history says why (a scheduled run gets a row for it).
void FailHistory(Db& db, PollRun& run, const std::string& code, const std::string& message,
                 const vendly::PollTally& tally, int api_calls) {
  if (run.scheduled() && !run.sync_id) (void)EnsureHistory(db, run);
  (void)FinishHistory(db, run, "failed", tally, api_calls, {{"code", code}, {"message", message}});
}

// Ends this scheduled run's hold on the chain's key and enqueues the next run `next_seconds` later.
Status ScheduleNext(Db& db, const Job& job, const PollRun& run, int next_seconds) {
  return db.Transaction([&](Conn& conn) -> Status {
    if (run.scheduled()) {
      auto release = ReleaseJobDedupeKey(conn, job);
      if (!release.ok()) return release.status();
      if (!*release) return Status::Ok();  // no longer ours: the new owner schedules
    }
    auto next = SchedulePoll(conn, run.connection_id, run.store_id, seconds(next_seconds));
    if (!next.ok()) return next.status();
    auto due = JobRunAt(conn, *next);
    if (!due.ok()) return due.status();
    return RecordPollScheduled(conn, run.connection_id, next_seconds, *due);
  });
}

// ---- Posts

// One "draft_created" notification per draft the post gained (plan 6.4).
Status NotifyNewDrafts(Conn& conn, const std::string& store_id,
                       const std::vector<std::string>& draft_ids) {
  for (const auto& id : draft_ids) {
    auto d = DraftForNotice(conn, store_id, id);
    if (!d.ok()) return d.status();
    if (!*d) continue;
    Json data = {{"draftId", id}, {"productName", (*d)->product_name}};
    if ((*d)->published) data["productId"] = (*d)->product_id;
    Status st =
        Tell(conn, store_id, vendly::DraftCreatedNotice((*d)->product_name, (*d)->published), data);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

// A new post: drafts (auto-approval applies), notifications, seen. A post whose drafts cannot be
// written is counted as failed, its writes undone; the poll goes on.
Status HandleNewPost(Conn& conn, const StoreSettings& store, PollRun& run, const MediaItem& post,
                     vendly::PollTally& tally, const PostOpinion* opinion) {
  auto history = EnsureHistory(conn, run);
  if (!history.ok()) return history.status();
  std::optional<PostOutcome> outcome;
  Status drafted = WithSavepoint(conn, "post", [&]() -> Status {
    auto written = UpsertPostDrafts(conn, store, run.connection_id, post, *history, opinion);
    if (!written.ok()) return written.status();
    outcome = *written;
    return Status::Ok();
  });
  if (!drafted.ok()) {
    ++tally.failed;
    LogWarn("sync_post_failed", {{"storeId", run.store_id}, {"igMediaId", post.id}});
  } else {
    ++tally.processed;
    if (!outcome->is_product) ++tally.skipped;
    tally.drafts += outcome->drafts;
    tally.products += outcome->products;
    Status notified = NotifyNewDrafts(conn, run.store_id, outcome->draft_ids);
    if (!notified.ok()) return notified;
  }
  return MarkSeen(conn, run.store_id, post);
}

// An approved product of an edited post follows the caption (vendly::FollowEdit): what the seller
// never changed follows Instagram, what both changed becomes an open conflict; "SOLD OUT" marks it
// out of stock. Stored drafts that do not read as the core's fail this product only.
Status MergeProduct(Conn& conn, const PollRun& run, const MediaItem& post,
                    const FollowedProduct& product, const vendly::Product& theirs,
                    const Json& theirs_json, vendly::PollTally& tally) {
  std::optional<vendly::Draft> base;
  bool readable = true;
  if (product.base.is_object() && !product.base.empty()) {
    vendly::DraftResult b = vendly::DraftFromJson(product.base);
    readable = b.errors.empty();
    base = std::move(b.draft);
  }
  const vendly::DraftResult ours = vendly::DraftFromJson(product.ours);
  if (!readable || !ours.errors.empty()) {
    LogWarn("sync_merge_failed", {{"storeId", run.store_id}, {"productId", product.product_id}});
    ++tally.failed;
    return Status::Ok();
  }
  const vendly::ProductFollow f = vendly::FollowEdit(base, theirs, ours.draft, product.in_stock);
  if (f.write_fields) {
    Status written = WriteProductDraft(conn, run.store_id, product.product_id,
                                       Json(vendly::DraftToJson(f.merge.merged)));
    if (!written.ok()) return written;
  }
  Status kept = SaveProductSource(conn, run.store_id, product.product_id, theirs_json,
                                  post.caption.value_or(""), f.in_stock);
  if (!kept.ok()) return kept;
  if (f.updated) ++tally.updated;
  std::vector<std::string> fields;  // API spelling
  for (const vendly::SyncConflict& c : f.merge.conflicts) {
    Status st = UpsertSyncConflict(conn, {run.store_id, product.product_id, post.id, c.field,
                                          c.base, c.theirs, c.ours, *run.sync_id});
    if (!st.ok()) return st;
    fields.push_back(std::string(vendly::ApiKey(c.field)));
    ++tally.conflicts;
  }
  if (fields.empty()) return Status::Ok();
  return Tell(conn, run.store_id, vendly::SyncConflictNotice(product.name, fields),
              {{"productId", product.product_id}, {"igMediaId", post.id}, {"fields", fields}});
}

// An edited caption: pending drafts follow it (UpsertPostDrafts; drafts it adds are notified);
// each approved product goes through MergeProduct; approved drafts show the caption their product
// now follows, and the new hash marks the edit as handled.
Status HandleEditedPost(Conn& conn, const StoreSettings& store, PollRun& run, const MediaItem& post,
                        vendly::PollTally& tally) {
  auto history = EnsureHistory(conn, run);
  if (!history.ok()) return history.status();
  ++tally.processed;
  auto before = PostDraftIds(conn, run.store_id, post.id);
  if (!before.ok()) return before.status();
  auto outcome = UpsertPostDrafts(conn, store, run.connection_id, post, *history);
  if (!outcome.ok()) return outcome.status();
  std::vector<std::string> created;
  for (const auto& id : outcome->draft_ids)
    if (!before->count(id)) created.push_back(id);
  tally.drafts += static_cast<int>(created.size());
  Status notified = NotifyNewDrafts(conn, run.store_id, created);
  if (!notified.ok()) return notified;

  const vendly::Extraction extraction = vendly::Extract(PostOf(post, store.currency));
  const Json theirs = ProductsJson(extraction);
  auto products = LockFollowedProducts(conn, run.store_id, post.id);
  if (!products.ok()) return products.status();
  for (const FollowedProduct& product : *products) {
    const auto index = static_cast<std::size_t>(product.item_index);
    if (index >= extraction.products.size() || index >= theirs.size())
      continue;  // the caption no longer offers it: leave it be
    Status merged =
        MergeProduct(conn, run, post, product, extraction.products[index], theirs[index], tally);
    if (!merged.ok()) return merged;
  }
  Status drafts = FollowApprovedDrafts(conn, run.store_id, post.id, post.caption.value_or(""),
                                       CaptionHash(post), theirs);
  if (!drafts.ok()) return drafts;
  return MarkSeen(conn, run.store_id, post);
}

// A deleted post: its products are archived (never deleted) and the seller told; its drafts
// nobody decided on are rejected.
Status HandleDeletedPost(Conn& conn, PollRun& run, const std::string& media_id,
                         vendly::PollTally& tally) {
  auto history = EnsureHistory(conn, run);
  if (!history.ok()) return history.status();
  auto archived = ArchivePostProducts(conn, run.store_id, media_id);
  if (!archived.ok()) return archived.status();
  for (const ArchivedProduct& p : *archived) {
    ++tally.archived;
    Status st = Tell(conn, run.store_id, vendly::ProductArchivedNotice(p.name),
                     {{"productId", p.id}, {"productName", p.name}, {"igMediaId", media_id}});
    if (!st.ok()) return st;
  }
  Status rejected = RejectDeletedPostDrafts(conn, run.store_id, media_id);
  if (!rejected.ok()) return rejected;
  return MarkPostDeleted(conn, run.store_id, media_id);
}

// ---- The steps of a poll; each returns the job's outcome when the poll ends there.

struct PollState {
  PollRun run;
  PollConnectionState connection;
  StoredConnection stored;
  vendly::ListingPlan listing;
  std::unique_ptr<InstagramPlatform> platform;
  std::vector<MediaItem> listed;
  vendly::PostPlan posts;
  vendly::PollTally tally;
  int min_seconds = 0;
  int max_seconds = 0;
  int calls() const { return platform ? platform->graph().calls_made() : 0; }
  void StoreUsage(Db& db) const {
    (void)SaveUsage(db, run.connection_id, UsageOf(platform->graph().last_usage()));
  }
};

// The connection: active, this run's, not throttled; the history row when the run has one.
std::optional<JobOutcome> StartPoll(JobContext& ctx, PollState& s) {
  App& app = ctx.app();
  PollRun& run = s.run;
  auto state = LoadPollConnection(app.db, run.connection_id, run.store_id, s.min_seconds,
                                  app.config.sync_walk_seconds);
  if (!state.ok()) return JobOutcome::Retry(state.status().message());
  if (!*state || (*state)->status != "active") {
    // Removed or expired: no calls; a manual refresh that waited for this poll says why.
    if (run.sync_id)
      FailHistory(app.db, run, "connection_expired", "the Instagram connection is not active",
                  s.tally, 0);
    return JobOutcome::Dead("connection not active");
  }
  s.connection = **state;
  auto connection = LoadConnection(app, run.store_id);
  if (!connection.ok()) return JobOutcome::Retry(connection.status().message());
  if (connection->id != run.connection_id) return JobOutcome::Dead("connection replaced");
  s.stored = *connection;

  if (s.connection.throttled_seconds > 0) {
    const vendly::ThrottledPoll t =
        vendly::PlanThrottledPoll(run.trigger, s.connection.throttled_seconds,
                                  app.config.throttle_max_defer_seconds, s.min_seconds);
    if (t.defer) return JobOutcome::Defer(seconds(t.seconds), "account throttled");
    Status next = ScheduleNext(app.db, ctx.job(), run, t.seconds);
    if (!next.ok()) return JobOutcome::Retry(next.message());
    return JobOutcome::Succeeded({{"throttled", true}});
  }
  // Webhook-triggered polls are spaced from here (vendly::WebhookPollDelaySeconds).
  Status started = RecordPollStarted(app.db, run.connection_id);
  if (!started.ok()) return JobOutcome::Retry(started.message());
  if (run.sync_id) {
    (void)MarkPollHistoryProcessing(app.db, *run.sync_id);
  } else if (vendly::OpensHistoryUpFront(run.trigger)) {
    Status created = EnsureHistory(app.db, run);
    if (!created.ok()) return JobOutcome::Retry(created.message());
  }
  return std::nullopt;
}

// The listing failed: the core's Graph-error rule decides, the history records it.
JobOutcome ListingFailed(JobContext& ctx, PollState& s, const GraphError& error) {
  App& app = ctx.app();
  GraphErrorHandling handled =
      HandleGraphError(ctx, s.stored, error, "listing failed", s.min_seconds);
  const vendly::GraphErrorDecision& d = handled.decision;
  switch (d.action) {
    case vendly::GraphAction::kDead:
    case vendly::GraphAction::kConnectionExpired:
      FailHistory(app.db, s.run, d.code, d.message, s.tally, s.calls());
      break;
    case vendly::GraphAction::kDefer: {
      if (!s.run.scheduled()) break;
      // Never hammer a throttled account: the chain comes back after the estimate or the pause.
      const int next =
          vendly::ThrottledPollSeconds(error.retry_after_seconds, s.min_seconds, s.max_seconds);
      Status scheduled = ScheduleNext(app.db, ctx.job(), s.run, next);
      if (!scheduled.ok()) return JobOutcome::Retry(scheduled.message());
      return JobOutcome::Succeeded({{"throttled", true}});
    }
    case vendly::GraphAction::kRetry:
      if (vendly::RecordsListingFailure(s.run.trigger, ctx.job().attempts, ctx.job().max_attempts))
        FailHistory(app.db, s.run, d.code, d.message, s.tally, s.calls());
      break;
  }
  return handled.outcome;
}

// The listing: the newest posts until a known one, or the recent catalog when a walk is due.
std::optional<JobOutcome> ListPosts(JobContext& ctx, PollState& s) {
  App& app = ctx.app();
  s.listing = vendly::PlanListing(s.run.trigger, s.connection.walk_interval_passed,
                                  s.connection.usage_percent, s.connection.created_epoch);
  s.platform = app.new_platform();
  bool lost_lease = false;
  int pages = 0;
  Status db_error;
  auto listed = s.platform->ForEachMedia(
      s.stored.ig_user_id, s.stored.access_token, s.listing.page_size,
      [&](const std::vector<MediaItem>& page) {
        ++pages;
        for (const auto& item : page) s.listed.push_back(item);
        if (!ctx.Heartbeat()) {
          lost_lease = true;
          return false;
        }
        vendly::KnownPosts known;
        if (!s.listing.walk) {
          auto conn = app.db.Borrow(&db_error);
          if (!conn) return false;
          auto read = LoadKnownPosts(*conn, s.run.store_id, IdsOf(page));
          if (!read.ok()) {
            db_error = read.status();
            return false;
          }
          known = std::move(*read);
        }
        return vendly::ListingGoesOn(s.listing, pages, static_cast<int>(s.listed.size()),
                                     ListedOf(page), known);
      });
  s.StoreUsage(app.db);
  if (lost_lease) return JobOutcome::Retry("lease lost during the listing");
  if (!db_error.ok()) return JobOutcome::Retry(db_error.message());
  if (!listed.ok()) return ListingFailed(ctx, s, listed.error);
  s.tally.listed = static_cast<int>(s.listed.size());
  return std::nullopt;
}

// The second opinion of a new post, asked before its transaction (jobs/ai_opinions.h); false when
// the job lost its lease or must stop.
bool AskAboutPost(JobContext& ctx, OpinionAsker& asker, PollState& s, const MediaItem& post,
                  std::map<std::string, PostOpinion>* opinions) {
  if (!asker.enabled()) return true;
  App& app = ctx.app();
  if (!EnsureHistory(app.db, s.run).ok()) return true;  // no history row: ask nothing
  auto conn = app.db.Borrow(nullptr);
  if (!conn) return true;
  auto store = LoadStoreSettings(*conn, s.run.store_id);
  conn.reset();
  if (!store.ok()) return true;
  return asker.Ask(
      *store, {&post}, [&] { return !ctx.stopping() && ctx.Heartbeat(); }, *s.run.sync_id,
      opinions);
}

// New and edited posts, one transaction per post (an edit that fails is counted and skipped).
std::optional<JobOutcome> ApplyPosts(JobContext& ctx, PollState& s) {
  App& app = ctx.app();
  auto known = [&] {
    auto conn = app.db.Borrow(nullptr);
    if (!conn) return Result<vendly::KnownPosts>(Status::Unavailable("no database"));
    return LoadKnownPosts(*conn, s.run.store_id, IdsOf(s.listed));
  }();
  if (!known.ok()) return JobOutcome::Retry(known.status().message());
  s.posts = vendly::PlanPosts(s.listing, ListedOf(s.listed), *known);
  OpinionAsker asker(app);
  for (std::size_t i : s.posts.fresh) {
    if (!ctx.Heartbeat()) return JobOutcome::Retry("lease lost");
    std::map<std::string, PostOpinion> opinions;
    if (!AskAboutPost(ctx, asker, s, s.listed[i], &opinions))
      return JobOutcome::Retry("lease lost");
    const auto opinion = opinions.find(s.listed[i].id);
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto store = LoadStoreSettings(conn, s.run.store_id);
      if (!store.ok()) return store.status();
      return HandleNewPost(conn, *store, s.run, s.listed[i], s.tally,
                           opinion == opinions.end() ? nullptr : &opinion->second);
    });
    if (!st.ok()) return JobOutcome::Retry("writing drafts: " + st.message());
  }
  for (std::size_t i : s.posts.edited) {
    if (!ctx.Heartbeat()) return JobOutcome::Retry("lease lost");
    vendly::PollTally attempt = s.tally;
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto store = LoadStoreSettings(conn, s.run.store_id);
      if (!store.ok()) return store.status();
      return HandleEditedPost(conn, *store, s.run, s.listed[i], attempt);
    });
    if (!st.ok()) {
      ++s.tally.failed;
      LogWarn("sync_edit_failed", {{"storeId", s.run.store_id}, {"igMediaId", s.listed[i].id}});
      continue;
    }
    s.tally = attempt;
  }
  return std::nullopt;
}

// GET /{media-id} of a missing post; a 100/33 asks once per walk whether the same token still reads
// the account (GET /{ig-user-id}?fields=id), which tells a deleted post from a token that lost
// sight of it (vendly::JudgeProbe).
vendly::ProbeAnswer ProbeMissing(App& app, PollState& s, const std::string& media_id,
                                 std::optional<bool>& account_visible, GraphError& error) {
  auto probe = s.platform->graph().Get(media_id, {{"fields", "id"}}, s.stored.access_token);
  vendly::ProbeAnswer answer;
  answer.found = probe.ok();
  if (answer.found) return answer;
  error = probe.error;
  answer.token_rejected =
      DecideGraphError(app.config, probe.error).action == vendly::GraphAction::kConnectionExpired;
  answer.code = probe.error.code;
  answer.subcode = probe.error.subcode;
  answer.account_visible = account_visible;
  if (vendly::NeedsAccountCheck(answer)) {
    auto account =
        s.platform->graph().Get(s.stored.ig_user_id, {{"fields", "id"}}, s.stored.access_token);
    account_visible = account.ok();
    answer.account_visible = account_visible;
  }
  return answer;
}

// What a walk found: posts to archive (answered "deleted", or only marked: not in the catalog)
// and the posts Instagram would not show.
struct WalkFindings {
  std::vector<std::string> deleted;
  std::vector<std::string> unprobed;
  std::vector<std::string> unsure;
};

// The walk's end as the core plans it: archive, or hold everything and tell the seller.
std::optional<JobOutcome> EndWalk(App& app, PollState& s, const WalkFindings& found) {
  const int deleted = static_cast<int>(found.deleted.size());
  const int unsure = static_cast<int>(found.unsure.size());
  const vendly::WalkEnd end = vendly::PlanWalkEnd(deleted, unsure);
  if (end.archive) {
    std::vector<std::string> gone = found.unprobed;
    gone.insert(gone.end(), found.deleted.begin(), found.deleted.end());
    for (const std::string& media_id : gone) {
      Status st = app.db.Transaction(
          [&](Conn& conn) { return HandleDeletedPost(conn, s.run, media_id, s.tally); });
      if (!st.ok()) return JobOutcome::Retry("archiving: " + st.message());
    }
  }
  if (end.tell) {
    const int held = end.archive ? 0 : deleted;
    Json data = {{"deleted", held}, {"unsure", unsure}, {"igMediaIds", found.unsure}};
    if (!end.archive)
      for (const std::string& id : found.deleted) data["igMediaIds"].push_back(id);
    const vendly::Notice notice = vendly::DeletionsHeldNotice(held, unsure);
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto told = HasUnreadNotification(conn, s.run.store_id, notice.kind);
      if (!told.ok()) return told.status();
      return *told ? Status::Ok() : Tell(conn, s.run.store_id, notice, data);
    });
    if (!st.ok()) return JobOutcome::Retry("telling the seller: " + st.message());
    LogWarn("sync_deletions_held", {{"connectionId", s.run.connection_id},
                                    {"deleted", deleted},
                                    {"unsure", unsure},
                                    {"archived", end.archive}});
  }
  return std::nullopt;
}

// On a walk: known posts in the walked range that the listing no longer holds, confirmed with
// GET /{media-id} where the core says so (a listing can be short), then archived unless the core
// holds the walk (vendly::PlanWalkEnd).
std::optional<JobOutcome> WalkDeletions(JobContext& ctx, PollState& s) {
  if (!s.listing.walk) return std::nullopt;
  App& app = ctx.app();
  const vendly::WalkWindow window = vendly::PlanWalkWindow(ListedOf(s.listed));
  auto missing = MissingPosts(app.db, s.run.store_id, window.from_timestamp, s.connection.now_epoch,
                              IdsOf(s.listed));
  if (!missing.ok()) return JobOutcome::Retry(missing.status().message());
  const std::vector<vendly::MissingAction> actions = vendly::PlanMissingPosts(*missing);
  WalkFindings found;
  std::optional<bool> account_visible;
  for (std::size_t i = 0; i < missing->size(); ++i) {
    const std::string& media_id = (*missing)[i].id;
    if (actions[i] == vendly::MissingAction::kLeave) continue;
    if (actions[i] == vendly::MissingAction::kMarkDeleted) {
      found.unprobed.push_back(media_id);
      continue;
    }
    GraphError error;
    const vendly::ProbeVerdict verdict =
        vendly::JudgeProbe(ProbeMissing(app, s, media_id, account_visible, error));
    if (verdict == vendly::ProbeVerdict::kStopWalk) {
      (void)RecordConnectionError(app, s.stored, error);
      break;
    }
    if (verdict == vendly::ProbeVerdict::kDeleted) found.deleted.push_back(media_id);
    if (verdict == vendly::ProbeVerdict::kUnsure) found.unsure.push_back(media_id);
  }
  if (auto stop = EndWalk(app, s, found)) return stop;
  (void)MarkConnectionWalked(app.db, s.run.connection_id);
  return std::nullopt;
}

// The history row finished, the chain's next poll, the log line and the job's result.
JobOutcome EndPoll(JobContext& ctx, PollState& s) {
  App& app = ctx.app();
  const int calls = s.calls();
  s.StoreUsage(app.db);
  const vendly::PollEnd end = vendly::PlanPollEnd(
      s.run.trigger, s.posts, s.tally, s.connection.interval_seconds,
      s.platform->graph().last_usage().max_percent(), s.min_seconds, s.max_seconds);
  Status finished = FinishHistory(app.db, s.run, end.history_status, s.tally, calls, nullptr);
  if (!finished.ok()) return JobOutcome::Retry(finished.message());
  if (end.schedule_next) {
    Status scheduled = ScheduleNext(app.db, ctx.job(), s.run, end.next_seconds);
    if (!scheduled.ok()) return JobOutcome::Retry(scheduled.message());
  }
  const vendly::PollTally& c = s.tally;
  if (end.report)
    LogInfo("poll_finished", {{"connectionId", s.run.connection_id},
                              {"trigger", vendly::PollTriggerName(s.run.trigger)},
                              {"syncId", s.run.sync_id ? Json(*s.run.sync_id) : Json()},
                              {"listed", c.listed},
                              {"drafts", c.drafts},
                              {"updated", c.updated},
                              {"archived", c.archived},
                              {"conflicts", c.conflicts},
                              {"apiCalls", calls},
                              {"nextSeconds", end.next_seconds}});
  return JobOutcome::Succeeded({{"listed", c.listed},
                                {"drafts", c.drafts},
                                {"updated", c.updated},
                                {"archived", c.archived},
                                {"apiCalls", calls},
                                {"nextSeconds", end.next_seconds},
                                {"walk", s.listing.walk}});
}

JobOutcome RunPoll(JobContext& ctx) {
  App& app = ctx.app();
  PollState s;
  s.run = RunOf(ctx.job());
  if (s.run.connection_id.empty() || s.run.store_id.empty())
    return JobOutcome::Dead("poll job without connectionId/storeId");
  AdvisoryLock lock(app.db, "poll:" + s.run.connection_id);
  if (!lock.held()) return JobOutcome::Defer(milliseconds(kLockBusyDeferMs), "another poll runs");
  s.min_seconds = app.config.poll_min_seconds;
  s.max_seconds = app.config.poll_max_seconds;
  if (auto stop = StartPoll(ctx, s)) return *stop;
  if (auto stop = ListPosts(ctx, s)) return *stop;
  if (auto stop = ApplyPosts(ctx, s)) return *stop;
  if (auto stop = WalkDeletions(ctx, s)) return *stop;
  return EndPoll(ctx, s);
}

// ---- Recurring jobs

// Every active connection has a scheduled poll chain: resumes sync after a reconnect, or after a
// chain's job died.
JobOutcome RunPollScheduler(JobContext& ctx) {
  App& app = ctx.app();
  auto orphans = ConnectionsWithoutPollChain(app.db, ScheduledPollKey(""), kChainsPerSchedulerRun);
  if (!orphans.ok()) return JobOutcome::Retry(orphans.status().message());
  int scheduled = 0;
  for (const ConnectionRef& c : *orphans) {
    Status st = app.db.Transaction([&](Conn& conn) {
      auto id = SchedulePoll(conn, c.id, c.store_id, milliseconds(0));
      return id.ok() ? Status::Ok() : id.status();
    });
    if (st.ok()) ++scheduled;
  }
  return JobOutcome::Succeeded({{"scheduled", scheduled}});
}

}  // namespace

std::string ScheduledPollKey(const std::string& connection_id) {
  return "poll_sched:" + connection_id;
}
std::string WebhookPollKey(const std::string& connection_id) { return "poll:" + connection_id; }
std::string ManualPollKey(const std::string& connection_id) {
  return "poll_manual:" + connection_id;
}

Result<std::string> SchedulePoll(Conn& conn, const std::string& connection_id,
                                 const std::string& store_id, milliseconds delay) {
  JobSpec job;
  job.kind = "poll";
  job.store_id = store_id;
  job.dedupe_key = ScheduledPollKey(connection_id);
  job.delay = delay;
  job.max_attempts = 3;
  job.payload = {{"connectionId", connection_id},
                 {"storeId", store_id},
                 {"trigger", vendly::PollTriggerName(vendly::PollTrigger::kScheduled)}};
  auto id = EnqueueJob(conn, job);
  if (!id.ok()) return id;
  Status sooner = RunJobNoLaterThan(conn, *id, delay);
  if (!sooner.ok()) return sooner;
  return id;
}

void RegisterSyncJobs(JobRunner& runner, App& app) {
  runner.Register("poll", RunPoll);
  runner.Register("poll_scheduler", RunPollScheduler);
  runner.Schedule("poll_scheduler", seconds(std::max(app.config.poll_max_seconds, 1)));
}

}  // namespace vendly::server
