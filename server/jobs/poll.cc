#include "jobs/poll.h"

#include <vendly/api.h>
#include <vendly/draft.h>
#include <vendly/extract.h>
#include <vendly/registry.h>
#include <vendly/sync.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <set>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "jobs/graph_errors.h"
#include "jobs/queue.h"
#include "meta/instagram_oauth.h"
#include "routes/catalog.h"
#include "store/sync_product.h"
#include "store/usage_store.h"

namespace vendly::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kNewPostsPageSize = 25;  // a poll's first page: the newest posts
constexpr int kNewPostsMaxPages = 4;   // at most 100 unknown posts per poll
constexpr int kWalkPageSize = 100;
constexpr int kWalkPosts = 200;         // the recent catalog a walk compares
constexpr int kMaxDeletionChecks = 10;  // GET /{media-id} confirmations per walk
constexpr int kLockBusyDeferMs = 2000;
// Posts published shortly before the connection was made are new to it too (clock skew, the seller
// posting while connecting).
constexpr int kSinceMarginSeconds = 60;

// The core's three-way merge of a product's drafts (JSON as stored), or nullopt when one of them
// is not a draft (a wrong-typed field) or theirs' sold_out is not a boolean.
std::optional<vendly::SyncResult> MergeDrafts(const Json& base, const Json& theirs,
                                              const Json& ours) {
  const vendly::DraftResult b = vendly::DraftFromJson(base);
  const vendly::DraftResult t = vendly::DraftFromJson(theirs);
  const vendly::DraftResult o = vendly::DraftFromJson(ours);
  if (!b.errors.empty() || !t.errors.empty() || !o.errors.empty()) return std::nullopt;
  bool sold_out = false;
  const auto it = theirs.find("sold_out");
  if (it != theirs.end() && !it->is_null()) {
    if (!it->is_boolean()) return std::nullopt;
    sold_out = it->get<bool>();
  }
  return vendly::SyncMerge(b.draft, t.draft, o.draft, sold_out);
}

// The core's extraction of a post: {"is_product","products":[...],...}.
Json ExtractPost(const MediaItem& post, const std::string& currency) {
  return Json(vendly::ToJson(vendly::Extract(PostOf(post, currency))));
}

std::string CaptionHash(const MediaItem& post) { return Sha256Hex(post.caption.value_or("")); }

// Seconds since the epoch of a post's Graph timestamp; `fallback` when it does not read as one.
long long PostEpoch(const MediaItem& post, long long fallback) {
  return ParseTimestamp(post.timestamp).value_or(fallback);
}

// ---- The poll job

struct PollCounts {
  int listed = 0;
  int processed = 0;  // new or edited posts handled
  int drafts = 0;     // drafts created
  int products = 0;   // of which approved automatically
  int updated = 0;    // products changed by an edited caption
  int skipped = 0;    // new posts that are not products
  int failed = 0;
  int archived = 0;
  int conflicts = 0;
  bool something() const {
    return processed > 0 || drafts > 0 || updated > 0 || archived > 0 || conflicts > 0 ||
           failed > 0;
  }
};

