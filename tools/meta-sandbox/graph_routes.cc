// The Graph API: nodes (users, Pages, Instagram accounts, media) and edges (/me/accounts,
// /{ig-user-id}/media,
// /{media-id}/children, /{page-id}/subscribed_apps, /me/permissions), with field selection, cursor
// paging, call counting, usage headers, faults and batch requests.
#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "crypto.h"
#include "faults.h"
#include "fields.h"
#include "routes.h"

namespace vendly::sandbox {
namespace {

using nlohmann::json;

constexpr int kDefaultLimit = 25;
constexpr int kMaxLimit = 100;
constexpr int kMaxBatch = 50;
constexpr int64_t kWindowSeconds = 24 * 3600;

const std::set<std::string> kMediaFields = {
    "id",        "caption",       "media_type",     "media_product_type",
    "media_url", "thumbnail_url", "permalink",      "timestamp",
    "username",  "like_count",    "comments_count", "is_comment_enabled",
    "shortcode", "children",      "owner",          "is_shared_to_feed"};
const std::set<std::string> kAccountFields = {"id",
                                              "ig_id",
                                              "username",
                                              "name",
                                              "biography",
                                              "website",
                                              "profile_picture_url",
                                              "followers_count",
                                              "follows_count",
                                              "media_count",
                                              "media",
                                              "user_id",
                                              "account_type"};
const std::set<std::string> kPageFields = {"id",
                                           "name",
                                           "category",
                                           "category_list",
                                           "access_token",
                                           "tasks",
                                           "instagram_business_account",
                                           "link"};
const std::set<std::string> kUserFields = {"id", "name", "first_name", "last_name"};

GraphReply Ok(json body) { return GraphReply{200, std::move(body)}; }

GraphReply Unsupported(const std::string& method, const std::string& id) {
  std::string verb = method == "POST" ? "post" : method == "DELETE" ? "delete" : "get";
  return MetaError(
      "Unsupported " + verb + " request. Object with ID '" + id +
          "' does not exist, cannot be loaded due to missing permissions, or does not support "
          "this operation. Please read the Graph API documentation at "
          "https://developers.facebook.com/docs/graph-api",
      "GraphMethodException", 100, 33);
}

GraphReply UnknownPath(const std::vector<std::string>& extra) {
  std::string path;
  for (const auto& piece : extra) path += "/" + piece;
  return MetaError("Unknown path components: " + path, "OAuthException", 2500);
}

GraphReply NoPermission() {
  return MetaError("(#10) Application does not have permission for this action", "OAuthException",
                   10);
}

// Checks every requested field (and nested selection) against what the node type has.
std::optional<GraphReply> CheckFields(const std::vector<FieldNode>& fields,
                                      const std::set<std::string>& allowed,
                                      const std::string& node_type) {
  for (const FieldNode& field : fields) {
    if (!allowed.count(field.name)) {
      return MetaError("(#100) Tried accessing nonexisting field (" + field.name +
                           ") on node type (" + node_type + ")",
                       "OAuthException", 100);
    }
    if (field.name == "children" && field.has_selection) {
      if (auto error = CheckFields(field.selection, kMediaFields, "IGMedia")) return error;
    }
    if (field.name == "instagram_business_account" && field.has_selection) {
      if (auto error = CheckFields(field.selection, kAccountFields, "IGUser")) return error;
    }
  }
  return std::nullopt;
}

bool HasScope(const Token& token, const std::string& scope) {
  return std::find(token.scopes.begin(), token.scopes.end(), scope) != token.scopes.end();
}

// instagram_basic (Facebook Login) or instagram_business_basic (Instagram Login).
bool CanReadInstagram(const Token& token) {
  return HasScope(token, "instagram_basic") || HasScope(token, "instagram_business_basic");
}

bool TokenReachesPage(const World& world, const Token& token, const std::string& page_id) {
  if (IsInstagramToken(token)) return false;
  if (token.kind == TokenKind::kPage) return token.page_id == page_id;
  auto user = world.users.find(token.user_id);
  if (user == world.users.end()) return false;
  const auto& pages = user->second.page_ids;
  return std::find(pages.begin(), pages.end(), page_id) != pages.end();
}

bool TokenReachesAccount(const World& world, const Token& token, const std::string& ig_id) {
  if (IsInstagramToken(token)) return token.ig_id == ig_id;
  if (token.kind == TokenKind::kPage) {
    auto page = world.pages.find(token.page_id);
    return page != world.pages.end() && page->second.ig_id == ig_id;
  }
  auto user = world.users.find(token.user_id);
  if (user == world.users.end()) return false;
  for (const auto& page_id : user->second.page_ids) {
    auto page = world.pages.find(page_id);
    if (page != world.pages.end() && page->second.ig_id == ig_id) return true;
  }
  return false;
}

// Cursors name a position in the newest-first order (timestamp, id), so they survive the item
// itself being deleted; like Meta's they are opaque base64.
std::string CursorFor(const Media& media) {
  return Base64Url("ig-cursor:" + std::to_string(media.timestamp) + ":" + media.id);
}

struct Position {
  int64_t timestamp;
  std::string id;
};

std::optional<Position> ParseCursor(const std::string& cursor) {
  auto raw = UnBase64Url(cursor);
  if (!raw || raw->rfind("ig-cursor:", 0) != 0) return std::nullopt;
  std::string rest = raw->substr(10);
  size_t colon = rest.find(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    return Position{std::stoll(rest.substr(0, colon)), rest.substr(colon + 1)};
  } catch (...) {
    return std::nullopt;
  }
}

// True when `media` comes strictly after `position` in newest-first order.
bool IsAfter(const Media& media, const Position& position) {
  if (media.timestamp != position.timestamp) return media.timestamp < position.timestamp;
  return media.id < position.id;
}

// True when `media` comes strictly before `position` in newest-first order.
bool IsBefore(const Media& media, const Position& position) {
  if (media.timestamp != position.timestamp) return media.timestamp > position.timestamp;
  return media.id > position.id;
}

class GraphHandler {
 public:
  GraphHandler(Store& store, const GraphCall& call, std::optional<int64_t> page_items)
      : store_(store),
        world_(store.world),
        call_(call),
        now_(store.NowLocked()),
        page_items_(page_items) {}

