// Product drafts: the product_draft table, one row per product of an Instagram post, upserted by
// (store, media id, item index). The only code that names the table besides the listing pages.
#ifndef VENDLY_SERVER_STORE_DRAFT_STORE_H_
#define VENDLY_SERVER_STORE_DRAFT_STORE_H_

#include <vendly/draft_plan.h>

#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The SELECT list of a whole draft over product_draft d (rendered by DraftJson).
extern const char kDraftColumns[];

struct DraftRows {
  Rows rows;  // kDraftColumns
  long long total = 0;
};
// The newest `limit` drafts a scan made (its sync history row), and how many it made in all.
Result<DraftRows> ScanDrafts(Conn& conn, const std::string& scan_id, const std::string& store_id,
                             int limit);

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
  std::string extracted_json;  // the core's product
  double confidence = 0;
  std::optional<std::string> sync_history_id;
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

// A draft as approval reads it, locked until the transaction ends (concurrent approvals of one
// draft make one product). Lists and the extraction as their JSON text.
struct DraftForApproval {
  std::string approval_status;
  std::optional<std::string> product_id;
  std::string extracted_data;
  std::optional<std::string> seller_edits;
  std::string ig_media_id, item_index, permalink, caption, image_urls, video_urls;
};
Result<std::optional<DraftForApproval>> LockDraftForApproval(Conn& conn,
                                                             const std::string& store_id,
                                                             const std::string& draft_id);
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
