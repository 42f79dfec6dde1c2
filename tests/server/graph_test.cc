// The Graph API client against FakeMeta, a tiny Graph server written here (not the Meta sandbox).
#include "meta/graph.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "fake_meta.h"
#include "vendly/job_policy.h"

namespace vendly::server {
namespace {

using vendly::test::FakeMeta;

TEST(GraphErrors, ClassifiesMetaCodes) {
  for (int code : {4, 17, 32, 368, 613, 80001, 80002})
    EXPECT_EQ(ClassifyGraphError(code, 0, false, 400), GraphErrorKind::kThrottled) << code;
  EXPECT_EQ(ClassifyGraphError(1, 0, false, 500), GraphErrorKind::kTransient);
  EXPECT_EQ(ClassifyGraphError(2, 0, false, 503), GraphErrorKind::kTransient);
  EXPECT_EQ(ClassifyGraphError(100, 0, true, 400), GraphErrorKind::kTransient);
  for (int sub : {0, 458, 459, 460, 463, 464, 467, 492})
    EXPECT_EQ(ClassifyGraphError(190, sub, false, 400), GraphErrorKind::kTokenInvalid) << sub;
  EXPECT_EQ(ClassifyGraphError(10, 0, false, 403), GraphErrorKind::kPermission);
  EXPECT_EQ(ClassifyGraphError(200, 0, false, 403), GraphErrorKind::kPermission);
  EXPECT_EQ(ClassifyGraphError(100, 33, false, 400), GraphErrorKind::kOther);
  EXPECT_EQ(ClassifyGraphError(0, 0, false, 429), GraphErrorKind::kThrottled);
  EXPECT_EQ(ClassifyGraphError(0, 0, false, 502), GraphErrorKind::kTransient);
  EXPECT_EQ(ClassifyGraphError(0, 0, false, 404), GraphErrorKind::kOther);
}

TEST(GraphErrors, ParsesMetasErrorBody) {
  GraphError e = ParseGraphError(
      400, R"({"error":{"message":"Error validating access token","type":"OAuthException",)"
           R"("code":190,"error_subcode":463,"fbtrace_id":"A1","is_transient":false}})");
  EXPECT_EQ(e.kind, GraphErrorKind::kTokenInvalid);
  EXPECT_EQ(e.code, 190);
  EXPECT_EQ(e.subcode, 463);
  EXPECT_EQ(e.type, "OAuthException");
  EXPECT_EQ(e.fbtrace_id, "A1");
  GraphError html = ParseGraphError(502, "<html>Bad gateway</html>");
  EXPECT_EQ(html.kind, GraphErrorKind::kTransient);
  EXPECT_EQ(html.http_status, 502);
  GraphError strings = ParseGraphError(400, R"({"error":{"code":"4","error_subcode":"0"}})");
  EXPECT_EQ(strings.kind, GraphErrorKind::kThrottled);
}

TEST(GraphUsage, ReadsBothHeaders) {
  GraphUsage u = ParseUsageHeaders(
      R"({"call_count":12,"total_time":7,"total_cputime":3})",
      R"({"17841400":[{"type":"instagram","call_count":55,"total_cputime":9,"total_time":81,)"
      R"("estimated_time_to_regain_access":0}]})");
  EXPECT_EQ(u.app_call_count, 12);
  EXPECT_EQ(u.app_total_time, 7);
  EXPECT_EQ(u.business_max_percent, 81);
  EXPECT_EQ(u.max_percent(), 81);
  EXPECT_EQ(u.regain_access_minutes, 0);
  GraphUsage none = ParseUsageHeaders("", "not json");
  EXPECT_EQ(none.max_percent(), -1);
}

// Found by tests/fuzz/graph_fuzz: numbers Meta's answers carry are read without throwing, wrapping
// or undefined behaviour.
TEST(GraphErrors, ACodeOfADashIsNoCodeRatherThanAnException) {
  // std::stoi("-") threw std::invalid_argument out of ParseGraphError and ParseUsageHeaders.
  GraphError e = ParseGraphError(429, R"({"error":{"code":"-","error_subcode":"--"}})");
  EXPECT_EQ(e.code, 0);
  EXPECT_EQ(e.subcode, 0);
  EXPECT_EQ(e.kind, GraphErrorKind::kThrottled);  // from the HTTP status, as with no code
  EXPECT_EQ(ParseUsageHeaders(R"({"call_count":"-"})", "").app_call_count, 0);
  EXPECT_EQ(ParseGraphError(400, R"({"error":{"code":"-17"}})").code, -17);
}

TEST(GraphUsage, NumbersPastIntSaturateInsteadOfWrapping) {
  // 2^32 + 100 wrapped to 100 when cast to int; 1e300 was a float-to-int overflow (undefined
  // behaviour; -2147483648 on x86, so a flood of usage read as none).
  GraphUsage u = ParseUsageHeaders(R"({"call_count":4294967396,"total_time":1e300,)"
                                   R"("total_cputime":-1e300})",
                                   R"({"1":[{"call_count":18446744073709551615}]})");
  EXPECT_EQ(u.app_call_count, std::numeric_limits<int>::max());
  EXPECT_EQ(u.app_total_time, std::numeric_limits<int>::max());
  EXPECT_EQ(u.app_total_cputime, std::numeric_limits<int>::min());
  EXPECT_EQ(u.business_max_percent, std::numeric_limits<int>::max());
  EXPECT_EQ(ParseGraphError(400, R"({"error":{"code":1e300}})").code,
            std::numeric_limits<int>::max());
}

TEST(GraphToken, ALifetimeIsKeptWithinBounds) {
  // expires_in 1e300 was cast to long long (undefined behaviour; a negative lifetime on x86).
  auto huge = ReadOAuthToken(nlohmann::json::parse(R"({"access_token":"t","expires_in":1e300})"));
  ASSERT_TRUE(huge.ok());
  EXPECT_EQ(huge.value->expires_in, kMaxOAuthTokenSeconds);
  auto negative = ReadOAuthToken(nlohmann::json::parse(R"({"access_token":"t","expires_in":-5})"));
  EXPECT_EQ(negative.value->expires_in, 0);
  auto usual =
      ReadOAuthToken(nlohmann::json::parse(R"({"access_token":"t","expires_in":5183944})"));
  EXPECT_EQ(usual.value->expires_in, 5183944);
  auto none = ReadOAuthToken(nlohmann::json::parse(R"({"access_token":"t"})"));
  EXPECT_FALSE(none.value->expires_in.has_value());
  EXPECT_FALSE(ReadOAuthToken(nlohmann::json::parse(R"({"access_token":""})")).ok());
}

TEST(GraphPermissions, AStatusThatIsNotAStringIsNotGranted) {
  // json::value("status", "") threw a type_error out of the OAuth callback for {"status": 1}.
  const auto granted = ReadGrantedPermissions(nlohmann::json::parse(
      R"({"data":[{"permission":"a","status":1},{"permission":"b","status":"granted"},)"
      R"({"permission":"c","status":"declined"},{"permission":2,"status":"granted"},7]})"));
  EXPECT_EQ(granted, std::vector<std::string>{"b"});
  EXPECT_TRUE(ReadGrantedPermissions(nlohmann::json::parse(R"({"data":5})")).empty());
}

TEST(GraphMedia, ChildrenAreReadOneLevelDeepHoweverDeepTheyNest) {
  // ParseMediaItem recursed once per level of children.data, so a deep enough answer overflowed
  // the stack.
  const int levels = 200000;
  std::string text;
  for (int i = 0; i < levels; ++i) text += R"({"id":"m","children":{"data":[)";
  text += "{}";
  for (int i = 0; i < levels; ++i) text += "]}}";
  const MediaItem m = ParseMediaItem(nlohmann::json::parse(text));
  EXPECT_EQ(m.id, "m");
  ASSERT_EQ(m.children.size(), 1u);
  EXPECT_EQ(m.children[0].id, "m");
  EXPECT_TRUE(m.children[0].children.empty());
}

TEST(GraphPages, NextIsFollowedOnOurOwnBaseOnly) {
  auto page = ReadGraphPage(nlohmann::json::parse(
      R"({"data":[],"paging":{"next":"https://evil.example/v25.0/1/media?after=x"}})"));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page.value->next, "/v25.0/1/media?after=x");
  auto bad = ReadGraphPage(nlohmann::json::parse(R"({"data":[],"paging":{"next":"x"}})"));
  ASSERT_TRUE(bad.ok());
  EXPECT_TRUE(bad.value->next_malformed);
  EXPECT_FALSE(ReadGraphPage(nlohmann::json::parse(R"({"data":{}})")).ok());
}

GraphClient::Options OptionsFor(const FakeMeta& meta, std::vector<long long>* sleeps = nullptr) {
  GraphClient::Options o;
  o.base_url = meta.url();
  o.version = "v25.0";
  o.sleep = [sleeps](std::chrono::milliseconds d) {
    if (sleeps) sleeps->push_back(d.count());
  };
  return o;
}

TEST(GraphClient, FollowsPagingNextThroughShortAndEmptyPages) {
  FakeMeta meta;
  meta.media_total = 8;
  GraphClient client(OptionsFor(meta));
  std::vector<std::string> ids;
  auto pages = client.ForEachPage("igX/media", {{"fields", "id,caption"}, {"limit", "3"}},
                                  "L-single-1", [&](const nlohmann::json& data) {
                                    for (const auto& m : data) ids.push_back(m["id"]);
                                    return true;
                                  });
  ASSERT_TRUE(pages.ok()) << pages.error.message;
  // 3 items, an empty page that still has `next`, then 3 and 2.
  EXPECT_EQ(*pages.value, 4);
  ASSERT_EQ(ids.size(), 8u);
  EXPECT_EQ(ids.front(), "igX-m0");
  EXPECT_EQ(ids.back(), "igX-m7");
  EXPECT_EQ(client.calls_made(), 4);
}

TEST(GraphClient, StopsPagingWhenTheCallerHasEnough) {
  FakeMeta meta;
  meta.media_total = 30;
  meta.empty_page_after_first = false;
  GraphClient client(OptionsFor(meta));
  int seen = 0;
  auto pages =
      client.ForEachPage("igX/media", {{"limit", "5"}}, "L-single-1", [&](const nlohmann::json& d) {
        seen += int(d.size());
        return seen < 10;
      });
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(seen, 10);
  EXPECT_EQ(client.calls_made(), 2);
}

TEST(GraphClient, ExpandsCarouselChildrenInTheSameCall) {
  FakeMeta meta;
  meta.media_total = 4;
  meta.empty_page_after_first = false;
  FacebookLoginOptions options;
  options.graph = OptionsFor(meta);
  auto platform = NewFacebookLoginPlatform(options);
  std::vector<MediaItem> all;
  auto r =
      platform->ForEachMedia("igX", "L-single-1", 100, [&](const std::vector<MediaItem>& items) {
        all.insert(all.end(), items.begin(), items.end());
        return true;
      });
  ASSERT_TRUE(r.ok()) << r.error.message;
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].media_type, "CAROUSEL_ALBUM");
  ASSERT_EQ(all[0].children.size(), 2u);
  EXPECT_EQ(all[0].children[1].id, "igX-m0-c1");
  EXPECT_EQ(all[1].children.size(), 0u);
  EXPECT_EQ(platform->graph().calls_made(), 1);  // no per-carousel /children calls
  ASSERT_EQ(meta.paths().size(), 1u);
  EXPECT_EQ(meta.paths()[0], "/v25.0/igX/media");
}

TEST(GraphClient, RetriesTransientErrorsWithJitteredBackoff) {
  FakeMeta meta;
  meta.transient_failures = 2;
  std::vector<long long> sleeps;
  GraphClient client(OptionsFor(meta, &sleeps));
  auto r = client.Get("igX", {{"fields", "id,username"}}, "L-single-1");
  ASSERT_TRUE(r.ok()) << r.error.message;
  EXPECT_EQ((*r.value)["username"], "shopX");
  EXPECT_EQ(client.calls_made(), 3);
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_GE(sleeps[0], 250);
  EXPECT_LE(sleeps[0], 500);
  EXPECT_GE(sleeps[1], 500);
  EXPECT_LE(sleeps[1], 1000);
}

TEST(GraphClient, GivesUpOnTransientErrorsAfterMaxRetries) {
  FakeMeta meta;
  meta.transient_failures = 10;
  std::vector<long long> sleeps;
  GraphClient client(OptionsFor(meta, &sleeps));
  auto r = client.Get("igX", {}, "L-single-1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.kind, GraphErrorKind::kTransient);
  EXPECT_TRUE(r.error.is_transient);
  EXPECT_EQ(client.calls_made(), 4);  // first try + 3 retries
}

TEST(GraphClient, HonoursThrottlingWithoutHammering) {
  for (int code : {4, 17, 32, 613, 80002}) {
    FakeMeta meta;
    meta.throttle_code = code;
    meta.business_usage =
        R"({"1":[{"type":"instagram","call_count":100,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":7}]})";
    std::vector<long long> sleeps;
    GraphClient client(OptionsFor(meta, &sleeps));
    auto r = client.Get("igX/media", {}, "L-single-1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.kind, GraphErrorKind::kThrottled) << code;
    EXPECT_EQ(r.error.retry_after_seconds, 7 * 60);
    EXPECT_EQ(client.calls_made(), 1) << "a throttled call is not retried at once";
    EXPECT_TRUE(sleeps.empty());
    // The next call is refused locally while usage says the limit is reached.
    auto again = client.Get("igX", {}, "L-single-1");
    EXPECT_EQ(again.error.kind, GraphErrorKind::kThrottled);
    EXPECT_EQ(client.calls_made(), 1);
    EXPECT_EQ(meta.requests(), 1);
  }
}

