// US-1 against FakeMeta (a Graph server written in the test): the OAuth callback end to end, each
// error the dashboard must show, tenant isolation of the connection, token encryption at rest, a
// 190 marking the connection expired, and Meta's deletion callbacks.
#include <gtest/gtest.h>

#include <cstdio>

#include "crypto/crypto.h"
#include "fake_meta.h"
#include "meta/graph.h"
#include "test_support.h"
#include "vendly/notices.h"

namespace vendly::test {
namespace {

class OAuthTest : public IntegrationTest<OAuthTest> {
 protected:
  static void SetUpSuite() {
    meta_ = new FakeMeta();
    server_ = StartServer(db_->url(), {{"META_GRAPH_URL", meta_->url()},
                                       {"META_LOGIN_URL", meta_->url()},
                                       {"VENDLY_DASHBOARD_URL", "http://dash.example"}});
  }
  static void TearDownSuite() {
    server_.reset();  // before the fake Meta it talks to
    delete meta_;
  }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
  }

  std::string Signup(const std::string& email) { return SignupSeller(*client_, email); }
  std::string NewState(const std::string& token) {
    auto r = Call(*client_, "GET", "/api/instagram/auth/url", {}, token);
    EXPECT_TRUE(r && r->status == 200);
    return r ? Body(r).value("state", "") : "";
  }
  // The browser coming back from the login dialog.
  httplib::Result Callback(const std::string& query, bool json_answer = false,
                           const std::string& token = "") {
    httplib::Headers h;
    if (json_answer) h.emplace("Accept", "application/json");
    return Call(*client_, "GET", "/api/instagram/auth/callback?" + query, {}, token, h);
  }
  // Expects the redirect to the dashboard with ?error=code, and the JSON error with the same code.
  void ExpectRedirectError(const httplib::Result& r, const std::string& code) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 302) << r->body;
    EXPECT_EQ(r->get_header_value("Location"),
              "http://dash.example/dashboard/settings/integrations?error=" + code);
  }
  json Connection(const std::string& token) {
    return Body(Call(*client_, "GET", "/api/instagram/connection", {}, token));
  }
  std::string Connect(const std::string& token, const std::string& code) {
    auto r = Callback("code=" + code + "&state=" + NewState(token), true);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? Body(r)["connection"].value("id", "") : "";
  }

  static inline FakeMeta* meta_ = nullptr;  // this suite's own fake Meta (fake_meta.h), no sandbox
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(OAuthTest, AuthUrlPointsAtTheLoginDialogWithAFreshState) {
  const std::string token = Signup("url@x.co");
  auto r = Call(*client_, "GET", "/api/instagram/auth/url", {}, token);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  json b = Body(r);
  const std::string state = b["state"];
  EXPECT_GE(state.size(), 40u);
  const std::string url = b["authUrl"];
  EXPECT_EQ(url.rfind(meta_->url() + "/v25.0/dialog/oauth?client_id=sandbox-app&redirect_uri=", 0),
            0u)
      << url;
  EXPECT_NE(url.find("state=" + state), std::string::npos);
  EXPECT_NE(url.find("response_type=code"), std::string::npos);
  EXPECT_NE(url.find("scope=instagram_basic"), std::string::npos);
  EXPECT_NE(
      url.find(vendly::server::EncodeQuery({{"r", server_->url() + "/api/instagram/auth/callback"}})
                   .substr(2)),
      std::string::npos);
  EXPECT_NE(NewState(token), state);
  // Only the state's hash is stored.
  auto rows = Sql(db_->url(), "SELECT state_hash FROM oauth_state");
  for (const auto& row : rows) EXPECT_NE(row[0], state);
}

