// The sandbox's CDN: media files behind URLs signed like Instagram's (`oh` = signature, `oe` =
// expiry as hex unix time). An expired URL answers 403 "URL signature expired", a tampered one 403
// "URL signature mismatch".
#include <cstdio>

#include "crypto.h"
#include "images.h"
#include "routes.h"

namespace vendly::sandbox {
namespace {

std::string Signature(const std::string& secret, const std::string& object, const std::string& oe) {
  return "00_" + HmacSha256Hex(secret + ":cdn", object + "|" + oe).substr(0, 40);
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void Text(httplib::Response& response, int status, const std::string& text) {
  response.status = status;
  response.set_content(text, "text/plain");
}

}  // namespace

std::string SignedCdnUrl(const Store& store, const std::string& secret, const std::string& object,
                         int64_t now) {
  char oe[17];
  std::snprintf(oe, sizeof oe, "%08llX",
                static_cast<unsigned long long>(now + store.config().cdn_ttl));
  return store.config().public_url + "/cdn/" + object +
         "?_nc_cat=1&_nc_sid=18de74&_nc_ht=sandbox&oh=" + Signature(secret, object, oe) +
         "&oe=" + oe;
}

void InstallCdnRoutes(httplib::Server& server, Store& store) {
  server.Get(
      R"(/cdn/(.+))", [&store](const httplib::Request& request, httplib::Response& response) {
        const std::string object = request.matches[1];
        const std::string oe = request.get_param_value("oe");
        const std::string oh = request.get_param_value("oh");
        enum class Kind { kImage, kThumbnail, kVideo, kProfile } kind;
        std::string id;
        {
          std::lock_guard<std::mutex> lock(store.mu);
          World& world = store.world;
          ++world.calls.cdn_total;
          if (oe.empty() || oh.empty() ||
              !ConstantTimeEquals(oh, Signature(world.app_secret, object, oe))) {
            return Text(response, 403, "URL signature mismatch");
          }
          unsigned long long expiry = 0;
          if (oe.size() > 16 || std::sscanf(oe.c_str(), "%llx", &expiry) != 1) {
            return Text(response, 403, "URL signature mismatch");
          }
          if (static_cast<int64_t>(expiry) <= store.NowLocked())
            return Text(response, 403, "URL signature expired");
          const std::string name = object.substr(object.rfind('/') + 1);
          if (EndsWith(name, "_n.png")) {
            kind = Kind::kImage;
            id = name.substr(0, name.size() - 6);
          } else if (EndsWith(name, "_thumb.png")) {
            kind = Kind::kThumbnail;
            id = name.substr(0, name.size() - 10);
          } else if (EndsWith(name, ".mp4")) {
            kind = Kind::kVideo;
            id = name.substr(0, name.size() - 4);
          } else if (name.rfind("profile_", 0) == 0 && EndsWith(name, ".png")) {
            kind = Kind::kProfile;
            id = name.substr(8, name.size() - 12);
          } else {
            return Text(response, 404, "Not Found");
          }
          const bool known = kind == Kind::kProfile
                                 ? world.accounts.count(id) > 0
                                 : world.media.count(id) > 0 || world.child_parent.count(id) > 0;
          if (!known) return Text(response, 404, "Not Found");
        }
        response.set_header("Cache-Control", "max-age=1209600, no-transform");
        response.set_header("Access-Control-Allow-Origin", "*");
        switch (kind) {
          case Kind::kVideo:
            response.set_content(RenderMp4(id), "video/mp4");
            break;
          case Kind::kProfile:
            response.set_content(RenderPng("profile:" + id, 150), "image/png");
            break;
          case Kind::kThumbnail:
            response.set_content(RenderPng("thumb:" + id, 320), "image/png");
            break;
          case Kind::kImage:
            response.set_content(RenderPng(id, 320), "image/png");
            break;
        }
      });
}

}  // namespace vendly::sandbox
