#include "store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto.h"
#include "generator.h"

namespace vendly::sandbox {
namespace {

using nlohmann::json;

bool ReadJsonFile(const std::filesystem::path& path, json* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path.string();
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  *out = json::parse(buffer.str(), nullptr, /*allow_exceptions=*/false);
  if (out->is_discarded()) {
    *error = "invalid JSON in " + path.string();
    return false;
  }
  return true;
}

std::string StringOr(const json& object, const char* key, const std::string& fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

int64_t IntOr(const json& object, const char* key, int64_t fallback) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

// Parses one fixture media item. Returns false with *error when a required field is missing.
bool MediaFromJson(const json& item, const std::string& owner, Media* media, std::string* error) {
  media->id = StringOr(item, "id", "");
  media->owner = owner;
  if (media->id.empty()) {
    *error = "media without id in account " + owner;
    return false;
  }
  if (item.contains("caption") && item["caption"].is_string()) media->caption = item["caption"];
  media->media_type = StringOr(item, "media_type", "IMAGE");
  media->media_product_type =
      StringOr(item, "media_product_type", media->media_type == "VIDEO" ? "REELS" : "FEED");
  auto timestamp = ParseTimestamp(StringOr(item, "timestamp", ""));
  if (!timestamp) {
    *error = "media " + media->id + " has no valid timestamp";
    return false;
  }
  media->timestamp = *timestamp;
  media->shortcode = StringOr(item, "shortcode", ShortcodeFor(media->id));
  media->like_count = IntOr(item, "like_count", 0);
  media->comments_count = IntOr(item, "comments_count", 0);
  media->media_url_missing = item.value("media_url_missing", false);
  if (item.contains("children")) {
    for (const auto& child : item["children"]) {
      media->children.push_back(
          Child{StringOr(child, "id", ""), StringOr(child, "media_type", "IMAGE")});
      if (media->children.back().id.empty()) {
        *error = "child without id in media " + media->id;
        return false;
      }
    }
  }
  return true;
}

}  // namespace

std::string FormatTimestamp(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+0000", &tm);
  return buffer;
}

std::optional<int64_t> ParseTimestamp(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  std::string zone = text.substr(static_cast<size_t>(consumed));
  if (zone != "+0000" && zone != "Z" && zone != "+00:00") return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm));
}

std::string ShortcodeFor(const std::string& media_id) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  uint64_t value = 1469598103934665603ULL;
  for (char c : media_id) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::string code = "C";
  for (int i = 0; i < 10; ++i) {
    code += kAlphabet[value % 64];
    value /= 64;
    if (value == 0) value = 0x9E3779B97F4A7C15ULL;
  }
  return code;
}

int64_t Store::NowLocked() const {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(now).count() + world.clock_offset;
}

void Store::SortFeedLocked(IgAccount& account) {
  std::sort(account.feed.begin(), account.feed.end(),
            [this](const std::string& a, const std::string& b) {
              const Media& ma = world.media.at(a);
              const Media& mb = world.media.at(b);
              if (ma.timestamp != mb.timestamp) return ma.timestamp > mb.timestamp;
              return a > b;
            });
}

void Store::AddMediaLocked(Media media) {
  for (const Child& child : media.children) world.child_parent[child.id] = media.id;
  auto account = world.accounts.find(media.owner);
  if (account != world.accounts.end()) account->second.feed.push_back(media.id);
  std::string id = media.id;
  world.media[id] = std::move(media);
}

bool Store::RemoveMediaLocked(const std::string& media_id) {
  auto it = world.media.find(media_id);
  if (it == world.media.end()) return false;
  for (const Child& child : it->second.children) world.child_parent.erase(child.id);
  auto account = world.accounts.find(it->second.owner);
  if (account != world.accounts.end()) {
    auto& feed = account->second.feed;
    feed.erase(std::remove(feed.begin(), feed.end(), media_id), feed.end());
  }
  world.media.erase(it);
  return true;
}

std::string Store::IssueTokenLocked(Token token) {
  const bool instagram =
      token.kind == TokenKind::kShortInstagram || token.kind == TokenKind::kLongInstagram;
  std::string value = (instagram ? "IGAA" : "EAA") + RandomUrlSafe(48);
  world.tokens[value] = std::move(token);
  return value;
}

