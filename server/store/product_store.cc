#include "store/product_store.h"

namespace vendly::server {

const char kProductColumns[] =
    "p.id, p.name, p.slug, p.description, p.price::text AS price, p.currency,"
    " p.compare_at_price::text AS compare_at_price, p.categories, p.tags, p.sizes, p.colors,"
    " p.images, p.status, p.in_stock, p.source_type, p.source_external_id, p.source_item_index,"
    " p.source_external_url, (SELECT d.id FROM product_draft d WHERE d.product_id = p.id LIMIT 1)"
    " AS draft_id, iso_utc(p.created_at) AS created_at, iso_utc(p.updated_at) AS updated_at";

Result<Rows> ProductRows(Conn& conn, const std::string& store_id, const std::string& product_id) {
  return conn.Exec(std::string("SELECT ") + kProductColumns +
                       " FROM product p WHERE p.id = $1 AND p.store_id = $2",
                   {product_id, store_id});
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
  auto ins = conn.Exec(
      "INSERT INTO product (store_id, name, slug, description, price, currency, compare_at_price,"
      " categories, tags, sizes, colors, images, videos, source_type, source_external_id,"
      " source_item_index, source_external_url, source_caption, source_imported_at,"
      " source_extraction, seller_edited_fields, has_variants, status, is_active, in_stock)"
      " VALUES ($1, $2, $3, $4, $5::numeric, $6, $7::numeric, $8::jsonb, $9::jsonb, $10::jsonb,"
      "  $11::jsonb, $12::jsonb, $13::jsonb, 'instagram', $14, $15::int, $16, $17, now(),"
      "  $18::jsonb, $19::jsonb, $20::boolean, 'active', true, $21::boolean)"
      " ON CONFLICT (store_id, source_external_id, source_item_index)"
      " WHERE source_type = 'instagram' DO NOTHING RETURNING id",
      {p.store_id,
       p.name,
       p.slug,
       p.description,
       p.price,
       p.currency,
       p.old_price,
       p.categories,
       p.tags,
       p.sizes,
       p.colors,
       p.images,
       p.videos,
       p.ig_media_id,
       p.item_index,
       p.permalink,
       p.caption,
       p.extraction,
       p.seller_edited_fields,
       p.has_variants ? "true" : "false",
       p.in_stock ? "true" : "false"});
  if (!ins.ok()) return ins.status();
  if (!ins->empty()) return ins->Text(0, "id");
  auto existing = conn.Exec(
      "SELECT id FROM product WHERE store_id = $1 AND source_type = 'instagram'"
      " AND source_external_id = $2 AND source_item_index = $3::int",
      {p.store_id, p.ig_media_id, p.item_index});
  if (!existing.ok()) return existing.status();
  if (existing->empty()) return Status::Internal("product conflict without a product");
  return existing->Text(0, "id");
}

}  // namespace vendly::server