TEST_F(OAuthTest, FullFlowConnectsSubscribesAndRedirectsToTheDashboard) {
  const std::string token = Signup("full@x.co");
  meta_->app_usage = R"({"call_count":12,"total_time":3,"total_cputime":2})";
  auto r = Callback("code=single-full&state=" + NewState(token));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 302) << r->body;
  EXPECT_EQ(r->get_header_value("Location"),
            "http://dash.example/dashboard/settings/integrations?connected=1");
  json c = Connection(token);
  EXPECT_EQ(c["connected"], true);
  EXPECT_EQ(c["connection"]["igUsername"], "shop-single-full");
  EXPECT_EQ(c["connection"]["igBusinessAccountId"], "ig-single-full");
  EXPECT_EQ(c["connection"]["status"], "active");
  EXPECT_EQ(c["connection"]["webhookSubscribed"], true);
  EXPECT_TRUE(c["connection"]["lastValidatedAt"].is_string());
  EXPECT_EQ(c["connection"].value("id", "").rfind("igc_", 0), 0u);
  EXPECT_FALSE(c["connection"].contains("accessToken"));
  EXPECT_TRUE(meta_->subscribed("pg-single-full"));
  // The usage Meta reported is kept on the connection.
  auto usage =
      Sql(db_->url(),
          "SELECT usage->'app'->>'call_count', usage->>'maxPercent' FROM instagram_connection"
          " WHERE ig_username = 'shop-single-full'");
  ASSERT_EQ(usage.size(), 1u);
  EXPECT_EQ(usage[0][0], "12");
  EXPECT_EQ(usage[0][1], "12");
  auto me = Body(Call(*client_, "GET", "/api/me", {}, token));
  EXPECT_EQ(me["instagram"]["connected"], true);
}

TEST_F(OAuthTest, CallbackAnswersThePlansJsonWhenAsked) {
  const std::string token = Signup("json@x.co");
  auto r = Callback("code=single-json&state=" + NewState(token), true);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json b = Body(r);
  EXPECT_EQ(b["success"], true);
  EXPECT_EQ(b["connection"]["igUsername"], "shop-single-json");
  EXPECT_EQ(b["connection"]["status"], "active");
  EXPECT_EQ(b["connection"].value("id", "").rfind("igc_", 0), 0u);
}

TEST_F(OAuthTest, TheTokenIsEncryptedAtRestAndNeverLogged) {
  const std::string token = Signup("enc@x.co");
  ASSERT_FALSE(Connect(token, "single-enc").empty());
  const std::string user_token = "L-single-enc";
  const std::string page_token = "P-pg-single-enc@single-enc";
  // Every text and jsonb column of every table.
  auto cols =
      Sql(db_->url(),
          "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
          "'public' AND data_type IN ('text', 'jsonb', 'character', 'bytea')");
  ASSERT_FALSE(cols.empty());
  for (const auto& col : cols) {
    auto values = Sql(db_->url(), "SELECT \"" + col[1] + "\"::text FROM \"" + col[0] + "\"");
    for (const auto& v : values) {
      EXPECT_EQ(v[0].find("single-enc@"), std::string::npos) << col[0] << "." << col[1];
      EXPECT_EQ(v[0].find(user_token), std::string::npos) << col[0] << "." << col[1];
    }
  }
  // And a pg_dump of the whole database, when pg_dump is at hand.
  std::string pg_dump;
  for (const char* p : {"/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump"})
    if (access(p, X_OK) == 0) {
      pg_dump = p;
      break;
    }
  if (!pg_dump.empty()) {
    FILE* f = popen((pg_dump + " --data-only '" + db_->url() + "'").c_str(), "r");
    ASSERT_NE(f, nullptr);
    std::string dump;
    char buf[8192];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) dump.append(buf, n);
    pclose(f);
    EXPECT_NE(dump.find("instagram_connection"), std::string::npos);
    EXPECT_EQ(dump.find(page_token), std::string::npos);
    EXPECT_EQ(dump.find(user_token), std::string::npos);
  }
  auto key_ids =
      Sql(db_->url(),
          "SELECT access_token_key_id, length(access_token_ciphertext) FROM instagram_connection"
          " WHERE ig_username = 'shop-single-enc'");
  ASSERT_FALSE(key_ids.empty());
  EXPECT_EQ(key_ids[0][0].size(), 8u);
  EXPECT_EQ(std::stoul(key_ids[0][1]), 12 + page_token.size() + 16);
  const std::string log = server_->log();
  EXPECT_EQ(log.find(page_token), std::string::npos);
  EXPECT_EQ(log.find(user_token), std::string::npos);
  EXPECT_EQ(log.find("sandbox-secret"), std::string::npos);
  EXPECT_EQ(log.find("code=single-enc"), std::string::npos);
}

TEST_F(OAuthTest, DeclinedConsentIsAClearError) {
  const std::string token = Signup("decline@x.co");
  const std::string state = NewState(token);
  ExpectRedirectError(
      Callback("error=access_denied&error_reason=user_denied&error_description=Permissions+"
               "error&state=" +
               state),
      "consent_declined");
  auto r = Callback("error=access_denied&error_reason=user_denied&state=" + NewState(token), true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["code"], "consent_declined");
  EXPECT_EQ(Connection(token)["connected"], false);
}

