#include "media/media.h"

#include <fcntl.h>
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "app/app.h"
#include "app/log.h"
#include "crypto/crypto.h"
#include "http/http.h"
#include "jobs/graph_errors.h"
#include "store/db.h"
#include "store/media_store.h"
#include "store/notification_store.h"
#include "vendly/media_hosts.h"
#include "vendly/notices.h"

namespace vendly::server {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxRedirects = 3;
constexpr int kConnectTimeoutSeconds = 10;
constexpr int kReadTimeoutSeconds = 20;
constexpr std::chrono::seconds kDownloadDeadline{60};
constexpr char kImmutable[] = "public, max-age=31536000, immutable";
// The fields that give a post's image URLs again (media_type decides photo or thumbnail).
constexpr char kRefreshFields[] =
    "media_type,media_url,thumbnail_url,children{id,media_type,media_url,thumbnail_url}";

const MediaType kJpeg{"jpg", "image/jpeg"};
const MediaType kPng{"png", "image/png"};
const MediaType kWebp{"webp", "image/webp"};
const MediaType kGif{"gif", "image/gif"};

Status Expired(const std::string& message) {
  return {StatusKind::kUpstream, kMediaExpired, message};
}
Status Unavailable(const std::string& message) {
  return {StatusKind::kUpstream, kMediaUnavailable, message};
}
Status Rejected(const std::string& message) {
  return {StatusKind::kRejected, kMediaRejected, message};
}
// A write that failed with `error`: the disk is full, or another failure to retry.
Status WriteFailed(const std::string& what, int error) {
  const std::string message = what + ": " + std::strerror(error);
  if (error == ENOSPC || error == EDQUOT)
    return {StatusKind::kUnavailable, kMediaStorageFull, message};
  return Unavailable(message);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

std::string Lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return text;
}

// The target of a redirect from `base`: absolute, scheme-relative, absolute-path or relative.
std::string ResolveLocation(const vendly::HttpUrlParts& base, const std::string& location) {
  const std::string lower = Lower(location.substr(0, 8));
  if (StartsWith(lower, "http://") || StartsWith(lower, "https://")) return location;
  if (StartsWith(location, "//")) return base.scheme + ":" + location;
  if (StartsWith(location, "/")) return base.Origin() + location;
  std::string dir = base.path.substr(0, base.path.find('?'));
  dir = dir.substr(0, dir.rfind('/') + 1);
  return base.Origin() + dir + location;
}

// The URL split for the client when the policy allows its host (vendly/media_hosts.h). A malformed
// URL is kMediaRejected; a host the policy refuses is kMediaHostRefused, logged with the host and
// the reason (never the signed query).
Result<vendly::HttpUrlParts> AllowedTarget(const vendly::MediaHostPolicy& policy,
                                           const std::string& url) {
  const vendly::MediaUrlCheck check = vendly::CheckMediaUrl(policy, url);
  auto target = vendly::ParseHttpUrl(url);
  if (check.verdict == vendly::MediaUrlVerdict::kAllowed && target) return *target;
  if (check.verdict == vendly::MediaUrlVerdict::kMalformed || !target)
    return Rejected(check.reason);
  LogWarn("media_host_refused", {{"host", check.host}, {"reason", check.reason}});
  return Status{StatusKind::kRejected, kMediaHostRefused, check.reason};
}

// GETs `url`, following at most kMaxRedirects redirects, and returns the body of the 2xx answer.
// Every hop's host must be allowed by `policy`.
Result<std::string> Download(const vendly::MediaHostPolicy& policy, const std::string& url,
                             std::size_t max_bytes) {
  const auto deadline = std::chrono::steady_clock::now() + kDownloadDeadline;
  std::string current = url;
  for (int hop = 0;; ++hop) {
    auto target = AllowedTarget(policy, current);
    if (!target.ok()) return target.status();
    httplib::Client client(target->Origin());
    client.set_connection_timeout(kConnectTimeoutSeconds, 0);
    client.set_read_timeout(kReadTimeoutSeconds, 0);
    client.set_write_timeout(kConnectTimeoutSeconds, 0);
    client.set_follow_location(false);
    client.set_keep_alive(false);
    client.set_decompress(false);  // images are compressed already; a gzip body is no image

    int status = 0;
    std::string location;
    bool too_big = false;
    bool too_slow = false;
    std::string body;
    const httplib::Headers headers = {{"Accept", "image/*"}, {"Accept-Encoding", "identity"}};
    auto result = client.Get(
        target->path, headers,
        [&](const httplib::Response& response) {
          status = response.status;
          location = response.get_header_value("Location");
          if (status < 200 || status >= 300) return false;  // the body is not wanted
          if (response.has_header("Content-Length")) {
            const std::string length = response.get_header_value("Content-Length");
            if (length.size() > 18 || std::stoull("0" + length) > max_bytes) {
              too_big = true;
              return false;
            }
          }
          return true;
        },
        [&](const char* data, std::size_t length) {
          if (std::chrono::steady_clock::now() > deadline) {
            too_slow = true;
            return false;
          }
          if (body.size() + length > max_bytes) {
            too_big = true;
            return false;
          }
          body.append(data, length);
          return true;
        });

    if (too_big)
      return Rejected(target->host + " sent more than " + std::to_string(max_bytes) + " bytes");
    if (too_slow)
      return Unavailable(target->host + " took longer than " +
                         std::to_string(kDownloadDeadline.count()) + " s");
    if (status == 0 || (status >= 200 && status < 300 && !result))
      return Unavailable(target->host + " could not be read (" +
                         httplib::to_string(result.error()) + ")");
    if (status >= 200 && status < 300) return body;
    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
      if (location.empty()) return Rejected(target->host + " redirected nowhere");
      if (hop >= kMaxRedirects)
        return Rejected("more than " + std::to_string(kMaxRedirects) + " redirects");
      current = ResolveLocation(*target, location);
      continue;
    }
    const std::string answered = target->host + " answered HTTP " + std::to_string(status);
    if (status == 403 || status == 410) return Expired(answered);
    if (status == 408 || status == 429 || status >= 500) return Unavailable(answered);
    return Rejected(answered);
  }
}