  GraphReply Run() {
    const auto& s = call_.segments;
    if (call_.instagram_graph && s.size() == 1 &&
        (s[0] == "access_token" || s[0] == "refresh_access_token")) {
      return InstagramTokenLocked(store_, call_);
    }
    if (!call_.instagram_graph && s.size() == 2 && s[0] == "oauth" && s[1] == "access_token")
      return AccessTokenLocked(store_, call_);
    if (s.size() == 1 && s[0] == "debug_token") return DebugTokenLocked(store_, call_);
    if (s.empty()) return MetaError("Unsupported get request.", "GraphMethodException", 100);

    // DELETE /{user-id}/permissions takes the app token too (Meta: "a user access token or an
    // app access token for the current app"), so a grant can be revoked after the user token died.
    if (call_.method == "DELETE" && s.size() == 2 && s[1] == "permissions" &&
        world_.users.count(s[0]) &&
        ConstantTimeEquals(call_.token, world_.app_id + "|" + world_.app_secret))
      return RevokeGrant(world_.users.at(s[0]));
    if (call_.token.empty()) {
      if (s[0] == "me") {
        return MetaError(
            "An active access token must be used to query information about the current user.",
            "OAuthException", 2500);
      }
      return MetaError("An access token is required to request this resource.", "OAuthException",
                       104);
    }
    if (auto error = ResolveTokenLocked(store_, call_.token, &token_)) return *error;
    if (IsInstagramToken(*token_) != call_.instagram_graph) {
      // Each host parses only its own tokens.
      return MetaError("Invalid OAuth access token - Cannot parse access token", "OAuthException",
                       190);
    }

    FieldParse parsed = ParseFields(ParamOf(call_.params, "fields"));
    if (!parsed.ok) return MetaError(parsed.error, "OAuthException", 2500);
    fields_ = std::move(parsed.fields);

    std::string id = s[0];
    if (id == "me") {
      id = IsInstagramToken(*token_)          ? token_->ig_id
           : token_->kind == TokenKind::kPage ? token_->page_id
                                              : token_->user_id;
    }
    const std::string edge = s.size() >= 2 ? s[1] : "";
    if (s.size() > 2) return UnknownPath({s.begin() + 2, s.end()});

    if (world_.users.count(id)) return UserNode(id, edge);
    if (world_.pages.count(id)) return PageNode(id, edge);
    if (world_.accounts.count(id)) return AccountNode(id, edge);
    if (world_.media.count(id)) return MediaNode(id, edge);
    if (world_.child_parent.count(id)) return ChildNode(id, edge);
    return Unsupported(call_.method, s[0]);
  }

 private:
  GraphReply UserNode(const std::string& id, const std::string& edge) {
    if (token_->kind == TokenKind::kPage || IsInstagramToken(*token_) || token_->user_id != id) {
      return Unsupported(call_.method, id);
    }
    const User& user = world_.users.at(id);
    if (edge.empty()) {
      if (call_.method != "GET") return Unsupported(call_.method, id);
      if (auto error = CheckFields(fields_, kUserFields, "User")) return *error;
      std::vector<FieldNode> fields = fields_;
      if (fields.empty())
        fields = {FieldNode{"name", {}, false, {}}, FieldNode{"id", {}, false, {}}};
      json out = {{"id", user.id}};  // the Graph API always includes a node's id
      for (const auto& f : fields) {
        if (f.name == "name") out["name"] = user.name;
        if (f.name == "first_name") out["first_name"] = user.name.substr(0, user.name.find(' '));
        if (f.name == "last_name") {
          size_t space = user.name.rfind(' ');
          out["last_name"] = space == std::string::npos ? "" : user.name.substr(space + 1);
        }
      }
      return Ok(out);
    }
    if (edge == "accounts" && call_.method == "GET") return Accounts(user);
    if (edge == "permissions") return Permissions(user);
    return UnknownPath({edge});
  }

