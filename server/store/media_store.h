// The media store's rows: media_asset (one per store, post and image position: where a copy came
// from, where it is kept, or why it failed), and the stored URLs written to the post's drafts and
// products.
#ifndef VENDLY_SERVER_STORE_MEDIA_STORE_H_
#define VENDLY_SERVER_STORE_MEDIA_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/status.h"
#include "store/db.h"

namespace vendly::server {

// The job kind that copies a post's images (server/media), and its dedupe key per store and post:
// the draft query reads whether one is active.
inline constexpr char kMediaCopyJob[] = "media_copy";
std::string MediaCopyDedupeKey(const std::string& store_id, const std::string& ig_media_id);
// The error code of a copy the host allowlist refused (vendly/media_hosts.h); a failed asset's
// error starts with "<code>: ".
inline constexpr char kMediaHostRefused[] = "media_host_refused";

struct AssetState {
  std::string status;  // stored, pending, failed
  std::string storage_key;
};
// The post's assets by position.
Result<std::map<int, AssetState>> PostAssets(Db& db, const std::string& store_id,
                                             const std::string& ig_media_id);

struct AssetWrite {
  std::string store_id, ig_media_id;
  int position = 0;
  std::string source_url;  // without its signed query
  std::optional<std::string> storage_key, content_type, byte_size, sha256;  // stored copies
  std::string status;  // stored, pending, failed
  std::optional<std::string> error;
};
// Inserts or replaces the asset of that position.
Status SaveAsset(Db& db, const AssetWrite& asset);

// The storage keys of the post's stored assets, in position order.
Result<std::vector<std::string>> StoredAssetKeys(Db& db, const std::string& store_id,
                                                 const std::string& ig_media_id);

// Writes `urls_json` (a JSON list) to image_urls of every draft of the post and to images of the
// store's products of the post whose images are still empty or equal to a draft's list, in one
// transaction (products first: they are compared with the drafts' lists before those change).
Status WritePostImages(Db& db, const std::string& store_id, const std::string& ig_media_id,
                       const std::string& urls_json);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_STORE_MEDIA_STORE_H_
