// Facebook Login against the sandbox: dialog, consent and its refusal, code exchange and its
// errors, long-lived and Page tokens, /me/accounts, the Page's Instagram account, debug_token,
// token expiry.
#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

class OAuth : public SandboxTest {
 protected:
  Reply ExchangeCode(const std::string& code, const std::string& redirect = kRedirect,
                     const std::string& secret = "sandbox-secret") {
    return Get("/v25.0/oauth/access_token?client_id=sandbox-app&client_secret=" + Encode(secret) +
               "&redirect_uri=" + Encode(redirect) + "&code=" + Encode(code));
  }

  static void ExpectMetaError(const Reply& reply, int status, int code, int subcode) {
    EXPECT_EQ(reply.status, status) << reply.body;
    ASSERT_TRUE(reply.json_body.contains("error")) << reply.body;
    const json& error = reply.json_body["error"];
    EXPECT_EQ(error.value("code", 0), code) << reply.body;
    EXPECT_EQ(error.value("error_subcode", 0), subcode) << reply.body;
    EXPECT_EQ(error.value("type", ""),
              code == 100 && subcode == 33 ? "GraphMethodException" : "OAuthException");
    EXPECT_TRUE(error["message"].is_string());
    EXPECT_FALSE(error.value("fbtrace_id", "").empty());
    EXPECT_TRUE(error["is_transient"].is_boolean());
  }
};

TEST_F(OAuth, FullFlowFromDialogToInstagramAccount) {
  const std::string location = Consent(kWanjiru, "state-123", "continue");
  ASSERT_EQ(location.rfind(std::string(kRedirect) + "?code=", 0), 0u) << location;
  EXPECT_EQ(QueryValue(location, "state"), "state-123");
  EXPECT_NE(location.find("#_=_"), std::string::npos);  // Meta's fragment

  Reply short_token = ExchangeCode(QueryValue(location, "code"));
  ASSERT_EQ(short_token.status, 200) << short_token.body;
  EXPECT_EQ(short_token.json_body["token_type"], "bearer");
  EXPECT_EQ(short_token.json_body["expires_in"], 3600);

  Reply long_token =
      Get("/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=sandbox-app"
          "&client_secret=sandbox-secret&fb_exchange_token=" +
          Encode(short_token.json_body["access_token"]));
  ASSERT_EQ(long_token.status, 200) << long_token.body;
  EXPECT_EQ(long_token.json_body["expires_in"], 5183944);
  const std::string token = long_token.json_body["access_token"];
  EXPECT_NE(token, short_token.json_body["access_token"]);

  Reply accounts = Get("/v25.0/me/accounts?access_token=" + Encode(token));
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  ASSERT_EQ(accounts.json_body["data"].size(), 1u);
  const json& page = accounts.json_body["data"][0];
  EXPECT_EQ(page["id"], kWanjiruPage);
  EXPECT_EQ(page["name"], "Wanjiru's Closet Nairobi");
  const std::string page_token = page["access_token"];
  EXPECT_FALSE(page_token.empty());
  EXPECT_TRUE(accounts.json_body["paging"]["cursors"].contains("after"));

  Reply linked = Get("/v25.0/" + std::string(kWanjiruPage) +
                     "?fields=instagram_business_account&access_token=" + Encode(token));
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.json_body["instagram_business_account"]["id"], kWanjiruIg);
  EXPECT_EQ(linked.json_body["id"], kWanjiruPage);

  Reply account =
      Get("/v25.0/" + std::string(kWanjiruIg) +
          "?fields=id,username,name,profile_picture_url,media_count&access_token=" + Encode(token));
  ASSERT_EQ(account.status, 200) << account.body;
  EXPECT_EQ(account.json_body["username"], kWanjiruUsername);
  EXPECT_EQ(account.json_body["media_count"], 320);
  EXPECT_EQ(
      account.json_body["profile_picture_url"].get<std::string>().rfind(base_url() + "/cdn/", 0),
      0u);
  EXPECT_EQ(account.json_body.size(), 5u);

  // The Page token reads the account too, and debug_token says it never expires.
  EXPECT_EQ(Get("/v25.0/" + std::string(kWanjiruIg) + "?access_token=" + Encode(page_token)).status,
            200);
  Reply debug = Get("/v25.0/debug_token?input_token=" + Encode(page_token) +
                    "&access_token=" + Encode("sandbox-app|sandbox-secret"));
  ASSERT_EQ(debug.status, 200) << debug.body;
  EXPECT_EQ(debug.json_body["data"]["is_valid"], true);
  EXPECT_EQ(debug.json_body["data"]["expires_at"], 0);
  EXPECT_EQ(debug.json_body["data"]["type"], "PAGE");

  Reply debug_user = Get("/debug_token?input_token=" + Encode(token) +
                         "&access_token=" + Encode("sandbox-app|sandbox-secret"));
  EXPECT_EQ(debug_user.json_body["data"]["is_valid"], true);
  EXPECT_GT(debug_user.json_body["data"]["expires_at"].get<int64_t>(), 0);
  const auto scopes = debug_user.json_body["data"]["scopes"].get<std::vector<std::string>>();
  EXPECT_NE(std::find(scopes.begin(), scopes.end(), "instagram_basic"), scopes.end());
}