  GraphReply Accounts(const User& user) {
    if (auto error = CheckFields(fields_, kPageFields, "Page")) return *error;
    std::vector<FieldNode> fields = fields_;
    if (fields.empty()) {
      for (const char* name :
           {"access_token", "category", "category_list", "name", "id", "tasks"}) {
        fields.push_back(FieldNode{name, {}, false, {}});
      }
    }
    json data = json::array();
    if (HasScope(*token_, "pages_show_list")) {
      for (const auto& page_id : user.page_ids)
        data.push_back(RenderPage(world_.pages.at(page_id), fields));
    }
    json out = {{"data", data}};
    if (!data.empty()) {
      out["paging"] = {{"cursors",
                        {{"before", Base64Url("page:" + user.page_ids.front())},
                         {"after", Base64Url("page:" + user.page_ids.back())}}}};
    }
    return Ok(out);
  }

  GraphReply Permissions(const User& user) {
    if (call_.method == "GET") {
      json data = json::array();
      for (const auto& scope : token_->scopes)
        data.push_back({{"permission", scope}, {"status", "granted"}});
      for (const auto& scope : user.declined) {
        if (std::find(token_->scopes.begin(), token_->scopes.end(), scope) == token_->scopes.end())
          data.push_back({{"permission", scope}, {"status", "declined"}});
      }
      return Ok({{"data", data}});
    }
    if (call_.method == "DELETE") return RevokeGrant(world_.users.at(user.id));
    return Unsupported(call_.method, user.id);
  }

  // Deauthorisation: every token of this user (and its Page tokens) stops working, as subcode
  // 458, until the user signs in again; /_sandbox/users shows it.
  GraphReply RevokeGrant(User& user) {
    for (auto& [value, token] : world_.tokens) {
      if (token.user_id == user.id) token.invalid_subcode = 458;
    }
    user.app_authorized = false;
    ++user.grant_revocations;
    return Ok({{"success", true}});
  }

  json RenderPage(const Page& page, const std::vector<FieldNode>& fields) {
    json out = {{"id", page.id}};  // the Graph API always includes a node's id
    for (const auto& f : fields) {
      if (f.name == "name") out["name"] = page.name;
      if (f.name == "category") out["category"] = page.category;
      if (f.name == "category_list")
        out["category_list"] = json::array({{{"id", "2201"}, {"name", page.category}}});
      if (f.name == "link") out["link"] = "https://www.facebook.com/" + page.id;
      if (f.name == "tasks")
        out["tasks"] = {"ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"};
      if (f.name == "access_token" && token_->kind != TokenKind::kPage) {
        out["access_token"] = PageTokenLocked(store_, call_.token, page.id);
      }
      if (f.name == "instagram_business_account" && !page.ig_id.empty() &&
          world_.accounts.count(page.ig_id)) {
        std::vector<FieldNode> selection = f.selection;
        if (selection.empty()) selection = {FieldNode{"id", {}, false, {}}};
        out["instagram_business_account"] =
            RenderAccount(world_.accounts.at(page.ig_id), selection);
      }
    }
    return out;
  }

  GraphReply PageNode(const std::string& id, const std::string& edge) {
    if (!TokenReachesPage(world_, *token_, id)) return Unsupported(call_.method, id);
    Page& page = world_.pages.at(id);
    if (edge.empty()) {
      if (call_.method != "GET") return Unsupported(call_.method, id);
      if (auto error = CheckFields(fields_, kPageFields, "Page")) return *error;
      std::vector<FieldNode> fields = fields_;
      if (fields.empty())
        fields = {FieldNode{"name", {}, false, {}}, FieldNode{"id", {}, false, {}}};
      return Ok(RenderPage(page, fields));
    }
    if (edge == "subscribed_apps") return SubscribedApps(page);
    return UnknownPath({edge});
  }

