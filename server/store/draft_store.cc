#include "store/draft_store.h"

#include <vendly/registry.h>

namespace vendly::server {

const char kDraftColumns[] =
    "d.id, d.ig_media_id, d.item_index, d.ig_permalink, d.ig_media_type, d.ig_caption,"
    " iso_utc(d.ig_timestamp) AS posted_at, d.extracted_data, d.seller_edits, d.confidence,"
    " d.image_urls, d.video_urls, d.approval_status, d.rejection_reason, d.product_id,"
    " iso_utc(d.expires_at) AS expires_at, iso_utc(d.created_at) AS created_at,"
    " iso_utc(d.updated_at) AS updated_at";

Result<DraftRows> ScanDrafts(Conn& conn, const std::string& scan_id, const std::string& store_id,
                             int limit) {
  auto drafts = conn.Exec(std::string("SELECT ") + kDraftColumns +
                              ", count(*) OVER () AS total FROM product_draft d"
                              " WHERE d.sync_history_id = $1 AND d.store_id = $2"
                              " ORDER BY d.ig_timestamp DESC, d.item_index LIMIT $3::int",
                          {scan_id, store_id, std::to_string(limit)});
  if (!drafts.ok()) return drafts.status();
  if (!drafts->empty()) return DraftRows{*drafts, drafts->Int(0, "total")};
  auto count =
      conn.Exec("SELECT count(*) AS n FROM product_draft WHERE sync_history_id = $1", {scan_id});
  return DraftRows{*drafts, count.ok() ? count->Int(0, "n") : 0};
}

namespace {

// A PostgreSQL array literal of plain words or numbers: {a,b}.
template <typename T>
std::string ArrayLiteral(const std::vector<T>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    if constexpr (std::is_same_v<T, std::string>)
      out += items[i];
    else
      out += std::to_string(items[i]);
  }
  return out + "}";
}

}  // namespace

Result<std::vector<vendly::ExistingDraft>> LockPostDrafts(Conn& conn, const std::string& store_id,
                                                          const std::string& ig_media_id) {
  auto rows = conn.Exec(
      "SELECT item_index, approval_status FROM product_draft WHERE store_id = $1"
      " AND ig_media_id = $2 ORDER BY item_index FOR UPDATE",
      {store_id, ig_media_id});
  if (!rows.ok()) return rows.status();
  std::vector<vendly::ExistingDraft> drafts;
  for (int i = 0; i < rows->size(); ++i) {
    auto status = vendly::ParseApprovalStatus(rows->Text(i, "approval_status"));
    if (!status) return Status::Internal("a draft has an unknown approval status");
    drafts.push_back({static_cast<int>(rows->Int(i, "item_index")), *status});
  }
  return drafts;
}

Result<std::optional<WrittenDraft>> WriteDraft(Conn& conn, const DraftWrite& d) {
  auto up = conn.Exec(
      "INSERT INTO product_draft (store_id, ig_media_id, item_index, ig_media_url,"
      " ig_permalink, ig_caption, ig_caption_hash, ig_media_type, ig_timestamp,"
      " extracted_data, confidence, expires_at, sync_history_id)"
      " VALUES ($1, $2, $3::int, $4, $5, $6, $7, $8, $9::timestamptz, $10::jsonb,"
      "  $11::double precision, now() + make_interval(days => $12::int), $13)"
      " ON CONFLICT (store_id, ig_media_id, item_index) DO UPDATE SET"
      "  ig_media_url = EXCLUDED.ig_media_url, ig_permalink = EXCLUDED.ig_permalink,"
      "  ig_caption = EXCLUDED.ig_caption, ig_caption_hash = EXCLUDED.ig_caption_hash,"
      "  ig_media_type = EXCLUDED.ig_media_type, ig_timestamp = EXCLUDED.ig_timestamp,"
      "  extracted_data = EXCLUDED.extracted_data, confidence = EXCLUDED.confidence,"
      "  sync_history_id = COALESCE(EXCLUDED.sync_history_id, product_draft.sync_history_id),"
      "  approval_status = 'pending', updated_at = now(),"
      "  expires_at = CASE WHEN product_draft.approval_status = ANY($15::text[])"
      "    THEN EXCLUDED.expires_at ELSE product_draft.expires_at END"
      " WHERE product_draft.approval_status = ANY($14::text[])"
      " RETURNING id, (xmax = 0) AS inserted",
      {d.store_id, d.ig_media_id, std::to_string(d.item_index), d.media_url, d.permalink, d.caption,
       d.caption_hash, d.media_type, d.timestamp, d.extracted_json, std::to_string(d.confidence),
       std::to_string(vendly::kDraftLifetimeDays), d.sync_history_id,
       ArrayLiteral(vendly::StatusesWhere(vendly::RescanRewrites)),
       ArrayLiteral(vendly::StatusesWhere(vendly::RescanRenewsLifetime))});
  if (!up.ok()) return up.status();
  if (up->empty()) return std::optional<WrittenDraft>();
  return std::optional<WrittenDraft>(WrittenDraft{up->Text(0, "id"), up->Bool(0, "inserted")});
}

