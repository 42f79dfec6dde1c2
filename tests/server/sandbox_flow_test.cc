// US-1 end to end against the real Meta sandbox (build/bin/meta-sandbox), driven only over HTTP as
// a browser would: the dashboard asks for the auth URL, the "browser" opens Meta's dialog, presses
// Continue (or Cancel) as one of the sandbox's demo users, follows the redirect back to the edge
// server, and lands on the dashboard. Each error case of the issue goes through the same path.
#include <gtest/gtest.h>

#include "test_support.h"
#include "vendly/notices.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

// The sandbox's demo users (tools/meta-sandbox/fixtures/users.json).
using sandbox_accounts::kAmina;    // two Pages, two Instagram accounts
using sandbox_accounts::kBench;    // 1,000 generated posts
using sandbox_accounts::kBrian;    // Kampala phones
using sandbox_accounts::kGrace;    // no Page at all
using sandbox_accounts::kKevin;    // a Page without an Instagram account
using sandbox_accounts::kWanjiru;  // one Page with an Instagram account

class SandboxFlowTest : public IntegrationTest<SandboxFlowTest> {
 protected:
  static constexpr bool kSandbox = true;
  static void SetUpSuite() {
    server_ = StartServer(
        db_->url(),
        SandboxServerEnv(sandbox_port_, {{"VENDLY_DASHBOARD_URL", "http://dash.example"}}));
  }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    // The sandbox's world starts over for each test; so do the connections to it (several tests
    // connect the same demo account when one process runs them all).
    Sql(db_->url(), "DELETE FROM instagram_connection");
  }

  std::string Signup(const std::string& email) { return SignupSeller(*vendly_, email); }

  // Dashboard -> auth URL -> Meta's dialog -> Continue/Cancel as `user` -> back to the edge server.
  // Returns the edge server's answer to the callback (a 302 to the dashboard).
  httplib::Result Consent(const std::string& session, const std::string& user,
                          const std::string& decision, std::string* callback_url = nullptr,
                          const std::string& page_id = "") {
    return SandboxConsent(*vendly_, *meta_, server_->url(), sandbox_port_, session, user, decision,
                          callback_url, page_id);
  }

  void ExpectDashboard(const httplib::Result& r, const std::string& outcome) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 302) << r->body;
    EXPECT_EQ(r->get_header_value("Location"),
              "http://dash.example/dashboard/settings/integrations?" + outcome);
  }

  json Connection(const std::string& session) {
    return Body(Call(*vendly_, "GET", "/api/instagram/connection", {}, session));
  }

  std::unique_ptr<httplib::Client> vendly_;
};

TEST_F(SandboxFlowTest, ConnectsEndToEnd) {
  const std::string session = Signup("wanjiru@duka.co");
  ExpectDashboard(Consent(session, kWanjiru, "continue"), "connected=1");
  json c = Connection(session);
  ASSERT_EQ(c["connected"], true) << c.dump();
  EXPECT_EQ(c["connection"]["igBusinessAccountId"], sandbox_accounts::kWanjiruIg);
  EXPECT_EQ(c["connection"]["status"], "active");
  EXPECT_EQ(c["connection"]["webhookSubscribed"], true);
  auto accounts = Body(meta_->Get("/_sandbox/accounts"));
  std::string username;
  for (const auto& a : accounts["accounts"])
    if (a["id"] == sandbox_accounts::kWanjiruIg) username = a["username"];
  EXPECT_FALSE(username.empty());
  EXPECT_EQ(c["connection"]["igUsername"], username);
  // The sandbox saw the webhook subscription on the Page.
  auto users = Body(meta_->Get("/_sandbox/users"));
  bool subscribed = false;
  for (const auto& u : users["users"])
    for (const auto& p : u["pages"])
      if (p["id"] == sandbox_accounts::kWanjiruPage) subscribed = p.value("subscribed", false);
  EXPECT_TRUE(subscribed);
  // Validation with the stored (encrypted) token works against the sandbox.
  auto v = Call(*vendly_, "POST", "/api/instagram/connection/validate", {}, session);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, 200) << v->body;
  EXPECT_EQ(Body(v)["connection"]["status"], "active");
}

TEST_F(SandboxFlowTest, DeclinedConsent) {
  const std::string session = Signup("cancel@duka.co");
  ExpectDashboard(Consent(session, kWanjiru, "cancel"), "error=consent_declined");
  EXPECT_EQ(Connection(session)["connected"], false);
}