TEST_F(OAuthTest, APageWithoutInstagramIsAClearError) {
  const std::string token = Signup("noig@x.co");
  ExpectRedirectError(Callback("code=noig-1&state=" + NewState(token)), "no_instagram_account");
  auto r = Callback("code=noig-2&state=" + NewState(token), true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(Body(r)["error"]["code"], "no_instagram_account");
  EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("Instagram"), std::string::npos);
  ExpectRedirectError(Callback("code=nopages-1&state=" + NewState(token)), "no_pages");
}

TEST_F(OAuthTest, SeveralPagesAreAClearError) {
  const std::string token = Signup("multi@x.co");
  ExpectRedirectError(Callback("code=multi-1&state=" + NewState(token)), "multiple_pages");
  EXPECT_EQ(Connection(token)["connected"], false);
  // The JSON answer lists the Pages; the seller picks one and connects again.
  auto listed = Callback("code=multi-2&state=" + NewState(token), true);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 400);
  json pages = Body(listed)["error"]["pages"];
  ASSERT_EQ(pages.size(), 2u) << listed->body;
  EXPECT_EQ(pages[1]["id"], "pg2-multi-2");
  auto url = Call(*client_, "GET", "/api/instagram/auth/url?pageId=pg2-multi-3", {}, token);
  ASSERT_TRUE(url && url->status == 200);
  auto chosen = Callback("code=multi-3&state=" + Body(url)["state"].get<std::string>(), true);
  ASSERT_TRUE(chosen);
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  EXPECT_EQ(Connection(token)["connection"]["igBusinessAccountId"], "ig2-multi-3");
  auto other = Call(*client_, "GET", "/api/instagram/auth/url?pageId=pg9-none", {}, token);
  ExpectRedirectError(Callback("code=multi-4&state=" + Body(other)["state"].get<std::string>()),
                      "page_not_granted");
  auto bad = Call(*client_, "GET", "/api/instagram/auth/url?pageId=a%20b", {}, token);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(OAuthTest, AReusedCodeIsAClearError) {
  const std::string token = Signup("code@x.co");
  ASSERT_FALSE(Connect(token, "single-code").empty());
  ExpectRedirectError(Callback("code=single-code&state=" + NewState(token)), "code_invalid");
  ExpectRedirectError(Callback("code=bad-code&state=" + NewState(token)), "code_invalid");
  ExpectRedirectError(Callback("state=" + NewState(token)), "invalid_request");
}

TEST_F(OAuthTest, StateIsSingleUseExpiresAndBelongsToItsSeller) {
  const std::string a = Signup("state-a@x.co");
  const std::string b = Signup("state-b@x.co");
  const std::string state = NewState(a);
  ASSERT_FALSE(Connect(a, "single-sa").empty());
  ASSERT_EQ(Callback("code=single-s1&state=" + state)->status, 302);
  ExpectRedirectError(Callback("code=single-s2&state=" + state), "state_used");
  ExpectRedirectError(Callback("code=single-s3&state=made-up"), "invalid_state");
  ExpectRedirectError(Callback("code=single-s4"), "invalid_state");

  const std::string old = NewState(a);
  Sql(db_->url(),
      "UPDATE oauth_state SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
  ExpectRedirectError(Callback("code=single-s5&state=" + old), "state_expired");

  // Seller B's browser cannot finish seller A's sign-in.
  auto r = Callback("code=single-s6&state=" + NewState(a), true, b);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(Body(r)["error"]["code"], "state_mismatch");
  EXPECT_EQ(Connection(b)["connected"], false);
}

TEST_F(OAuthTest, SellerBGets404ForSellerAsConnection) {
  const std::string a = Signup("iso-a@x.co");
  const std::string b = Signup("iso-b@x.co");
  const std::string conn_a = Connect(a, "single-isoa");
  ASSERT_FALSE(conn_a.empty());
  EXPECT_EQ(Connection(b)["connected"], false);
  auto del = Call(*client_, "DELETE", "/api/instagram/connection", {}, b);
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 404);
  EXPECT_EQ(Body(del)["error"]["code"], "not_connected");
  auto val = Call(*client_, "POST", "/api/instagram/connection/validate", {}, b);
  ASSERT_TRUE(val);
  EXPECT_EQ(val->status, 404);
  const std::string store_a = Body(Call(*client_, "GET", "/api/me", {}, a))["store"]["id"];
  auto store = Call(*client_, "GET", "/api/stores/" + store_a, {}, b);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->status, 404);
  EXPECT_EQ(Connection(a)["connection"]["id"], conn_a);
  // The same Instagram account cannot be connected to a second store.
  auto r = Callback("code=single-isoa&state=" + NewState(b), true);
  ASSERT_TRUE(r);
  EXPECT_NE(r->status, 200);
}