// The wait is Meta's: its Retry-After header first, and a policy block (368) lasts at least an hour
// when Meta says nothing (vendly::ThrottleWaitSeconds).
TEST(GraphClient, WaitsAsLongAsMetaAsks) {
  {
    FakeMeta meta;
    meta.throttle_code = 4;
    meta.retry_after = "90";
    GraphClient client(OptionsFor(meta));
    auto r = client.Get("igX/media", {}, "L-single-1");
    ASSERT_EQ(r.error.kind, GraphErrorKind::kThrottled);
    EXPECT_EQ(r.error.retry_after_seconds, 90);
  }
  {
    FakeMeta meta;
    meta.throttle_code = 368;
    GraphClient client(OptionsFor(meta));
    auto r = client.Get("igX/media", {}, "L-single-1");
    ASSERT_EQ(r.error.kind, GraphErrorKind::kThrottled);
    EXPECT_EQ(r.error.retry_after_seconds, vendly::kPolicyBlockSeconds);
  }
}

TEST(GraphClient, ReadsUsageHeadersAndStopsNearTheLimit) {
  FakeMeta meta;
  meta.app_usage = R"({"call_count":42,"total_time":5,"total_cputime":5})";
  GraphClient client(OptionsFor(meta));
  ASSERT_TRUE(client.Get("igX", {}, "L-single-1").ok());
  EXPECT_EQ(client.last_usage().app_call_count, 42);
  meta.app_usage = R"({"call_count":96,"total_time":5,"total_cputime":5})";
  ASSERT_TRUE(client.Get("igX", {}, "L-single-1").ok());
  EXPECT_EQ(client.last_usage().max_percent(), 96);
  auto refused = client.Get("igX", {}, "L-single-1");
  EXPECT_EQ(refused.error.kind, GraphErrorKind::kThrottled);
  EXPECT_EQ(meta.requests(), 2);
}

