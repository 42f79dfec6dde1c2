// The edge server over HTTP: health, hardening and JSON errors, seller accounts and sessions,
// tenant isolation of store resources. A real vendly-server process on a private database.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include "crypto/crypto.h"
#include "test_support.h"

namespace vendly::test {
namespace {

class ServerTest : public IntegrationTest<ServerTest> {
 protected:
  static void SetUpSuite() { server_ = StartServer(db_->url()); }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
  }

  // Signs a seller up; returns the session token.
  std::string Signup(const std::string& email, const std::string& store = "Duka",
                     const std::string& currency = "KES") {
    return SignupSeller(*client_, email, store, currency);
  }
  json Me(const std::string& token) { return Body(Call(*client_, "GET", "/api/me", {}, token)); }

  // Sends raw bytes on a new connection and returns everything the server answers.
  std::string Raw(const std::string& request) {
    int fd = ConnectLoopback(server_->port);
    if (fd < 0) return "";
    timeval tv{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    (void)!write(fd, request.data(), request.size());
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) out.append(buf, std::size_t(n));
    close(fd);
    return out;
  }

  void ExpectError(const httplib::Result& r, int status, const std::string& code) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    json b = Body(r);
    ASSERT_TRUE(b.is_object()) << r->body;
    EXPECT_EQ(b["error"]["code"], code) << r->body;
    EXPECT_TRUE(b["error"]["message"].is_string());
  }

  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthzReportsTheDatabase) {
  auto r = client_->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["status"], "ok");
  EXPECT_EQ(Body(r)["database"], "ok");
}

TEST_F(ServerTest, UnknownRoutesAreJson404s) {
  ExpectError(client_->Get("/nope"), 404, "not_found");
  ExpectError(client_->Get("/api/does/not/exist"), 404, "not_found");
  ExpectError(client_->Put("/api/me", "{}", "application/json"), 404, "not_found");
}

TEST_F(ServerTest, MalformedJsonWrongTypesAndBadUtf8AreRefused) {
  ExpectError(client_->Post("/api/auth/signup", "{\"email\":", "application/json"), 400,
              "invalid_request");
  ExpectError(client_->Post("/api/auth/signup", "[1,2]", "application/json"), 400,
              "invalid_request");
  ExpectError(client_->Post("/api/auth/signup", "", "application/json"), 400, "invalid_request");
  ExpectError(
      Call(*client_, "POST", "/api/auth/signup",
           {{"email", 5}, {"password", "pass-word-1"}, {"storeName", "x"}, {"currency", "KES"}}),
      400, "invalid_request");
  ExpectError(
      Call(*client_, "POST", "/api/auth/signup",
           {{"email", "a@b.co"}, {"password", true}, {"storeName", "x"}, {"currency", "KES"}}),
      400, "invalid_request");
  ExpectError(Call(*client_, "POST", "/api/auth/signup",
                   {{"email", "a@b.co"},
                    {"password", "pass-word-1"},
                    {"storeName", {1}},
                    {"currency", "KES"}}),
              400, "invalid_request");
  ExpectError(client_->Post("/api/auth/login", "{\"email\":\"a\xff@b.co\",\"password\":\"x\"}",
                            "application/json"),
              400, "invalid_request");
  auto r = client_->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ServerTest, SignupValidatesItsFields) {
  auto body = [](json patch) {
    json b = {{"email", "v@x.co"},
              {"password", "pass-word-1"},
              {"storeName", "Duka"},
              {"currency", "KES"}};
    b.update(patch);
    return b;
  };
  ExpectError(Call(*client_, "POST", "/api/auth/signup", body({{"email", "nope"}})), 400,
              "invalid_request");
  ExpectError(Call(*client_, "POST", "/api/auth/signup", body({{"password", "short"}})), 400,
              "invalid_request");
  ExpectError(Call(*client_, "POST", "/api/auth/signup", body({{"currency", "XYZ"}})), 400,
              "invalid_request");
  ExpectError(Call(*client_, "POST", "/api/auth/signup", body({{"currency", "kes"}})), 400,
              "invalid_request");
  ExpectError(Call(*client_, "POST", "/api/auth/signup", body({{"storeName", ""}})), 400,
              "invalid_request");
  json partial = body(json::object());
  partial.erase("storeName");
  ExpectError(Call(*client_, "POST", "/api/auth/signup", partial), 400, "invalid_request");
  ASSERT_FALSE(Signup("dup@x.co").empty());
  ExpectError(Call(*client_, "POST", "/api/auth/signup", body({{"email", "DUP@x.co"}})), 409,
              "email_taken");
}

