// The control API under /_sandbox/: what tests and the demo use to change the world (publish, edit
// and delete posts; grow an account; expire or invalidate tokens; move the clock), inject faults,
// read call counts and send signed webhooks. JSON in, JSON out; errors as {"error": "..."} with 400
// or 404.
#include <algorithm>

#include "crypto.h"
#include "faults.h"
#include "generator.h"
#include "routes.h"
#include "webhooks.h"
#include "world_changes.h"

namespace vendly::sandbox {
namespace {

using nlohmann::json;

// What a delivery to a receiver came to, added to a control answer: the receiver's status and
// reply, or why nothing came back.
void AddDeliveryOutcome(const DeliveryResult& result, json* out) {
  if (result.delivered) {
    (*out)["status"] = result.status;
    (*out)["response_body"] = result.body;
  } else {
    (*out)["error"] = result.error;
  }
}

void Reply(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
                       "application/json; charset=utf-8");
}

void Fail(httplib::Response& response, int status, const std::string& message) {
  Reply(response, status, {{"error", message}});
}

// The request body as a JSON object ({} when empty); nullopt (and a 400 written) when it is not
// one.
std::optional<json> Body(const httplib::Request& request, httplib::Response& response) {
  if (request.body.empty()) return json::object();
  json body = json::parse(request.body, nullptr, false);
  if (!body.is_object()) {
    Fail(response, 400, "the body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

json MediaSummary(const Media& media) {
  json out = {{"id", media.id},
              {"owner", media.owner},
              {"media_type", media.media_type},
              {"media_product_type", media.media_product_type},
              {"timestamp", FormatTimestamp(media.timestamp)}};
  if (media.caption) out["caption"] = *media.caption;
  json children = json::array();
  for (const Child& child : media.children)
    children.push_back({{"id", child.id}, {"media_type", child.media_type}});
  if (!media.children.empty()) out["children"] = children;
  if (media.media_url_missing) out["media_url_missing"] = true;
  return out;
}

json CallsJson(const CallLog& calls) {
  json by_account = json::object();
  for (const auto& [account, endpoints] : calls.by_account) {
    int64_t total = 0;
    for (const auto& [endpoint, count] : endpoints) total += count;
    by_account[account] = {{"total", total}, {"by_endpoint", endpoints}};
  }
  return {{"total", calls.graph_total},
          {"by_endpoint", calls.by_endpoint},
          {"by_account", by_account},
          {"cdn_total", calls.cdn_total}};
}

// Which tokens a tokens/expire or tokens/invalidate body selects.
bool Selects(const json& body, const std::string& value, const Token& token) {
  if (body.value("all", false)) return true;
  if (body.contains("token") && body["token"] == value) return true;
  if (body.contains("user_id") && body["user_id"] == token.user_id) return true;
  if (body.contains("page_id") && body["page_id"] == token.page_id) return true;
  return false;
}

void Install(httplib::Server& server, Store& store) {
  server.Post("/_sandbox/reset", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    std::string error;
    if (!store.Load(&error)) return Fail(response, 500, error);
    Reply(response, 200, {{"ok", true}});
  });

  server.Get("/_sandbox/calls", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    Reply(response, 200, CallsJson(store.world.calls));
  });
  server.Delete("/_sandbox/calls", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    store.world.calls = CallLog{};
    Reply(response, 200, {{"ok", true}});
  });

  server.Get("/_sandbox/users", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    const World& world = store.world;
    json users = json::array();
    for (const auto& user_id : world.user_order) {
      const User& user = world.users.at(user_id);
      json pages = json::array();
      for (const auto& page_id : user.page_ids) {
        const Page& page = world.pages.at(page_id);
        json entry = {{"id", page.id}, {"name", page.name}, {"subscribed", page.subscribed}};
        if (!page.ig_id.empty()) entry["instagram_business_account"] = page.ig_id;
        if (page.subscribed) entry["subscribed_fields"] = page.subscribed_fields;
        pages.push_back(entry);
      }
      users.push_back({{"id", user.id},
                       {"name", user.name},
                       {"label", user.label},
                       {"pages", pages},
                       {"app_authorized", user.app_authorized},
                       {"grant_revocations", user.grant_revocations},
                       {"declined", user.declined}});
    }
    Reply(response, 200, {{"users", users}});
  });