std::string Store::NewMediaIdLocked() {
  for (;;) {
    std::string id = std::to_string(world.next_media_id++);
    if (!world.media.count(id) && !world.child_parent.count(id)) return id;
  }
}

bool Store::Load(std::string* error) {
  namespace fs = std::filesystem;
  const fs::path dir(config_.fixtures_dir);
  World fresh;

  json app;
  if (!ReadJsonFile(dir / "app.json", &app, error)) return false;
  fresh.app_id = config_.app_id.empty() ? StringOr(app, "app_id", "sandbox-app") : config_.app_id;
  fresh.app_secret = config_.app_secret.empty() ? StringOr(app, "app_secret", "sandbox-secret")
                                                : config_.app_secret;
  fresh.app_name = StringOr(app, "app_name", "Sandbox App");
  fresh.verify_token = StringOr(app, "verify_token", "sandbox-verify-token");
  fresh.webhook_url = StringOr(app, "webhook_url", "");
  if (app.contains("redirect_uris")) {
    for (const auto& uri : app["redirect_uris"])
      fresh.redirect_uris.push_back(uri.get<std::string>());
  }
  fresh.app_budget = config_.app_call_budget;
  fresh.account_budget = config_.account_call_budget;

  json users;
  if (!ReadJsonFile(dir / "users.json", &users, error)) return false;
  for (const auto& u : users.value("users", json::array())) {
    User user;
    user.id = StringOr(u, "id", "");
    user.name = StringOr(u, "name", "");
    user.label = StringOr(u, "label", "");
    if (user.id.empty()) {
      *error = "users.json: user without id";
      return false;
    }
    for (const auto& p : u.value("pages", json::array())) {
      Page page;
      page.id = StringOr(p, "id", "");
      page.name = StringOr(p, "name", "");
      page.category = StringOr(p, "category", "Shopping & retail");
      page.ig_id = StringOr(p, "instagram_business_account", "");
      user.page_ids.push_back(page.id);
      fresh.pages[page.id] = page;
    }
    fresh.user_order.push_back(user.id);
    fresh.users[user.id] = user;
  }

  std::vector<fs::path> account_files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir / "accounts", ec)) {
    if (entry.path().extension() == ".json") account_files.push_back(entry.path());
  }
  if (ec) {
    *error = "cannot list " + (dir / "accounts").string() + ": " + ec.message();
    return false;
  }
  std::sort(account_files.begin(), account_files.end());

  // Load into the fresh world through a scratch store so the helpers apply.
  Store scratch(config_);
  scratch.world = std::move(fresh);
  for (const auto& path : account_files) {
    json a;
    if (!ReadJsonFile(path, &a, error)) return false;
    IgAccount account;
    account.id = StringOr(a, "id", "");
    account.username = StringOr(a, "username", "");
    account.name = StringOr(a, "name", "");
    account.biography = StringOr(a, "biography", "");
    account.website = StringOr(a, "website", "");
    account.followers_count = IntOr(a, "followers_count", 0);
    account.follows_count = IntOr(a, "follows_count", 0);
    if (account.id.empty()) {
      *error = path.string() + ": account without id";
      return false;
    }
    scratch.world.accounts[account.id] = account;
    for (const auto& item : a.value("media", json::array())) {
      Media media;
      if (!MediaFromJson(item, account.id, &media, error)) return false;
      scratch.AddMediaLocked(std::move(media));
    }
    if (a.contains("generate")) {
      const json& g = a["generate"];
      auto newest = ParseTimestamp(StringOr(g, "newest", "2026-11-20T08:15:30+0000"));
      GeneratePostsLocked(scratch, account.id, static_cast<int>(IntOr(g, "count", 100)),
                          static_cast<uint64_t>(IntOr(g, "seed", 1)), newest.value_or(0));
    }
    scratch.SortFeedLocked(scratch.world.accounts[account.id]);
  }
  world = std::move(scratch.world);
  return true;
}

}  // namespace vendly::sandbox