TEST_F(ServerTest, TenMegabyteBodyIsRefusedBeforeItIsReadAndTheServerKeepsServing) {
  std::string big(10 * 1024 * 1024, 'a');
  auto r = client_->Post("/api/auth/signup", big, "application/json");
  if (r) ExpectError(r, 413, "payload_too_large");  // the server may close before the body is sent
  // Just the headers: the answer comes without the body ever being sent.
  std::string answer =
      Raw("POST /api/auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Content-Length: 10485760\r\n\r\n");
  EXPECT_NE(answer.find("413"), std::string::npos) << answer;
  EXPECT_NE(answer.find("payload_too_large"), std::string::npos) << answer;
  httplib::Client fresh("127.0.0.1", server_->port);
  auto health = fresh.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServerTest, ChunkedBodiesAreRefused) {
  std::string answer =
      Raw("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
  EXPECT_NE(answer.find("411"), std::string::npos) << answer;
  EXPECT_NE(answer.find("length_required"), std::string::npos) << answer;
  std::string huge_chunks =
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 2000; ++i) huge_chunks += "400\r\n" + std::string(1024, 'x') + "\r\n";
  answer = Raw(huge_chunks);
  EXPECT_NE(answer.find("411"), std::string::npos);
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServerTest, GarbageRequestsGetA400AndTheServerKeepsServing) {
  std::string answer = Raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(answer.find("500"), std::string::npos) << answer;
  answer = Raw("POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
  EXPECT_NE(answer.find("400"), std::string::npos) << answer;
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  client_->set_keep_alive(true);
  for (int i = 0; i < 50; ++i) {
    auto r = client_->Get("/healthz");
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->status, 200);
  }
}

TEST_F(ServerTest, SignupLoginMeLogout) {
  const std::string token = Signup("ama@duka.co", "Ama's Duka", "UGX");
  ASSERT_FALSE(token.empty());
  json me = Me(token);
  EXPECT_EQ(me["seller"]["email"], "ama@duka.co");
  EXPECT_EQ(me["store"]["name"], "Ama's Duka");
  EXPECT_EQ(me["store"]["currency"], "UGX");
  EXPECT_EQ(me["store"]["autoApprove"], false);
  EXPECT_EQ(me["instagram"]["connected"], false);

  ExpectError(Call(*client_, "POST", "/api/auth/login",
                   {{"email", "ama@duka.co"}, {"password", "wrong-pass"}}),
              401, "invalid_credentials");
  ExpectError(
      Call(*client_, "POST", "/api/auth/login", {{"email", "nobody@duka.co"}, {"password", "x"}}),
      401, "invalid_credentials");
  auto login = Call(*client_, "POST", "/api/auth/login",
                    {{"email", "AMA@duka.co"}, {"password", "pass-word-1"}});
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string token2 = Body(login)["token"];
  EXPECT_NE(token2, token);
  const std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("vendly_session=" + token2), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);

  // The cookie alone is a session.
  auto by_cookie = client_->Get("/api/me", {{"Cookie", "other=1; vendly_session=" + token2}});
  ASSERT_TRUE(by_cookie);
  EXPECT_EQ(by_cookie->status, 200);

  auto out = Call(*client_, "POST", "/api/auth/logout", {}, token2);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  ExpectError(Call(*client_, "GET", "/api/me", {}, token2), 401, "unauthorized");
  EXPECT_EQ(Me(token)["seller"]["email"], "ama@duka.co");  // other sessions live on
}