TEST_F(SandboxFlowTest, PageWithoutInstagram) {
  const std::string session = Signup("kevin@duka.co");
  ExpectDashboard(Consent(session, kKevin, "continue"), "error=no_instagram_account");
}

TEST_F(SandboxFlowTest, NoPageAtAll) {
  const std::string session = Signup("grace@duka.co");
  ExpectDashboard(Consent(session, kGrace, "continue"), "error=no_pages");
}

TEST_F(SandboxFlowTest, SeveralPages) {
  const std::string session = Signup("amina@duka.co");
  ExpectDashboard(Consent(session, kAmina, "continue"), "error=multiple_pages");
  EXPECT_EQ(Connection(session)["connected"], false);
  // Naming the store's Page connects its Instagram account.
  ExpectDashboard(Consent(session, kAmina, "continue", nullptr, sandbox_accounts::kAminaPage2),
                  "connected=1");
  EXPECT_EQ(Connection(session)["connection"]["igBusinessAccountId"], sandbox_accounts::kAminaIg2);
}

TEST_F(SandboxFlowTest, ReusedStateAndReusedCode) {
  const std::string session = Signup("reuse@duka.co");
  std::string callback;
  ExpectDashboard(Consent(session, kBrian, "continue", &callback), "connected=1");
  // The browser replays the same callback URL: the state is spent.
  ExpectDashboard(vendly_->Get(callback.c_str()), "error=state_used");
  // The same code with a fresh state: Meta refuses the spent code.
  auto auth = Call(*vendly_, "GET", "/api/instagram/auth/url", {}, session);
  const std::string state = Body(auth)["state"];
  const std::string code = QueryValue(callback, "code");
  ASSERT_FALSE(code.empty());
  const std::string replay = "/api/instagram/auth/callback?code=" + code + "&state=" + state;
  ExpectDashboard(vendly_->Get(replay.c_str()), "error=code_invalid");
  httplib::Headers json_accept{{"Accept", "application/json"}};
  auto again = vendly_->Get(replay.c_str(), json_accept);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(Body(again)["error"]["code"], "state_used");
}

TEST_F(SandboxFlowTest, InvalidatedTokenMarksTheConnectionExpired) {
  // Another Instagram account than the other tests': a test process may run them all in one
  // database.
  const std::string session = Signup("expired@duka.co");
  ExpectDashboard(Consent(session, kBench, "continue"), "connected=1");
  auto inv = meta_->Post("/_sandbox/tokens/invalidate",
                         json({{"user_id", kBench}, {"subcode", 460}}).dump(), "application/json");
  ASSERT_TRUE(inv);
  ASSERT_EQ(inv->status, 200) << inv->body;
  auto v = Call(*vendly_, "POST", "/api/instagram/connection/validate", {}, session);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, 200) << v->body;
  EXPECT_EQ(Body(v)["connection"]["status"], "expired");
  EXPECT_EQ(Body(v)["connection"]["errorCode"], "token_invalid_460");
}

TEST_F(SandboxFlowTest, MetasDataDeletionCallbackRemovesTheConnection) {
  const std::string session = Signup("deleted@duka.co");
  ExpectDashboard(Consent(session, kWanjiru, "continue"), "connected=1");
  auto d = meta_->Post("/_sandbox/signed_request/deliver",
                       json({{"url", server_->url() + "/api/meta/data-deletion"},
                             {"user_id", kWanjiru},
                             {"kind", "deletion"}})
                           .dump(),
                       "application/json");
  ASSERT_TRUE(d);
  ASSERT_EQ(d->status, 200) << d->body;
  json out = Body(d);
  ASSERT_EQ(out["delivered"], true) << d->body;
  EXPECT_EQ(out["status"], 200) << d->body;
  json answer = json::parse(out["response_body"].get<std::string>(), nullptr, false);
  ASSERT_TRUE(answer.is_object()) << out.dump();
  EXPECT_EQ(Connection(session)["connected"], false);
  // The status URL Meta shows the user.
  auto [origin, path] = SplitUrl(answer["url"]);
  EXPECT_EQ(origin, server_->url());
  auto status = vendly_->Get(path.c_str());
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 200);
  EXPECT_EQ(Body(status)["status"], "completed");
  EXPECT_EQ(Body(status)["confirmationCode"], answer["confirmation_code"]);
}

