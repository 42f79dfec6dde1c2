// Product drafts: the product_draft table, one row per product of an Instagram post, upserted by
// (store, media id, item index). Typed rows in and out; the only code that names the table.
#ifndef VENDLY_SERVER_STORE_DRAFT_STORE_H_
#define VENDLY_SERVER_STORE_DRAFT_STORE_H_

#include <vendly/draft.h>
#include <vendly/draft_plan.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"
#include "store/paging.h"

namespace vendly::server {

// A whole draft (rendered by DraftJson).
struct DraftRow {
  std::string id;
  std::string ig_media_id;
  int item_index = 0;
  std::string permalink, media_type, caption;
  std::string posted_at;  // ISO 8601 UTC
  // The core's product as the extractor wrote it (the CLI's keys: evidence, field confidences...),
  // and its draft fields as the core reads them (vendly::DraftFromJson, with its read errors).
  nlohmann::json extraction = nlohmann::json::object();
  vendly::DraftResult extracted;
  nlohmann::json seller_edits;  // null: none
  // The model's second opinion as the draft API shows it (SecondOpinionApiJson); null: none asked.
  nlohmann::json second_opinion;
  double confidence = 0;
  std::vector<std::string> image_urls, video_urls;
  std::string approval_status;  // as stored (vendly::ParseApprovalStatus reads it)
  std::optional<std::string> rejection_reason, product_id;
  std::string expires_at, created_at, updated_at;  // ISO 8601 UTC
  // The post's images in the media store (vendly::ImagesStatus): copying, copied, refused, failed,
  // none.
  std::string images_status;
};

// The store's draft, or nullopt.
Result<std::optional<DraftRow>> FindDraft(Conn& conn, const std::string& store_id,
                                          const std::string& draft_id);
Result<std::optional<DraftRow>> FindDraft(Db& db, const std::string& store_id,
                                          const std::string& draft_id);
// FindDraft, the row locked until the transaction ends (concurrent edits and approvals of one draft
// take turns; two approvals make one product).
Result<std::optional<DraftRow>> LockDraft(Conn& conn, const std::string& store_id,
                                          const std::string& draft_id);

// Which drafts a list shows, and in which order.
enum class DraftSort { kNewest, kOldest, kConfidence, kConfidenceAsc, kExpires };
struct DraftFilter {
  std::optional<vendly::ApprovalStatus> status;  // nullopt: every status
  std::optional<bool> high_confidence;  // true: at least vendly::kHighConfidence; false: below
  bool expiring = false;                // pending, expiring within kDraftExpiringSoonHours
  std::optional<std::string> scan_id;   // made by that scan (its sync history row)
  DraftSort sort = DraftSort::kNewest;
};
struct DraftPage {
  std::vector<DraftRow> drafts;
  long long total = 0;  // over all pages
};
Result<DraftPage> ListDraftPage(Db& db, const std::string& store_id, const DraftFilter& filter,
                                const PageRequest& page);

// The store's pending drafts: all of them, of high and low confidence, and expiring soon.
struct DraftCounts {
  long long all = 0, high = 0, low = 0, expiring = 0;
};
Result<DraftCounts> PendingDraftCounts(Db& db, const std::string& store_id);

// The newest `limit` drafts a scan made (its sync history row), and how many it made in all.
Result<DraftPage> ScanDrafts(Conn& conn, const std::string& scan_id, const std::string& store_id,
                             int limit);

// The seller's edits of the draft become `seller_edits` (an object).
Status SaveSellerEdits(Conn& conn, const std::string& store_id, const std::string& draft_id,
                       const nlohmann::json& seller_edits);

// The drafts of one post, locked until the transaction ends (so a scan and a sync of the same post
// plan against the same rows).
Result<std::vector<vendly::ExistingDraft>> LockPostDrafts(Conn& conn, const std::string& store_id,
                                                          const std::string& ig_media_id);

// One draft as a scan or sync writes it.
struct DraftWrite {
  std::string store_id;
  std::string ig_media_id;
  int item_index = 0;
  std::string media_url;
  std::string permalink;
  std::string caption;
  std::string caption_hash;
  std::string media_type;
  std::string timestamp;       // ISO 8601, as Graph gave it
  std::string extracted_json;  // the core's product (merged with the model's when one was asked)
  double confidence = 0;
  std::optional<std::string> sync_history_id;
  std::optional<std::string> second_opinion_json;  // DraftRow::second_opinion; nullopt: none
};
struct WrittenDraft {
  std::string id;
  bool inserted = false;
};
// Inserts the draft, pending for kDraftLifetimeDays, or rewrites the existing one when the
// lifecycle lets a re-scan rewrite it (vendly::RescanRewrites: it becomes pending; its lifetime
// starts again when vendly::RescanRenewsLifetime). nullopt: the draft was left alone.
Result<std::optional<WrittenDraft>> WriteDraft(Conn& conn, const DraftWrite& draft);

// Removes the post's drafts at `item_indices` that a re-scan may retire (vendly::RescanRetires).
Status RetireDrafts(Conn& conn, const std::string& store_id, const std::string& ig_media_id,
                    const std::vector<int>& item_indices);

// The draft is approved into `product_id`, with the seller's edits (nullopt: none).
Status MarkDraftApproved(Conn& conn, const std::string& store_id, const std::string& draft_id,
                         const std::string& product_id,
                         const std::optional<std::string>& seller_edits);

// Drafts past their expiry that the lifecycle lets expire (vendly::Expires) become 'expired'; how
// many.
Result<int> ExpireDueDrafts(Db& db);

// Rejects the store's draft when the lifecycle lets the seller reject it (vendly::SellerMayReject).
// nullopt: no such draft; else its status before and whether it was rejected now.
struct RejectResult {
  std::string status_before;
  bool rejected = false;
};
Result<std::optional<RejectResult>> RejectDraft(Db& db, const std::string& store_id,
                                                const std::string& draft_id,
                                                const std::optional<std::string>& reason);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_DRAFT_STORE_H_