// Writes `bytes` to `path` through a temporary file in the same directory, then renames it. A
// failed write leaves no temporary file behind (a full disk gets its space back).
Status WriteFileAtomically(const fs::path& path, std::string_view bytes) {
  const fs::path tmp = path.parent_path() / (".tmp-" + HexEncode(RandomBytes(8)));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return WriteFailed("cannot create a file in the media directory", errno);
  std::size_t written = 0;
  int error = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = n < 0 ? errno : ENOSPC;  // a write of nothing: no room left
      break;
    }
    written += std::size_t(n);
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    return WriteFailed("cannot write to the media directory", error);
  }
  // The rename is durable once the directory is.
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
  return Status::Ok();
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return out.str();
}

// ---- media_copy -----------------------------------------------------------------------------

struct CopyRequest {
  std::string store_id;
  std::string connection_id;
  std::string ig_media_id;
  std::vector<MediaSource> sources;  // by position
};

Result<CopyRequest> ParseCopyRequest(const Json& payload) {
  CopyRequest request;
  auto text = [&](const char* key, std::string* out) {
    auto it = payload.find(key);
    if (it == payload.end() || !it->is_string() || it->get<std::string>().empty()) return false;
    *out = it->get<std::string>();
    return true;
  };
  if (!payload.is_object() || !text("storeId", &request.store_id) ||
      !text("connectionId", &request.connection_id) || !text("igMediaId", &request.ig_media_id))
    return Status::InvalidRequest("payload needs storeId, connectionId and igMediaId");
  auto sources = payload.find("sources");
  if (sources == payload.end() || !sources->is_array())
    return Status::InvalidRequest("payload.sources must be an array");
  std::set<int> positions;
  for (const Json& item : *sources) {
    MediaSource source;
    if (!item.is_object() || !item.contains("position") || !item["position"].is_number_integer() ||
        !item.contains("url") || !item["url"].is_string())
      return Status::InvalidRequest("each source needs an integer position and a string url");
    const long long position = item["position"].get<long long>();
    if (position < 0 || position > 1000 || !positions.insert(int(position)).second)
      return Status::InvalidRequest("source positions must be distinct, from 0 to 1000");
    source.position = int(position);
    source.url = item["url"].get<std::string>();
    auto child = item.find("childId");
    if (child != item.end() && child->is_string()) source.child_id = child->get<std::string>();
    request.sources.push_back(std::move(source));
  }
  std::sort(request.sources.begin(), request.sources.end(),
            [](const MediaSource& a, const MediaSource& b) { return a.position < b.position; });
  return request;
}

// The URL without its query (the signature): enough to say where a copy came from.
std::string UnsignedUrl(const std::string& url) { return url.substr(0, url.find('?')); }