  GraphReply SubscribedApps(Page& page) {
    if (token_->kind != TokenKind::kPage) {
      return MetaError("(#210) A page access token is required to request this resource.",
                       "OAuthException", 210);
    }
    if (call_.method == "GET") {
      json data = json::array();
      if (page.subscribed) {
        data.push_back({{"category", "Business"},
                        {"link", "https://sandbox.invalid/app"},
                        {"name", world_.app_name},
                        {"id", world_.app_id},
                        {"subscribed_fields", page.subscribed_fields}});
      }
      return Ok({{"data", data}});
    }
    if (call_.method == "DELETE") {
      page.subscribed = false;
      page.subscribed_fields.clear();
      return Ok({{"success", true}});
    }
    const std::string list = ParamOf(call_.params, "subscribed_fields");
    if (list.empty()) {
      return MetaError("(#100) The parameter subscribed_fields is required.", "OAuthException",
                       100);
    }
    std::set<std::string> subscribed;
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string field = list.substr(start, comma - start);
      field.erase(0, field.find_first_not_of(' '));
      field.erase(field.find_last_not_of(' ') + 1);
      if (field.empty() ||
          field.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
        return MetaError(
            "(#100) Param subscribed_fields[" + std::to_string(subscribed.size()) +
                "] must be one of {feed, mention, messages, comments, mentions, ...} - got \"" +
                field + "\".",
            "OAuthException", 100);
      }
      subscribed.insert(field);
      start = comma + 1;
    }
    page.subscribed = true;
    page.subscribed_fields = subscribed;
    return Ok({{"success", true}});
  }

  json RenderAccount(const IgAccount& account, const std::vector<FieldNode>& fields) {
    json out = {{"id", account.id}};  // the Graph API always includes a node's id
    for (const auto& f : fields) {
      if (f.name == "ig_id") {
        out["ig_id"] =
            std::stoll("0" + account.id.substr(account.id.size() > 9 ? account.id.size() - 9 : 0));
      }
      if (f.name == "username") out["username"] = account.username;
      if (f.name == "user_id") out["user_id"] = account.id;
      if (f.name == "account_type") out["account_type"] = "BUSINESS";
      if (f.name == "name") out["name"] = account.name;
      if (f.name == "biography") out["biography"] = account.biography;
      if (f.name == "website" && !account.website.empty()) out["website"] = account.website;
      if (f.name == "followers_count") out["followers_count"] = account.followers_count;
      if (f.name == "follows_count") out["follows_count"] = account.follows_count;
      if (f.name == "media_count") out["media_count"] = account.feed.size();
      if (f.name == "profile_picture_url") {
        out["profile_picture_url"] = SignedCdnUrl(
            store_, world_.app_secret, "t51.2885-19/profile_" + account.id + ".png", now_);
      }
    }
    return out;
  }

  GraphReply AccountNode(const std::string& id, const std::string& edge) {
    if (!TokenReachesAccount(world_, *token_, id)) return Unsupported(call_.method, id);
    if (!CanReadInstagram(*token_)) return NoPermission();
    if (call_.method != "GET") return Unsupported(call_.method, id);
    const IgAccount& account = world_.accounts.at(id);
    if (edge.empty()) {
      if (auto error = CheckFields(fields_, kAccountFields, "IGUser")) return *error;
      if (FindField(fields_, "media")) {
        return MetaError(
            "(#100) The sandbox does not expand the media edge inside an IGUser: call "
            "/{ig-user-id}/media",
            "OAuthException", 100);
      }
      std::vector<FieldNode> fields = fields_;
      if (fields.empty()) fields = {FieldNode{"id", {}, false, {}}};
      return Ok(RenderAccount(account, fields));
    }
    if (edge == "media") return MediaEdge(account);
    return UnknownPath({edge});
  }