TEST(GraphClient, ReportsTokenErrorsWithSubcode) {
  FakeMeta meta;
  meta.Revoke("single-1");
  GraphClient client(OptionsFor(meta));
  auto r = client.Get("igX", {}, "L-single-1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.kind, GraphErrorKind::kTokenInvalid);
  EXPECT_EQ(r.error.code, 190);
  EXPECT_EQ(r.error.subcode, 460);
  EXPECT_EQ(client.calls_made(), 1);
}

TEST(GraphClient, EnforcesTheCallBudget) {
  FakeMeta meta;
  meta.media_total = 50;
  meta.empty_page_after_first = false;
  auto options = OptionsFor(meta);
  options.call_budget = 3;
  GraphClient client(options);
  auto r = client.ForEachPage("igX/media", {{"limit", "5"}}, "L-single-1",
                              [](const nlohmann::json&) { return true; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.kind, GraphErrorKind::kBudgetExhausted);
  EXPECT_EQ(client.calls_made(), 3);
  EXPECT_EQ(meta.requests(), 3);
}

TEST(GraphClient, NetworkFailureIsTransient) {
  GraphClient::Options o;
  o.base_url = "http://127.0.0.1:1";
  o.max_retries = 1;
  o.sleep = [](std::chrono::milliseconds) {};
  GraphClient client(o);
  auto r = client.Get("me", {}, "t");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.kind, GraphErrorKind::kTransient);
  EXPECT_EQ(client.calls_made(), 2);
}

TEST(GraphClient, BaseUrlMayCarryAPathPrefix) {
  FakeMeta meta;
  auto o = OptionsFor(meta);
  o.base_url = meta.url() + "/";
  GraphClient client(o);
  ASSERT_TRUE(client.Get("/igX", {}, "L-single-1").ok());
  EXPECT_EQ(meta.paths().back(), "/v25.0/igX");
}

TEST(FacebookLogin, ExchangesCodeForALongLivedTokenAndFindsTheAccount) {
  FakeMeta meta;
  FacebookLoginOptions options;
  options.graph = OptionsFor(meta);
  options.app_id = "sandbox-app";
  options.app_secret = "sandbox-secret";
  options.login_url = "https://www.facebook.com";
  options.scopes = "instagram_basic,pages_show_list";
  auto platform = NewFacebookLoginPlatform(options);
  std::string url = platform->AuthorizeUrl("st8", "http://x/cb");
  EXPECT_EQ(url,
            "https://www.facebook.com/v25.0/dialog/"
            "oauth?client_id=sandbox-app&redirect_uri=http%3A%2F%2Fx%2Fcb"
            "&state=st8&scope=instagram_basic%2Cpages_show_list&response_type=code");
  auto token = platform->ExchangeCode("multi-1", "http://x/cb");
  ASSERT_TRUE(token.ok()) << token.error.message;
  EXPECT_EQ(token.value->access_token, "L-multi-1");
  EXPECT_EQ(token.value->expires_in.value(), 5183944);
  auto reused = platform->ExchangeCode("multi-1", "http://x/cb");
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error.code, 100);
  EXPECT_EQ(reused.error.subcode, 36009);
  auto accounts = platform->LinkedAccounts("L-multi-1");
  ASSERT_TRUE(accounts.ok()) << accounts.error.message;
  ASSERT_EQ(accounts.value->size(), 2u);  // over two pages of /me/accounts
  EXPECT_EQ((*accounts.value)[1].ig_user_id, "ig2-multi-1");
  auto sub = platform->SubscribeWebhooks((*accounts.value)[0]);
  ASSERT_TRUE(sub.ok());
  EXPECT_TRUE(*sub.value);
  EXPECT_TRUE(meta.subscribed("pg1-multi-1"));
}

}  // namespace
}  // namespace vendly::server
