// Instagram Login against the sandbox: the instagram.com dialog, api.instagram.com's code exchange
// and its error shape, graph.instagram.com's long-lived exchange, refresh and media reads, and the
// two token families staying on their own hosts.
#include <set>

#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

class InstagramLogin : public SandboxTest {
 protected:
  std::string Location(const std::string& ig_id, const std::string& decision) {
    const std::string query = "client_id=sandbox-app&redirect_uri=" + Encode(kRedirect) +
                              "&state=ig-state&scope=instagram_business_basic&response_type=code";
    Reply dialog = Get("/oauth/authorize?" + query);
    EXPECT_EQ(dialog.status, 200);
    EXPECT_NE(dialog.body.find(kWanjiruUsername), std::string::npos);
    Reply confirm = PostForm("/oauth/authorize/confirm", {{"client_id", "sandbox-app"},
                                                          {"redirect_uri", kRedirect},
                                                          {"state", "ig-state"},
                                                          {"scope", "instagram_business_basic"},
                                                          {"response_type", "code"},
                                                          {"ig_id", ig_id},
                                                          {"decision", decision}});
    EXPECT_EQ(confirm.status, 302);
    return confirm.Header("Location");
  }

  Reply Exchange(const std::string& code) {
    return PostForm("/ig-api/oauth/access_token", {{"client_id", "sandbox-app"},
                                                   {"client_secret", "sandbox-secret"},
                                                   {"grant_type", "authorization_code"},
                                                   {"redirect_uri", kRedirect},
                                                   {"code", code}});
  }

  std::string LongInstagramToken() {
    const std::string code = QueryValue(Location(kWanjiruIg, "continue"), "code");
    const std::string short_token = Exchange(code).json_body["data"][0]["access_token"];
    Reply long_token =
        Get("/ig-graph/access_token?grant_type=ig_exchange_token&client_secret=sandbox-secret"
            "&access_token=" +
            Encode(short_token));
    EXPECT_EQ(long_token.status, 200) << long_token.body;
    return long_token.json_body.value("access_token", "");
  }
};

TEST_F(InstagramLogin, FullFlowReadsEveryPost) {
  const std::string location = Location(kWanjiruIg, "continue");
  EXPECT_EQ(QueryValue(location, "state"), "ig-state");
  EXPECT_EQ(location.substr(location.size() - 2), "#_");
  Reply exchanged = Exchange(QueryValue(location, "code"));
  ASSERT_EQ(exchanged.status, 200) << exchanged.body;
  const json& grant = exchanged.json_body["data"][0];
  EXPECT_EQ(grant["user_id"], kWanjiruIg);
  EXPECT_EQ(grant["permissions"], "instagram_business_basic");
  const std::string short_token = grant["access_token"];
  EXPECT_EQ(short_token.rfind("IGAA", 0), 0u);

  Reply long_token =
      Get("/ig-graph/access_token?grant_type=ig_exchange_token&client_secret=sandbox-secret"
          "&access_token=" +
          Encode(short_token));
  ASSERT_EQ(long_token.status, 200) << long_token.body;
  EXPECT_EQ(long_token.json_body["expires_in"], 5183944);
  const std::string token = long_token.json_body["access_token"];

  Reply me =
      Get("/ig-graph/v25.0/me?fields=user_id,username,account_type&access_token=" + Encode(token));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json_body["user_id"], kWanjiruIg);
  EXPECT_EQ(me.json_body["username"], kWanjiruUsername);

  std::set<std::string> ids;
  Reply page =
      Get("/ig-graph/v25.0/me/media?fields=id,caption,children%7Bid%7D&limit=100&access_token=" +
          Encode(token));
  for (int pages = 0; pages < 10; ++pages) {
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& item : page.json_body["data"]) ids.insert(item["id"].get<std::string>());
    if (!page.json_body["paging"].contains("next")) break;
    const std::string next = page.json_body["paging"]["next"];
    EXPECT_EQ(next.rfind(base_url() + "/ig-graph/v25.0/", 0), 0u) << next;
    page = GetUrl(next);
  }
  EXPECT_EQ(ids.size(), 320u);
}

TEST_F(InstagramLogin, TokensStayOnTheirOwnHost) {
  const std::string instagram = LongInstagramToken();
  const std::string facebook = LongToken(kWanjiru);
  Reply on_facebook =
      Get("/v25.0/" + std::string(kWanjiruIg) + "?access_token=" + Encode(instagram));
  EXPECT_EQ(on_facebook.json_body["error"]["code"], 190);
  Reply on_instagram =
      Get("/ig-graph/v25.0/" + std::string(kWanjiruIg) + "?access_token=" + Encode(facebook));
  EXPECT_EQ(on_instagram.json_body["error"]["code"], 190);
  // Another seller's account stays invisible.
  Reply other =
      Get("/ig-graph/v25.0/" + std::string(kBrianIg) + "/media?access_token=" + Encode(instagram));
  EXPECT_EQ(other.json_body["error"]["error_subcode"], 33);
}

TEST_F(InstagramLogin, CodeErrorsUseInstagramsShape) {
  const std::string code = QueryValue(Location(kWanjiruIg, "continue"), "code");
  EXPECT_EQ(Exchange(code).status, 200);
  Reply reused = Exchange(code);
  EXPECT_EQ(reused.status, 400);
  EXPECT_EQ(reused.json_body["error_type"], "OAuthException");
  EXPECT_EQ(reused.json_body["code"], 400);
  EXPECT_EQ(reused.json_body["error_message"], "This authorization code has been used");
  const std::string cancelled = Location(kWanjiruIg, "cancel");
  EXPECT_EQ(QueryValue(cancelled, "error"), "access_denied");
  EXPECT_EQ(QueryValue(cancelled, "error_reason"), "user_denied");
}

TEST_F(InstagramLogin, RefreshNeedsADayOldLongToken) {
  const std::string token = LongInstagramToken();
  const std::string refresh =
      "/ig-graph/refresh_access_token?grant_type=ig_refresh_token&access_token=";
  Reply young = Get(refresh + Encode(token));
  EXPECT_EQ(young.status, 400);
  EXPECT_EQ(young.json_body["error"]["code"], 100);
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 25 * 3600}}).status, 200);
  Reply refreshed = Get(refresh + Encode(token));
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_NE(refreshed.json_body["access_token"], token);
  EXPECT_EQ(refreshed.json_body["expires_in"], 5183944);
}

TEST_F(InstagramLogin, FlatTokenShapeOnDemand) {
  ASSERT_EQ(PostJson("/_sandbox/app", {{"ig_token_flat", true}}).status, 200);
  Reply flat = Exchange(QueryValue(Location(kWanjiruIg, "continue"), "code"));
  ASSERT_EQ(flat.status, 200);
  EXPECT_TRUE(flat.json_body.contains("access_token"));
  EXPECT_EQ(flat.json_body["user_id"], kWanjiruIg);
}

}  // namespace
}  // namespace vendly::sandbox_test