  GraphReply MediaEdge(const IgAccount& account) {
    if (auto error = CheckFields(fields_, kMediaFields, "IGMedia")) return *error;
    int limit = kDefaultLimit;
    const std::string limit_text = ParamOf(call_.params, "limit");
    if (!limit_text.empty()) {
      if (limit_text.size() > 9 ||
          limit_text.find_first_not_of("0123456789") != std::string::npos) {
        return MetaError("(#100) Param limit must be a number", "OAuthException", 100);
      }
      limit = std::clamp(std::stoi(limit_text), 1, kMaxLimit);
    }
    std::optional<int64_t> since;
    std::optional<int64_t> until;
    for (const char* name : {"since", "until"}) {
      const std::string text = ParamOf(call_.params, name);
      if (text.empty()) continue;
      if (text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos) {
        return MetaError(std::string("(#100) Param ") + name + " must be a unix time",
                         "OAuthException", 100);
      }
      (std::string(name) == "since" ? since : until) = std::stoll(text);
    }
    std::vector<const Media*> feed;
    for (const auto& media_id : account.feed) {
      const Media& media = world_.media.at(media_id);
      if (since && media.timestamp < *since) continue;
      if (until && media.timestamp > *until) continue;
      feed.push_back(&media);
    }

    size_t begin = 0;
    size_t end = 0;
    const std::string after = ParamOf(call_.params, "after");
    const std::string before = ParamOf(call_.params, "before");
    if (!after.empty()) {
      auto position = ParseCursor(after);
      if (!position) return MetaError("(#100) The after cursor is invalid", "OAuthException", 100);
      while (begin < feed.size() && !IsAfter(*feed[begin], *position)) ++begin;
      end = std::min(feed.size(), begin + static_cast<size_t>(limit));
    } else if (!before.empty()) {
      auto position = ParseCursor(before);
      if (!position) return MetaError("(#100) The before cursor is invalid", "OAuthException", 100);
      while (end < feed.size() && IsBefore(*feed[end], *position)) ++end;
      begin = end > static_cast<size_t>(limit) ? end - static_cast<size_t>(limit) : 0;
    } else {
      end = std::min(feed.size(), static_cast<size_t>(limit));
    }

    // Meta's quirk: a page can be short, even empty, and still have paging.next.
    const bool short_page =
        page_items_ && before.empty() && static_cast<size_t>(*page_items_) < end - begin;
    if (short_page) end = begin + static_cast<size_t>(*page_items_);

    std::vector<FieldNode> fields = fields_;
    if (fields.empty()) fields = {FieldNode{"id", {}, false, {}}};
    json data = json::array();
    for (size_t i = begin; i < end; ++i) data.push_back(RenderMedia(*feed[i], fields));
    json out = {{"data", data}};
    if (short_page && begin == end) {
      // Empty, yet not the end: next repeats the position this page started from.
      out["paging"] = {{"next", after.empty() ? PageUrl(account.id, "", "")
                                              : PageUrl(account.id, "after", after)}};
      return Ok(out);
    }
    if (begin < end) {
      json paging = {
          {"cursors", {{"before", CursorFor(*feed[begin])}, {"after", CursorFor(*feed[end - 1])}}}};
      if (end < feed.size())
        paging["next"] = PageUrl(account.id, "after", CursorFor(*feed[end - 1]));
      if (begin > 0) paging["previous"] = PageUrl(account.id, "before", CursorFor(*feed[begin]));
      out["paging"] = paging;
    }
    return Ok(out);
  }

  std::string PageUrl(const std::string& account_id, const std::string& key,
                      const std::string& cursor) {
    httplib::Params params;
    for (const auto& [name, value] : call_.params) {
      if (name != "after" && name != "before") params.emplace(name, value);
    }
    if (!key.empty()) params.emplace(key, cursor);
    if (!params.count("access_token")) params.emplace("access_token", call_.token);
    std::string url = store_.config().public_url;
    if (call_.instagram_graph) url += "/ig-graph";
    if (!call_.version.empty()) url += "/" + call_.version;
    return url + "/" + account_id + "/media?" + QueryString(params);
  }

  std::string MediaUrl(const std::string& id, const std::string& type) {
    if (type == "VIDEO")
      return SignedCdnUrl(store_, world_.app_secret, "o1/v/t16/" + id + ".mp4", now_);
    return SignedCdnUrl(store_, world_.app_secret, "t51.2885-15/" + id + "_n.png", now_);
  }

  std::string ThumbnailUrl(const std::string& id) {
    return SignedCdnUrl(store_, world_.app_secret, "t51.2885-15/" + id + "_thumb.png", now_);
  }

  std::string Permalink(const Media& media) {
    return std::string("https://www.instagram.com/") +
           (media.media_product_type == "REELS" ? "reel/" : "p/") + media.shortcode + "/";
  }

  json RenderChild(const Media& parent, const Child& child, const std::vector<FieldNode>& fields) {
    json out = {{"id", child.id}};  // the Graph API always includes a node's id
    for (const auto& f : fields) {
      if (f.name == "media_type") out["media_type"] = child.media_type;
      if (f.name == "media_url" && !parent.media_url_missing)
        out["media_url"] = MediaUrl(child.id, child.media_type);
      if (f.name == "thumbnail_url" && child.media_type == "VIDEO")
        out["thumbnail_url"] = ThumbnailUrl(child.id);
      if (f.name == "permalink") out["permalink"] = Permalink(parent);
      if (f.name == "timestamp") out["timestamp"] = FormatTimestamp(parent.timestamp);
      if (f.name == "username") out["username"] = world_.accounts.at(parent.owner).username;
      if (f.name == "shortcode") out["shortcode"] = parent.shortcode;
      if (f.name == "owner") out["owner"] = {{"id", parent.owner}};
      if (f.name == "media_product_type") out["media_product_type"] = parent.media_product_type;
      if (f.name == "is_shared_to_feed") out["is_shared_to_feed"] = true;
    }
    return out;
  }

