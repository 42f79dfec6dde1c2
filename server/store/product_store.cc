#include "store/product_store.h"

#include <cmath>
#include <cstdlib>

namespace vendly::server {
namespace {

using nlohmann::json;

// The columns of a ProductRow over product p.
const char kProductColumns[] =
    "p.id, p.name, p.slug, p.description, p.price::text AS price, p.currency,"
    " p.compare_at_price::text AS compare_at_price, p.categories, p.tags, p.sizes, p.colors,"
    " p.images, p.status, p.in_stock, p.source_type, p.source_external_id, p.source_item_index,"
    " p.source_external_url, (SELECT d.id FROM product_draft d WHERE d.product_id = p.id LIMIT 1)"
    " AS draft_id, iso_utc(p.created_at) AS created_at, iso_utc(p.updated_at) AS updated_at";

std::optional<double> AmountOf(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return std::strtod(text->c_str(), nullptr);
}

std::vector<std::string> StringsOf(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  if (!text) return out;
  const json list = json::parse(*text, nullptr, false);
  if (list.is_array())
    for (const auto& v : list)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

ProductRow ProductRowOf(const Rows& rows, int i) {
  ProductRow p;
  p.id = rows.Text(i, "id");
  p.name = rows.Text(i, "name");
  p.slug = rows.Text(i, "slug");
  p.description = rows.Text(i, "description");
  p.price = AmountOf(rows.Get(i, "price"));
  p.old_price = AmountOf(rows.Get(i, "compare_at_price"));
  p.currency = rows.Text(i, "currency");
  p.categories = StringsOf(rows.Get(i, "categories"));
  p.tags = StringsOf(rows.Get(i, "tags"));
  p.sizes = StringsOf(rows.Get(i, "sizes"));
  p.colors = StringsOf(rows.Get(i, "colors"));
  p.images = StringsOf(rows.Get(i, "images"));
  p.status = rows.Text(i, "status");
  p.in_stock = rows.Bool(i, "in_stock");
  p.source_type = rows.Text(i, "source_type");
  p.ig_media_id = rows.Get(i, "source_external_id");
  if (rows.Get(i, "source_item_index"))
    p.item_index = static_cast<int>(rows.Int(i, "source_item_index"));
  p.permalink = rows.Get(i, "source_external_url");
  p.draft_id = rows.Get(i, "draft_id");
  p.created_at = rows.Text(i, "created_at");
  p.updated_at = rows.Text(i, "updated_at");
  return p;
}

// An amount as a numeric parameter, written as the core writes amounts (whole ones as integers);
// NULL when absent or not finite.
Param AmountParam(const std::optional<double>& amount) {
  if (!amount || !std::isfinite(*amount)) return std::nullopt;
  const double a = *amount;
  if (std::fabs(a) < 9e15 && a == std::floor(a)) return std::to_string(static_cast<long long>(a));
  return json(a).dump();
}

std::string ListText(const std::vector<std::string>& list) { return json(list).dump(); }

}  // namespace

Result<std::optional<ProductRow>> FindProduct(Conn& conn, const std::string& store_id,
                                              const std::string& product_id) {
  auto rows = conn.Exec(std::string("SELECT ") + kProductColumns +
                            " FROM product p WHERE p.id = $1 AND p.store_id = $2",
                        {product_id, store_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ProductRow>();
  return std::optional<ProductRow>(ProductRowOf(*rows, 0));
}

Result<ProductPage> ListProductPage(Db& db, const std::string& store_id,
                                    const ProductFilter& filter, const PageRequest& page) {
  Params params = {store_id};
  std::string where = "p.store_id = $1";
  if (filter.status) {
    params.push_back(*filter.status);
    where += " AND p.status = $" + std::to_string(params.size());
  }
  if (filter.name_contains) {
    params.push_back(*filter.name_contains);
    where += " AND strpos(lower(p.name), lower($" + std::to_string(params.size()) + ")) > 0";
  }
  auto found = QueryPage(db, kProductColumns, "product p WHERE " + where, "p.created_at DESC, p.id",
                         params, page);
  if (!found.ok()) return found.status();
  ProductPage out{{}, found->total};
  for (int i = 0; i < found->rows.size(); ++i) out.products.push_back(ProductRowOf(found->rows, i));
  return out;
}

Result<std::vector<std::string>> LockSlugsLike(Conn& conn, const std::string& store_id,
                                               const std::string& base) {
  auto lock =
      conn.Exec("SELECT pg_advisory_xact_lock(hashtextextended('slug:' || $1, 0))", {store_id});
  if (!lock.ok()) return lock.status();
  auto rows = conn.Exec(
      "SELECT slug FROM product WHERE store_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')",
      {store_id, base});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> taken;
  for (int i = 0; i < rows->size(); ++i) taken.push_back(rows->Text(i, "slug"));
  return taken;
}

Result<std::string> InsertInstagramProduct(Conn& conn, const NewInstagramProduct& p) {
  const vendly::ApprovedProduct& f = p.fields;
  auto ins = conn.Exec(
      "INSERT INTO product (store_id, name, slug, description, price, currency, compare_at_price,"
      " categories, tags, sizes, colors, images, videos, source_type, source_external_id,"
      " source_item_index, source_external_url, source_caption, source_imported_at,"
      " source_extraction, seller_edited_fields, has_variants, status, is_active, in_stock)"
      " VALUES ($1, $2, $3, $4, $5::numeric, $6, $7::numeric, $8::jsonb, $9::jsonb, $10::jsonb,"
      "  $11::jsonb, $12::jsonb, $13::jsonb, 'instagram', $14, $15::int, $16, $17, now(),"
      "  $18::jsonb, $19::jsonb, $20::boolean, $21, true, $22::boolean)"
      " ON CONFLICT (store_id, source_external_id, source_item_index)"
      " WHERE source_type = 'instagram' DO NOTHING RETURNING id",
      {p.store_id,
       f.name,
       p.slug,
       f.description,
       AmountParam(f.price),
       f.currency,
       AmountParam(f.old_price),
       ListText(f.categories),
       ListText(f.tags),
       ListText(f.sizes),
       ListText(f.colors),
       ListText(p.images),
       ListText(p.videos),
       p.ig_media_id,
       std::to_string(p.item_index),
       p.permalink,
       p.caption,
       p.extraction.dump(),
       ListText(f.seller_edited_fields),
       f.has_variants ? "true" : "false",
       f.status,
       f.in_stock ? "true" : "false"});
  if (!ins.ok()) return ins.status();
  if (!ins->empty()) return ins->Text(0, "id");
  auto existing = conn.Exec(
      "SELECT id FROM product WHERE store_id = $1 AND source_type = 'instagram'"
      " AND source_external_id = $2 AND source_item_index = $3::int",
      {p.store_id, p.ig_media_id, std::to_string(p.item_index)});
  if (!existing.ok()) return existing.status();
  if (existing->empty()) return Status::Internal("product conflict without a product");
  return existing->Text(0, "id");
}

}  // namespace vendly::server
