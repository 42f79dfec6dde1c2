#include "store/draft_store.h"

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

}  // namespace vendly::server