  json RenderMedia(const Media& media, const std::vector<FieldNode>& fields) {
    json out = {{"id", media.id}};  // the Graph API always includes a node's id
    for (const auto& f : fields) {
      const std::string& n = f.name;
      if (n == "caption" && media.caption) out["caption"] = *media.caption;
      if (n == "media_type") out["media_type"] = media.media_type;
      if (n == "media_product_type") out["media_product_type"] = media.media_product_type;
      if (n == "media_url" && !media.media_url_missing) {
        if (media.media_type == "CAROUSEL_ALBUM" && !media.children.empty()) {
          out["media_url"] = MediaUrl(media.children.front().id, media.children.front().media_type);
        } else {
          out["media_url"] = MediaUrl(media.id, media.media_type);
        }
      }
      if (n == "thumbnail_url" && media.media_type == "VIDEO")
        out["thumbnail_url"] = ThumbnailUrl(media.id);
      if (n == "permalink") out["permalink"] = Permalink(media);
      if (n == "timestamp") out["timestamp"] = FormatTimestamp(media.timestamp);
      if (n == "username") out["username"] = world_.accounts.at(media.owner).username;
      if (n == "like_count") out["like_count"] = media.like_count;
      if (n == "comments_count") out["comments_count"] = media.comments_count;
      if (n == "is_comment_enabled") out["is_comment_enabled"] = true;
      if (n == "shortcode") out["shortcode"] = media.shortcode;
      if (n == "owner") out["owner"] = {{"id", media.owner}};
      if (n == "is_shared_to_feed" && media.media_product_type == "REELS")
        out["is_shared_to_feed"] = true;
      if (n == "children" && media.media_type == "CAROUSEL_ALBUM") {
        std::vector<FieldNode> selection = f.selection;
        if (selection.empty()) selection = {FieldNode{"id", {}, false, {}}};
        json data = json::array();
        size_t count = media.children.size();
        if (f.limit) count = std::min(count, static_cast<size_t>(*f.limit));
        for (size_t i = 0; i < count; ++i)
          data.push_back(RenderChild(media, media.children[i], selection));
        out["children"] = {{"data", data}};
      }
    }
    return out;
  }

  GraphReply MediaNode(const std::string& id, const std::string& edge) {
    const Media& media = world_.media.at(id);
    if (!TokenReachesAccount(world_, *token_, media.owner)) return Unsupported(call_.method, id);
    if (!CanReadInstagram(*token_)) return NoPermission();
    if (call_.method != "GET") return Unsupported(call_.method, id);
    if (auto error = CheckFields(fields_, kMediaFields, "IGMedia")) return *error;
    std::vector<FieldNode> fields = fields_;
    if (fields.empty()) fields = {FieldNode{"id", {}, false, {}}};
    if (edge.empty()) return Ok(RenderMedia(media, fields));
    if (edge == "children") {
      json data = json::array();
      for (const Child& child : media.children) data.push_back(RenderChild(media, child, fields));
      return Ok({{"data", data}});
    }
    return UnknownPath({edge});
  }

  GraphReply ChildNode(const std::string& id, const std::string& edge) {
    const Media& parent = world_.media.at(world_.child_parent.at(id));
    if (!TokenReachesAccount(world_, *token_, parent.owner)) return Unsupported(call_.method, id);
    if (!CanReadInstagram(*token_)) return NoPermission();
    if (call_.method != "GET") return Unsupported(call_.method, id);
    if (!edge.empty()) return UnknownPath({edge});
    if (auto error = CheckFields(fields_, kMediaFields, "IGMedia")) return *error;
    std::vector<FieldNode> fields = fields_;
    if (fields.empty()) fields = {FieldNode{"id", {}, false, {}}};
    for (const Child& child : parent.children) {
      if (child.id == id) return Ok(RenderChild(parent, child, fields));
    }
    return Unsupported(call_.method, id);
  }

