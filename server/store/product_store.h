// Products: the product table. Approval inserts one per draft (unique per store, post and item),
// slugs are unique per store, and the listing pages and the product routes read it.
#ifndef VENDLY_SERVER_STORE_PRODUCT_STORE_H_
#define VENDLY_SERVER_STORE_PRODUCT_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The SELECT list of a whole product over product p (rendered by ProductJson).
extern const char kProductColumns[];

// The store's product, kProductColumns; empty rows when there is none.
Result<Rows> ProductRows(Conn& conn, const std::string& store_id, const std::string& product_id);

// Takes the store's slug lock until the transaction ends (approvals take slugs one at a time), and
// returns the slugs in use that are `base` or `base-<n>`.
Result<std::vector<std::string>> LockSlugsLike(Conn& conn, const std::string& store_id,
                                               const std::string& base);

// A product made from an Instagram draft. Amounts and lists as their SQL text (numeric, jsonb).
struct NewInstagramProduct {
  std::string store_id, name, slug, description, currency;
  std::optional<std::string> price, old_price;                  // numeric text; nullopt: NULL
  std::string categories, tags, sizes, colors, images, videos;  // jsonb text
  std::string ig_media_id, item_index, permalink, caption;
  std::string extraction, seller_edited_fields;  // jsonb text
  bool has_variants = false;
  bool in_stock = true;
};
// Inserts the product, or finds the one the post's item already has (its draft was removed and
// made again). Its id.
Result<std::string> InsertInstagramProduct(Conn& conn, const NewInstagramProduct& product);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_PRODUCT_STORE_H_
