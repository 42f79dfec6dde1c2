// The catalog side of the server: turning an Instagram post into drafts (scan and sync both call
// UpsertPostDrafts), approving a draft into a product, and the API shapes of drafts and products
// (server/API.md). The rules themselves (extraction, draft plan, edits, validation, approval,
// slugs) are the core's and the statements the store's; this file moves results between them.
#ifndef VENDLY_SERVER_CATALOG_H_
#define VENDLY_SERVER_CATALOG_H_

#include <httplib.h>
#include <vendly/draft.h>
#include <vendly/extract.h>
#include <vendly/registry.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ai/opinion.h"
#include "app/status.h"
#include "meta/graph.h"
#include "routes/bodies.h"  // ParseTimestamp
#include "store/columns.h"
#include "store/db.h"
#include "store/draft_store.h"
#include "store/notification_store.h"
#include "store/paging.h"
#include "store/product_store.h"
#include "store/seller_store.h"

namespace vendly::server {

struct App;
class JobRunner;

// The store settings the catalog needs (store/seller_store.h LoadStoreSettings).
using StoreSettings = StoreRow;

// The core's input for a post: its caption, type and number of images, in the store's currency.
vendly::Post PostOf(const MediaItem& post, const std::string& store_currency);

// What became of one post.
struct PostOutcome {
  bool is_product = false;
  std::string reason;  // why it was skipped
  int drafts = 0;      // drafts created or updated
  int products = 0;    // of which auto-approved
  std::vector<std::string> draft_ids;
};

// Runs the core extractor on `post` and writes its drafts, inside the caller's transaction:
// one draft per product of the post, upserted by (store, media id, item index), so scanning a post
// again updates its drafts and never duplicates them. Approved and rejected drafts are left alone;
// an expired one comes back as pending; pending drafts of items the post no longer offers are
// removed. New drafts are auto-approved when the store says so and the core finds them valid and
// confident enough. Enqueues the copy of the post's images into the media store.
// With a model's `opinion` of the post, each product is the core's merge of the two readings
// (vendly::MergeSecondOpinions), its draft keeps the second opinion, and a draft whose price the
// two dispute is never auto-approved.
Result<PostOutcome> UpsertPostDrafts(Conn& conn, const StoreSettings& store,
                                     const std::string& connection_id, const MediaItem& post,
                                     const std::optional<std::string>& sync_history_id,
                                     const PostOpinion* opinion = nullptr);

// The result of approving one draft.
struct Approval {
  Status status;                           // ok, not_found, draft_not_pending, validation_failed
  std::vector<vendly::FieldError> errors;  // validation_failed: the core's field errors
  ProductRow product;                      // the product (ok)
  bool already_approved = false;
};
// Approves a draft inside the caller's transaction: applies `edits` (may be null) through the
// core's draft rules, refuses an invalid draft, creates the product with a slug unique in the
// store, and links the two. The draft row is locked first, so concurrent approvals make one
// product.
Approval ApproveDraft(Conn& conn, const std::string& store_id, const std::string& draft_id,
                      const nlohmann::json& edits);

// The API shapes of a draft and a product (server/API.md): camelCase keys, the product fields
// spelled as the registry's FieldInfo::api; a draft's current fields and problems are the core's
// (vendly::CurrentDraft).
nlohmann::json DraftJson(const DraftRow& draft);
nlohmann::json ProductJson(const ProductRow& product);
// The field errors of the core as the API spells them.
nlohmann::json ErrorsJson(const std::vector<vendly::FieldError>& errors);
// The store's product as ProductJson; not_found when there is none.
Result<nlohmann::json> LoadProduct(Conn& conn, const std::string& store_id,
                                   const std::string& product_id);

// A whole-number query parameter in [1, max]; `fallback` when absent; 400 naming it otherwise.
Result<int> IntQueryParam(const httplib::Request& req, const char* name, int fallback, int max);
// {"total","page","limit","pages"} of a paged list.
nlohmann::json PaginationJson(long long total, int page, int limit);

// ?page (from 1) and ?limit (1 to 100, default 20) of a list endpoint; 400 naming a bad one.
Result<PageRequest> ReadPageRequest(const httplib::Request& req);

// Route and job registration of the catalog modules.
void RegisterScanRoutes(class Router& router, App& app);
void RegisterDraftRoutes(class Router& router, App& app);
void RegisterNotificationRoutes(class Router& router, App& app);
void RegisterScanJobs(JobRunner& runner, App& app);
void RegisterDraftJobs(JobRunner& runner, App& app);  // draft expiry

}  // namespace vendly::server

#endif  // VENDLY_SERVER_CATALOG_H_