  Store& store_;
  World& world_;
  const GraphCall& call_;
  const int64_t now_;
  const std::optional<int64_t> page_items_;  // short_page fault
  const Token* token_ = nullptr;
  std::vector<FieldNode> fields_;
};

// Names the endpoint a call hits ("GET /{ig-user-id}/media") and the Instagram account it concerns,
// for the call counters, the faults' filters and the usage headers.
std::pair<std::string, std::string> Classify(const World& world, const GraphCall& call) {
  const auto& s = call.segments;
  std::string endpoint = call.method + " ";
  std::string account;
  if (s.empty()) return {endpoint + "/", account};
  std::string node;
  if (s[0] == "oauth" || s[0] == "debug_token" || s[0] == "me" || s[0] == "access_token" ||
      s[0] == "refresh_access_token") {
    node = "/" + s[0];
  } else if (world.users.count(s[0])) {
    node = "/{user-id}";
  } else if (auto page = world.pages.find(s[0]); page != world.pages.end()) {
    node = "/{page-id}";
    account = page->second.ig_id;
  } else if (world.accounts.count(s[0])) {
    node = "/{ig-user-id}";
    account = s[0];
  } else if (auto media = world.media.find(s[0]); media != world.media.end()) {
    node = "/{media-id}";
    account = media->second.owner;
  } else if (auto child = world.child_parent.find(s[0]); child != world.child_parent.end()) {
    node = "/{media-id}";
    auto parent = world.media.find(child->second);
    if (parent != world.media.end()) account = parent->second.owner;
  } else {
    node = "/{id}";
  }
  endpoint += node;
  if (s.size() >= 2) endpoint += "/" + s[1];
  return {endpoint, account};
}

int64_t Percent(size_t calls, int64_t budget) {
  if (budget <= 0) return 100;
  return static_cast<int64_t>(calls) * 100 / budget;
}

void Prune(std::deque<int64_t>& times, int64_t now) {
  while (!times.empty() && times.front() <= now - kWindowSeconds) times.pop_front();
}

struct Outcome {
  int status = 200;
  std::string body;
  httplib::Headers headers;
  int64_t delay_ms = 0;
  std::optional<double> drop;  // the fraction of the body sent before the connection is cut
};

Outcome RunGraphCall(Store& store, const GraphCall& call) {
  std::lock_guard<std::mutex> lock(store.mu);
  World& world = store.world;
  const int64_t now = store.NowLocked();
  auto [endpoint, account] = Classify(world, call);

  CallLog& calls = world.calls;
  ++calls.graph_total;
  ++calls.by_endpoint[endpoint];
  Prune(calls.app_times, now);
  calls.app_times.push_back(now);
  if (!account.empty()) {
    ++calls.by_account[account][endpoint];
    auto& times = calls.account_times[account];
    Prune(times, now);
    times.push_back(now);
  }

  FaultDecision decision = EvaluateFaultsLocked(world, endpoint, call.path, account);
  GraphReply reply;
  int throttle_code = decision.throttle_code;
  const int64_t app_percent = Percent(calls.app_times.size(), world.app_budget);
  const int64_t account_percent =
      account.empty() ? 0 : Percent(calls.account_times[account].size(), world.account_budget);
  if (decision.reply) {
    reply = std::move(*decision.reply);
  } else if (app_percent > 100) {
    reply = ThrottleError(4);
    throttle_code = 4;
  } else if (account_percent > 100) {
    reply = ThrottleError(80002);
    throttle_code = 80002;
  } else {
    reply = GraphHandler(store, call, decision.page_items).Run();
  }

  Outcome out;
  out.status = reply.status;
  out.delay_ms = decision.delay_ms;
  out.drop = decision.drop;
  out.body = DumpMeta(reply.body);
  if (decision.keep)
    out.body.resize(static_cast<size_t>(static_cast<double>(out.body.size()) * *decision.keep));

  const bool app_throttled = throttle_code == 4 || throttle_code == 17;
  const bool account_throttled = throttle_code != 0 && !app_throttled;
  const int64_t app_shown = app_throttled ? std::max<int64_t>(app_percent, 100) : app_percent;
  out.headers.emplace("X-App-Usage", json{{"call_count", app_shown},
                                          {"total_cputime", app_shown / 3},
                                          {"total_time", app_shown / 2}}
                                         .dump());
  if (!account.empty()) {
    const int64_t shown =
        account_throttled ? std::max<int64_t>(account_percent, 100) : account_percent;
    // Over budget, access returns when enough calls have left the rolling window; calls made while
    // throttled count too, so hammering pushes that moment out. An injected throttle says an hour.
    int64_t regain_minutes = account_throttled ? 60 : 0;
    const auto& times = calls.account_times[account];
    if (account_percent > 100 && world.account_budget > 0) {
      const size_t excess = times.size() - static_cast<size_t>(world.account_budget);
      regain_minutes = (times[excess - 1] + kWindowSeconds - now + 59) / 60;
    }
    json usage = json::array({{{"type", "instagram"},
                               {"call_count", shown},
                               {"total_cputime", shown / 3},
                               {"total_time", shown / 2},
                               {"estimated_time_to_regain_access", regain_minutes}}});
    out.headers.emplace("X-Business-Use-Case-Usage", json{{account, usage}}.dump());
  }
  out.headers.emplace("facebook-api-version", call.version.empty() ? "v25.0" : call.version);
  if (reply.body.contains("error")) {
    out.headers.emplace("x-fb-trace-id", reply.body["error"].value("fbtrace_id", ""));
    const bool token_error = reply.body["error"].value("code", 0) == 190;
    std::string summary = reply.body["error"].value("message", "").substr(0, 80);
    std::replace(summary.begin(), summary.end(), '"', '\'');
    out.headers.emplace("WWW-Authenticate",
                        std::string("OAuth \"Facebook Platform\" \"") +
                            (token_error ? "invalid_token" : "invalid_request") + "\" \"" +
                            summary + "\"");
  }
  return out;
}

bool IsVersion(const std::string& piece) {
  if (piece.size() < 2 || piece[0] != 'v') return false;
  return piece.find_first_not_of("0123456789.", 1) == std::string::npos;
}

GraphCall MakeCall(const std::string& method, const std::string& path, httplib::Params params,
                   const std::string& authorization) {
  GraphCall call;
  call.method = method;
  call.path = path;
  call.segments = SplitPath(path);
  if (!call.segments.empty() && call.segments.front() == "ig-graph") {
    call.instagram_graph = true;
    call.segments.erase(call.segments.begin());
  }
  if (!call.segments.empty() && IsVersion(call.segments.front())) {
    call.version = call.segments.front();
    call.segments.erase(call.segments.begin());
  }
  call.params = std::move(params);
  call.token = ParamOf(call.params, "access_token");
  if (call.token.empty()) {
    for (const char* scheme : {"Bearer ", "OAuth "}) {
      if (authorization.rfind(scheme, 0) == 0)
        call.token = authorization.substr(std::string(scheme).size());
    }
  }
  return call;
}

void Write(httplib::Response& response, const Outcome& outcome) {
  if (outcome.delay_ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(outcome.delay_ms));
  response.status = outcome.status;
  for (const auto& [name, value] : outcome.headers) response.set_header(name, value);
  if (!outcome.drop) return response.set_content(outcome.body, "application/json; charset=UTF-8");
  // A drop: the headers promise the whole body, a part of it is sent, then the connection closes
  // (a provider that returns false makes cpp-httplib give up on the connection).
  const std::size_t sent =
      static_cast<std::size_t>(static_cast<double>(outcome.body.size()) * *outcome.drop);
  response.set_content_provider(
      outcome.body.size(), "application/json; charset=UTF-8",
      [body = outcome.body, sent](std::size_t offset, std::size_t, httplib::DataSink& sink) {
        if (offset < sent) sink.write(body.data() + offset, sent - offset);
        return false;
      });
}

// POST / with batch=[{"method","relative_url"}]: each item runs (and counts) as its own call.
void RunBatch(Store& store, const GraphCall& batch_call, httplib::Response& response) {
  json items = json::parse(ParamOf(batch_call.params, "batch"), nullptr, false);
  Outcome outcome;
  if (!items.is_array()) {
    outcome.status = 400;
    outcome.body =
        DumpMeta(MetaError("(#100) The parameter batch is required and must be a JSON array",
                           "OAuthException", 100)
                     .body);
    return Write(response, outcome);
  }
  if (items.size() > kMaxBatch) {
    outcome.status = 400;
    outcome.body =
        DumpMeta(MetaError("(#100) Too many requests in batch message. Maximum batch size is 50",
                           "OAuthException", 100)
                     .body);
    return Write(response, outcome);
  }
  json results = json::array();
  for (const auto& item : items) {
    std::string relative = item.value("relative_url", "");
    std::string method = item.value("method", "GET");
    std::transform(method.begin(), method.end(), method.begin(), ::toupper);
    std::string query;
    size_t question = relative.find('?');
    if (question != std::string::npos) {
      query = relative.substr(question + 1);
      relative = relative.substr(0, question);
    }
    httplib::Params params;
    httplib::detail::parse_query_text(query, params);
    if (item.contains("body") && item["body"].is_string()) {
      httplib::detail::parse_query_text(item["body"].get<std::string>(), params);
    }
    if (!params.count("access_token")) params.emplace("access_token", batch_call.token);
    GraphCall call = MakeCall(method, "/" + relative, params, "");
    Outcome sub = RunGraphCall(store, call);
    json headers = json::array();
    headers.push_back({{"name", "Content-Type"}, {"value", "application/json; charset=UTF-8"}});
    for (const auto& [name, value] : sub.headers)
      headers.push_back({{"name", name}, {"value", value}});
    results.push_back({{"code", sub.status}, {"headers", headers}, {"body", sub.body}});
  }
  outcome.body = DumpMeta(results);
  Write(response, outcome);
}

}  // namespace

void InstallGraphRoutes(httplib::Server& server, Store& store) {
  auto handle = [&store](const httplib::Request& request, httplib::Response& response) {
    GraphCall call = MakeCall(request.method, request.path, AllParams(request),
                              request.get_header_value("Authorization"));
    if (call.method == "POST" && call.segments.empty()) return RunBatch(store, call, response);
    Write(response, RunGraphCall(store, call));
  };
  server.Get(".*", handle);
  server.Post(".*", handle);
  server.Delete(".*", handle);
}

}  // namespace vendly::sandbox