struct PollRun {
  std::string connection_id;
  std::string store_id;
  std::string trigger;  // scheduled | webhook | manual
  std::optional<std::string> sync_id;
  std::optional<std::string> webhook_event_id;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// What the store knows of a listed post.
struct Known {
  bool known = false;
  bool deleted = false;
  std::optional<std::string> hash;  // the caption hash last seen
};

Result<std::map<std::string, Known>> LoadKnown(Conn& conn, const std::string& store_id,
                                               const std::vector<MediaItem>& posts) {
  Json ids = Json::array();
  for (const auto& p : posts) ids.push_back(p.id);
  auto rows = conn.Exec(
      "SELECT m.id, s.caption_hash AS seen_hash, s.deleted_at IS NOT NULL AS deleted,"
      " s.ig_media_id IS NOT NULL AS seen,"
      " (SELECT d.ig_caption_hash FROM product_draft d WHERE d.store_id = $1 AND d.ig_media_id = "
      "m.id"
      "  ORDER BY d.updated_at DESC LIMIT 1) AS draft_hash,"
      " EXISTS (SELECT 1 FROM product_draft d WHERE d.store_id = $1 AND d.ig_media_id = m.id) AS "
      "drafted,"
      " EXISTS (SELECT 1 FROM product p WHERE p.store_id = $1 AND p.source_type = 'instagram'"
      "  AND p.source_external_id = m.id) AS imported"
      " FROM jsonb_array_elements_text($2::jsonb) AS m(id)"
      " LEFT JOIN sync_seen_media s ON s.store_id = $1 AND s.ig_media_id = m.id",
      {store_id, ids.dump()});
  if (!rows.ok()) return rows.status();
  std::map<std::string, Known> known;
  for (int i = 0; i < rows->size(); ++i) {
    Known k;
    k.known = rows->Bool(i, "seen") || rows->Bool(i, "drafted") || rows->Bool(i, "imported");
    k.deleted = rows->Bool(i, "deleted");
    k.hash = rows->Get(i, "seen_hash");
    if (!k.hash) k.hash = rows->Get(i, "draft_hash");
    known[rows->Text(i, "id")] = k;
  }
  return known;
}

Status MarkSeen(Conn& conn, const std::string& store_id, const MediaItem& post) {
  auto seen = conn.Exec(
      "INSERT INTO sync_seen_media (store_id, ig_media_id, ig_timestamp, caption_hash)"
      " VALUES ($1, $2, $3::timestamptz, $4) ON CONFLICT (store_id, ig_media_id) DO UPDATE SET"
      " caption_hash = EXCLUDED.caption_hash, ig_timestamp = EXCLUDED.ig_timestamp,"
      " deleted_at = NULL, updated_at = now()",
      {store_id, post.id, post.timestamp, CaptionHash(post)});
  return seen.ok() ? Status::Ok() : seen.status();
}

const char* SyncType(const std::string& trigger) {
  if (trigger == "webhook") return "webhook_trigger";
  if (trigger == "manual") return "manual_refresh";
  return "incremental_sync";
}
const char* TriggerSource(const std::string& trigger) {
  if (trigger == "webhook") return "webhook";
  if (trigger == "manual") return "user_initiated";
  return "scheduled_job";
}

// The run's sync-history row, created when first needed: a scheduled poll that finds nothing
// leaves no row (API.md).
Result<std::string> EnsureHistory(Conn& conn, PollRun& run, const std::string& job_id) {
  if (run.sync_id) return *run.sync_id;
  Json metadata = {{"jobId", job_id}};
  if (run.webhook_event_id) metadata["webhookEventId"] = *run.webhook_event_id;
  auto row = conn.Exec(
      "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
      " status, metadata) VALUES ($1, $2, $3, $4, 'processing', $5::jsonb) RETURNING id",
      {run.store_id, run.connection_id, SyncType(run.trigger), TriggerSource(run.trigger),
       metadata.dump()});
  if (!row.ok()) return row.status();
  run.sync_id = row->Text(0, "id");
  return *run.sync_id;
}

Status FinishHistory(Db& db, const PollRun& run, const std::string& status, const PollCounts& c,
                     int api_calls, const Json& error) {
  if (!run.sync_id) return Status::Ok();
  const long long ms =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - run.started)
          .count();
  Json extra = {{"archived", c.archived}, {"conflicts", c.conflicts}};
  auto upd = db.Exec(
      "UPDATE instagram_sync_history SET status = $2, completed_at = now(), duration_ms = $3::int,"
      " api_calls_used = COALESCE(api_calls_used, 0) + $4::int, total_media = $5::int,"
      " total_processed = $6::int, drafts_created = $7::int, products_imported = $8::int,"
      " products_updated = $9::int, products_skipped = $10::int, products_failed = $11::int,"
      " errors = CASE WHEN $12::jsonb IS NULL THEN errors ELSE errors || "
      "jsonb_build_array($12::jsonb) END,"
      " metadata = COALESCE(metadata, '{}'::jsonb) || $13::jsonb WHERE id = $1",
      {*run.sync_id, status, std::to_string(ms), std::to_string(api_calls),
       std::to_string(c.listed), std::to_string(c.processed), std::to_string(c.drafts),
       std::to_string(c.products), std::to_string(c.updated), std::to_string(c.skipped),
       std::to_string(c.failed), error.is_null() ? Param() : Param(error.dump()), extra.dump()});
  return upd.ok() ? Status::Ok() : upd.status();
}

