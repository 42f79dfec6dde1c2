// The media store: every image a draft or product shows (a photo, a carousel slide, a video's
// thumbnail) is copied out of Instagram's expiring CDN into VENDLY_MEDIA_DIR, named by the SHA-256
// of its bytes (<media_dir>/<aa>/<sha256>.<ext>), and served by the edge server at
// <public_url>/api/media/<sha256>.<ext> forever. Only images are kept (JPEG, PNG, WebP, GIF,
// checked by their magic bytes, not by what the CDN claims); a video post contributes its
// thumbnail. Copies run in "media_copy" jobs: a failed download is retried, and a CDN URL that has
// expired (403/410) is replaced by a fresh one read through the Graph API.
#ifndef VENDLY_SERVER_MEDIA_H_
#define VENDLY_SERVER_MEDIA_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/status.h"
#include "jobs/queue.h"
#include "meta/graph.h"
#include "store/media_store.h"

namespace vendly::server {

struct App;
struct Config;
class Router;

// The error codes of StoreRemoteMedia, by what the caller should do about them.
inline constexpr char kMediaExpired[] = "media_expired";          // 403/410: get a fresh URL
inline constexpr char kMediaUnavailable[] = "media_unavailable";  // network, 5xx, disk: retry
inline constexpr char kMediaRejected[] = "media_rejected";  // not an image, too big, 404: give up
// kMediaHostRefused (store/media_store.h): the host is not allowed (vendly/media_hosts.h): give up
// The media directory's disk is full (ENOSPC, EDQUOT): wait for room without spending attempts.
inline constexpr char kMediaStorageFull[] = "media_storage_full";

struct MediaType {
  std::string ext;           // "jpg", "png", "webp", "gif"
  std::string content_type;  // "image/jpeg", ...
};

// The image type of `bytes` from their magic bytes; nullopt for anything else (video included).
std::optional<MediaType> SniffImageType(std::string_view bytes);

// The type of a media-store name "<64 lowercase hex>.<ext>"; nullopt for any other string (so a
// name that passes can be joined to the media directory safely).
std::optional<MediaType> ParseMediaName(std::string_view name);

struct StoredMedia {
  std::string sha256;        // 64 lowercase hex digits of the content
  std::string ext;           // as MediaType
  std::string content_type;  // as MediaType
  std::size_t size = 0;
  std::string storage_key;  // "<aa>/<sha256>.<ext>", relative to config.media_dir
  std::string url;          // <public_url>/api/media/<sha256>.<ext>
};

// The public URL of a stored name.
std::string MediaUrl(const Config& config, const std::string& name);

// Checks `bytes` (an image of at most config.media_max_bytes) and writes them, once, to
// <media_dir>/<aa>/<sha256>.<ext> (a temporary file renamed into place, so a reader never sees a
// partial file; the same bytes twice leave one file). Errors: kMediaRejected when the bytes are not
// an image or too large, kMediaStorageFull when the disk has no room (no partial file is left),
// kMediaUnavailable when the file cannot be written otherwise.
Result<StoredMedia> StoreMediaBytes(const Config& config, std::string_view bytes);

// Downloads `url` (http or https; at most 3 redirects; 10 s to connect, 20 s between reads, 60 s in
// all; at most config.media_max_bytes, refused from Content-Length before the body when it says
// more) and stores it with StoreMediaBytes. Errors: kMediaExpired for 403 and 410 (a signed CDN URL
// past its `oe`), kMediaUnavailable for network failures, timeouts, 408, 429 and 5xx,
// kMediaRejected for other statuses (404: the file is gone), too many redirects, a malformed URL,
// a body that is not an image or is too large. Messages name the host, never the signed query.
Result<StoredMedia> StoreRemoteMedia(App& app, const std::string& url);

// GET /api/media/<sha256>.<ext> (public): the stored bytes with their content type, an ETag (the
// SHA-256; If-None-Match answers 304) and `Cache-Control: public, max-age=31536000, immutable`.
// A malformed name answers 400 invalid_request, an unknown one 404 not_found.
void RegisterMediaRoutes(Router& router, App& app);

// ---- Copy jobs --------------------------------------------------------------------------------

// One image of a post: `position` is its place in the post (the carousel slide's index, 0 for a
// single image or video), `child_id` the carousel child it comes from.
struct MediaSource {
  int position = 0;
  std::string url;  // the CDN URL as Graph returned it
  std::optional<std::string> child_id;
};

// The images of a post in order: a photo's media_url; a video's thumbnail_url; each carousel
// child by the same rule. Where media_url is missing (copyright-flagged media) the thumbnail is the
// fallback; an item with neither is left out (its position stays unused).
std::vector<MediaSource> PostImageSources(const MediaItem& item);

// The job that copies the images of `item` for a store: kind "media_copy", payload
// {"storeId","connectionId","igMediaId","sources":[{"position","url","childId"}]}, deduplicated per
// store and post. Enqueue it in the transaction that writes the post's drafts.
JobSpec MediaCopyJob(const std::string& store_id, const std::string& connection_id,
                     const MediaItem& item);

// The "media_copy" handler. Stores each source not yet stored (media_asset, unique per store, post
// and position); an expired URL is refreshed once per run through GET /{media-id} with the
// connection's token. Then writes the stored URLs, in position order, to image_urls of every draft
// of the post and to images of the store's products of the post whose images are still empty or
// equal to a draft's list (a product whose seller changed its images is left alone). Outcomes:
// Succeeded when every source is stored or failed for good ({"stored","failed"}); Retry while a
// download or the Graph API fails transiently; Defer when Meta throttles or the runner stops; Dead
// for a malformed payload, a connection that is gone, or a token Meta rejects (the seller
// reconnects and the next scan copies again). A full media disk stops the run: the copy waits
// (Defer, config.media_full_retry_seconds, no attempt spent) until there is room, and the store's
// seller gets one media_storage_full notice (none while an unread one is there). Whatever the
// outcome, the URLs stored so far are written first, so a draft shows the images in hand while
// the rest are pending (its imagesStatus says so).
JobOutcome CopyPostMedia(JobContext& ctx);

// Registers CopyPostMedia for kind "media_copy".
void RegisterMediaJobs(JobRunner& runner, App& app);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_MEDIA_H_
