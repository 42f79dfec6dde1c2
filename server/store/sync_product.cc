#include "store/sync_product.h"

#include <vendly/registry.h>

#include "store/columns.h"

namespace vendly::server {

using Json = nlohmann::json;

// The product row as the core's Draft JSON (columns of kOursColumns).
const char kOursColumns[] =
    "p.id, p.name, p.description, p.price::text AS price, p.currency,"
    " p.compare_at_price::text AS compare_at_price, p.categories, p.tags, p.sizes, p.colors,"
    " p.source_extraction, p.in_stock";
Json ProductAsDraft(const Rows& rows, int row) {
  Json categories = JsonColumn(rows, row, "categories", Json::array());
  return {{"name", rows.Text(row, "name")},
          {"description", rows.Text(row, "description")},
          {"price", AmountValue(rows.Get(row, "price"))},
          {"currency", rows.Text(row, "currency")},
          {std::string(vendly::FieldInfoOf(vendly::Field::kOldPrice).cli),
           AmountValue(rows.Get(row, "compare_at_price"))},
          {"category", categories.empty() || !categories[0].is_string() ? Json("") : categories[0]},
          {"sizes", JsonColumn(rows, row, "sizes", Json::array())},
          {"colors", JsonColumn(rows, row, "colors", Json::array())},
          {"tags", JsonColumn(rows, row, "tags", Json::array())}};
}

// Writes a merged or resolved Draft JSON into the product's columns.
Status WriteProductDraft(Conn& conn, const std::string& store_id, const std::string& product_id,
                         const Json& draft) {
  Json categories = Json::array();
  if (draft.contains("category") && draft["category"].is_string() &&
      !draft["category"].get<std::string>().empty())
    categories.push_back(draft["category"]);
  auto upd = conn.Exec(
      "UPDATE product SET name = $3, description = $4, price = $5::numeric, currency = $6,"
      " compare_at_price = $7::numeric, categories = $8::jsonb, tags = $9::jsonb, sizes = "
      "$10::jsonb,"
      " colors = $11::jsonb, updated_at = now() WHERE id = $1 AND store_id = $2",
      {product_id, store_id, draft.value("name", ""), draft.value("description", ""),
       NumberParam(draft.value("price", Json())), draft.value("currency", ""),
       NumberParam(draft.value(vendly::FieldInfoOf(vendly::Field::kOldPrice).cli, Json())),
       categories.dump(), draft.value("tags", Json::array()).dump(),
       draft.value("sizes", Json::array()).dump(), draft.value("colors", Json::array()).dump()});
  return upd.ok() ? Status::Ok() : upd.status();
}

}  // namespace vendly::server