TEST_F(OAuth, DialogListsDemoUsersWithContinueAndCancel) {
  Reply dialog =
      Get("/dialog/oauth?client_id=sandbox-app&redirect_uri=" + Encode(kRedirect) + "&state=s");
  ASSERT_EQ(dialog.status, 200);
  EXPECT_NE(dialog.body.find("value=\"continue\""), std::string::npos);
  EXPECT_NE(dialog.body.find("value=\"cancel\""), std::string::npos);
  for (const char* user : {kWanjiru, kBrian, kAmina, kKevin}) {
    EXPECT_NE(dialog.body.find(user), std::string::npos) << user;
  }
  EXPECT_EQ(
      Get("/v25.0/dialog/oauth?client_id=someone-else&redirect_uri=" + Encode(kRedirect)).status,
      400);
}

TEST_F(OAuth, CancelRedirectsWithUserDenied) {
  const std::string location = Consent(kWanjiru, "s-cancel", "cancel");
  EXPECT_EQ(QueryValue(location, "error"), "access_denied");
  EXPECT_EQ(QueryValue(location, "error_reason"), "user_denied");
  EXPECT_FALSE(QueryValue(location, "error_description").empty());
  EXPECT_EQ(QueryValue(location, "state"), "s-cancel");
  EXPECT_EQ(QueryValue(location, "code"), "");
}

TEST_F(OAuth, CodeIsSingleUse) {
  const std::string code = QueryValue(Consent(kWanjiru, "s", "continue"), "code");
  EXPECT_EQ(ExchangeCode(code).status, 200);
  ExpectMetaError(ExchangeCode(code), 400, 100, 36009);
}

TEST_F(OAuth, CodeExpiresAfterTenMinutes) {
  const std::string code = QueryValue(Consent(kWanjiru, "s", "continue"), "code");
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 601}}).status, 200);
  ExpectMetaError(ExchangeCode(code), 400, 100, 36007);
}

TEST_F(OAuth, RedirectUriMustMatchTheDialogs) {
  const std::string code = QueryValue(Consent(kWanjiru, "s", "continue"), "code");
  ExpectMetaError(ExchangeCode(code, "http://127.0.0.1:3000/elsewhere"), 400, 100, 36008);
}

TEST_F(OAuth, WrongClientSecretIsRejected) {
  const std::string code = QueryValue(Consent(kWanjiru, "s", "continue"), "code");
  Reply reply = ExchangeCode(code, kRedirect, "not-the-secret");
  ExpectMetaError(reply, 400, 1, 0);
  EXPECT_EQ(reply.json_body["error"]["message"], "Error validating client secret.");
  EXPECT_EQ(ExchangeCode(code).status, 200);  // the failed attempt did not burn the code
}

TEST_F(OAuth, PageWithoutInstagramAccountHasNoField) {
  const std::string token = LongToken(kKevin);
  Reply accounts =
      Get("/me/accounts?fields=id,name,instagram_business_account&access_token=" + Encode(token));
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  ASSERT_EQ(accounts.json_body["data"].size(), 1u);
  const json& page = accounts.json_body["data"][0];
  EXPECT_FALSE(page.contains("instagram_business_account"));
  Reply linked = Get("/v25.0/" + page["id"].get<std::string>() +
                     "?fields=instagram_business_account&access_token=" + Encode(token));
  ASSERT_EQ(linked.status, 200);
  EXPECT_EQ(linked.json_body, (json{{"id", page["id"]}}));
}