Status RetireDrafts(Conn& conn, const std::string& store_id, const std::string& ig_media_id,
                    const std::vector<int>& item_indices) {
  if (item_indices.empty()) return Status::Ok();
  auto stale = conn.Exec(
      "DELETE FROM product_draft WHERE store_id = $1 AND ig_media_id = $2"
      " AND item_index = ANY($3::int[]) AND approval_status = ANY($4::text[])",
      {store_id, ig_media_id, ArrayLiteral(item_indices),
       ArrayLiteral(vendly::StatusesWhere(vendly::RescanRetires))});
  return stale.ok() ? Status::Ok() : stale.status();
}

Result<std::optional<DraftForApproval>> LockDraftForApproval(Conn& conn,
                                                             const std::string& store_id,
                                                             const std::string& draft_id) {
  auto rows = conn.Exec(
      "SELECT approval_status, product_id, extracted_data, seller_edits, ig_media_id,"
      " item_index, ig_permalink, ig_caption, image_urls, video_urls FROM product_draft"
      " WHERE id = $1 AND store_id = $2 FOR UPDATE",
      {draft_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<DraftForApproval>();
  return std::optional<DraftForApproval>(DraftForApproval{
      rows->Text(0, "approval_status"), rows->Get(0, "product_id"), rows->Text(0, "extracted_data"),
      rows->Get(0, "seller_edits"), rows->Text(0, "ig_media_id"), rows->Text(0, "item_index"),
      rows->Text(0, "ig_permalink"), rows->Text(0, "ig_caption"), rows->Text(0, "image_urls"),
      rows->Text(0, "video_urls")});
}

Status MarkDraftApproved(Conn& conn, const std::string& store_id, const std::string& draft_id,
                         const std::string& product_id,
                         const std::optional<std::string>& seller_edits) {
  auto upd = conn.Exec(
      "UPDATE product_draft SET approval_status = 'approved', approved_at = now(), product_id = $3,"
      " seller_edits = $4::jsonb, updated_at = now() WHERE id = $1 AND store_id = $2",
      {draft_id, store_id, product_id, seller_edits});
  return upd.ok() ? Status::Ok() : upd.status();
}

Result<int> ExpireDueDrafts(Db& db) {
  auto rows = db.Exec(
      "UPDATE product_draft SET approval_status = 'expired', updated_at = now()"
      " WHERE approval_status = ANY($1::text[]) AND expires_at <= now() RETURNING id",
      {ArrayLiteral(vendly::StatusesWhere(vendly::Expires))});
  if (!rows.ok()) return rows.status();
  return rows->size();
}

Result<std::optional<RejectResult>> RejectDraft(Db& db, const std::string& store_id,
                                                const std::string& draft_id,
                                                const std::optional<std::string>& reason) {
  auto rows = db.Exec(
      "WITH target AS (SELECT id, approval_status FROM product_draft"
      "   WHERE id = $1 AND store_id = $2),"
      " upd AS (UPDATE product_draft SET approval_status = 'rejected', rejected_at = now(),"
      "   rejection_reason = $3, updated_at = now() WHERE id = $1 AND store_id = $2"
      "   AND approval_status = ANY($4::text[]) RETURNING id)"
      " SELECT t.approval_status, (SELECT count(*) FROM upd) AS updated FROM target t",
      {draft_id, store_id, reason, ArrayLiteral(vendly::StatusesWhere(vendly::SellerMayReject))});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<RejectResult>();
  return std::optional<RejectResult>(
      RejectResult{rows->Text(0, "approval_status"), rows->Int(0, "updated") > 0});
}

}  // namespace vendly::server
