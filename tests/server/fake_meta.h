// A tiny Graph API server written for the tests, independent of the Meta sandbox: enough of Meta's
// documented behaviour (OAuth code exchange, /me/accounts, instagram_business_account, media paging
// by paging.next with expanded children, error bodies, usage headers) to prove the client and the
// OAuth callback work against any server that speaks the Graph API. Scenarios are chosen by the
// code: "single-*" one Page with an Instagram account, "noig-*" a Page without one, "multi-*" two
// Pages with Instagram accounts (listed over two pages), "nopages-*" none.
#ifndef VENDLY_TESTS_SERVER_FAKE_META_H_
#define VENDLY_TESTS_SERVER_FAKE_META_H_

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "meta/graph.h"  // EncodeQuery only

namespace vendly::test {

class FakeMeta {
 public:
  std::string app_id = "sandbox-app";
  std::string app_secret = "sandbox-secret";
  int media_total = 7;                 // media of every Instagram account
  int page_size = 3;                   // default `limit`
  bool empty_page_after_first = true;  // a page with no data but a `next`
  // Knobs of the Graph client tests.
  std::atomic<int> transient_failures{0};  // answer this many requests with code 2 first
  std::atomic<int> throttle_code{0};       // when set, every Graph read fails with this code
  std::string business_usage;              // X-Business-Use-Case-Usage sent with every answer
  std::string app_usage;                   // X-App-Usage sent with every answer
  std::string retry_after;                 // Retry-After sent with every throttled answer

