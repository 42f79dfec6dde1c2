#include "meta/graph.h"

#include <httplib.h>
#include <vendly/job_policy.h>

#include <algorithm>
#include <random>
#include <thread>

#include "app/log.h"
#include "http/metrics.h"

namespace vendly::server {

using nlohmann::json;

namespace {

std::chrono::milliseconds Jittered(std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                   int attempt) {
  long long delay = base.count();
  for (int i = 0; i < attempt && delay < cap.count(); ++i) delay *= 2;
  delay = std::min<long long>(delay, cap.count());
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<long long> dist(delay / 2, std::max<long long>(delay, 1));
  return std::chrono::milliseconds(dist(rng));
}

}  // namespace

GraphClient::GraphClient(Options options) : options_(std::move(options)) {
  std::string base = options_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto [origin, prefix] = SplitUrl(base);
  origin_ = origin;
  prefix_ = prefix;
  http_ = std::make_unique<httplib::Client>(origin_);
  http_->set_connection_timeout(options_.timeout_seconds, 0);
  http_->set_read_timeout(options_.timeout_seconds, 0);
  http_->set_write_timeout(options_.timeout_seconds, 0);
  http_->set_keep_alive(true);
  http_->set_tcp_nodelay(true);
  http_->set_follow_location(false);
  if (!options_.sleep)
    options_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
}

GraphClient::~GraphClient() = default;

std::string GraphClient::VersionedPath(const std::string& path) const {
  std::string p = path;
  while (!p.empty() && p.front() == '/') p.erase(p.begin());
  return prefix_ + "/" + options_.version + "/" + p;
}

GraphJson GraphClient::Send(const std::string& method, const std::string& path_and_query,
                            const std::string& form_body) {
  for (int attempt = 0;; ++attempt) {
    if (calls_made_ >= options_.call_budget) {
      GraphError e;
      e.kind = GraphErrorKind::kBudgetExhausted;
      e.message = "Graph API call budget of " + std::to_string(options_.call_budget) + " spent";
      return GraphJson::Fail(e);
    }
    if (usage_.max_percent() >= options_.usage_stop_percent) {
      GraphError e;
      e.kind = GraphErrorKind::kThrottled;
      Metrics::Global().RecordGraphThrottle();
      e.message = "usage at " + std::to_string(usage_.max_percent()) + "% of Meta's limit";
      e.retry_after_seconds = usage_.regain_access_minutes > 0 ? usage_.regain_access_minutes * 60
                                                               : options_.throttle_default_seconds;
      return GraphJson::Fail(e);
    }
    ++calls_made_;
    Metrics::Global().RecordGraphCall();
    httplib::Result r = method == "POST"     ? http_->Post(path_and_query.c_str(), form_body,
                                                           "application/x-www-form-urlencoded")
                        : method == "DELETE" ? http_->Delete(path_and_query.c_str())
                                             : http_->Get(path_and_query.c_str());
    GraphError error;
    if (!r) {
      error.kind = GraphErrorKind::kTransient;
      error.message = "network error: " + httplib::to_string(r.error());
    } else {
      const std::string app = r->get_header_value("X-App-Usage");
      const std::string buc = r->get_header_value("X-Business-Use-Case-Usage");
      if (!app.empty() || !buc.empty()) usage_ = ParseUsageHeaders(app, buc);
      if (r->status >= 200 && r->status < 300) {
        json body = json::parse(r->body, nullptr, false);
        if (!body.is_discarded() && !(body.is_object() && body.contains("error")))
          return GraphJson{std::move(body), {}};
        if (body.is_discarded()) {
          error.kind = GraphErrorKind::kBadResponse;
          error.http_status = r->status;
          error.message = "the Graph API answered with a body that is not JSON";
          return GraphJson::Fail(error);
        }
      }
      error = ParseGraphError(r->status, r->body);
    }
    if (error.kind == GraphErrorKind::kThrottled) {
      Metrics::Global().RecordGraphThrottle();
      const int header =
          r ? vendly::RetryAfterHeaderSeconds(r->get_header_value("Retry-After")) : -1;
      error.retry_after_seconds = vendly::ThrottleWaitSeconds(
          error.code, header, usage_.regain_access_minutes, options_.throttle_default_seconds);
      LogWarn("graph_throttled",
              {{"code", error.code}, {"retryAfterSeconds", error.retry_after_seconds}});
      return GraphJson::Fail(error);
    }
    if (error.kind == GraphErrorKind::kTransient && attempt < options_.max_retries) {
      auto delay = Jittered(options_.backoff_base, options_.backoff_cap, attempt);
      LogWarn("graph_retry", {{"attempt", attempt + 1},
                              {"code", error.code},
                              {"httpStatus", error.http_status},
                              {"delayMs", delay.count()}});
      options_.sleep(delay);
      continue;
    }
    return GraphJson::Fail(error);
  }
}

GraphJson GraphClient::Get(const std::string& path, const QueryParams& query,
                           const std::string& access_token) {
  QueryParams q = query;
  if (!access_token.empty()) q.emplace_back("access_token", access_token);
  std::string pq = VersionedPath(path);
  if (!q.empty()) pq += "?" + EncodeQuery(q);
  return Send("GET", pq, "");
}

GraphJson GraphClient::Post(const std::string& path, const QueryParams& params,
                            const std::string& access_token) {
  QueryParams q = params;
  if (!access_token.empty()) q.emplace_back("access_token", access_token);
  return Send("POST", VersionedPath(path), EncodeQuery(q));
}

GraphJson GraphClient::Delete(const std::string& path, const QueryParams& query,
                              const std::string& access_token) {
  QueryParams q = query;
  if (!access_token.empty()) q.emplace_back("access_token", access_token);
  std::string pq = VersionedPath(path);
  if (!q.empty()) pq += "?" + EncodeQuery(q);
  return Send("DELETE", pq, "");
}

GraphOutcome<int> GraphClient::ForEachPage(const std::string& path, const QueryParams& query,
                                           const std::string& access_token,
                                           const std::function<bool(const json&)>& on_page,
                                           int max_pages) {
  GraphJson page = Get(path, query, access_token);
  int pages = 0;
  for (;;) {
    if (!page.ok()) return GraphOutcome<int>::Fail(page.error);
    auto read = ReadGraphPage(*page.value);
    if (!read.ok()) return GraphOutcome<int>::Fail(read.error);
    ++pages;
    if (!on_page(*read.value->data)) break;
    if (pages >= max_pages) break;
    if (read.value->next_malformed) {
      GraphError e;
      e.kind = GraphErrorKind::kBadResponse;
      e.message = "paging.next is not a URL";
      return GraphOutcome<int>::Fail(e);
    }
    if (!read.value->next) break;
    std::string pq = *read.value->next;
    if (!access_token.empty() && pq.find("access_token=") == std::string::npos)
      pq += (pq.find('?') == std::string::npos ? "?" : "&") +
            EncodeQuery({{"access_token", access_token}});
    page = Send("GET", pq, "");
  }
  return GraphOutcome<int>{pages, {}};
}

namespace {

class FacebookLoginPlatform : public InstagramPlatform {
 public:
  explicit FacebookLoginPlatform(FacebookLoginOptions options)
      : options_(std::move(options)), graph_(options_.graph) {}