TEST_F(OAuthTest, TheSameInstagramAccountCannotJoinTwoStores) {
  const std::string a = Signup("dup-a@x.co");
  const std::string b = Signup("dup-b@x.co");
  ASSERT_FALSE(Connect(a, "single-dupa").empty());
  // FakeMeta names the account after the code's user, so reuse the user through a fresh code.
  Sql(db_->url(),
      "UPDATE instagram_connection SET ig_business_account_id = 'ig-single-dupb' WHERE ig_username "
      "= 'shop-single-dupa'");
  auto r = Callback("code=single-dupb&state=" + NewState(b), true);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_EQ(Body(r)["error"]["code"], "account_in_use");
}

TEST_F(OAuthTest, DisconnectRemovesTheConnection) {
  const std::string token = Signup("bye@x.co");
  ASSERT_FALSE(Connect(token, "single-bye").empty());
  auto r = Call(*client_, "DELETE", "/api/instagram/connection", {}, token);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  // This fake Meta has no DELETE routes: the connection is gone here, and the answer says Meta kept
  // its side (SandboxFlowTest.DisconnectRevokesTheGrantAndTheSubscriptionAtMeta revokes it).
  EXPECT_EQ(Body(r), json({{"success", true},
                           {"message", vendly::DisconnectedMessage(true)},
                           {"meta", {{"grant", "failed"}, {"subscription", "failed"}}}}));
  EXPECT_EQ(Connection(token), json({{"connected", false}, {"connection", nullptr}}));
  // Reconnecting works.
  ASSERT_FALSE(Connect(token, "single-bye2").empty());
}

TEST_F(OAuthTest, A190MarksTheConnectionExpiredAndNotifiesTheSeller) {
  const std::string token = Signup("expire@x.co");
  ASSERT_FALSE(Connect(token, "single-exp").empty());
  auto ok = Call(*client_, "POST", "/api/instagram/connection/validate", {}, token);
  ASSERT_TRUE(ok);
  EXPECT_EQ(Body(ok)["connection"]["status"], "active");
  meta_->Revoke("single-exp");
  auto r = Call(*client_, "POST", "/api/instagram/connection/validate", {}, token);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["connection"]["status"], "expired");
  EXPECT_EQ(Body(r)["connection"]["errorCode"], "token_invalid_460");
  // 460 is a changed password: the seller is told that, not only "reconnect".
  const std::string advice = vendly::TokenInvalidAdvice(460);
  EXPECT_NE(advice, vendly::TokenInvalidAdvice(0));
  EXPECT_EQ(Body(r)["connection"]["errorMessage"], advice);
  auto notes = Sql(
      db_->url(),
      "SELECT n.kind, n.body FROM notification n JOIN seller_session s ON s.store_id = n.store_id"
      " WHERE s.token_hash = '" +
          vendly::server::Sha256Hex(token) + "'");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0][0], "connection_expired");
  EXPECT_EQ(notes[0][1], advice);
  // A second 190 does not notify twice.
  (void)Call(*client_, "POST", "/api/instagram/connection/validate", {}, token);
  EXPECT_EQ(
      Sql(db_->url(), "SELECT count(*) FROM notification WHERE kind = 'connection_expired'")[0][0],
      "1");
}

