// Products: the product table. Approval inserts one per draft (unique per store, post and item),
// slugs are unique per store, and the listing pages and the product routes read it. Typed rows in
// and out.
#ifndef VENDLY_SERVER_STORE_PRODUCT_STORE_H_
#define VENDLY_SERVER_STORE_PRODUCT_STORE_H_

#include <vendly/approval.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"
#include "store/paging.h"

namespace vendly::server {

// A whole product (rendered by ProductJson).
struct ProductRow {
  std::string id, name, slug, description;
  std::optional<double> price, old_price;  // Field::kOldPrice
  std::string currency;
  std::vector<std::string> categories, tags, sizes, colors, images;
  std::string status;
  bool in_stock = true;
  std::string source_type;
  std::optional<std::string> ig_media_id;  // the post it came from (Instagram products)
  std::optional<int> item_index;
  std::optional<std::string> permalink;
  std::optional<std::string> draft_id;  // the draft approved into it
  std::string created_at, updated_at;   // ISO 8601 UTC
};

// The store's product, or nullopt.
Result<std::optional<ProductRow>> FindProduct(Conn& conn, const std::string& store_id,
                                              const std::string& product_id);

// Which products a list shows (newest first).
struct ProductFilter {
  std::optional<std::string> status;         // active, archived, draft; nullopt: all
  std::optional<std::string> name_contains;  // case-insensitive
};
struct ProductPage {
  std::vector<ProductRow> products;
  long long total = 0;  // over all pages
};
Result<ProductPage> ListProductPage(Db& db, const std::string& store_id,
                                    const ProductFilter& filter, const PageRequest& page);

// Takes the store's slug lock until the transaction ends (approvals take slugs one at a time), and
// returns the slugs in use that are `base` or `base-<n>`.
Result<std::vector<std::string>> LockSlugsLike(Conn& conn, const std::string& store_id,
                                               const std::string& base);

// A product made from an Instagram draft: the core's fields of the approved draft, its slug, and
// the post it came from.
struct NewInstagramProduct {
  std::string store_id;
  vendly::ApprovedProduct fields;
  std::string slug;
  std::string ig_media_id;
  int item_index = 0;
  std::string permalink, caption;
  std::vector<std::string> images, videos;
  nlohmann::json extraction;  // the core's product as the extractor wrote it
};
// Inserts the product, or finds the one the post's item already has (its draft was removed and
// made again). Its id.
Result<std::string> InsertInstagramProduct(Conn& conn, const NewInstagramProduct& product);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_PRODUCT_STORE_H_