// One "draft_created" notification per draft the post gained (plan 6.4).
Status NotifyNewDrafts(Conn& conn, const std::string& store_id,
                       const std::vector<std::string>& draft_ids) {
  for (const auto& id : draft_ids) {
    auto d = conn.Exec(
        "SELECT extracted_data->>'name' AS name, approval_status, product_id FROM product_draft"
        " WHERE id = $1 AND store_id = $2",
        {id, store_id});
    if (!d.ok()) return d.status();
    if (d->empty()) continue;
    const std::string name = d->Text(0, "name");
    const bool published = d->Text(0, "approval_status") == "approved";
    Json data = {{"draftId", id}, {"productName", name}};
    if (published) data["productId"] = d->Text(0, "product_id");
    Status st = Notify(
        conn, store_id, "draft_created",
        published ? "New product published from Instagram" : "New product draft from Instagram",
        published ? name + " was published automatically from your new post."
                  : name + " is ready to review.",
        data);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

// A new post: drafts (auto-approval applies), notifications, seen.
Status HandleNewPost(Conn& conn, const StoreSettings& store, PollRun& run, const MediaItem& post,
                     const std::string& job_id, PollCounts& counts) {
  auto history = EnsureHistory(conn, run, job_id);
  if (!history.ok()) return history.status();
  (void)conn.Exec("SAVEPOINT post");
  auto outcome = UpsertPostDrafts(conn, store, run.connection_id, post, *history);
  if (!outcome.ok()) {
    (void)conn.Exec("ROLLBACK TO SAVEPOINT post");
    ++counts.failed;
    LogWarn("sync_post_failed", {{"storeId", run.store_id}, {"igMediaId", post.id}});
  } else {
    ++counts.processed;
    if (!outcome->is_product) ++counts.skipped;
    counts.drafts += outcome->drafts;
    counts.products += outcome->products;
    Status notified = NotifyNewDrafts(conn, run.store_id, outcome->draft_ids);
    if (!notified.ok()) return notified;
  }
  (void)conn.Exec("RELEASE SAVEPOINT post");
  return MarkSeen(conn, run.store_id, post);
}

// An edited caption: pending drafts follow it (UpsertPostDrafts); each approved product goes
// through the core's three-way merge: what the seller never changed follows Instagram, what both
// changed becomes an open sync_conflict. "SOLD OUT" marks the product out of stock.
Status HandleEditedPost(Conn& conn, const StoreSettings& store, PollRun& run, const MediaItem& post,
                        const std::string& job_id, PollCounts& counts) {
  auto history = EnsureHistory(conn, run, job_id);
  if (!history.ok()) return history.status();
  ++counts.processed;
  auto before = conn.Exec("SELECT id FROM product_draft WHERE store_id = $1 AND ig_media_id = $2",
                          {run.store_id, post.id});
  if (!before.ok()) return before.status();
  std::set<std::string> existing;
  for (int i = 0; i < before->size(); ++i) existing.insert(before->Text(i, "id"));
  auto outcome = UpsertPostDrafts(conn, store, run.connection_id, post, *history);
  if (!outcome.ok()) return outcome.status();
  std::vector<std::string> created;
  for (const auto& id : outcome->draft_ids)
    if (!existing.count(id)) created.push_back(id);
  counts.drafts += static_cast<int>(created.size());
  Status notified = NotifyNewDrafts(conn, run.store_id, created);
  if (!notified.ok()) return notified;

  const Json extraction = ExtractPost(post, store.currency);
  const Json& theirs_list = extraction.contains("products") && extraction["products"].is_array()
                                ? extraction["products"]
                                : Json::array();
  auto approved = conn.Exec(
      std::string("SELECT d.id AS draft_id, d.item_index, ") + kOursColumns +
          " FROM product_draft d JOIN product p ON p.id = d.product_id AND p.store_id = d.store_id"
          " WHERE d.store_id = $1 AND d.ig_media_id = $2 AND d.approval_status = 'approved'"
          " AND p.status <> 'archived' ORDER BY d.item_index FOR UPDATE OF p",
      {run.store_id, post.id});
  if (!approved.ok()) return approved.status();
  for (int i = 0; i < approved->size(); ++i) {
    const std::string product_id = approved->Text(i, "id");
    const auto index = static_cast<std::size_t>(approved->Int(i, "item_index"));
    if (index >= theirs_list.size()) continue;  // the caption no longer offers it: leave it be
    const Json& theirs = theirs_list[index];
    Json base = JsonColumn(*approved, i, "source_extraction", Json::object());
    if (!base.is_object() || base.empty()) base = theirs;
    const Json ours = ProductAsDraft(*approved, i);
    const std::optional<vendly::SyncResult> merge = MergeDrafts(base, theirs, ours);
    if (!merge) {
      LogWarn("sync_merge_failed", {{"storeId", run.store_id}, {"productId", product_id}});
      ++counts.failed;
      continue;
    }
    const bool in_stock = !merge->sold_out;
    const bool stock_changed = in_stock != approved->Bool(i, "in_stock");
    if (!merge->updated.empty()) {
      Status written = WriteProductDraft(conn, run.store_id, product_id,
                                         Json(vendly::DraftToJson(merge->merged)));
      if (!written.ok()) return written;
    }
    auto kept = conn.Exec(
        "UPDATE product SET source_extraction = $3::jsonb, source_caption = $4,"
        " in_stock = $5::boolean, updated_at = now() WHERE id = $1 AND store_id = $2",
        {product_id, run.store_id, theirs.dump(), post.caption.value_or(""),
         in_stock ? "true" : "false"});
    if (!kept.ok()) return kept.status();
    if (!merge->updated.empty() || stock_changed) ++counts.updated;
    Json fields = Json::array();
    for (const vendly::SyncConflict& c : merge->conflicts) {
      auto row = conn.Exec(
          "INSERT INTO sync_conflict (store_id, product_id, ig_media_id, field, base_value,"
          " instagram_value, seller_value, sync_history_id) VALUES ($1, $2, $3, $4, $5::jsonb,"
          " $6::jsonb, $7::jsonb, $8)"
          " ON CONFLICT (product_id, field) WHERE status = 'open' DO UPDATE SET"
          " base_value = EXCLUDED.base_value, instagram_value = EXCLUDED.instagram_value,"
          " seller_value = EXCLUDED.seller_value, sync_history_id = EXCLUDED.sync_history_id,"
          " created_at = now()",
          {run.store_id, product_id, post.id, c.field, c.base.dump(), c.theirs.dump(),
           c.ours.dump(), *history});
      if (!row.ok()) return row.status();
      fields.push_back(std::string(vendly::ApiKey(c.field)));  // API spelling
      ++counts.conflicts;
    }
    if (!fields.empty()) {
      std::string list;
      for (const auto& f : fields) list += (list.empty() ? "" : ", ") + f.get<std::string>();
      Status st = Notify(conn, run.store_id, "sync_conflict", "Instagram edit needs your choice",
                         "The caption of " + approved->Text(i, "name") +
                             " changed on Instagram where you had edited it too (" + list + ").",
                         {{"productId", product_id}, {"igMediaId", post.id}, {"fields", fields}});
      if (!st.ok()) return st;
    }
  }
  // Approved drafts show the caption their product now follows; the hash marks the edit as handled.
  auto drafts = conn.Exec(
      "UPDATE product_draft d SET ig_caption = $3, ig_caption_hash = $4, updated_at = now(),"
      " extracted_data = COALESCE(($5::jsonb)->d.item_index, d.extracted_data)"
      " WHERE d.store_id = $1 AND d.ig_media_id = $2 AND d.approval_status = 'approved'",
      {run.store_id, post.id, post.caption.value_or(""), CaptionHash(post), theirs_list.dump()});
  if (!drafts.ok()) return drafts.status();
  return MarkSeen(conn, run.store_id, post);
}

// A deleted post: its products are archived (never deleted) and the seller told; its pending drafts
// are rejected.
Status HandleDeletedPost(Conn& conn, PollRun& run, const std::string& media_id,
                         const std::string& job_id, PollCounts& counts) {
  auto history = EnsureHistory(conn, run, job_id);
  if (!history.ok()) return history.status();
  auto archived = conn.Exec(
      "UPDATE product SET status = 'archived', is_active = false, updated_at = now()"
      " WHERE store_id = $1 AND source_type = 'instagram' AND source_external_id = $2"
      " AND status <> 'archived' RETURNING id, name",
      {run.store_id, media_id});
  if (!archived.ok()) return archived.status();
  for (int i = 0; i < archived->size(); ++i) {
    ++counts.archived;
    Status st =
        Notify(conn, run.store_id, "product_archived", "Product archived",
               archived->Text(i, "name") + " was archived because its Instagram post was deleted.",
               {{"productId", archived->Text(i, "id")},
                {"productName", archived->Text(i, "name")},
                {"igMediaId", media_id}});
    if (!st.ok()) return st;
  }
  auto rejected = conn.Exec(
      "UPDATE product_draft SET approval_status = 'rejected', rejected_at = now(),"
      " rejection_reason = 'post_deleted', updated_at = now()"
      " WHERE store_id = $1 AND ig_media_id = $2 AND approval_status IN ('pending', 'expired')",
      {run.store_id, media_id});
  if (!rejected.ok()) return rejected.status();
  auto seen = conn.Exec(
      "UPDATE sync_seen_media SET deleted_at = now(), updated_at = now()"
      " WHERE store_id = $1 AND ig_media_id = $2",
      {run.store_id, media_id});
  return seen.ok() ? Status::Ok() : seen.status();
}

// Ends this scheduled run's hold on the chain's key and enqueues the next run `next_seconds` later.
Status ScheduleNext(Db& db, const Job& job, const PollRun& run, int next_seconds) {
  return db.Transaction([&](Conn& conn) -> Status {
    if (run.trigger == "scheduled") {
      auto release = ReleaseJobDedupeKey(conn, job);
      if (!release.ok()) return release.status();
      if (!*release) return Status::Ok();  // no longer ours: the new owner schedules
    }
    auto next = SchedulePoll(conn, run.connection_id, run.store_id, seconds(next_seconds));
    if (!next.ok()) return next.status();
    auto due = JobRunAt(conn, *next);
    if (!due.ok()) return due.status();
    auto upd = conn.Exec(
        "UPDATE instagram_connection SET poll_interval_seconds = $2::int, last_polled_at = now(),"
        " next_poll_at = $3::timestamptz WHERE id = $1",
        {run.connection_id, std::to_string(next_seconds), *due});
    return upd.ok() ? Status::Ok() : upd.status();
  });
}

// The session-level advisory lock that keeps two polls of a connection apart.
class PollLock {
 public:
  PollLock(Db& db, const std::string& connection_id) : key_("poll:" + connection_id) {
    Status error;
    conn_ = db.Borrow(&error);
    if (!conn_) return;
    auto got = conn_->Exec("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", {key_});
    held_ = got.ok() && !got->empty() && got->Bool(0, "ok");
  }
  ~PollLock() {
    if (held_) (void)conn_->Exec("SELECT pg_advisory_unlock(hashtextextended($1, 0))", {key_});
  }
  bool held() const { return held_; }

 private:
  std::string key_;
  std::unique_ptr<Conn, std::function<void(Conn*)>> conn_;
  bool held_ = false;
};

JobOutcome RunPoll(JobContext& ctx) {
  App& app = ctx.app();
  const Json& p = ctx.job().payload;
  PollRun run;
  run.connection_id = p.value("connectionId", "");
  run.store_id = p.value("storeId", "");
  run.trigger = p.value("trigger", "scheduled");
  if (p.contains("syncId") && p["syncId"].is_string()) run.sync_id = p["syncId"].get<std::string>();
  if (p.contains("webhookEventId") && p["webhookEventId"].is_string())
    run.webhook_event_id = p["webhookEventId"].get<std::string>();
  if (run.connection_id.empty() || run.store_id.empty())
    return JobOutcome::Dead("poll job without connectionId/storeId");

  PollLock lock(app.db, run.connection_id);
  if (!lock.held()) return JobOutcome::Defer(milliseconds(kLockBusyDeferMs), "another poll runs");

  const int min_s = app.config.poll_min_seconds;
  const int max_s = app.config.poll_max_seconds;
  auto state = app.db.Exec(
      "SELECT status, extract(epoch FROM created_at)::bigint AS created_epoch,"
      " GREATEST(0, ceil(extract(epoch FROM throttled_until - now())))::int AS throttled_seconds,"
      " COALESCE(poll_interval_seconds, $3::int) AS interval_seconds,"
      " (last_walked_at IS NULL OR last_walked_at <= now() - make_interval(secs => $4::int)) AS "
      "walk_due,"
      " extract(epoch FROM now())::bigint AS now_epoch"
      " FROM instagram_connection WHERE id = $1 AND store_id = $2",
      {run.connection_id, run.store_id, std::to_string(min_s),
       std::to_string(app.config.sync_walk_seconds)});
  if (!state.ok()) return JobOutcome::Retry(state.status().message());
  PollCounts counts;
  auto fail_history = [&](const std::string& code, const std::string& message, int calls) {
    if (run.trigger == "scheduled" && !run.sync_id) {
      Status created = app.db.Transaction([&](Conn& conn) {
        auto h = EnsureHistory(conn, run, ctx.job().id);
        return h.ok() ? Status::Ok() : h.status();
      });
      (void)created;
    }
    (void)FinishHistory(app.db, run, "failed", counts, calls,
                        {{"code", code}, {"message", message}});
  };
  if (state->empty() || state->Text(0, "status") != "active") {
    // Removed or expired: no calls; a manual refresh that waited for this poll says why.
    if (run.sync_id)
      fail_history("connection_expired", "the Instagram connection is not active", 0);
    return JobOutcome::Dead("connection not active");
  }
  auto connection = LoadConnection(app, run.store_id);
  if (!connection.ok()) return JobOutcome::Retry(connection.status().message());
  if (connection->id != run.connection_id) return JobOutcome::Dead("connection replaced");

  const int throttled = static_cast<int>(state->Int(0, "throttled_seconds"));
  if (throttled > 0) {
    const int wait = std::min(throttled, app.config.throttle_max_defer_seconds);
    if (run.trigger != "scheduled") return JobOutcome::Defer(seconds(wait), "account throttled");
    Status next = ScheduleNext(app.db, ctx.job(), run, std::max(wait, min_s));
    if (!next.ok()) return JobOutcome::Retry(next.message());
    return JobOutcome::Succeeded({{"throttled", true}});
  }
  if (run.sync_id) {
    (void)app.db.Exec(
        "UPDATE instagram_sync_history SET status = 'processing', started_at = now()"
        " WHERE id = $1 AND status = 'queued'",
        {*run.sync_id});
  } else if (run.trigger != "scheduled") {
    Status created = app.db.Transaction([&](Conn& conn) {
      auto h = EnsureHistory(conn, run, ctx.job().id);
      return h.ok() ? Status::Ok() : h.status();
    });
    if (!created.ok()) return JobOutcome::Retry(created.message());
  }

  // The listing: the newest posts until a known one, or the recent catalog when a walk is due (a
  // walk is skipped while half the rate budget is used).
  auto platform = app.new_platform();
  const long long since = state->Int(0, "created_epoch") - kSinceMarginSeconds;
  const long long walk_started = state->Int(0, "now_epoch");
  const int stored_usage = [&] {
    auto u = app.db.Exec(
        "SELECT COALESCE((usage->>'maxPercent')::int, -1) AS pct FROM instagram_connection WHERE "
        "id = $1",
        {run.connection_id});
    return u.ok() && !u->empty() ? static_cast<int>(u->Int(0, "pct")) : -1;
  }();
  const bool walk = (state->Bool(0, "walk_due") || run.trigger == "manual") && stored_usage < 50;
  std::vector<MediaItem> listed;
  bool lost_lease = false;
  int pages = 0;
  Status db_error;
  auto graph_listed = platform->ForEachMedia(
      connection->ig_user_id, connection->access_token, walk ? kWalkPageSize : kNewPostsPageSize,
      [&](const std::vector<MediaItem>& page) {
        ++pages;
        for (const auto& item : page) listed.push_back(item);
        if (!ctx.Heartbeat()) {
          lost_lease = true;
          return false;
        }
        if (walk) return static_cast<int>(listed.size()) < kWalkPosts;
        // The quick path stops at the first known or pre-connection post.
        bool stop = false;
        for (const auto& item : page)
          if (PostEpoch(item, since) < since) stop = true;
        auto conn = app.db.Borrow(&db_error);
        if (!conn) return false;
        auto known = LoadKnown(*conn, run.store_id, page);
        if (!known.ok()) {
          db_error = known.status();
          return false;
        }
        for (const auto& item : page)
          if ((*known)[item.id].known) stop = true;
        return !stop && pages < kNewPostsMaxPages;
      });
  // A walk that listed fewer than kWalkPosts reached the account's oldest post.
  const bool reached_end = walk && static_cast<int>(listed.size()) < kWalkPosts;
  int calls = platform->graph().calls_made();
  (void)SaveUsage(app.db, run.connection_id, UsageOf(platform->graph().last_usage()));
  if (lost_lease) return JobOutcome::Retry("lease lost during the listing");
  if (!db_error.ok()) return JobOutcome::Retry(db_error.message());
  if (!graph_listed.ok()) {
    const GraphError& e = graph_listed.error;
    (void)RecordConnectionError(app, *connection, e);
    if (e.kind == GraphErrorKind::kTokenInvalid || e.kind == GraphErrorKind::kPermission) {
      fail_history(
          e.kind == GraphErrorKind::kTokenInvalid ? "connection_expired" : "permission_missing",
          "Instagram stopped accepting our access; reconnect", calls);
      return JobOutcome::Dead(std::string("graph: ") + GraphErrorKindName(e.kind));
    }
    if (e.kind == GraphErrorKind::kThrottled || e.kind == GraphErrorKind::kBudgetExhausted) {
      const int wait = std::clamp(std::max(e.retry_after_seconds, min_s), 1,
                                  app.config.throttle_max_defer_seconds);
      (void)ThrottleConnection(app.db, run.connection_id, wait);
      LogWarn("poll_throttled", {{"connectionId", run.connection_id}, {"waitSeconds", wait}});
      if (run.trigger != "scheduled") return JobOutcome::Defer(seconds(wait), "throttled by Meta");
      // Meta's estimate, or the budget pause when that is longer: never hammer a throttled account.
      Status next =
          ScheduleNext(app.db, ctx.job(), run,
                       std::max(std::max(e.retry_after_seconds, min_s),
                                internal::NextPollSeconds(wait, false, 100, min_s, max_s)));
      if (!next.ok()) return JobOutcome::Retry(next.message());
      return JobOutcome::Succeeded({{"throttled", true}});
    }
    // A scheduled poll's history records its last attempt only: an outage must not flood it.
    if (run.trigger != "scheduled" || ctx.job().attempts >= ctx.job().max_attempts)
      fail_history("graph_error", GraphErrorKindName(e.kind), calls);
    return JobOutcome::Retry(std::string("listing failed: ") + GraphErrorKindName(e.kind));
  }
  counts.listed = static_cast<int>(listed.size());

  // New, edited and (on a walk) deleted posts, one transaction per post.
  auto known = [&] {
    auto conn = app.db.Borrow(nullptr);
    if (!conn) return Result<std::map<std::string, Known>>(Status::Unavailable("no database"));
    return LoadKnown(*conn, run.store_id, listed);
  }();
  if (!known.ok()) return JobOutcome::Retry(known.status().message());
  std::vector<const MediaItem*> fresh, edited;
  bool past_known = false;
  for (const auto& post : listed) {
    const Known& k = (*known)[post.id];
    if (k.known) {
      past_known = true;
      if (!k.deleted && k.hash && *k.hash != CaptionHash(post)) edited.push_back(&post);
      continue;
    }
    // The quick path stops at the first known post; a walk takes every unknown one it lists.
    if (past_known && !walk) break;
    if (PostEpoch(post, since) < since)
      continue;  // older than the connection: the bulk import's business
    fresh.push_back(&post);
  }
  // Oldest first, so drafts and notifications come in posting order.
  std::reverse(fresh.begin(), fresh.end());
  for (const MediaItem* post : fresh) {
    if (!ctx.Heartbeat()) return JobOutcome::Retry("lease lost");
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto store = LoadStoreSettings(conn, run.store_id);
      if (!store.ok()) return store.status();
      return HandleNewPost(conn, *store, run, *post, ctx.job().id, counts);
    });
    if (!st.ok()) return JobOutcome::Retry("writing drafts: " + st.message());
  }
  for (const MediaItem* post : edited) {
    if (!ctx.Heartbeat()) return JobOutcome::Retry("lease lost");
    PollCounts attempt = counts;
    Status st = app.db.Transaction([&](Conn& conn) -> Status {
      auto store = LoadStoreSettings(conn, run.store_id);
      if (!store.ok()) return store.status();
      return HandleEditedPost(conn, *store, run, *post, ctx.job().id, attempt);
    });
    if (!st.ok()) {
      ++counts.failed;
      LogWarn("sync_edit_failed", {{"storeId", run.store_id}, {"igMediaId", post->id}});
      continue;
    }
    counts = attempt;
  }

  if (walk) {
    // Known posts inside the walked time range that the listing no longer holds: confirm each with
    // GET /{media-id} (a listing can be short), then archive.
    Json ids = Json::array();
    for (const auto& post : listed) ids.push_back(post.id);
    std::string window_start = "-infinity";
    if (!reached_end && !listed.empty()) window_start = listed.back().timestamp;
    auto missing = app.db.Exec(
        "SELECT ig_media_id, bool_or(has_catalog) AS has_catalog FROM ("
        " SELECT d.ig_media_id, true AS has_catalog FROM product_draft d"
        "  LEFT JOIN product p ON p.id = d.product_id WHERE d.store_id = $1"
        "  AND (d.approval_status IN ('pending', 'expired')"
        "   OR (d.approval_status = 'approved' AND p.status <> 'archived'))"
        "  AND d.ig_timestamp >= $2::timestamptz AND d.ig_timestamp <= to_timestamp($3::bigint)"
        " UNION ALL SELECT s.ig_media_id, false FROM sync_seen_media s WHERE s.store_id = $1"
        "  AND s.deleted_at IS NULL AND s.ig_timestamp >= $2::timestamptz"
        "  AND s.ig_timestamp <= to_timestamp($3::bigint)) k"
        " WHERE NOT (k.ig_media_id IN (SELECT jsonb_array_elements_text($4::jsonb)))"
        " GROUP BY ig_media_id ORDER BY ig_media_id LIMIT 100",
        {run.store_id, window_start, std::to_string(walk_started), ids.dump()});
    if (!missing.ok()) return JobOutcome::Retry(missing.status().message());
    int checks = 0;
    for (int i = 0; i < missing->size(); ++i) {
      const std::string media_id = missing->Text(i, "ig_media_id");
      if (missing->Bool(i, "has_catalog")) {
        if (checks++ >= kMaxDeletionChecks) continue;
        auto probe = platform->graph().Get(media_id, {{"fields", "id"}}, connection->access_token);
        if (probe.ok()) continue;  // still there: the listing was short
        if (probe.error.kind == GraphErrorKind::kTokenInvalid) {
          (void)RecordConnectionError(app, *connection, probe.error);
          break;
        }
        if (probe.error.code != 100) continue;  // not an answer about the post
      }
      Status st = app.db.Transaction(
          [&](Conn& conn) { return HandleDeletedPost(conn, run, media_id, ctx.job().id, counts); });
      if (!st.ok()) return JobOutcome::Retry("archiving: " + st.message());
    }
    (void)app.db.Exec("UPDATE instagram_connection SET last_walked_at = now() WHERE id = $1",
                      {run.connection_id});
  }
  calls = platform->graph().calls_made();
  (void)SaveUsage(app.db, run.connection_id, UsageOf(platform->graph().last_usage()));

  const bool active = !fresh.empty() || !edited.empty() || counts.archived > 0;
  const int next =
      internal::NextPollSeconds(static_cast<int>(state->Int(0, "interval_seconds")), active,
                                platform->graph().last_usage().max_percent(), min_s, max_s);
  Status finished = FinishHistory(app.db, run, counts.failed > 0 ? "partial_success" : "success",
                                  counts, calls, nullptr);
  if (!finished.ok()) return JobOutcome::Retry(finished.message());
  if (run.trigger == "scheduled" || active) {
    Status scheduled = ScheduleNext(app.db, ctx.job(), run, next);
    if (!scheduled.ok()) return JobOutcome::Retry(scheduled.message());
  }
  if (counts.something() || run.trigger != "scheduled")
    LogInfo("poll_finished", {{"connectionId", run.connection_id},
                              {"trigger", run.trigger},
                              {"syncId", run.sync_id ? Json(*run.sync_id) : Json()},
                              {"listed", counts.listed},
                              {"drafts", counts.drafts},
                              {"updated", counts.updated},
                              {"archived", counts.archived},
                              {"conflicts", counts.conflicts},
                              {"apiCalls", calls},
                              {"nextSeconds", next}});
  return JobOutcome::Succeeded({{"listed", counts.listed},
                                {"drafts", counts.drafts},
                                {"updated", counts.updated},
                                {"archived", counts.archived},
                                {"apiCalls", calls},
                                {"nextSeconds", next},
                                {"walk", walk}});
}

