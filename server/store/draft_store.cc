#include "store/draft_store.h"

#include <vendly/registry.h>

#include <cstdlib>

#include "store/media_store.h"
#include "vendly/media_status.h"

namespace vendly::server {

namespace {

// The columns of a DraftRow over product_draft d.
// The post's media copies (counted per status) and whether its copy job is active, for
// vendly::ImagesStatus; the job is found by its dedupe key (job_dedupe_active_uq).
const std::string kDraftColumns =
    std::string(
        "d.id, d.ig_media_id, d.item_index, d.ig_permalink, d.ig_media_type, d.ig_caption,"
        " iso_utc(d.ig_timestamp) AS posted_at, d.extracted_data, d.seller_edits, d.second_opinion,"
        " d.confidence,"
        " d.image_urls, d.video_urls, d.approval_status, d.rejection_reason, d.product_id,"
        " iso_utc(d.expires_at) AS expires_at, iso_utc(d.created_at) AS created_at,"
        " iso_utc(d.updated_at) AS updated_at,"
        " (SELECT json_build_array(count(*) FILTER (WHERE a.status = 'stored'),"
        "   count(*) FILTER (WHERE a.status = 'pending'), count(*) FILTER (WHERE a.status = "
        "'failed'),"
        "   count(*) FILTER (WHERE a.status = 'failed' AND a.error LIKE '") +
    kMediaHostRefused +
    ":%'))::text FROM media_asset a WHERE a.store_id = d.store_id AND a.ig_media_id = "
    "d.ig_media_id)"
    " AS image_counts,"
    " EXISTS (SELECT 1 FROM job j WHERE j.dedupe_key = '" +
    kMediaCopyJob +
    ":' || d.store_id || ':' || d.ig_media_id AND j.status IN ('queued', 'running'))"
    " AS images_copying";

// "High confidence" and "expiring" as the registry says (vendly/registry.h).
const std::string kHighConfidenceSql = std::to_string(vendly::kHighConfidence);
const std::string kExpiringSoonSql =
    "now() + interval '" + std::to_string(vendly::kDraftExpiringSoonHours) + " hours'";

nlohmann::json JsonOf(const std::optional<std::string>& text, nlohmann::json fallback) {
  if (!text) return fallback;
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

std::vector<std::string> StringsOf(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  const nlohmann::json list = JsonOf(text, nlohmann::json::array());
  if (list.is_array())
    for (const auto& v : list)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

DraftRow DraftRowOf(const Rows& rows, int i) {
  DraftRow d;
  d.id = rows.Text(i, "id");
  d.ig_media_id = rows.Text(i, "ig_media_id");
  d.item_index = static_cast<int>(rows.Int(i, "item_index"));
  d.permalink = rows.Text(i, "ig_permalink");
  d.media_type = rows.Text(i, "ig_media_type");
  d.caption = rows.Text(i, "ig_caption");
  d.posted_at = rows.Text(i, "posted_at");
  d.extraction = JsonOf(rows.Get(i, "extracted_data"), nlohmann::json::object());
  d.extracted = vendly::DraftFromJson(d.extraction);
  d.seller_edits = JsonOf(rows.Get(i, "seller_edits"), nullptr);
  d.second_opinion = JsonOf(rows.Get(i, "second_opinion"), nullptr);
  d.confidence = std::strtod(rows.Text(i, "confidence").c_str(), nullptr);
  d.image_urls = StringsOf(rows.Get(i, "image_urls"));
  d.video_urls = StringsOf(rows.Get(i, "video_urls"));
  d.approval_status = rows.Text(i, "approval_status");
  d.rejection_reason = rows.Get(i, "rejection_reason");
  d.product_id = rows.Get(i, "product_id");
  d.expires_at = rows.Text(i, "expires_at");
  d.created_at = rows.Text(i, "created_at");
  d.updated_at = rows.Text(i, "updated_at");
  const nlohmann::json counts = JsonOf(rows.Get(i, "image_counts"), nlohmann::json::array());
  auto count = [&counts](std::size_t k) {
    return counts.is_array() && k < counts.size() && counts[k].is_number_integer()
               ? counts[k].get<int>()
               : 0;
  };
  d.images_status = vendly::ImagesStatus(
      {count(0), count(1), count(2), count(3), rows.Text(i, "images_copying") == "t"});
  return d;
}

std::vector<DraftRow> DraftRowsOf(const Rows& rows) {
  std::vector<DraftRow> out;
  for (int i = 0; i < rows.size(); ++i) out.push_back(DraftRowOf(rows, i));
  return out;
}

template <typename Executor>
Result<std::optional<DraftRow>> SelectDraft(Executor& ex, const std::string& store_id,
                                            const std::string& draft_id, const char* suffix) {
  auto rows = ex.Exec(std::string("SELECT ") + kDraftColumns +
                          " FROM product_draft d WHERE d.id = $1 AND d.store_id = $2" + suffix,
                      {draft_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<DraftRow>();
  return std::optional<DraftRow>(DraftRowOf(*rows, 0));
}

const char* OrderOf(DraftSort sort) {
  switch (sort) {
    case DraftSort::kNewest:
      return "d.ig_timestamp DESC, d.item_index";
    case DraftSort::kOldest:
      return "d.ig_timestamp, d.item_index";
    case DraftSort::kConfidence:
      return "d.confidence DESC, d.ig_timestamp DESC, d.item_index";
    case DraftSort::kConfidenceAsc:
      return "d.confidence, d.ig_timestamp DESC, d.item_index";
    case DraftSort::kExpires:
      return "d.expires_at, d.ig_timestamp DESC, d.item_index";
  }
  return "d.ig_timestamp DESC, d.item_index";
}

}  // namespace

Result<std::optional<DraftRow>> FindDraft(Conn& conn, const std::string& store_id,
                                          const std::string& draft_id) {
  return SelectDraft(conn, store_id, draft_id, "");
}

Result<std::optional<DraftRow>> FindDraft(Db& db, const std::string& store_id,
                                          const std::string& draft_id) {
  return SelectDraft(db, store_id, draft_id, "");
}

Result<std::optional<DraftRow>> LockDraft(Conn& conn, const std::string& store_id,
                                          const std::string& draft_id) {
  return SelectDraft(conn, store_id, draft_id, " FOR UPDATE");
}

Result<DraftPage> ListDraftPage(Db& db, const std::string& store_id, const DraftFilter& filter,
                                const PageRequest& page) {
  Params params = {store_id};
  std::string where = "d.store_id = $1";
  if (filter.status) {
    params.push_back(vendly::ApprovalStatusName(*filter.status));
    where += " AND d.approval_status = $" + std::to_string(params.size());
  }
  if (filter.high_confidence)
    where += (*filter.high_confidence ? " AND d.confidence >= " : " AND d.confidence < ") +
             kHighConfidenceSql;
  if (filter.expiring)
    where += " AND d.approval_status = 'pending' AND d.expires_at < " + kExpiringSoonSql;
  if (filter.scan_id) {
    params.push_back(*filter.scan_id);
    where += " AND d.sync_history_id = $" + std::to_string(params.size());
  }
  auto found = QueryPage(db, kDraftColumns, "product_draft d WHERE " + where, OrderOf(filter.sort),
                         params, page);
  if (!found.ok()) return found.status();
  return DraftPage{DraftRowsOf(found->rows), found->total};
}

Result<DraftCounts> PendingDraftCounts(Db& db, const std::string& store_id) {
  auto counts = db.Exec(
      "SELECT count(*) AS all_n, count(*) FILTER (WHERE confidence >= " + kHighConfidenceSql +
          ") AS high_n, count(*) FILTER (WHERE confidence < " + kHighConfidenceSql +
          ") AS low_n, count(*) FILTER (WHERE expires_at < " + kExpiringSoonSql +
          ") AS expiring_n FROM product_draft WHERE store_id = $1 AND approval_status = 'pending'",
      {store_id});
  if (!counts.ok()) return counts.status();
  return DraftCounts{counts->Int(0, "all_n"), counts->Int(0, "high_n"), counts->Int(0, "low_n"),
                     counts->Int(0, "expiring_n")};
}

Result<DraftPage> ScanDrafts(Conn& conn, const std::string& scan_id, const std::string& store_id,
                             int limit) {
  auto drafts = conn.Exec(std::string("SELECT ") + kDraftColumns +
                              ", count(*) OVER () AS total FROM product_draft d"
                              " WHERE d.sync_history_id = $1 AND d.store_id = $2"
                              " ORDER BY d.ig_timestamp DESC, d.item_index LIMIT $3::int",
                          {scan_id, store_id, std::to_string(limit)});
  if (!drafts.ok()) return drafts.status();
  if (!drafts->empty()) return DraftPage{DraftRowsOf(*drafts), drafts->Int(0, "total")};
  auto count =
      conn.Exec("SELECT count(*) AS n FROM product_draft WHERE sync_history_id = $1", {scan_id});
  return DraftPage{{}, count.ok() ? count->Int(0, "n") : 0};
}

Status SaveSellerEdits(Conn& conn, const std::string& store_id, const std::string& draft_id,
                       const nlohmann::json& seller_edits) {
  auto upd = conn.Exec(
      "UPDATE product_draft SET seller_edits = $3::jsonb, updated_at = now() WHERE id = $1 AND"
      " store_id = $2",
      {draft_id, store_id, seller_edits.dump()});
  return upd.ok() ? Status::Ok() : upd.status();
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
      " extracted_data, confidence, expires_at, sync_history_id, second_opinion)"
      " VALUES ($1, $2, $3::int, $4, $5, $6, $7, $8, $9::timestamptz, $10::jsonb,"
      "  $11::double precision, now() + make_interval(days => $12::int), $13, $16::jsonb)"
      " ON CONFLICT (store_id, ig_media_id, item_index) DO UPDATE SET"
      "  ig_media_url = EXCLUDED.ig_media_url, ig_permalink = EXCLUDED.ig_permalink,"
      "  ig_caption = EXCLUDED.ig_caption, ig_caption_hash = EXCLUDED.ig_caption_hash,"
      "  ig_media_type = EXCLUDED.ig_media_type, ig_timestamp = EXCLUDED.ig_timestamp,"
      "  extracted_data = EXCLUDED.extracted_data, confidence = EXCLUDED.confidence,"
      "  second_opinion = EXCLUDED.second_opinion,"
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
       ArrayLiteral(vendly::StatusesWhere(vendly::RescanRenewsLifetime)), d.second_opinion_json});
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