  server.Get("/_sandbox/accounts", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    json accounts = json::array();
    for (const auto& [id, account] : store.world.accounts) {
      accounts.push_back(
          {{"id", id},
           {"username", account.username},
           {"name", account.name},
           {"media_count", account.feed.size()},
           {"newest", account.feed.empty() ? json(nullptr) : json(account.feed.front())}});
    }
    Reply(response, 200, {{"accounts", accounts}});
  });

  server.Get(R"(/_sandbox/accounts/([^/]+)/media)",
             [&store](const httplib::Request& request, httplib::Response& response) {
               std::lock_guard<std::mutex> lock(store.mu);
               auto account = store.world.accounts.find(request.matches[1]);
               if (account == store.world.accounts.end())
                 return Fail(response, 404, "unknown account");
               json data = json::array();
               for (const auto& id : account->second.feed)
                 data.push_back(MediaSummary(store.world.media.at(id)));
               Reply(response, 200, {{"data", data}});
             });

  // Publish a post: {"caption"?, "media_type"?: IMAGE|VIDEO|CAROUSEL_ALBUM, "children"?: n,
  // "timestamp"?, "media_url_missing"?}. Without a caption key a generated one is used; "caption":
  // null publishes none.
  server.Post(R"(/_sandbox/accounts/([^/]+)/media)",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                World& world = store.world;
                auto account = world.accounts.find(request.matches[1]);
                if (account == world.accounts.end()) return Fail(response, 404, "unknown account");
                Media media;
                media.id = store.NewMediaIdLocked();
                media.owner = account->first;
                media.media_type = body->value("media_type", "IMAGE");
                if (media.media_type != "IMAGE" && media.media_type != "VIDEO" &&
                    media.media_type != "CAROUSEL_ALBUM") {
                  return Fail(response, 400, "media_type must be IMAGE, VIDEO or CAROUSEL_ALBUM");
                }
                media.media_product_type = body->value(
                    "media_product_type", media.media_type == "VIDEO" ? "REELS" : "FEED");
                if (!body->contains("caption")) {
                  media.caption = GenerateCaption(std::hash<std::string>{}(media.id));
                } else if ((*body)["caption"].is_string()) {
                  media.caption = (*body)["caption"].get<std::string>();
                }
                media.timestamp = store.NowLocked();
                if (body->contains("timestamp")) {
                  auto timestamp = ParseTimestamp(body->value("timestamp", ""));
                  if (!timestamp)
                    return Fail(response, 400, "timestamp must look like 2026-11-20T08:15:30+0000");
                  media.timestamp = *timestamp;
                }
                media.shortcode = ShortcodeFor(media.id);
                media.media_url_missing = body->value("media_url_missing", false);
                if (media.media_type == "CAROUSEL_ALBUM") {
                  const int children = body->value("children", 3);
                  if (children < 2 || children > 10)
                    return Fail(response, 400, "a carousel has 2 to 10 children");
                  for (int i = 0; i < children; ++i) {
                    std::string child_id = store.NewMediaIdLocked();
                    world.child_parent[child_id] = media.id;
                    media.children.push_back(Child{child_id, "IMAGE"});
                  }
                }
                json summary = MediaSummary(media);
                IgAccount& owner = account->second;
                store.AddMediaLocked(std::move(media));
                store.SortFeedLocked(owner);
                Reply(response, 201, summary);
              });

  // Grow an account: {"count": N, "seed"?, "replace"?: true (drop the current posts first),
  // "newest"?}.
  server.Post(R"(/_sandbox/accounts/([^/]+)/generate)", [&store](const httplib::Request& request,
                                                                 httplib::Response& response) {
    auto body = Body(request, response);
    if (!body) return;
    std::lock_guard<std::mutex> lock(store.mu);
    const std::string account_id = request.matches[1];
    auto account = store.world.accounts.find(account_id);
    if (account == store.world.accounts.end()) return Fail(response, 404, "unknown account");
    const int count = body->value("count", 100);
    if (count < 1 || count > 20000) return Fail(response, 400, "count must be within 1..20000");
    if (body->value("replace", false)) {
      std::vector<std::string> feed = account->second.feed;
      for (const auto& id : feed) store.RemoveMediaLocked(id);
    }
    int64_t newest = store.NowLocked();
    if (!account->second.feed.empty()) {
      newest =
          store.world.media.at(account->second.feed.back()).timestamp - 3600;  // below the oldest
    }
    if (body->contains("newest")) {
      auto parsed = ParseTimestamp(body->value("newest", ""));
      if (!parsed) return Fail(response, 400, "newest must look like 2026-11-20T08:15:30+0000");
      newest = *parsed;
    }
    GeneratePostsLocked(store, account_id, count, body->value("seed", uint64_t{1}), newest);
    Reply(response, 200, {{"id", account_id}, {"media_count", account->second.feed.size()}});
  });

  // Edit a post: {"caption": "..." | null, "media_url_missing"?, "like_count"?, "comments_count"?}.
  server.Post(R"(/_sandbox/media/([^/]+))",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                auto it = store.world.media.find(request.matches[1]);
                if (it == store.world.media.end()) return Fail(response, 404, "unknown media");
                Media& media = it->second;
                if (body->contains("caption")) {
                  const json& caption = (*body)["caption"];
                  if (caption.is_null()) {
                    media.caption.reset();
                  } else if (caption.is_string()) {
                    media.caption = caption.get<std::string>();
                  } else {
                    return Fail(response, 400, "caption must be a string or null");
                  }
                }
                media.media_url_missing = body->value("media_url_missing", media.media_url_missing);
                media.like_count = body->value("like_count", media.like_count);
                media.comments_count = body->value("comments_count", media.comments_count);
                Reply(response, 200, MediaSummary(media));
              });

  server.Delete(R"(/_sandbox/media/([^/]+))",
                [&store](const httplib::Request& request, httplib::Response& response) {
                  std::lock_guard<std::mutex> lock(store.mu);
                  if (!store.RemoveMediaLocked(request.matches[1]))
                    return Fail(response, 404, "unknown media");
                  Reply(response, 200, {{"deleted", true}, {"id", request.matches[1].str()}});
                });

  // One change "on Instagram", now: {"action": publish|edit|delete}. Answers the media id it
  // touched.
  server.Post(R"(/_sandbox/accounts/([^/]+)/changes)",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                const std::string account = request.matches[1];
                if (!store.world.accounts.count(account))
                  return Fail(response, 404, "unknown account");
                const std::string action = body->value("action", "");
                std::string id;
                if (action == "publish") {
                  id = PublishGeneratedLocked(store, account);
                } else if (action == "edit") {
                  id = EditSomeCaptionLocked(store, account);
                } else if (action == "delete") {
                  id = DeleteSomePostLocked(store, account);
                } else {
                  return Fail(response, 400, "action must be publish, edit or delete");
                }
                if (id.empty()) return Fail(response, 409, "the account has no posts");
                json out = {{"action", action}, {"media_id", id}};
                if (store.world.media.count(id))
                  out["media"] = MediaSummary(store.world.media.at(id));
                Reply(response, 200, out);
              });

  // A customer comments: {"text"?}. comments_count grows and, when the app has a webhook_url and
  // the account's Page is subscribed (POST /{page-id}/subscribed_apps), a signed `comments` webhook
  // goes out, as from Meta.
  server.Post(R"(/_sandbox/media/([^/]+)/comments)", [&store](const httplib::Request& request,
                                                              httplib::Response& response) {
    auto body = Body(request, response);
    if (!body) return;
    std::optional<PendingDelivery> pending;
    json event;
    {
      std::lock_guard<std::mutex> lock(store.mu);
      if (!store.world.media.count(request.matches[1])) return Fail(response, 404, "unknown media");
      pending =
          CommentLocked(store, request.matches[1], body->value("text", "Bei gani? 😍"), &event);
    }
    json out = {{"event", event}, {"webhook_sent", pending.has_value()}};
    if (pending) {
      DeliveryResult result = Deliver(pending->url, pending->body, pending->signature, 5000);
      out["delivered"] = result.delivered;
      if (result.delivered) out["status"] = result.status;
      if (!result.delivered) out["error"] = result.error;
    }
    Reply(response, 201, out);
  });

  server.Get("/_sandbox/schedule", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    json list = json::array();
    for (const Schedule& s : store.world.schedules) {
      list.push_back({{"id", s.id},
                      {"account", s.account},
                      {"action", s.action},
                      {"every_ms", s.every_ms},
                      {"remaining", s.remaining},
                      {"runs", s.runs}});
    }
    Reply(response, 200, {{"schedules", list}});
  });

  // Changes on a timer: {"account", "action": publish|edit|delete|comment, "every_ms"? (>= 20),
  // "times"?}.
  server.Post("/_sandbox/schedule",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                Schedule schedule;
                schedule.account = body->value("account", "");
                schedule.action = body->value("action", "");
                schedule.every_ms = body->value("every_ms", int64_t{1000});
                schedule.remaining = body->value("times", int64_t{-1});
                if (schedule.action != "publish" && schedule.action != "edit" &&
                    schedule.action != "delete" && schedule.action != "comment") {
                  return Fail(response, 400, "action must be publish, edit, delete or comment");
                }
                if (schedule.every_ms < 20)
                  return Fail(response, 400, "every_ms must be at least 20");
                if (schedule.remaining == 0 || schedule.remaining < -1)
                  return Fail(response, 400, "times must be positive");
                std::lock_guard<std::mutex> lock(store.mu);
                if (!store.world.accounts.count(schedule.account))
                  return Fail(response, 404, "unknown account");
                schedule.id = store.world.next_schedule_id++;
                schedule.next_due_ms = SteadyMillis() + schedule.every_ms;
                store.world.schedules.push_back(schedule);
                Reply(response, 201, {{"id", schedule.id}});
              });

  server.Delete("/_sandbox/schedule",
                [&store](const httplib::Request&, httplib::Response& response) {
                  std::lock_guard<std::mutex> lock(store.mu);
                  store.world.schedules.clear();
                  Reply(response, 200, {{"ok", true}});
                });

  server.Get("/_sandbox/faults", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    json faults = json::array();
    for (const Fault& fault : store.world.faults) faults.push_back(FaultToJson(fault));
    Reply(response, 200, {{"faults", faults}});
  });

  // One fault object, or {"faults": [...]}; with "replace": true the current faults are dropped
  // first.
  server.Post("/_sandbox/faults",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                json list = body->contains("faults") ? (*body)["faults"] : json::array({*body});
                if (!list.is_array()) return Fail(response, 400, "faults must be an array");
                std::vector<Fault> parsed;
                for (const auto& description : list) {
                  std::string error;
                  auto fault = FaultFromJson(description, &error);
                  if (!fault) return Fail(response, 400, error);
                  parsed.push_back(*fault);
                }
                std::lock_guard<std::mutex> lock(store.mu);
                World& world = store.world;
                if (body->value("replace", false)) world.faults.clear();
                json added = json::array();
                for (Fault& fault : parsed) {
                  fault.id = world.next_fault_id++;
                  added.push_back(FaultToJson(fault));
                  world.faults.push_back(fault);
                }
                Reply(response, 201, {{"faults", added}});
              });

  server.Delete("/_sandbox/faults", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    store.world.faults.clear();
    Reply(response, 200, {{"ok", true}});
  });

  server.Delete(R"(/_sandbox/faults/(\d+))",
                [&store](const httplib::Request& request, httplib::Response& response) {
                  std::lock_guard<std::mutex> lock(store.mu);
                  auto& faults = store.world.faults;
                  const int id = std::stoi(request.matches[1]);
                  auto it = std::find_if(faults.begin(), faults.end(),
                                         [id](const Fault& f) { return f.id == id; });
                  if (it == faults.end()) return Fail(response, 404, "unknown fault");
                  faults.erase(it);
                  Reply(response, 200, {{"ok", true}});
                });

  // Mint a token without the dialog: {"user_id", "kind"?: short|long|page, "page_id"?, "scopes"?:
  // [...]}.
  server.Post("/_sandbox/tokens", [&store](const httplib::Request& request,
                                           httplib::Response& response) {
    auto body = Body(request, response);
    if (!body) return;
    std::lock_guard<std::mutex> lock(store.mu);
    World& world = store.world;
    const std::string user_id = body->value("user_id", "");
    auto user = world.users.find(user_id);
    if (user == world.users.end()) return Fail(response, 404, "unknown user_id");
    Token token;
    token.user_id = user_id;
    token.issued_at = store.NowLocked();
    token.scopes = body->value(
        "scopes", std::vector<std::string>{"public_profile", "instagram_basic", "pages_show_list",
                                           "pages_read_engagement", "business_management"});
    const std::string kind = body->value("kind", "long");
    if (kind == "short") {
      token.kind = TokenKind::kShortUser;
      token.expires_at = token.issued_at + store.config().short_token_ttl;
    } else if (kind == "long") {
      token.kind = TokenKind::kLongUser;
      token.expires_at = token.issued_at + store.config().long_token_ttl;
    } else if (kind == "page") {
      token.kind = TokenKind::kPage;
      token.page_id = body->value("page_id", "");
      const auto& pages = user->second.page_ids;
      if (std::find(pages.begin(), pages.end(), token.page_id) == pages.end()) {
        return Fail(response, 400, "page_id must be one of the user's pages");
      }
    } else {
      return Fail(response, 400, "kind must be short, long or page");
    }
    const int64_t expires_at = token.expires_at;
    Reply(response, 201,
          {{"access_token", store.IssueTokenLocked(token)}, {"expires_at", expires_at}});
  });

  // {"token"|"user_id"|"page_id"|"all": true}: the selected tokens expire now (190/463 from then
  // on).
  server.Post("/_sandbox/tokens/expire",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                const int64_t now = store.NowLocked();
                int changed = 0;
                for (auto& [value, token] : store.world.tokens) {
                  if (!Selects(*body, value, token)) continue;
                  token.expires_at = now - 1;
                  ++changed;
                }
                Reply(response, 200, {{"expired", changed}});
              });

  // {"token"|"user_id"|"page_id"|"all": true, "subcode"?: 460}: the selected tokens answer 190 with
  // the subcode.
  server.Post("/_sandbox/tokens/invalidate",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                const int subcode = body->value("subcode", 460);
                if (subcode <= 0) return Fail(response, 400, "subcode must be positive");
                std::lock_guard<std::mutex> lock(store.mu);
                int changed = 0;
                for (auto& [value, token] : store.world.tokens) {
                  if (!Selects(*body, value, token)) continue;
                  token.invalid_subcode = subcode;
                  ++changed;
                }
                Reply(response, 200, {{"invalidated", changed}});
              });

  server.Get("/_sandbox/clock", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    const int64_t now = store.NowLocked();
    Reply(response, 200,
          {{"now", now},
           {"now_iso", FormatTimestamp(now)},
           {"offset_seconds", store.world.clock_offset}});
  });

  // {"advance_seconds": N} or {"offset_seconds": N}: moves the sandbox clock (token, code and URL
  // expiry).
  server.Post("/_sandbox/clock",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                if (body->contains("offset_seconds"))
                  store.world.clock_offset = body->value("offset_seconds", int64_t{0});
                store.world.clock_offset += body->value("advance_seconds", int64_t{0});
                const int64_t now = store.NowLocked();
                Reply(response, 200,
                      {{"now", now},
                       {"now_iso", FormatTimestamp(now)},
                       {"offset_seconds", store.world.clock_offset}});
              });

  // {"app_budget"?, "account_budget"?}: calls per rolling 24 h before throttling (code 4 / 80002).
  server.Post("/_sandbox/usage",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                World& world = store.world;
                world.app_budget = body->value("app_budget", world.app_budget);
                world.account_budget = body->value("account_budget", world.account_budget);
                Reply(response, 200,
                      {{"app_budget", world.app_budget}, {"account_budget", world.account_budget}});
              });

  server.Get("/_sandbox/app", [&store](const httplib::Request&, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(store.mu);
    const World& world = store.world;
    Reply(response, 200,
          {{"app_id", world.app_id},
           {"app_name", world.app_name},
           {"verify_token", world.verify_token},
           {"ig_token_flat", world.ig_token_flat},
           {"webhook_url", world.webhook_url},
           {"redirect_uris", world.redirect_uris}});
  });

  // App dashboard settings: {"webhook_url"?, "verify_token"?, "redirect_uris"?}.
  server.Post("/_sandbox/app",
              [&store](const httplib::Request& request, httplib::Response& response) {
                auto body = Body(request, response);
                if (!body) return;
                std::lock_guard<std::mutex> lock(store.mu);
                World& world = store.world;
                if (body->contains("webhook_url")) {
                  std::string error;
                  const std::string url = body->value("webhook_url", "");
                  if (!url.empty() && !ParseLoopbackUrl(url, &error))
                    return Fail(response, 400, error);
                  world.webhook_url = url;
                }
                world.verify_token = body->value("verify_token", world.verify_token);
                world.ig_token_flat = body->value("ig_token_flat", world.ig_token_flat);
                world.redirect_uris = body->value("redirect_uris", world.redirect_uris);
                Reply(response, 200, {{"ok", true}});
              });

  // Deliver a webhook: {"url"? (default: the app's webhook_url), "payload"? (any JSON) |
  // "raw_body"? (exact bytes) | "kind": comments|mentions with "account"?, "media_id"?, "text"?;
  // "signature"?: "valid" (default), "bad", "none"; "retries"?, "repeat"?, "timeout_ms"?}. Answers
  // the receiver's last status and body, every attempt's status, and the signature sent.
  server.Post("/_sandbox/webhooks/deliver", [&store](const httplib::Request& request,
                                                     httplib::Response& response) {
    auto body = Body(request, response);
    if (!body) return;
    std::string url_text;
    std::string raw;
    std::string secret;
    {
      std::lock_guard<std::mutex> lock(store.mu);
      World& world = store.world;
      secret = world.app_secret;
      url_text = body->value("url", world.webhook_url);
      if (body->contains("raw_body")) {
        raw = body->value("raw_body", "");
      } else if (body->contains("payload")) {
        raw = (*body)["payload"].dump();
      } else {
        WebhookEvent event;
        event.kind = body->value("kind", "comments");
        if (event.kind != "comments" && event.kind != "mentions" && event.kind != "live_comments") {
          return Fail(response, 400, "kind must be comments, mentions or live_comments");
        }
        event.account_id = body->value("account", "");
        event.media_id = body->value("media_id", "");
        if (event.account_id.empty() && !event.media_id.empty() &&
            world.media.count(event.media_id)) {
          event.account_id = world.media.at(event.media_id).owner;
        }
        if (event.account_id.empty() || !world.accounts.count(event.account_id)) {
          return Fail(response, 400, "account (or a known media_id) is required");
        }
        const auto& feed = world.accounts.at(event.account_id).feed;
        if (event.media_id.empty() && !feed.empty()) event.media_id = feed.front();
        event.text = body->value("text", "Bei gani? Iko size 40? 😍");
        event.time = store.NowLocked();
        raw = WebhookPayload(event,
                             "179" + std::to_string(std::hash<std::string>{}(RandomUrlSafe(8)) %
                                                    1000000000000ULL))
                  .dump();
      }
    }
    std::string error;
    auto url = ParseLoopbackUrl(url_text, &error);
    if (!url)
      return Fail(response, 400,
                  url_text.empty() ? "url is required (or set the app's webhook_url)" : error);
    const std::string mode = body->value("signature", "valid");
    std::string signature;
    if (mode == "valid") {
      signature = SignatureHeader(secret, raw);
    } else if (mode == "bad") {
      signature = SignatureHeader(secret + "-wrong", raw);
    } else if (mode != "none") {
      return Fail(response, 400, "signature must be valid, bad or none");
    }
    // Meta retries failed deliveries and sometimes sends duplicates: "retries" re-sends (at once)
    // while the receiver does not answer 2xx; "repeat" sends the same signed body that many times
    // in all.
    const int retries = std::clamp(body->value("retries", 0), 0, 10);
    const int repeat = std::clamp(body->value("repeat", 1), 1, 10);
    const int timeout_ms = body->value("timeout_ms", 5000);
    json attempts = json::array();
    DeliveryResult result;
    for (int sent = 0, failures = 0; sent < repeat;) {
      result = Deliver(*url, raw, signature, timeout_ms);
      attempts.push_back(result.delivered ? json(result.status) : json(nullptr));
      const bool ok = result.delivered && result.status >= 200 && result.status < 300;
      if (!ok && failures < retries) {
        ++failures;
        continue;
      }
      ++sent;
    }
    json out = {{"delivered", result.delivered},
                {"signature", signature},
                {"body_sent", raw},
                {"attempts", attempts}};
    AddDeliveryOutcome(result, &out);
    Reply(response, 200, out);
  });

  // Meta's deauthorize / data-deletion callback: {"url", "user_id", "kind"?: deauthorize (default;
  // the user's tokens then answer 190/458) | deletion}. POSTs the form field signed_request;
  // answers the receiver's reply.
  server.Post("/_sandbox/signed_request/deliver", [&store](const httplib::Request& request,
                                                           httplib::Response& response) {
    auto body = Body(request, response);
    if (!body) return;
    const std::string kind = body->value("kind", "deauthorize");
    if (kind != "deauthorize" && kind != "deletion") {
      return Fail(response, 400, "kind must be deauthorize or deletion");
    }
    std::string error;
    auto url = ParseLoopbackUrl(body->value("url", ""), &error);
    if (!url) return Fail(response, 400, error);
    std::string signed_request;
    {
      std::lock_guard<std::mutex> lock(store.mu);
      const std::string user_id = body->value("user_id", "");
      if (!store.world.users.count(user_id)) return Fail(response, 404, "unknown user_id");
      signed_request = SignedRequest(store.world.app_secret, user_id, store.NowLocked());
      if (kind == "deauthorize") {
        for (auto& [value, token] : store.world.tokens) {
          if (token.user_id == user_id) token.invalid_subcode = 458;
        }
      }
    }
    DeliveryResult result =
        PostSignedRequest(*url, signed_request, body->value("timeout_ms", 5000));
    json out = {{"delivered", result.delivered}, {"signed_request", signed_request}};
    AddDeliveryOutcome(result, &out);
    Reply(response, 200, out);
  });

  // Meta's verification GET: {"url"?, "verify_token"? (default: the app's), "challenge"?}.
  server.Post("/_sandbox/webhooks/verify", [&store](const httplib::Request& request,
                                                    httplib::Response& response) {
    auto body = Body(request, response);
    if (!body) return;
    std::string url_text;
    std::string verify_token;
    {
      std::lock_guard<std::mutex> lock(store.mu);
      url_text = body->value("url", store.world.webhook_url);
      verify_token = body->value("verify_token", store.world.verify_token);
    }
    std::string error;
    auto url = ParseLoopbackUrl(url_text, &error);
    if (!url) return Fail(response, 400, error);
    const std::string challenge = body->value("challenge", "1158201444");
    DeliveryResult result = Verify(*url, verify_token, challenge, body->value("timeout_ms", 5000));
    json out = {{"delivered", result.delivered}, {"challenge", challenge}};
    AddDeliveryOutcome(result, &out);
    out["ok"] = result.delivered && result.status == 200 && result.body == challenge;
    Reply(response, 200, out);
  });

  auto unknown = [](const httplib::Request&, httplib::Response& response) {
    Fail(response, 404, "unknown control endpoint");
  };
  server.Get(R"(/_sandbox/.*)", unknown);
  server.Post(R"(/_sandbox/.*)", unknown);
  server.Delete(R"(/_sandbox/.*)", unknown);
}

}  // namespace

void InstallControlRoutes(httplib::Server& server, Store& store) { Install(server, store); }

}  // namespace vendly::sandbox