// ---- Recurring jobs

// Every active connection has a scheduled poll chain: resumes sync after a reconnect, or after a
// chain's job died.
JobOutcome RunPollScheduler(JobContext& ctx) {
  App& app = ctx.app();
  auto orphans = app.db.Exec(
      "SELECT c.id, c.store_id FROM instagram_connection c WHERE c.status = 'active'"
      " AND NOT EXISTS (SELECT 1 FROM job j WHERE j.dedupe_key = 'poll_sched:' || c.id"
      "  AND j.status IN ('queued', 'running')) ORDER BY c.id LIMIT 500");
  if (!orphans.ok()) return JobOutcome::Retry(orphans.status().message());
  int scheduled = 0;
  for (int i = 0; i < orphans->size(); ++i) {
    Status st = app.db.Transaction([&](Conn& conn) {
      auto id =
          SchedulePoll(conn, orphans->Text(i, "id"), orphans->Text(i, "store_id"), milliseconds(0));
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
  job.payload = {{"connectionId", connection_id}, {"storeId", store_id}, {"trigger", "scheduled"}};
  auto id = EnqueueJob(conn, job);
  if (!id.ok()) return id;
  Status sooner = RunJobNoLaterThan(conn, *id, delay);
  if (!sooner.ok()) return sooner;
  return id;
}

namespace internal {
int NextPollSeconds(int previous_seconds, bool active, int usage_percent, int min_seconds,
                    int max_seconds) {
  int next =
      active ? min_seconds
             : std::clamp(previous_seconds > max_seconds / 2 ? max_seconds : previous_seconds * 2,
                          min_seconds, max_seconds);
  if (usage_percent >= 90) return std::max(kBudgetPauseSeconds, max_seconds);
  if (usage_percent >= 75) return max_seconds;
  if (usage_percent >= 50) return std::min(max_seconds, next * 2);
  return next;
}
}  // namespace internal

void RegisterSyncJobs(JobRunner& runner, App& app) {
  runner.Register("poll", RunPoll);
  runner.Register("poll_scheduler", RunPollScheduler);
  runner.Schedule("poll_scheduler", seconds(std::max(app.config.poll_max_seconds, 1)));
}

}  // namespace vendly::server