Status SaveCopy(Db& db, const CopyRequest& request, const MediaSource& source,
                const Result<StoredMedia>& copy, const std::string& status) {
  AssetWrite asset{request.store_id,
                   request.ig_media_id,
                   source.position,
                   UnsignedUrl(source.url),
                   {},
                   {},
                   {},
                   {},
                   status,
                   {}};
  if (copy.ok()) {
    asset.storage_key = copy->storage_key;
    asset.content_type = copy->content_type;
    asset.byte_size = std::to_string(copy->size);
    asset.sha256 = copy->sha256;
  } else {
    asset.error = copy.status().code() + ": " + copy.status().message();
  }
  return SaveAsset(db, asset);
}

// Writes the stored URLs of the post, in position order, to its drafts and to its products whose
// images nobody changed (still empty, or still some draft's list).
Status WriteImageUrls(App& app, const CopyRequest& request) {
  auto keys = StoredAssetKeys(app.db, request.store_id, request.ig_media_id);
  if (!keys.ok()) return keys.status();
  Json urls = Json::array();
  for (const std::string& key : *keys)
    urls.push_back(MediaUrl(app.config, key.substr(key.rfind('/') + 1)));
  return WritePostImages(app.db, request.store_id, request.ig_media_id, urls.dump());
}

// Fresh CDN URLs of a post, by carousel child and by position.
struct FreshUrls {
  std::map<std::string, std::string> by_child;
  std::map<int, std::string> by_position;
  bool post_gone = false;  // Meta no longer has the post
  std::optional<std::string> For(const MediaSource& source) const {
    if (source.child_id) {
      auto it = by_child.find(*source.child_id);
      if (it != by_child.end()) return it->second;
      return std::nullopt;
    }
    auto it = by_position.find(source.position);
    if (it != by_position.end()) return it->second;
    return std::nullopt;
  }
};

// Reads the post again with the connection's token. Returns the job's outcome instead when the
// job cannot go on now (no connection, token rejected, Meta throttling or failing).
std::optional<JobOutcome> ReadFreshUrls(JobContext& ctx, const CopyRequest& request,
                                        FreshUrls* out) {
  App& app = ctx.app();
  auto connection = LoadConnection(app, request.store_id);
  if (!connection.ok() && connection.status().code() == "not_connected")
    return JobOutcome::Dead("not_connected: the Instagram connection is gone");
  if (!connection.ok() && connection.status().is_server_error())
    return JobOutcome::Retry(connection.status().message());  // database down, wrong token key
  if (!connection.ok() || connection->id != request.connection_id)
    return JobOutcome::Dead("not_connected: the Instagram connection is gone");
  if (connection->status != "active")
    return JobOutcome::Dead("connection_expired: the Instagram connection needs reconnecting");

  auto platform = app.new_platform();
  GraphJson media = platform->graph().Get(request.ig_media_id, {{"fields", kRefreshFields}},
                                          connection->access_token);
  if (!media.ok()) {
    if (media.error.kind == GraphErrorKind::kOther && media.error.code == 100) {
      out->post_gone = true;  // "Object ... does not exist": the post was deleted
      return std::nullopt;
    }
    return HandleGraphError(ctx, *connection, media.error, "refreshing the post's URLs").outcome;
  }
  for (const MediaSource& fresh : PostImageSources(ParseMediaItem(*media.value))) {
    if (fresh.child_id) out->by_child[*fresh.child_id] = fresh.url;
    out->by_position[fresh.position] = fresh.url;
  }
  return std::nullopt;
}

std::optional<std::string> ImageUrlOf(const MediaItem& item) {
  // A video's media_url is the video itself; its thumbnail is the image.
  if (item.media_type == "VIDEO") return item.thumbnail_url;
  if (item.media_url && !item.media_url->empty()) return item.media_url;
  return item.thumbnail_url;
}

}  // namespace