  std::string login_path() const override { return "facebook_login"; }

  std::string AuthorizeUrl(const std::string& state,
                           const std::string& redirect_uri) const override {
    return options_.login_url + "/" + options_.graph.version + "/dialog/oauth?" +
           EncodeQuery({{"client_id", options_.app_id},
                        {"redirect_uri", redirect_uri},
                        {"state", state},
                        {"scope", options_.scopes},
                        {"response_type", "code"}});
  }

  GraphOutcome<OAuthToken> ExchangeCode(const std::string& code,
                                        const std::string& redirect_uri) override {
    GraphJson short_lived = graph_.Get("oauth/access_token",
                                       {{"client_id", options_.app_id},
                                        {"redirect_uri", redirect_uri},
                                        {"client_secret", options_.app_secret},
                                        {"code", code}},
                                       "");
    if (!short_lived.ok()) return GraphOutcome<OAuthToken>::Fail(short_lived.error);
    auto first = ReadOAuthToken(*short_lived.value);
    if (!first.ok()) return first;
    GraphJson long_lived = graph_.Get("oauth/access_token",
                                      {{"grant_type", "fb_exchange_token"},
                                       {"client_id", options_.app_id},
                                       {"client_secret", options_.app_secret},
                                       {"fb_exchange_token", first.value->access_token}},
                                      "");
    if (!long_lived.ok()) return GraphOutcome<OAuthToken>::Fail(long_lived.error);
    return ReadOAuthToken(*long_lived.value);
  }

  GraphOutcome<std::string> UserId(const std::string& user_token) override {
    GraphJson me = graph_.Get("me", {{"fields", "id,name"}}, user_token);
    if (!me.ok()) return GraphOutcome<std::string>::Fail(me.error);
    if (!me.value->contains("id") || !(*me.value)["id"].is_string())
      return GraphOutcome<std::string>::Fail(Bad("/me has no id"));
    return GraphOutcome<std::string>{(*me.value)["id"].get<std::string>(), {}};
  }