TEST_F(SandboxFlowTest, MetasDeauthorizeCallbackRemovesTheConnection) {
  const std::string session = Signup("deauth@duka.co");
  ExpectDashboard(Consent(session, kBrian, "continue"), "connected=1");
  auto d = meta_->Post(
      "/_sandbox/signed_request/deliver",
      json({{"url", server_->url() + "/api/meta/deauthorize"}, {"user_id", kBrian}}).dump(),
      "application/json");
  ASSERT_TRUE(d);
  json out = Body(d);
  ASSERT_EQ(out["delivered"], true) << d->body;
  EXPECT_EQ(out["status"], 200) << d->body;
  EXPECT_EQ(Connection(session)["connected"], false);
}

// The sandbox's record of Meta's side: whether the app's grant of `user` stands (and how often it
// was revoked), and whether `page` is subscribed to the app's webhooks.
struct MetaSide {
  bool authorized = false;
  int revocations = 0;
  bool subscribed = false;
};
MetaSide SandboxSide(httplib::Client& meta, const std::string& user, const std::string& page) {
  MetaSide side;
  const json users = Body(meta.Get("/_sandbox/users"));
  for (const auto& u : users["users"]) {
    if (u["id"] != user) continue;
    side.authorized = u.value("app_authorized", false);
    side.revocations = u.value("grant_revocations", 0);
    for (const auto& p : u["pages"])
      if (p["id"] == page) side.subscribed = p.value("subscribed", false);
  }
  return side;
}

// Disconnect undoes the connection on Meta's side too: the Page's webhook subscription
// (DELETE /{page-id}/subscribed_apps) and the app's grant (DELETE /{user-id}/permissions), and says
// so; when Meta does not confirm, the row is gone all the same and the answer says what was kept.
TEST_F(SandboxFlowTest, DisconnectRevokesTheGrantAndTheSubscriptionAtMeta) {
  const std::string session = Signup("disconnect@duka.co");
  ExpectDashboard(Consent(session, kWanjiru, "continue"), "connected=1");
  MetaSide before = SandboxSide(*meta_, kWanjiru, sandbox_accounts::kWanjiruPage);
  ASSERT_TRUE(before.authorized && before.subscribed);
  auto d = Call(*vendly_, "DELETE", "/api/instagram/connection", {}, session);
  ASSERT_TRUE(d);
  ASSERT_EQ(d->status, 200) << d->body;
  EXPECT_EQ(Body(d)["meta"], json({{"grant", "revoked"}, {"subscription", "revoked"}}));
  EXPECT_EQ(Body(d)["message"], vendly::DisconnectedMessage(false));
  MetaSide after = SandboxSide(*meta_, kWanjiru, sandbox_accounts::kWanjiruPage);
  EXPECT_FALSE(after.authorized);
  EXPECT_EQ(after.revocations, before.revocations + 1);
  EXPECT_FALSE(after.subscribed);
  EXPECT_EQ(Connection(session)["connected"], false);

  // Meta down: the connection is removed here all the same (after the Graph client's retries of
  // each call), and the answer says Meta kept it.
  vendly_->set_read_timeout(30, 0);
  ExpectDashboard(Consent(session, kWanjiru, "continue"), "connected=1");
  ASSERT_TRUE(meta_->Post("/_sandbox/faults", json{{"type", "error"}, {"status", 503}}.dump(),
                          "application/json"));
  d = Call(*vendly_, "DELETE", "/api/instagram/connection", {}, session);
  ASSERT_TRUE(meta_->Delete("/_sandbox/faults"));
  ASSERT_TRUE(d);
  ASSERT_EQ(d->status, 200) << d->body;
  EXPECT_EQ(Body(d)["meta"], json({{"grant", "failed"}, {"subscription", "failed"}}));
  EXPECT_EQ(Body(d)["message"], vendly::DisconnectedMessage(true));
  EXPECT_EQ(Connection(session)["connected"], false);
  EXPECT_TRUE(SandboxSide(*meta_, kWanjiru, sandbox_accounts::kWanjiruPage).authorized);
}

TEST_F(SandboxFlowTest, MetasWebhookVerificationSucceeds) {
  auto v = meta_->Post("/_sandbox/webhooks/verify",
                       json({{"url", server_->url() + "/api/webhooks/instagram"},
                             {"verify_token", "vendly-demo-verify-token"}})
                           .dump(),
                       "application/json");
  ASSERT_TRUE(v);
  json out = Body(v);
  ASSERT_EQ(out["delivered"], true) << v->body;
  EXPECT_EQ(out["status"], 200) << v->body;
}

#else

TEST(SandboxFlowTest, NeedsTheSandbox) { GTEST_SKIP() << "meta-sandbox is not part of this build"; }

#endif

}  // namespace
}  // namespace vendly::test
