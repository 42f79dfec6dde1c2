#include "store/sync_store.h"

#include <vendly/draft_plan.h>

#include "store/columns.h"
#include "store/sync_product.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

Status Done(const Result<Rows>& rows) { return rows.ok() ? Status::Ok() : rows.status(); }

Json IdArray(const std::vector<std::string>& ids) {
  Json out = Json::array();
  for (const auto& id : ids) out.push_back(id);
  return out;
}

// The statuses for which `rule` holds, as a jsonb array parameter.
std::string StatusSet(bool (*rule)(vendly::ApprovalStatus)) {
  return IdArray(vendly::StatusesWhere(rule)).dump();
}

}  // namespace

// ---- The connection

Result<std::optional<PollConnectionState>> LoadPollConnection(Db& db,
                                                              const std::string& connection_id,
                                                              const std::string& store_id,
                                                              int default_interval,
                                                              int walk_seconds) {
  auto rows = db.Exec(
      "SELECT status, extract(epoch FROM created_at)::bigint AS created_epoch,"
      " GREATEST(0, ceil(extract(epoch FROM throttled_until - now())))::int AS throttled_seconds,"
      " COALESCE(poll_interval_seconds, $3::int) AS interval_seconds,"
      " (last_walked_at IS NULL OR last_walked_at <= now() - make_interval(secs => $4::int))"
      "  AS walk_due,"
      " extract(epoch FROM now())::bigint AS now_epoch,"
      " COALESCE((usage->>'maxPercent')::int, -1) AS usage_percent"
      " FROM instagram_connection WHERE id = $1 AND store_id = $2",
      {connection_id, store_id, std::to_string(default_interval), std::to_string(walk_seconds)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<PollConnectionState>();
  PollConnectionState s;
  s.status = rows->Text(0, "status");
  s.created_epoch = rows->Int(0, "created_epoch");
  s.throttled_seconds = static_cast<int>(rows->Int(0, "throttled_seconds"));
  s.interval_seconds = static_cast<int>(rows->Int(0, "interval_seconds"));
  s.walk_interval_passed = rows->Bool(0, "walk_due");
  s.now_epoch = rows->Int(0, "now_epoch");
  s.usage_percent = static_cast<int>(rows->Int(0, "usage_percent"));
  return std::optional<PollConnectionState>(s);
}

Result<PollSpacing> LoadPollSpacing(Conn& conn, const std::string& connection_id) {
  auto rows = conn.Exec(
      "SELECT COALESCE(floor(extract(epoch FROM now() - last_polled_at))::bigint, -1) AS since,"
      " COALESCE((usage->>'maxPercent')::int, -1) AS usage_percent"
      " FROM instagram_connection WHERE id = $1",
      {connection_id});
  if (!rows.ok()) return rows.status();
  PollSpacing s;
  if (rows->empty()) return s;
  s.since_last_poll_seconds = rows->Int(0, "since");
  s.usage_percent = static_cast<int>(rows->Int(0, "usage_percent"));
  return s;
}

Status RecordPollStarted(Db& db, const std::string& connection_id) {
  return Done(db.Exec("UPDATE instagram_connection SET last_polled_at = now() WHERE id = $1",
                      {connection_id}));
}

Status RecordPollScheduled(Conn& conn, const std::string& connection_id, int interval_seconds,
                           const std::optional<std::string>& next_poll_at) {
  return Done(
      conn.Exec("UPDATE instagram_connection SET poll_interval_seconds = $2::int,"
                " next_poll_at = $3::timestamptz WHERE id = $1",
                {connection_id, std::to_string(interval_seconds), next_poll_at}));
}

Status MarkConnectionWalked(Db& db, const std::string& connection_id) {
  return Done(db.Exec("UPDATE instagram_connection SET last_walked_at = now() WHERE id = $1",
                      {connection_id}));
}

Result<std::vector<ConnectionRef>> ConnectionsWithoutPollChain(Db& db,
                                                               const std::string& chain_key_prefix,
                                                               int limit) {
  auto rows = db.Exec(
      "SELECT c.id, c.store_id FROM instagram_connection c WHERE c.status = 'active'"
      " AND NOT EXISTS (SELECT 1 FROM job j WHERE j.dedupe_key = $1 || c.id"
      "  AND j.status IN ('queued', 'running')) ORDER BY c.id LIMIT $2::int",
      {chain_key_prefix, std::to_string(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<ConnectionRef> out;
  for (int i = 0; i < rows->size(); ++i)
    out.push_back({rows->Text(i, "id"), rows->Text(i, "store_id")});
  return out;
}

AdvisoryLock::AdvisoryLock(Db& db, std::string key) : key_(std::move(key)) {
  Status error;
  conn_ = db.Borrow(&error);
  if (!conn_) return;
  auto got = conn_->Exec("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", {key_});
  held_ = got.ok() && !got->empty() && got->Bool(0, "ok");
}

AdvisoryLock::~AdvisoryLock() {
  if (held_) (void)conn_->Exec("SELECT pg_advisory_unlock(hashtextextended($1, 0))", {key_});
}

// ---- Posts

Result<vendly::KnownPosts> LoadKnownPosts(Conn& conn, const std::string& store_id,
                                          const std::vector<std::string>& media_ids) {
  auto rows = conn.Exec(
      "SELECT m.id, s.caption_hash AS seen_hash, s.deleted_at IS NOT NULL AS deleted,"
      " s.ig_media_id IS NOT NULL AS seen,"
      " (SELECT d.ig_caption_hash FROM product_draft d WHERE d.store_id = $1"
      "  AND d.ig_media_id = m.id ORDER BY d.updated_at DESC LIMIT 1) AS draft_hash,"
      " EXISTS (SELECT 1 FROM product_draft d WHERE d.store_id = $1 AND d.ig_media_id = m.id)"
      "  AS drafted,"
      " EXISTS (SELECT 1 FROM product p WHERE p.store_id = $1 AND p.source_type = 'instagram'"
      "  AND p.source_external_id = m.id) AS imported"
      " FROM jsonb_array_elements_text($2::jsonb) AS m(id)"
      " LEFT JOIN sync_seen_media s ON s.store_id = $1 AND s.ig_media_id = m.id",
      {store_id, IdArray(media_ids).dump()});
  if (!rows.ok()) return rows.status();
  vendly::KnownPosts known;
  for (int i = 0; i < rows->size(); ++i) {
    vendly::KnownPost k;
    k.known = rows->Bool(i, "seen") || rows->Bool(i, "drafted") || rows->Bool(i, "imported");
    k.deleted = rows->Bool(i, "deleted");
    k.caption_hash = rows->Get(i, "seen_hash");
    if (!k.caption_hash) k.caption_hash = rows->Get(i, "draft_hash");
    known[rows->Text(i, "id")] = k;
  }
  return known;
}

Status MarkPostSeen(Conn& conn, const std::string& store_id, const SeenPost& post) {
  return Done(conn.Exec(
      "INSERT INTO sync_seen_media (store_id, ig_media_id, ig_timestamp, caption_hash)"
      " VALUES ($1, $2, $3::timestamptz, $4) ON CONFLICT (store_id, ig_media_id) DO UPDATE SET"
      " caption_hash = EXCLUDED.caption_hash, ig_timestamp = EXCLUDED.ig_timestamp,"
      " deleted_at = NULL, updated_at = now()",
      {store_id, post.ig_media_id, post.timestamp, post.caption_hash}));
}

Status MarkPostDeleted(Conn& conn, const std::string& store_id, const std::string& ig_media_id) {
  return Done(
      conn.Exec("UPDATE sync_seen_media SET deleted_at = now(), updated_at = now()"
                " WHERE store_id = $1 AND ig_media_id = $2",
                {store_id, ig_media_id}));
}

Result<std::vector<vendly::MissingPost>> MissingPosts(Db& db, const std::string& store_id,
                                                      const std::optional<std::string>& from,
                                                      long long until_epoch,
                                                      const std::vector<std::string>& listed_ids) {
  auto rows = db.Exec(
      "SELECT ig_media_id, bool_or(has_catalog) AS has_catalog FROM ("
      " SELECT d.ig_media_id, true AS has_catalog FROM product_draft d"
      "  LEFT JOIN product p ON p.id = d.product_id WHERE d.store_id = $1"
      "  AND (d.approval_status IN (SELECT jsonb_array_elements_text($5::jsonb))"
      "   OR (d.approval_status = 'approved' AND p.status <> 'archived'))"
      "  AND d.ig_timestamp >= $2::timestamptz AND d.ig_timestamp <= to_timestamp($3::bigint)"
      " UNION ALL SELECT s.ig_media_id, false FROM sync_seen_media s WHERE s.store_id = $1"
      "  AND s.deleted_at IS NULL AND s.ig_timestamp >= $2::timestamptz"
      "  AND s.ig_timestamp <= to_timestamp($3::bigint)) k"
      " WHERE NOT (k.ig_media_id IN (SELECT jsonb_array_elements_text($4::jsonb)))"
      " GROUP BY ig_media_id ORDER BY ig_media_id LIMIT $6::int",
      {store_id, from.value_or("-infinity"), std::to_string(until_epoch),
       IdArray(listed_ids).dump(), StatusSet(vendly::PostDeletionRejects),
       std::to_string(vendly::kMaxMissingPosts)});
  if (!rows.ok()) return rows.status();
  std::vector<vendly::MissingPost> out;
  for (int i = 0; i < rows->size(); ++i)
    out.push_back({rows->Text(i, "ig_media_id"), rows->Bool(i, "has_catalog")});
  return out;
}

// ---- The poll's sync history

Result<std::string> InsertPollHistory(Conn& conn, const PollHistoryStart& start) {
  auto row = conn.Exec(
      "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source,"
      " status, metadata) VALUES ($1, $2, $3, $4, 'processing', $5::jsonb) RETURNING id",
      {start.store_id, start.connection_id, start.sync_type, start.trigger_source,
       start.metadata.dump()});
  if (!row.ok()) return row.status();
  return row->Text(0, "id");
}

Status MarkPollHistoryProcessing(Db& db, const std::string& sync_id) {
  return Done(
      db.Exec("UPDATE instagram_sync_history SET status = 'processing', started_at = now()"
              " WHERE id = $1 AND status = 'queued'",
              {sync_id}));
}

Status FinishPollHistory(Db& db, const std::string& sync_id, const PollHistoryEnd& end) {
  const vendly::PollTally& c = end.tally;
  const Json extra = {{"archived", c.archived}, {"conflicts", c.conflicts}};
  return Done(db.Exec(
      "UPDATE instagram_sync_history SET status = $2, completed_at = now(), duration_ms = $3::int,"
      " api_calls_used = COALESCE(api_calls_used, 0) + $4::int, total_media = $5::int,"
      " total_processed = $6::int, drafts_created = $7::int, products_imported = $8::int,"
      " products_updated = $9::int, products_skipped = $10::int, products_failed = $11::int,"
      " errors = CASE WHEN $12::jsonb IS NULL THEN errors"
      "  ELSE errors || jsonb_build_array($12::jsonb) END,"
      " metadata = COALESCE(metadata, '{}'::jsonb) || $13::jsonb WHERE id = $1",
      {sync_id, end.status, std::to_string(end.duration_ms), std::to_string(end.api_calls),
       std::to_string(c.listed), std::to_string(c.processed), std::to_string(c.drafts),
       std::to_string(c.products), std::to_string(c.updated), std::to_string(c.skipped),
       std::to_string(c.failed), end.error.is_null() ? Param() : Param(end.error.dump()),
       extra.dump()}));
}

// ---- Drafts and products

Result<std::optional<DraftNoticeFacts>> DraftForNotice(Conn& conn, const std::string& store_id,
                                                       const std::string& draft_id) {
  auto d = conn.Exec(
      "SELECT extracted_data->>'name' AS name, approval_status, product_id FROM product_draft"
      " WHERE id = $1 AND store_id = $2",
      {draft_id, store_id});
  if (!d.ok()) return d.status();
  if (d->empty()) return std::optional<DraftNoticeFacts>();
  const bool published = vendly::ParseApprovalStatus(d->Text(0, "approval_status")) ==
                         vendly::ApprovalStatus::kApproved;
  return std::optional<DraftNoticeFacts>(
      DraftNoticeFacts{d->Text(0, "name"), published, d->Text(0, "product_id")});
}

Result<std::set<std::string>> PostDraftIds(Conn& conn, const std::string& store_id,
                                           const std::string& ig_media_id) {
  auto rows = conn.Exec("SELECT id FROM product_draft WHERE store_id = $1 AND ig_media_id = $2",
                        {store_id, ig_media_id});
  if (!rows.ok()) return rows.status();
  std::set<std::string> ids;
  for (int i = 0; i < rows->size(); ++i) ids.insert(rows->Text(i, "id"));
  return ids;
}

Result<std::vector<FollowedProduct>> LockFollowedProducts(Conn& conn, const std::string& store_id,
                                                          const std::string& ig_media_id) {
  auto rows = conn.Exec(
      std::string("SELECT d.item_index, ") + kOursColumns +
          " FROM product_draft d JOIN product p ON p.id = d.product_id AND p.store_id = d.store_id"
          " WHERE d.store_id = $1 AND d.ig_media_id = $2 AND d.approval_status = 'approved'"
          " AND p.status <> 'archived' ORDER BY d.item_index FOR UPDATE OF p",
      {store_id, ig_media_id});
  if (!rows.ok()) return rows.status();
  std::vector<FollowedProduct> out;
  for (int i = 0; i < rows->size(); ++i) {
    FollowedProduct p;
    p.product_id = rows->Text(i, "id");
    p.name = rows->Text(i, "name");
    p.item_index = static_cast<int>(rows->Int(i, "item_index"));
    p.ours = ProductAsDraft(*rows, i);
    p.base = JsonColumn(*rows, i, "source_extraction", Json::object());
    p.in_stock = rows->Bool(i, "in_stock");
    out.push_back(std::move(p));
  }
  return out;
}

Status SaveProductSource(Conn& conn, const std::string& store_id, const std::string& product_id,
                         const Json& extraction, const std::string& caption, bool in_stock) {
  return Done(
      conn.Exec("UPDATE product SET source_extraction = $3::jsonb, source_caption = $4,"
                " in_stock = $5::boolean, updated_at = now() WHERE id = $1 AND store_id = $2",
                {product_id, store_id, extraction.dump(), caption, in_stock ? "true" : "false"}));
}

Status FollowApprovedDrafts(Conn& conn, const std::string& store_id, const std::string& ig_media_id,
                            const std::string& caption, const std::string& caption_hash,
                            const Json& extracted_products) {
  return Done(conn.Exec(
      "UPDATE product_draft d SET ig_caption = $3, ig_caption_hash = $4, updated_at = now(),"
      " extracted_data = COALESCE(($5::jsonb)->d.item_index, d.extracted_data)"
      " WHERE d.store_id = $1 AND d.ig_media_id = $2 AND d.approval_status = 'approved'",
      {store_id, ig_media_id, caption, caption_hash, extracted_products.dump()}));
}

Status UpsertSyncConflict(Conn& conn, const ConflictWrite& c) {
  return Done(conn.Exec(
      "INSERT INTO sync_conflict (store_id, product_id, ig_media_id, field, base_value,"
      " instagram_value, seller_value, sync_history_id) VALUES ($1, $2, $3, $4, $5::jsonb,"
      " $6::jsonb, $7::jsonb, $8)"
      " ON CONFLICT (product_id, field) WHERE status = 'open' DO UPDATE SET"
      " base_value = EXCLUDED.base_value, instagram_value = EXCLUDED.instagram_value,"
      " seller_value = EXCLUDED.seller_value, sync_history_id = EXCLUDED.sync_history_id,"
      " created_at = now()",
      {c.store_id, c.product_id, c.ig_media_id, c.field, c.base.dump(), c.theirs.dump(),
       c.ours.dump(), c.sync_history_id}));
}

Result<std::vector<ArchivedProduct>> ArchivePostProducts(Conn& conn, const std::string& store_id,
                                                         const std::string& ig_media_id) {
  auto rows = conn.Exec(
      "UPDATE product SET status = 'archived', is_active = false, updated_at = now()"
      " WHERE store_id = $1 AND source_type = 'instagram' AND source_external_id = $2"
      " AND status <> 'archived' RETURNING id, name",
      {store_id, ig_media_id});
  if (!rows.ok()) return rows.status();
  std::vector<ArchivedProduct> out;
  for (int i = 0; i < rows->size(); ++i)
    out.push_back({rows->Text(i, "id"), rows->Text(i, "name")});
  return out;
}

Status RejectDeletedPostDrafts(Conn& conn, const std::string& store_id,
                               const std::string& ig_media_id) {
  return Done(
      conn.Exec("UPDATE product_draft SET approval_status = 'rejected', rejected_at = now(),"
                " rejection_reason = 'post_deleted', updated_at = now()"
                " WHERE store_id = $1 AND ig_media_id = $2"
                " AND approval_status IN (SELECT jsonb_array_elements_text($3::jsonb))",
                {store_id, ig_media_id, StatusSet(vendly::PostDeletionRejects)}));
}

}  // namespace vendly::server