TEST_F(OAuth, UserWithTwoPagesSeesBoth) {
  const std::string token = LongToken(kAmina);
  Reply accounts = Get(
      "/v26.0/me/accounts?fields=id,name,instagram_business_account{id,username}&access_token=" +
      Encode(token));
  ASSERT_EQ(accounts.status, 200) << accounts.body;
  ASSERT_EQ(accounts.json_body["data"].size(), 2u);
  EXPECT_EQ(accounts.json_body["data"][0]["instagram_business_account"]["username"],
            kAminaUsername);
  EXPECT_EQ(accounts.json_body["data"][1]["instagram_business_account"]["username"],
            kAminaUsername2);
}

TEST_F(OAuth, ExpiredShortTokenAnswers190And463) {
  const std::string token = ShortToken(kWanjiru);
  ASSERT_EQ(Get("/me?access_token=" + Encode(token)).status, 200);
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 3601}}).status, 200);
  ExpectMetaError(Get("/v25.0/me?access_token=" + Encode(token)), 400, 190, 463);
  // An expired token cannot be exchanged either.
  ExpectMetaError(Get("/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=sandbox-app"
                      "&client_secret=sandbox-secret&fb_exchange_token=" +
                      Encode(token)),
                  400, 190, 463);
  Reply debug = Get("/debug_token?input_token=" + Encode(token) +
                    "&access_token=" + Encode("sandbox-app|sandbox-secret"));
  EXPECT_EQ(debug.json_body["data"]["is_valid"], false);
}

TEST_F(OAuth, ExpireAndInvalidateThroughTheControlApi) {
  const std::string token = LongToken(kWanjiru);
  ASSERT_EQ(PostJson("/_sandbox/tokens/expire", {{"token", token}}).json_body["expired"], 1);
  ExpectMetaError(Get("/me?access_token=" + Encode(token)), 400, 190, 463);

  const std::string other = LongToken(kBrian);
  ASSERT_EQ(PostJson("/_sandbox/tokens/invalidate", {{"user_id", kBrian}, {"subcode", 460}}).status,
            200);
  ExpectMetaError(Get("/me?access_token=" + Encode(other)), 400, 190, 460);
  ExpectMetaError(Get("/me?access_token=garbage"), 400, 190, 0);
}

TEST_F(OAuth, PageTokenFromLongTokenOutlivesIt) {
  const std::string token = LongToken(kWanjiru);
  Reply accounts = Get("/me/accounts?access_token=" + Encode(token));
  const std::string page_token = accounts.json_body["data"][0]["access_token"];
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 61 * 24 * 3600}}).status, 200);
  ExpectMetaError(Get("/me?access_token=" + Encode(token)), 400, 190, 463);
  Reply media = Get("/v25.0/" + std::string(kWanjiruIg) +
                    "/media?limit=1&access_token=" + Encode(page_token));
  EXPECT_EQ(media.status, 200) << media.body;
}

// Meta documents no server-side renewal of a long-lived user token: exchanging it again gives it
// back with the time it has left, so on day 61 it is dead whatever the server did meanwhile.
TEST_F(OAuth, ALongTokenIsNotRenewedByExchangingItAgain) {
  const std::string token = LongToken(kWanjiru);
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 30 * 24 * 3600}}).status, 200);
  Reply again =
      Get("/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=sandbox-app"
          "&client_secret=sandbox-secret&fb_exchange_token=" +
          Encode(token));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json_body["access_token"], token);
  const long long left = again.json_body["expires_in"];
  EXPECT_LE(left, 5183944LL - 30 * 24 * 3600);
  EXPECT_GT(left, 5183944LL - 30 * 24 * 3600 - 60);
  ASSERT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", 31 * 24 * 3600}}).status, 200);
  ExpectMetaError(Get("/me?access_token=" + Encode(token)), 400, 190, 463);
}

TEST_F(OAuth, MissingInstagramScopeIsAPermissionError) {
  const std::string code =
      QueryValue(Consent(kWanjiru, "s", "continue", "pages_show_list"), "code");
  const std::string token = ExchangeCode(code).json_body["access_token"];
  Reply reply = Get("/v25.0/" + std::string(kWanjiruIg) + "?access_token=" + Encode(token));
  ExpectMetaError(reply, 403, 10, 0);
  // Another seller's account is invisible: Meta's "does not exist ... missing permissions".
  const std::string brian = LongToken(kBrian);
  ExpectMetaError(Get("/" + std::string(kWanjiruIg) + "/media?access_token=" + Encode(brian)), 400,
                  100, 33);
  ExpectMetaError(Get("/" + std::string(kWanjiruIg) + "/media"), 400, 104, 0);
}

}  // namespace
}  // namespace vendly::sandbox_test