  GraphOutcome<std::vector<LinkedAccount>> LinkedAccounts(const std::string& user_token) override {
    using Out = GraphOutcome<std::vector<LinkedAccount>>;
    std::vector<LinkedAccount> accounts;
    auto pages = graph_.ForEachPage(
        "me/accounts", {{"fields", "id,name,access_token"}, {"limit", "100"}}, user_token,
        [&](const json& data) {
          for (const auto& p : data) {
            if (!p.is_object() || !p.contains("id") || !p["id"].is_string()) continue;
            LinkedAccount a;
            a.page_id = p["id"];
            if (p.contains("name") && p["name"].is_string()) a.page_name = p["name"];
            if (p.contains("access_token") && p["access_token"].is_string())
              a.page_access_token = p["access_token"];
            accounts.push_back(std::move(a));
          }
          return accounts.size() < 500;
        },
        20);
    if (!pages.ok()) return Out::Fail(pages.error);
    for (auto& a : accounts) {
      const std::string& token = a.page_access_token.empty() ? user_token : a.page_access_token;
      GraphJson page = graph_.Get(a.page_id, {{"fields", "instagram_business_account"}}, token);
      if (!page.ok()) return Out::Fail(page.error);
      const json& body = *page.value;
      if (body.contains("instagram_business_account") &&
          body["instagram_business_account"].is_object() &&
          body["instagram_business_account"].contains("id") &&
          body["instagram_business_account"]["id"].is_string())
        a.ig_user_id = body["instagram_business_account"]["id"];
    }
    return Out{std::move(accounts), {}};
  }

  GraphOutcome<bool> SubscribeWebhooks(const LinkedAccount& account) override {
    const std::string& token = account.page_access_token;
    GraphJson r = graph_.Post(account.page_id + "/subscribed_apps",
                              {{"subscribed_fields", options_.webhook_fields}}, token);
    if (!r.ok()) return GraphOutcome<bool>::Fail(r.error);
    bool success = r.value->is_object() && r.value->contains("success") &&
                   (*r.value)["success"].is_boolean() && (*r.value)["success"].get<bool>();
    return GraphOutcome<bool>{success, {}};
  }

  GraphOutcome<bool> UnsubscribeWebhooks(const LinkedAccount& account) override {
    GraphJson r =
        graph_.Delete(account.page_id + "/subscribed_apps", {}, account.page_access_token);
    if (!r.ok()) return GraphOutcome<bool>::Fail(r.error);
    return GraphOutcome<bool>{Confirmed(*r.value), {}};
  }

  GraphOutcome<bool> RevokeGrant(const std::string& user_id) override {
    GraphJson r =
        graph_.Delete(user_id + "/permissions", {}, options_.app_id + "|" + options_.app_secret);
    if (!r.ok()) return GraphOutcome<bool>::Fail(r.error);
    return GraphOutcome<bool>{Confirmed(*r.value), {}};
  }

  GraphOutcome<json> Account(const std::string& ig_user_id, const std::string& token) override {
    GraphJson r = graph_.Get(
        ig_user_id, {{"fields", "id,username,name,profile_picture_url,media_count"}}, token);
    if (!r.ok()) return GraphOutcome<json>::Fail(r.error);
    if (!r.value->is_object() || !r.value->contains("id"))
      return GraphOutcome<json>::Fail(Bad("the Instagram account has no id"));
    return GraphOutcome<json>{std::move(*r.value), {}};
  }

  GraphOutcome<int> ForEachMedia(
      const std::string& ig_user_id, const std::string& token, int limit,
      const std::function<bool(const std::vector<MediaItem>&)>& on_page) override {
    limit = std::clamp(limit, 1, 100);
    return graph_.ForEachPage(ig_user_id + "/media",
                              {{"fields", kMediaFields}, {"limit", std::to_string(limit)}}, token,
                              [&](const json& data) {
                                std::vector<MediaItem> items;
                                for (const auto& item : data)
                                  if (item.is_object()) items.push_back(ParseMediaItem(item));
                                return on_page(items);
                              });
  }

  GraphClient& graph() override { return graph_; }

 private:
  static GraphError Bad(const std::string& message) {
    GraphError e;
    e.kind = GraphErrorKind::kBadResponse;
    e.message = message;
    return e;
  }

  // Meta confirms a change with {"success": true}, or a bare true.
  static bool Confirmed(const json& body) {
    if (body.is_boolean()) return body.get<bool>();
    return body.is_object() && body.contains("success") && body["success"].is_boolean() &&
           body["success"].get<bool>();
  }

  FacebookLoginOptions options_;
  GraphClient graph_;
};

}  // namespace

std::unique_ptr<InstagramPlatform> NewFacebookLoginPlatform(FacebookLoginOptions options) {
  return std::make_unique<FacebookLoginPlatform>(std::move(options));
}

}  // namespace vendly::server
