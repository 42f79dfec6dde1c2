#include "store/media_store.h"

namespace vendly::server {

std::string MediaCopyDedupeKey(const std::string& store_id, const std::string& ig_media_id) {
  return std::string(kMediaCopyJob) + ":" + store_id + ":" + ig_media_id;
}

Result<std::map<int, AssetState>> PostAssets(Db& db, const std::string& store_id,
                                             const std::string& ig_media_id) {
  auto rows = db.Exec(
      "SELECT position, status, storage_key FROM media_asset WHERE store_id = $1 AND"
      " ig_media_id = $2",
      {store_id, ig_media_id});
  if (!rows.ok()) return rows.status();
  std::map<int, AssetState> assets;
  for (int i = 0; i < rows->size(); ++i)
    assets[int(rows->Int(i, "position"))] = {rows->Text(i, "status"), rows->Text(i, "storage_key")};
  return assets;
}

Status SaveAsset(Db& db, const AssetWrite& a) {
  auto saved = db.Exec(
      "INSERT INTO media_asset (store_id, ig_media_id, position, source_url, storage_key,"
      " content_type, byte_size, sha256, status, error)"
      " VALUES ($1, $2, $3::int, $4, $5, $6, $7::bigint, $8, $9, $10)"
      " ON CONFLICT (store_id, ig_media_id, position) DO UPDATE SET"
      " source_url = EXCLUDED.source_url, storage_key = EXCLUDED.storage_key,"
      " content_type = EXCLUDED.content_type, byte_size = EXCLUDED.byte_size,"
      " sha256 = EXCLUDED.sha256, status = EXCLUDED.status, error = EXCLUDED.error,"
      " updated_at = now()",
      {a.store_id, a.ig_media_id, std::to_string(a.position), a.source_url, a.storage_key,
       a.content_type, a.byte_size, a.sha256, a.status, a.error});
  return saved.ok() ? Status::Ok() : saved.status();
}

Result<std::vector<std::string>> StoredAssetKeys(Db& db, const std::string& store_id,
                                                 const std::string& ig_media_id) {
  auto rows = db.Exec(
      "SELECT storage_key FROM media_asset WHERE store_id = $1 AND ig_media_id = $2"
      " AND status = 'stored' ORDER BY position",
      {store_id, ig_media_id});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> keys;
  for (int i = 0; i < rows->size(); ++i) keys.push_back(rows->Text(i, "storage_key"));
  return keys;
}

Status WritePostImages(Db& db, const std::string& store_id, const std::string& ig_media_id,
                       const std::string& urls_json) {
  return db.Transaction([&](Conn& conn) -> Status {
    auto products = conn.Exec(
        "UPDATE product p SET images = $3::jsonb, updated_at = now()"
        " WHERE p.store_id = $1 AND p.source_type = 'instagram' AND p.source_external_id = $2"
        " AND p.images IS DISTINCT FROM $3::jsonb"
        " AND (p.images = '[]'::jsonb OR p.images IN (SELECT d.image_urls FROM product_draft d"
        "      WHERE d.store_id = $1 AND d.ig_media_id = $2))",
        {store_id, ig_media_id, urls_json});
    if (!products.ok()) return products.status();
    auto drafts = conn.Exec(
        "UPDATE product_draft SET image_urls = $3::jsonb, updated_at = now()"
        " WHERE store_id = $1 AND ig_media_id = $2 AND image_urls IS DISTINCT FROM $3::jsonb",
        {store_id, ig_media_id, urls_json});
    return drafts.ok() ? Status::Ok() : drafts.status();
  });
}

}  // namespace vendly::server
