// Browser-borne requests against the real vendly-server (issue 20 items 2 and 3): a state change
// signed in by the session cookie is served only from an allowed origin (the dashboard's or the
// public URL's, or VENDLY_ALLOWED_ORIGINS) or with `Sec-Fetch-Site: same-origin`, and only with a
// JSON body or none; bearer clients and Meta's cookie-less callbacks are unaffected. Every answer,
// routed or not, carries the security headers, and HSTS only when VENDLY_PUBLIC_URL is https.
#include <gtest/gtest.h>

#include "test_support.h"

namespace vendly::test {
namespace {

constexpr const char* kDashboard = "http://dash.duka.test:3000";
constexpr const char* kExtraOrigin = "https://admin.duka.test";

class BrowserRequestTest : public IntegrationTest<BrowserRequestTest> {
 protected:
  static void SetUpSuite() {
    server_ = StartServer(db_->url(), {{"VENDLY_DASHBOARD_URL", std::string(kDashboard) + "/"},
                                       {"VENDLY_ALLOWED_ORIGINS", kExtraOrigin}});
  }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    client_->set_read_timeout(10, 0);
  }

  std::string One(const std::string& sql) {
    auto rows = Sql(db_->url(), sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }

  // A seller with one pending draft; returns {token, draft id}.
  std::pair<std::string, std::string> SellerWithDraft(const std::string& email) {
    const std::string token = SignupSeller(*client_, email);
    const std::string store = Body(Call(*client_, "GET", "/api/me", {}, token))["store"]["id"];
    const std::string draft = One(
        "INSERT INTO product_draft (store_id, ig_media_id, ig_permalink, ig_media_type,"
        " ig_timestamp, extracted_data, expires_at) VALUES ('" +
        store + "', 'm_" + email +
        "', 'https://www.instagram.com/p/x/', 'IMAGE', now(),"
        " '{\"name\":\"Dress\",\"price\":1500,\"currency\":\"KES\"}', now() + interval '7 days')"
        " RETURNING id");
    return {token, draft};
  }

  std::string DraftStatus(const std::string& id) {
    return One("SELECT approval_status FROM product_draft WHERE id = '" + id + "'");
  }

  // POST .../reject as a browser would send it: the session cookie, `headers`, and a body of
  // `content_type` (none when empty).
  httplib::Result RejectByCookie(const std::string& token, const std::string& draft,
                                 httplib::Headers headers, const std::string& content_type) {
    headers.emplace("Cookie", "vendly_session=" + token);
    const std::string path = "/api/products/drafts/" + draft + "/reject";
    if (content_type.empty()) return client_->Post(path.c_str(), headers, std::string(), "");
    return client_->Post(path.c_str(), headers, R"({"reason":"forged"})", content_type.c_str());
  }

  static std::string Code(const httplib::Result& r) {
    json b = Body(r);
    return b.is_object() && b.contains("error") ? b["error"].value("code", "") : "";
  }

  static void ExpectSecurityHeaders(const httplib::Result& r, const std::string& what) {
    ASSERT_TRUE(r) << what;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << what;
    EXPECT_NE(r->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
              std::string::npos)
        << what;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << what;
    EXPECT_EQ(r->get_header_value_count("X-Frame-Options"), 1u) << what;
  }

  std::unique_ptr<httplib::Client> client_;
};

TEST_F(BrowserRequestTest, ACrossSiteTextPlainPostWithTheSellersCookieIsRefused) {
  auto [token, draft] = SellerWithDraft("forged@duka.test");
  // The issue's probe: a page elsewhere posts a "simple" request (no preflight) with the cookie.
  auto r = RejectByCookie(token, draft, {{"Origin", "https://evil.example"}}, "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(Code(r), "cross_site_request") << r->body;
  EXPECT_EQ(DraftStatus(draft), "pending");
  // A sibling subdomain, which SameSite=Lax lets the cookie ride from, is another origin too.
  r = RejectByCookie(token, draft, {{"Origin", "http://shop.dash.duka.test:3000"}},
                     "application/json");
  EXPECT_EQ(Code(r), "cross_site_request");
  // So are an opaque origin, a cross-site fetch without Origin, and nothing at all.
  EXPECT_EQ(Code(RejectByCookie(token, draft, {{"Origin", "null"}}, "application/json")),
            "cross_site_request");
  EXPECT_EQ(Code(RejectByCookie(token, draft, {{"Sec-Fetch-Site", "cross-site"}}, "")),
            "cross_site_request");
  EXPECT_EQ(Code(RejectByCookie(token, draft, {{"Sec-Fetch-Site", "same-site"}}, "")),
            "cross_site_request");
  EXPECT_EQ(Code(RejectByCookie(token, draft, {}, "application/json")), "cross_site_request");
  // From the dashboard's own origin, a body that is not JSON is still refused.
  r = RejectByCookie(token, draft, {{"Origin", kDashboard}}, "text/plain");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(Code(r), "json_required");
  r = RejectByCookie(token, draft, {{"Origin", kDashboard}}, "application/x-www-form-urlencoded");
  EXPECT_EQ(Code(r), "json_required");
  EXPECT_EQ(DraftStatus(draft), "pending");
  EXPECT_NE(server_->log().find("\"cross_site_request_refused\""), std::string::npos);
}

TEST_F(BrowserRequestTest, TheDashboardsOwnRequestsAreServed) {
  auto [token, draft] = SellerWithDraft("dashboard@duka.test");
  auto r = RejectByCookie(token, draft, {{"Origin", kDashboard}}, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(DraftStatus(draft), "rejected");

  // The public URL's origin (as written by a browser: default port dropped, any case), the extra
  // origin, and a same-origin fetch without an Origin header are served as well.
  for (const httplib::Headers& from :
       {httplib::Headers{{"Origin", server_->url()}}, httplib::Headers{{"Origin", kExtraOrigin}},
        httplib::Headers{{"Origin", "HTTPS://Admin.Duka.Test:443"}},
        httplib::Headers{{"Sec-Fetch-Site", "same-origin"}}}) {
    auto [t, d] = SellerWithDraft("from" + std::to_string(from.size()) + "-" +
                                  std::to_string(std::rand()) + "@duka.test");
    auto served = RejectByCookie(t, d, from, "application/json; charset=utf-8");
    ASSERT_TRUE(served);
    EXPECT_EQ(served->status, 200) << from.begin()->second << ": " << served->body;
    EXPECT_EQ(DraftStatus(d), "rejected");
  }
  // A change without a body needs no Content-Type.
  auto [t2, d2] = SellerWithDraft("nobody@duka.test");
  EXPECT_EQ(RejectByCookie(t2, d2, {{"Sec-Fetch-Site", "same-origin"}}, "")->status, 200);
  // Reads are never refused, wherever they come from.
  auto read = client_->Get("/api/me", {{"Cookie", "vendly_session=" + t2},
                                       {"Origin", "https://evil.example"},
                                       {"Sec-Fetch-Site", "cross-site"}});
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
}

TEST_F(BrowserRequestTest, BearerClientsAndMetasCallbacksAreUnaffected) {
  auto [token, draft] = SellerWithDraft("bearer@duka.test");
  // A bearer token is never sent by a browser on its own: no Origin needed, any body type read.
  auto r = client_->Post(("/api/products/drafts/" + draft + "/reject").c_str(),
                         {{"Authorization", "Bearer " + token}, {"Origin", "https://evil.example"}},
                         R"({"reason":"api client"})", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(DraftStatus(draft), "rejected");

  // Meta's callbacks carry no cookie (form bodies, no Origin): answered on their merits. With a
  // browser's cookie riding along they are refused like any other forged change.
  for (const char* path : {"/api/meta/deauthorize", "/api/meta/data-deletion"}) {
    auto meta = client_->Post(path, "signed_request=bad.sig", "application/x-www-form-urlencoded");
    ASSERT_TRUE(meta);
    EXPECT_NE(meta->status, 403) << path << ": " << meta->body;
    EXPECT_NE(Code(meta), "cross_site_request") << path;
    auto forged = client_->Post(path, {{"Cookie", "vendly_session=" + token}},
                                "signed_request=bad.sig", "application/x-www-form-urlencoded");
    EXPECT_EQ(Code(forged), "cross_site_request") << path;
  }
  auto hook = client_->Post("/api/webhooks/instagram", R"({"object":"instagram","entry":[]})",
                            "application/json");
  ASSERT_TRUE(hook);
  EXPECT_NE(Code(hook), "cross_site_request") << hook->body;
  // The OAuth callback is a GET: Meta's redirect brings the cookie from Meta's origin.
  auto callback = client_->Get("/api/instagram/auth/callback?state=unknown&code=c",
                               {{"Cookie", "vendly_session=" + token},
                                {"Sec-Fetch-Site", "cross-site"},
                                {"Accept", "application/json"}});
  ASSERT_TRUE(callback);
  EXPECT_EQ(Code(callback), "invalid_state") << callback->body;
  // Sign-in and sign-up carry no session: a stale cookie does not make them cross-site.
  auto login =
      client_->Post("/api/auth/login", {{"Cookie", "vendly_session=expired"}},
                    R"({"email":"bearer@duka.test","password":"pass-word-1"})", "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200) << login->body;
}

TEST_F(BrowserRequestTest, EveryAnswerCarriesTheSecurityHeadersAndNoHstsOverHttp) {
  const std::string token = SignupSeller(*client_, "headers@duka.test");
  ExpectSecurityHeaders(client_->Get("/healthz"), "healthz");
  ExpectSecurityHeaders(client_->Get("/api/me", {{"Authorization", "Bearer " + token}}), "me");
  ExpectSecurityHeaders(client_->Get("/api/me"), "401");
  ExpectSecurityHeaders(client_->Get("/api/no-such-route"), "404");
  ExpectSecurityHeaders(
      client_->Post("/api/auth/login", {{"Transfer-Encoding", "chunked"}}, "", "application/json"),
      "411 before routing");
  ExpectSecurityHeaders(client_->Get("/api/webhooks/instagram?hub.mode=subscribe&hub.verify_token="
                                     "vendly-demo-verify-token&hub.challenge=abc"),
                        "webhook challenge");
  ExpectSecurityHeaders(client_->Post("/api/auth/logout", {{"Cookie", "vendly_session=" + token}},
                                      "{}", "application/json"),
                        "403 cross_site_request");
  auto r = client_->Get("/healthz");
  EXPECT_FALSE(r->has_header("Strict-Transport-Security"));
  EXPECT_EQ(r->get_header_value("Content-Security-Policy"),
            "default-src 'none'; frame-ancestors 'none'");
}

TEST_F(BrowserRequestTest, HstsWhenThePublicUrlIsHttps) {
  auto https = StartServer(db_->url(), {{"VENDLY_PUBLIC_URL", "https://api.duka.test"}});
  httplib::Client c("127.0.0.1", https->port);
  auto r = c.Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  ExpectSecurityHeaders(r, "https healthz");
  ExpectSecurityHeaders(c.Get("/api/no-such-route"), "https 404");
  EXPECT_TRUE(c.Get("/api/no-such-route")->has_header("Strict-Transport-Security"));
}

}  // namespace
}  // namespace vendly::test