TEST_F(ServerTest, EveryApiRouteButAuthNeedsASession) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/me"},
           {"GET", "/api/instagram/auth/url"},
           {"GET", "/api/instagram/connection"},
           {"DELETE", "/api/instagram/connection"},
           {"POST", "/api/instagram/connection/validate"},
           {"GET", "/api/stores/str_x"},
           {"PATCH", "/api/stores/str_x"}}) {
    ExpectError(Call(*client_, method, path), 401, "unauthorized");
    ExpectError(Call(*client_, method, path, {}, "made-up-token"), 401, "unauthorized");
  }
}

TEST_F(ServerTest, PasswordsAndSessionTokensAreStoredHashed) {
  const std::string token = Signup("hash@duka.co");
  auto rows = Sql(db_->url(), "SELECT password_hash FROM seller WHERE email = 'hash@duka.co'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].rfind("pbkdf2_sha256$", 0), 0u);
  EXPECT_EQ(rows[0][0].find("pass-word-1"), std::string::npos);
  auto sessions = Sql(db_->url(), "SELECT token_hash FROM seller_session");
  bool found = false;
  for (const auto& s : sessions) {
    EXPECT_NE(s[0], token);
    if (s[0] == vendly::server::Sha256Hex(token)) found = true;
  }
  EXPECT_TRUE(found);
  const std::string log = server_->log();
  EXPECT_EQ(log.find(token), std::string::npos);
  EXPECT_EQ(log.find("pass-word-1"), std::string::npos);
}

TEST_F(ServerTest, WebhookVerificationEchoesTheChallengeOnlyForTheRightToken) {
  auto ok = client_->Get(
      "/api/webhooks/"
      "instagram?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=vendly-demo-verify-"
      "token");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "1158201444");
  ExpectError(
      client_->Get(
          "/api/webhooks/instagram?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope"),
      403, "forbidden");
  ExpectError(
      client_->Get(
          "/api/webhooks/instagram?hub.challenge=1&hub.verify_token=vendly-demo-verify-token"),
      403, "forbidden");
}

TEST_F(ServerTest, StoreSettingsAreTheOwnersOnly) {
  const std::string a = Signup("a@iso.co", "A shop", "KES");
  const std::string b = Signup("b@iso.co", "B shop", "NGN");
  const std::string store_a = Me(a)["store"]["id"];
  auto mine = Call(*client_, "GET", "/api/stores/" + store_a, {}, a);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
  auto patched =
      Call(*client_, "PATCH", "/api/stores/" + store_a,
           {{"autoApprove", true}, {"autoApproveThreshold", 0.95}, {"currency", "TZS"}}, a);
  ASSERT_TRUE(patched);
  ASSERT_EQ(patched->status, 200) << patched->body;
  EXPECT_EQ(Body(patched)["store"]["autoApprove"], true);
  EXPECT_EQ(Body(patched)["store"]["currency"], "TZS");
  ExpectError(Call(*client_, "PATCH", "/api/stores/" + store_a, {{"autoApprove", "yes"}}, a), 400,
              "invalid_request");
  ExpectError(Call(*client_, "PATCH", "/api/stores/" + store_a, {{"autoApproveThreshold", 2}}, a),
              400, "invalid_request");

  // Seller B sees none of it: 404, as if it did not exist, and changes nothing.
  ExpectError(Call(*client_, "GET", "/api/stores/" + store_a, {}, b), 404, "not_found");
  ExpectError(Call(*client_, "PATCH", "/api/stores/" + store_a, {{"name", "Mine now"}}, b), 404,
              "not_found");
  EXPECT_EQ(Me(a)["store"]["name"], "A shop");
  EXPECT_EQ(Me(b)["store"]["currency"], "NGN");
}

}  // namespace
}  // namespace vendly::test