std::optional<MediaType> SniffImageType(std::string_view b) {
  if (b.size() >= 3 && StartsWith(b, "\xFF\xD8\xFF")) return kJpeg;
  if (b.size() >= 8 && StartsWith(b, std::string_view("\x89PNG\r\n\x1A\n", 8))) return kPng;
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") return kWebp;
  if (b.size() >= 6 && (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a"))) return kGif;
  return std::nullopt;
}

std::optional<MediaType> ParseMediaName(std::string_view name) {
  if (name.size() < 66 || name[64] != '.') return std::nullopt;
  for (std::size_t i = 0; i < 64; ++i) {
    const char c = name[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  const std::string_view ext = name.substr(65);
  for (const MediaType* type : {&kJpeg, &kPng, &kWebp, &kGif})
    if (ext == type->ext) return *type;
  return std::nullopt;
}

std::string MediaUrl(const Config& config, const std::string& name) {
  return config.public_url + "/api/media/" + name;
}

Result<StoredMedia> StoreMediaBytes(const Config& config, std::string_view bytes) {
  if (bytes.size() > config.media_max_bytes)
    return Rejected("the image is larger than " + std::to_string(config.media_max_bytes) +
                    " bytes");
  auto type = SniffImageType(bytes);
  if (!type) return Rejected("not a JPEG, PNG, WebP or GIF image");
  StoredMedia media;
  media.sha256 = Sha256Hex(bytes);
  media.ext = type->ext;
  media.content_type = type->content_type;
  media.size = bytes.size();
  const std::string name = media.sha256 + "." + media.ext;
  media.storage_key = media.sha256.substr(0, 2) + "/" + name;
  media.url = MediaUrl(config, name);

  const fs::path dir = fs::path(config.media_dir) / media.sha256.substr(0, 2);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return WriteFailed("cannot create the media directory", ec.value());
  const fs::path path = dir / name;
  // Content-addressed: a file of that name and size holds these bytes already.
  if (fs::file_size(path, ec) == bytes.size() && !ec) return media;
  Status written = WriteFileAtomically(path, bytes);
  if (!written.ok()) return written;
  return media;
}

Result<StoredMedia> StoreRemoteMedia(App& app, const std::string& url) {
  auto body = Download(app.config.media_hosts, url, app.config.media_max_bytes);
  if (!body.ok()) return body.status();
  return StoreMediaBytes(app.config, *body);
}

void RegisterMediaRoutes(Router& router, App& app) {
  router.Get(R"(/api/media/([^/]+))", Access::kPublic, [&app](RequestContext& ctx) {
    const std::string name = ctx.req.matches[1];
    auto type = ParseMediaName(name);
    if (!type)
      return SendError(ctx.res,
                       Status::InvalidRequest("a media name is <sha256>.<jpg|png|webp|gif>"));
    auto bytes = ReadFile(fs::path(app.config.media_dir) / name.substr(0, 2) / name);
    if (!bytes) return SendError(ctx.res, Status::NotFound("no such media"));
    const std::string etag = "\"" + name.substr(0, 64) + "\"";
    ctx.res.set_header("ETag", etag);
    ctx.res.set_header("Cache-Control", kImmutable);
    ctx.res.set_header("X-Content-Type-Options", "nosniff");
    const std::string if_none_match = ctx.req.get_header_value("If-None-Match");
    if (if_none_match == "*" || if_none_match.find(etag) != std::string::npos) {
      ctx.res.status = 304;
      return;
    }
    ctx.res.status = 200;
    ctx.res.set_content(std::move(*bytes), type->content_type.c_str());
  });
}

std::vector<MediaSource> PostImageSources(const MediaItem& item) {
  std::vector<MediaSource> sources;
  if (!item.children.empty()) {
    for (std::size_t i = 0; i < item.children.size(); ++i) {
      const MediaItem& child = item.children[i];
      auto url = ImageUrlOf(child);
      if (url && !url->empty())
        sources.push_back(
            {int(i), *url, child.id.empty() ? std::nullopt : std::optional<std::string>(child.id)});
    }
    return sources;
  }
  if (item.media_type == "CAROUSEL_ALBUM") return sources;  // its slides were not expanded
  auto url = ImageUrlOf(item);
  if (url && !url->empty()) sources.push_back({0, *url, std::nullopt});
  return sources;
}

JobSpec MediaCopyJob(const std::string& store_id, const std::string& connection_id,
                     const MediaItem& item) {
  Json sources = Json::array();
  for (const MediaSource& source : PostImageSources(item))
    sources.push_back({{"position", source.position},
                       {"url", source.url},
                       {"childId", source.child_id ? Json(*source.child_id) : Json(nullptr)}});
  JobSpec spec;
  spec.kind = kMediaCopyJob;
  spec.store_id = store_id;
  spec.payload = {{"storeId", store_id},
                  {"connectionId", connection_id},
                  {"igMediaId", item.id},
                  {"sources", sources}};
  spec.dedupe_key = MediaCopyDedupeKey(store_id, item.id);
  return spec;
}

namespace {

// What one run of the copy has met so far.
struct CopyRun {
  std::optional<FreshUrls> fresh;
  std::optional<JobOutcome> stop;  // the refresh said the job cannot go on now
  std::string transient;           // the first transient failure of this run
  bool storage_full = false;       // the media disk is full: the run stops, the job waits
  int stored = 0;
  int failed = 0;
};

// Copies one source not stored yet (through a fresh URL when the CDN's has expired) and records
// the asset. An outcome when the job must end at once.
std::optional<JobOutcome> CopySource(JobContext& ctx, const CopyRequest& request,
                                     const MediaSource& source, CopyRun* run) {
  App& app = ctx.app();
  Result<StoredMedia> copy = StoreRemoteMedia(app, source.url);
  MediaSource used = source;
  if (!copy.ok() && copy.status().code() == kMediaExpired) {
    if (!run->fresh) {
      FreshUrls read;
      run->stop = ReadFreshUrls(ctx, request, &read);
      if (run->stop) return std::nullopt;
      run->fresh = std::move(read);
    }
    auto url = run->fresh->For(source);
    if (url) {
      used.url = *url;
      copy = StoreRemoteMedia(app, used.url);
    } else if (run->fresh->post_gone) {
      copy = Rejected("the post no longer exists on Instagram");
    } else {
      copy = Rejected("the post no longer has an image at position " +
                      std::to_string(source.position));
    }
  }
  std::string status = "stored";
  if (copy.ok()) {
    ++run->stored;
  } else if (copy.status().code() == kMediaRejected || copy.status().code() == kMediaHostRefused) {
    status = "failed";
    ++run->failed;
  } else {  // unavailable, the disk full, or expired even when fresh: try again later
    status = "pending";
    if (copy.status().code() == kMediaStorageFull) run->storage_full = true;
    if (run->transient.empty()) run->transient = copy.status().message();
  }
  if (!copy.ok())
    LogWarn("media_copy_failed", {{"storeId", request.store_id},
                                  {"igMediaId", request.ig_media_id},
                                  {"position", source.position},
                                  {"errorCode", copy.status().code()},
                                  {"error", copy.status().message()}});
  Status saved = SaveCopy(app.db, request, used, copy, status);
  if (!saved.ok()) return JobOutcome::Retry(saved.message());
  return std::nullopt;
}

// The media disk is full: the seller hears of it once (no second notice while one is unread), and
// the copy waits for room without spending an attempt, however long that takes.
JobOutcome WaitForRoom(App& app, const CopyRequest& request, const std::string& why) {
  const vendly::Notice notice = vendly::MediaStorageFullNotice();
  Status told = app.db.Transaction([&](Conn& conn) -> Status {
    auto added = AddNotificationOnce(conn, request.store_id,
                                     {notice.kind, notice.title, notice.body, Json::object()});
    return added.ok() ? Status::Ok() : added.status();
  });
  if (!told.ok()) return JobOutcome::Retry(told.message());
  LogError("media_storage_full", {{"storeId", request.store_id}, {"error", why}});
  return JobOutcome::Defer(std::chrono::seconds(app.config.media_full_retry_seconds), why);
}

}  // namespace

JobOutcome CopyPostMedia(JobContext& ctx) {
  App& app = ctx.app();
  auto parsed = ParseCopyRequest(ctx.job().payload);
  if (!parsed.ok()) return JobOutcome::Dead(parsed.status().message());
  const CopyRequest& request = *parsed;
  if (ctx.job().store_id && *ctx.job().store_id != request.store_id)
    return JobOutcome::Dead("payload.storeId is not the job's store");
  auto assets = PostAssets(app.db, request.store_id, request.ig_media_id);
  if (!assets.ok()) return JobOutcome::Retry(assets.status().message());

  CopyRun run;
  for (const MediaSource& source : request.sources) {
    auto known = assets->find(source.position);
    if (known != assets->end()) {
      std::error_code ec;
      if (known->second.status == "failed") {
        ++run.failed;
        continue;
      }
      if (known->second.status == "stored" &&
          fs::exists(fs::path(app.config.media_dir) / known->second.storage_key, ec)) {
        ++run.stored;
        continue;
      }
    }
    if (ctx.stopping()) {
      run.stop = JobOutcome::Defer(std::chrono::seconds(0), "the worker is stopping");
      break;
    }
    if (!ctx.Heartbeat()) return JobOutcome::Retry("the lease ran out; another worker has the job");
    if (auto end = CopySource(ctx, request, source, &run)) return *end;
    if (run.stop || run.storage_full) break;
  }

  Status written = WriteImageUrls(app, request);
  if (!written.ok()) return JobOutcome::Retry(written.message());
  if (run.stop) return *run.stop;
  if (run.storage_full) return WaitForRoom(app, request, run.transient);
  if (!run.transient.empty()) return JobOutcome::Retry(run.transient);
  return JobOutcome::Succeeded({{"stored", run.stored}, {"failed", run.failed}});
}

void RegisterMediaJobs(JobRunner& runner, App& /*app*/) {
  runner.Register(kMediaCopyJob, CopyPostMedia);
}

}  // namespace vendly::server