  FakeMeta() {
    using httplib::Request;
    using httplib::Response;
    svr_.Get(R"(/v[0-9.]+/oauth/access_token)",
             [this](const Request& q, Response& r) { Token(q, r); });
    svr_.Get(R"(/v[0-9.]+/me)", [this](const Request& q, Response& r) {
      if (!Gate(q, r)) return;
      auto user = UserOf(q.get_param_value("access_token"));
      if (user.empty()) return Error(r, 400, 190, 467, "Invalid OAuth access token.");
      Json(r, {{"id", "fbuser-" + user}, {"name", "Seller " + user}});
    });
    svr_.Get(R"(/v[0-9.]+/me/permissions)", [this](const Request& q, Response& r) {
      if (!Gate(q, r)) return;
      Json(r, {{"data",
                {{{"permission", "instagram_basic"}, {"status", "granted"}},
                 {{"permission", "pages_show_list"}, {"status", "granted"}}}}});
    });
    svr_.Get(R"(/v[0-9.]+/me/accounts)", [this](const Request& q, Response& r) { Accounts(q, r); });
    svr_.Post(R"(/v[0-9.]+/([A-Za-z0-9_-]+)/subscribed_apps)",
              [this](const Request& q, Response& r) {
                if (q.get_param_value("access_token").rfind("P-", 0) != 0)
                  return Error(r, 400, 190, 0, "a Page access token is required");
                std::lock_guard<std::mutex> lock(mu_);
                subscribed_.insert(q.matches[1]);
                Json(r, {{"success", true}});
              });
    svr_.Get(R"(/v[0-9.]+/([A-Za-z0-9_-]+)/media)",
             [this](const Request& q, Response& r) { Media(q, r); });
    svr_.Get(R"(/v[0-9.]+/([A-Za-z0-9_-]+))",
             [this](const Request& q, Response& r) { Node(q, r); });
    port_ = svr_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { svr_.listen_after_bind(); });
    while (!svr_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~FakeMeta() {
    svr_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return int(paths_.size());
  }
  std::vector<std::string> paths() {
    std::lock_guard<std::mutex> lock(mu_);
    return paths_;
  }
  bool subscribed(const std::string& page) {
    std::lock_guard<std::mutex> lock(mu_);
    return subscribed_.count(page) > 0;
  }
  // Makes every token of `user` answer 190/460 from now on (password changed).
  void Revoke(const std::string& user) {
    std::lock_guard<std::mutex> lock(mu_);
    revoked_.insert(user);
  }

 private:
  using Json_ = nlohmann::json;
  static void Json(httplib::Response& r, const Json_& body, int status = 200) {
    r.status = status;
    r.set_content(body.dump(), "application/json");
  }
  void Error(httplib::Response& r, int status, int code, int subcode, const std::string& message,
             bool transient = false) {
    Json_ err = {{"message", message},
                 {"type", "OAuthException"},
                 {"code", code},
                 {"fbtrace_id", "AbCdEf"},
                 {"is_transient", transient}};
    if (subcode) err["error_subcode"] = subcode;
    Json(r, {{"error", err}}, status);
  }
  // Records the call, adds usage headers, and applies the failure knobs. False when it answered.
  bool Gate(const httplib::Request& q, httplib::Response& r) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      paths_.push_back(q.path);
    }
    if (!app_usage.empty()) r.set_header("X-App-Usage", app_usage);
    if (!business_usage.empty()) r.set_header("X-Business-Use-Case-Usage", business_usage);
    if (transient_failures.load() > 0) {
      --transient_failures;
      Error(r, 500, 2, 0, "Service temporarily unavailable", true);
      return false;
    }
    if (int code = throttle_code.load()) {
      if (!retry_after.empty()) r.set_header("Retry-After", retry_after);
      Error(r, 400, code, code == 80002 ? 2207051 : 0, "Application request limit reached");
      return false;
    }
    return true;
  }
  // "L-single-1" -> "single-1"; "" for unknown or revoked tokens.
  std::string UserOf(const std::string& token) {
    std::string user;
    if (token.rfind("L-", 0) == 0 || token.rfind("S-", 0) == 0) user = token.substr(2);
    if (token.rfind("P-", 0) == 0) {
      auto at = token.find('@');
      if (at != std::string::npos) user = token.substr(at + 1);
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (revoked_.count(user)) return "";
    return user;
  }
  void Token(const httplib::Request& q, httplib::Response& r) {
    if (!Gate(q, r)) return;
    if (q.get_param_value("client_id") != app_id ||
        q.get_param_value("client_secret") != app_secret)
      return Error(r, 400, 101, 0, "Error validating application.");
    if (q.has_param("fb_exchange_token")) {
      const std::string s = q.get_param_value("fb_exchange_token");
      if (s.rfind("S-", 0) != 0) return Error(r, 400, 190, 0, "Invalid OAuth access token.");
      return Json(r, {{"access_token", "L-" + s.substr(2)},
                      {"token_type", "bearer"},
                      {"expires_in", 5183944}});
    }
    const std::string code = q.get_param_value("code");
    if (q.get_param_value("redirect_uri").empty())
      return Error(r, 400, 100, 0, "Missing redirect_uri parameter.");
    std::lock_guard<std::mutex> lock(mu_);
    if (code.empty() || code.rfind("bad-", 0) == 0)
      return Error(r, 400, 100, 36007, "Invalid verification code format.");
    if (!used_codes_.insert(code).second)
      return Error(r, 400, 100, 36009, "This authorization code has been used.");
    Json(r, {{"access_token", "S-" + code}, {"token_type", "bearer"}, {"expires_in", 3600}});
  }
  static std::string Scenario(const std::string& user) { return user.substr(0, user.find('-')); }
  void Accounts(const httplib::Request& q, httplib::Response& r) {
    if (!Gate(q, r)) return;
    const std::string user = UserOf(q.get_param_value("access_token"));
    if (user.empty()) return Error(r, 400, 190, 460, "Error validating access token.");
    const std::string scn = Scenario(user);
    Json_ data = Json_::array();
    auto page = [&](const std::string& id) {
      return Json_{{"id", id},
                   {"name", "Page " + id},
                   {"category", "Shopping"},
                   {"access_token", "P-" + id + "@" + user}};
    };
    if (scn == "nopages") return Json(r, {{"data", data}});
    if (scn == "multi") {
      if (q.get_param_value("after") == "2") return Json(r, {{"data", {page("pg2-" + user)}}});
      return Json(r, {{"data", {page("pg1-" + user)}},
                      {"paging",
                       {{"cursors", {{"after", "2"}}},
                        {"next", url() + q.path + "?after=2&access_token=" +
                                     q.get_param_value("access_token")}}}});
    }
    Json(r, {{"data", {page("pg-" + user)}}});
  }
  void Node(const httplib::Request& q, httplib::Response& r) {
    if (!Gate(q, r)) return;
    const std::string id = q.matches[1];
    const std::string user = UserOf(q.get_param_value("access_token"));
    if (user.empty())
      return Error(r, 400, 190, 460, "Error validating access token: password changed.");
    if (id.rfind("pg", 0) == 0) {
      Json_ body = {{"id", id}};
      if (Scenario(user) != "noig")
        body["instagram_business_account"] = {{"id", "ig" + id.substr(2)}};
      return Json(r, body);
    }
    if (id.rfind("ig", 0) == 0)
      return Json(r,
                  {{"id", id}, {"username", "shop" + id.substr(2)}, {"media_count", media_total}});
    Error(r, 400, 100, 33, "Unsupported get request. Object does not exist.");
  }
  void Media(const httplib::Request& q, httplib::Response& r) {
    if (!Gate(q, r)) return;
    const std::string owner = q.matches[1];
    if (UserOf(q.get_param_value("access_token")).empty())
      return Error(r, 400, 190, 463, "Session has expired.");
    const bool expand = q.get_param_value("fields").find("children{") != std::string::npos;
    int limit = q.has_param("limit") ? std::stoi(q.get_param_value("limit")) : page_size;
    int offset = q.has_param("after") ? std::stoi(q.get_param_value("after")) : 0;
    bool empty_turn = q.has_param("empty");
    Json_ data = Json_::array();
    int end = empty_turn ? offset : std::min(media_total, offset + limit);
    for (int i = offset; i < end; ++i) {
      Json_ m = {{"id", owner + "-m" + std::to_string(i)},
                 {"caption", "Dress " + std::to_string(i) + " KSh 1,500"},
                 {"media_type", i % 3 == 0 ? "CAROUSEL_ALBUM" : "IMAGE"},
                 {"media_url", url() + "/cdn/" + std::to_string(i) + ".jpg"},
                 {"permalink", "https://www.instagram.com/p/X" + std::to_string(i)},
                 {"timestamp", "2026-11-20T08:15:30+0000"}};
      if (i % 3 == 0 && expand)
        m["children"] = {
            {"data",
             {{{"id", owner + "-m" + std::to_string(i) + "-c0"}, {"media_type", "IMAGE"}},
              {{"id", owner + "-m" + std::to_string(i) + "-c1"}, {"media_type", "IMAGE"}}}}};
      data.push_back(m);
    }
    Json_ body = {{"data", data}};
    if (end < media_total || (empty_page_after_first && offset == 0 && !empty_turn)) {
      std::string next =
          url() + q.path + "?" +
          vendly::server::EncodeQuery({{"fields", q.get_param_value("fields")},
                                       {"limit", std::to_string(limit)},
                                       {"after", std::to_string(end)},
                                       {"access_token", q.get_param_value("access_token")}});
      if (empty_page_after_first && offset == 0 && !empty_turn) next += "&empty=1";
      body["paging"] = {{"cursors", {{"after", std::to_string(end)}}}, {"next", next}};
    }
    Json(r, body);
  }

  httplib::Server svr_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> paths_;
  std::set<std::string> used_codes_;
  std::set<std::string> revoked_;
  std::set<std::string> subscribed_;
};

}  // namespace vendly::test

#endif  // VENDLY_TESTS_SERVER_FAKE_META_H_