TEST_F(OAuthTest, TokensStayReadableAcrossAKeyRotation) {
  const std::string token = Signup("rotate@x.co");
  ASSERT_FALSE(Connect(token, "single-rot").empty());
  // The first server generated its key into its data folder.
  std::string old_key;
  {
    FILE* f = std::fopen((server_->dir + "/token.key").c_str(), "r");
    ASSERT_NE(f, nullptr);
    char buf[128] = {};
    ASSERT_NE(std::fgets(buf, sizeof(buf), f), nullptr);
    std::fclose(f);
    old_key = buf;
    while (!old_key.empty() && old_key.back() == '\n') old_key.pop_back();
  }
  const std::string new_key = vendly::server::Base64Encode(vendly::server::RandomBytes(32));
  auto validate = [&](ServerProcess& s) {
    httplib::Client c("127.0.0.1", s.port);
    return Call(c, "POST", "/api/instagram/connection/validate", {}, token);
  };
  auto rotated = StartServer(db_->url(), {{"META_GRAPH_URL", meta_->url()},
                                          {"VENDLY_TOKEN_KEY", new_key},
                                          {"VENDLY_TOKEN_KEYS_PREVIOUS", old_key}});
  auto ok = validate(*rotated);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(Body(ok)["connection"]["status"], "active");
  // Without the old key the token cannot be read: a 500, never a wrong token sent to Meta.
  auto lost =
      StartServer(db_->url(), {{"META_GRAPH_URL", meta_->url()}, {"VENDLY_TOKEN_KEY", new_key}});
  auto bad = validate(*lost);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 500);
  EXPECT_EQ(Body(bad)["error"]["code"], "internal");
}

std::string SignedRequest(const std::string& user_id, const std::string& secret) {
  const std::string payload = vendly::server::Base64UrlEncode(
      json({{"algorithm", "HMAC-SHA256"}, {"issued_at", 1763900000}, {"user_id", user_id}}).dump());
  return vendly::server::Base64UrlEncode(vendly::server::HmacSha256(secret, payload)) + "." +
         payload;
}

TEST_F(OAuthTest, DataDeletionCallbackRemovesTheSellersInstagramData) {
  const std::string token = Signup("delete@x.co");
  ASSERT_FALSE(Connect(token, "single-del").empty());
  const std::string other = Signup("keep@x.co");
  ASSERT_FALSE(Connect(other, "single-keep").empty());
  Sql(db_->url(),
      "INSERT INTO product_draft (store_id, ig_media_id, ig_permalink, ig_media_type, ig_timestamp,"
      " extracted_data, expires_at) SELECT store_id, 'm1', 'p', 'IMAGE', now(), '{}', now() + "
      "interval '7 days'"
      " FROM instagram_connection");
  const int drafts_before = std::stoi(Sql(db_->url(), "SELECT count(*) FROM product_draft")[0][0]);

  httplib::Params forged{{"signed_request", SignedRequest("fbuser-single-del", "wrong-secret")}};
  auto bad = client_->Post("/api/meta/data-deletion", forged);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Body(bad)["error"]["code"], "invalid_signed_request");
  EXPECT_EQ(Connection(token)["connected"], true);

  httplib::Params params{{"signed_request", SignedRequest("fbuser-single-del", "sandbox-secret")}};
  auto r = client_->Post("/api/meta/data-deletion", params);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json b = Body(r);
  const std::string code = b["confirmation_code"];
  const std::string url = b["url"];
  EXPECT_EQ(url.rfind(server_->url() + "/api/meta/data-deletion/status?id=", 0), 0u) << url;
  EXPECT_EQ(Connection(token)["connected"], false);
  EXPECT_EQ(Connection(other)["connected"], true);
  EXPECT_EQ(Sql(db_->url(), "SELECT count(*) FROM product_draft")[0][0],
            std::to_string(drafts_before - 1));

  auto status = client_->Get(url.substr(server_->url().size()).c_str());
  ASSERT_TRUE(status);
  ASSERT_EQ(status->status, 200);
  EXPECT_EQ(Body(status)["status"], "completed");
  EXPECT_EQ(Body(status)["confirmationCode"], code);
  EXPECT_EQ(Body(status)["connectionsRemoved"], 1);
  auto unknown = client_->Get("/api/meta/data-deletion/status?id=nope");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(OAuthTest, DeauthorizeCallbackRemovesTheConnection) {
  const std::string token = Signup("deauth@x.co");
  ASSERT_FALSE(Connect(token, "single-deauth").empty());
  auto bad = client_->Post("/api/meta/deauthorize", httplib::Params{{"signed_request", "x.y"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto r = client_->Post(
      "/api/meta/deauthorize",
      httplib::Params{{"signed_request", SignedRequest("fbuser-single-deauth", "sandbox-secret")}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Connection(token)["connected"], false);
}

}  // namespace
}  // namespace vendly::test
