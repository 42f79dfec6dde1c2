// The authorization table: every route the server registers (read from the router, so a route added
// without a row here fails), called against the real vendly-server as anonymous, as another seller
// and as the owner of the resources it names. Private routes answer 401 to anonymous callers and
// 404 for another seller's resources; the owner gets the route's own answer (2xx, or a 4xx of the
// request's validation). Public routes (health, webhooks, the OAuth callback, Meta's deletion
// callbacks, media) are listed as public and never answer 401.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "app/app.h"
#include "app/config.h"
#include "store/db.h"
#include "test_support.h"

namespace vendly::test {
namespace {

// The resources of one seller, seeded in the database.
struct Tenant {
  std::string token;
  std::string store_id;
  std::string draft_id;          // pending, for GET and PATCH
  std::string approve_draft_id;  // pending, approved by the owner's call
  std::string reject_draft_id;   // pending, rejected by the owner's call
  std::string product_id;
  std::string scan_id;
  std::string conflict_id;
  std::string notification_id;
};

struct Row {
  std::string method;
  std::string pattern;
  bool is_public;
  std::function<std::string(const Tenant&)> path;
  json body;
  std::set<int> owner;  // statuses the owner may get
  bool owned;           // the path names the owner's resource: another seller gets 404
};

// base64 of 32 bytes: the server and this process seal and open tokens with the same key.
const char* kTokenKey = "uQc6jDMcSkR5lEuO1pD/j2/RJhiTgiJTMg52yAUQMcM=";

// error.<field> of a JSON error answer; "" for any other body.
std::string ErrorField(const httplib::Result& r, const char* field) {
  json body = Body(r);
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return "";
  return body["error"].value(field, "");
}

std::string Fixed(const std::string& p, const Tenant&) { return p; }

std::vector<Row> Table() {
  using std::placeholders::_1;
  auto at = [](std::string p) { return std::bind(Fixed, p, _1); };
  const std::string id = R"(([A-Za-z0-9_]{1,64}))";
  const std::string drafts = "/api/products/drafts/";
  return {
      {"GET", "/healthz", true, at("/healthz"), {}, {200}, false},
      // Served to loopback callers when no VENDLY_METRICS_TOKEN is set (metrics_test covers the
      // token).
      {"GET", "/metrics", true, at("/metrics"), {}, {200}, false},
      {"GET", "/api/openapi.json", true, at("/api/openapi.json"), {}, {200}, false},
      {"GET",
       R"(/api/media/([^/]+))",
       true,
       at("/api/media/" + std::string(64, 'a') + ".jpg"),
       {},
       {404},
       false},
      {"GET",
       "/api/webhooks/instagram",
       true,
       at("/api/webhooks/instagram?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"),
       {},
       {403},
       false},
      {"POST",
       "/api/webhooks/instagram",
       true,
       at("/api/webhooks/instagram"),
       json::object(),
       {401, 403},
       false},
      {"GET",
       "/api/instagram/auth/callback",
       true,
       at("/api/instagram/auth/callback"),
       {},
       {302, 400},
       false},
      {"POST",
       "/api/meta/data-deletion",
       true,
       at("/api/meta/data-deletion"),
       json::object(),
       {400},
       false},
      {"POST",
       "/api/meta/deauthorize",
       true,
       at("/api/meta/deauthorize"),
       json::object(),
       {400},
       false},
      {"GET",
       "/api/meta/data-deletion/status",
       true,
       at("/api/meta/data-deletion/status?id=x"),
       {},
       {400, 404},
       false},
      {"POST", "/api/auth/signup", true, at("/api/auth/signup"), json::object(), {400}, false},
      {"POST", "/api/auth/login", true, at("/api/auth/login"), json::object(), {400}, false},
      {"POST", "/api/auth/logout", true, at("/api/auth/logout"), json::object(), {200, 204}, false},
      {"GET", "/api/me", false, at("/api/me"), {}, {200}, false},
      {"GET",
       "/api/stores/" + id,
       false,
       [](const Tenant& t) { return "/api/stores/" + t.store_id; },
       {},
       {200},
       true},
      {"PATCH",
       "/api/stores/" + id,
       false,
       [](const Tenant& t) { return "/api/stores/" + t.store_id; },
       {{"name", "Duka Jipya"}},
       {200},
       true},
      {"GET", "/api/instagram/auth/url", false, at("/api/instagram/auth/url"), {}, {200}, false},
      {"GET",
       "/api/instagram/connection",
       false,
       at("/api/instagram/connection"),
       {},
       {200},
       false},
      {"POST",
       "/api/instagram/connection/validate",
       false,
       at("/api/instagram/connection/validate"),
       json::object(),
       {200, 409, 502},
       false},
      {"GET", "/api/webhooks/events", false, at("/api/webhooks/events"), {}, {200}, false},
      {"POST",
       "/api/instagram/scan",
       false,
       at("/api/instagram/scan"),
       {{"limit", 0}},
       {400},
       false},
      {"GET",
       "/api/instagram/scan/" + id,
       false,
       [](const Tenant& t) { return "/api/instagram/scan/" + t.scan_id; },
       {},
       {200, 409},
       true},
      {"POST",
       "/api/instagram/sync",
       false,
       at("/api/instagram/sync"),
       json::object(),
       {202, 409},
       false},
      {"GET",
       "/api/instagram/sync-history",
       false,
       at("/api/instagram/sync-history"),
       {},
       {200},
       false},
      {"GET", "/api/sync/conflicts", false, at("/api/sync/conflicts"), {}, {200}, false},
      {"POST",
       "/api/sync/conflicts/" + id + "/resolve",
       false,
       [](const Tenant& t) { return "/api/sync/conflicts/" + t.conflict_id + "/resolve"; },
       {{"choice", "instagram"}},
       {200, 422},
       true},
      {"GET", "/api/notifications", false, at("/api/notifications"), {}, {200}, false},
      {"POST",
       "/api/notifications/read-all",
       false,
       at("/api/notifications/read-all"),
       json::object(),
       {200},
       false},
      {"POST",
       "/api/notifications/" + id + "/read",
       false,
       [](const Tenant& t) { return "/api/notifications/" + t.notification_id + "/read"; },
       json::object(),
       {200},
       true},
      {"GET", "/api/products/drafts", false, at("/api/products/drafts"), {}, {200}, false},
      {"POST",
       "/api/products/drafts/batch-approve",
       false,
       at("/api/products/drafts/batch-approve"),
       {{"draftIds", json::array()}},
       {200, 400},
       false},
      {"GET",
       drafts + id,
       false,
       [=](const Tenant& t) { return drafts + t.draft_id; },
       {},
       {200},
       true},
      {"PATCH",
       drafts + id,
       false,
       [=](const Tenant& t) { return drafts + t.draft_id; },
       {{"name", "Red dress"}},
       {200},
       true},
      {"POST",
       drafts + id + "/approve",
       false,
       [=](const Tenant& t) { return drafts + t.approve_draft_id + "/approve"; },
       json::object(),
       {200, 201, 422},
       true},
      {"POST",
       drafts + id + "/reject",
       false,
       [=](const Tenant& t) { return drafts + t.reject_draft_id + "/reject"; },
       json::object(),
       {200},
       true},
      {"GET", "/api/products", false, at("/api/products"), {}, {200}, false},
      {"GET",
       "/api/products/" + id,
       false,
       [](const Tenant& t) { return "/api/products/" + t.product_id; },
       {},
       {200},
       true},
      {"DELETE",
       "/api/instagram/connection",
       false,
       at("/api/instagram/connection"),
       {},
       {200, 204},
       false},
  };
}

class AuthzTest : public IntegrationTest<AuthzTest> {
 protected:
  static void SetUpSuite() {
    std::map<std::string, std::string> env = {
        {"VENDLY_TOKEN_KEY", kTokenKey},
        {"META_GRAPH_URL", "http://127.0.0.1:9"},  // nothing listens: Graph calls fail fast
    };
    server_ = StartServer(db_->url(), env);
    // The routes as the server registers them: the same BuildServer over a Router in process.
    env["VENDLY_DATABASE_URL"] = db_->url();
    env["VENDLY_DATA_DIR"] = TempDir();
    env["VENDLY_DB_POOL"] = "1";
    auto config = server::LoadConfig(EnvFrom(env));
    ASSERT_TRUE(config.ok()) << config.status().message();
    app_ = new server::App(*config);
    httplib::Server http;
    server::Router router(http, app_->db);
    server::BuildServer(http, router, *app_);
    routes_ = router.routes();
  }

  std::string One(const std::string& sql) {
    auto rows = Sql(db_->url(), sql);
    return rows.empty() ? "" : rows[0][0];
  }

  std::string SeedDraft(const Tenant& t, const std::string& media) {
    return One(
        "INSERT INTO product_draft (store_id, ig_media_id, ig_permalink, ig_media_type,"
        " ig_timestamp, extracted_data, expires_at) VALUES ('" +
        t.store_id + "', '" + media +
        "', 'https://www.instagram.com/p/x/', 'IMAGE', now(),"
        " '{\"name\":\"Dress\",\"price\":1500,\"currency\":\"KES\"}', now() + interval '7 days')"
        " RETURNING id");
  }

  Tenant Seed(httplib::Client& c, const std::string& email, const std::string& ig) {
    Tenant t;
    t.token = SignupSeller(c, email);
    t.store_id = Body(Call(c, "GET", "/api/me", {}, t.token))["store"].value("id", "");
    const std::string seller = One("SELECT seller_id FROM store WHERE id = '" + t.store_id + "'");
    t.draft_id = SeedDraft(t, ig + "_1");
    t.approve_draft_id = SeedDraft(t, ig + "_2");
    t.reject_draft_id = SeedDraft(t, ig + "_3");
    t.product_id = One("INSERT INTO product (store_id, name, slug, currency) VALUES ('" +
                       t.store_id + "', 'Dress', 'dress', 'KES') RETURNING id");
    const std::string connection =
        One("INSERT INTO instagram_connection (store_id, seller_id, ig_business_account_id,"
            " access_token_ciphertext, access_token_key_id) VALUES ('" +
            t.store_id + "', '" + seller + "', '" + ig + "', '" +
            server::EncodeByteaHex(app_->cipher.Seal("EAAB-authz-token")) + "'::bytea, '" +
            app_->cipher.key_id() + "') RETURNING id");
    t.scan_id = One(
        "INSERT INTO instagram_sync_history (store_id, connection_id, sync_type, trigger_source)"
        " VALUES ('" +
        t.store_id + "', '" + connection + "', 'bulk_import', 'user_initiated') RETURNING id");
    t.conflict_id =
        One("INSERT INTO sync_conflict (store_id, product_id, ig_media_id, field, base_value,"
            " instagram_value, seller_value) VALUES ('" +
            t.store_id + "', '" + t.product_id + "', '" + ig +
            "_1', 'name', '\"a\"', '\"b\"', '\"c\"') RETURNING id");
    t.notification_id = One("INSERT INTO notification (store_id, kind, title) VALUES ('" +
                            t.store_id + "', 'draft_created', 'New drafts') RETURNING id");
    return t;
  }

  static void TearDownSuite() {
    delete app_;
    app_ = nullptr;
  }

  static inline std::vector<server::RouteInfo> routes_;
  static inline server::App* app_ = nullptr;
};

TEST_F(AuthzTest, EveryRegisteredRouteHasARowAndEveryRowARoute) {
  ASSERT_GE(routes_.size(), 30u);
  const auto table = Table();
  for (const auto& route : routes_) {
    auto row = std::find_if(table.begin(), table.end(), [&](const Row& r) {
      return r.method == route.method && r.pattern == route.pattern;
    });
    ASSERT_NE(row, table.end()) << "no authorization row for " << route.method << " "
                                << route.pattern;
    EXPECT_EQ(row->is_public, route.access == server::Access::kPublic)
        << route.method << " " << route.pattern;
  }
  for (const auto& row : table) {
    bool registered = std::any_of(routes_.begin(), routes_.end(), [&](const server::RouteInfo& r) {
      return r.method == row.method && r.pattern == row.pattern;
    });
    EXPECT_TRUE(registered) << "row for an unregistered route " << row.method << " " << row.pattern;
  }
}

TEST_F(AuthzTest, AnonymousOtherSellerAndOwnerGetTheirAnswers) {
  httplib::Client c("127.0.0.1", server_->port);
  const Tenant owner = Seed(c, "owner@authz.test", "17841400000000001");
  const Tenant other = Seed(c, "other@authz.test", "17841400000000002");
  ASSERT_FALSE(owner.token.empty());
  ASSERT_FALSE(owner.conflict_id.empty());
  // Logging out ends the session it is called with: the owner's call uses a session of its own.
  auto login = Call(c, "POST", "/api/auth/login",
                    {{"email", "owner@authz.test"}, {"password", "pass-word-1"}});
  ASSERT_TRUE(login);
  const std::string spare = Body(login).value("token", "");
  auto other_login = Call(c, "POST", "/api/auth/login",
                          {{"email", "other@authz.test"}, {"password", "pass-word-1"}});
  ASSERT_TRUE(other_login);
  const std::string other_spare = Body(other_login).value("token", "");

  for (const auto& row : Table()) {
    const std::string path = row.path(owner);
    const std::string what = row.method + " " + path;
    auto anon = Call(c, row.method, path, row.body);
    ASSERT_TRUE(anon) << what;
    EXPECT_LT(anon->status, 500) << what << ": " << anon->body;
    if (row.is_public) {
      // No session is asked for: everyone gets the route's own answer.
      EXPECT_TRUE(row.owner.count(anon->status))
          << what << ": " << anon->status << " " << anon->body;
      EXPECT_NE(ErrorField(anon, "message"), "sign in first") << what;
    } else {
      EXPECT_EQ(anon->status, 401) << what << ": " << anon->body;
      EXPECT_EQ(ErrorField(anon, "code"), "unauthorized") << what;
    }

    const bool logout = path == "/api/auth/logout";
    auto stranger = Call(c, row.method, path, row.body, logout ? other_spare : other.token);
    ASSERT_TRUE(stranger) << what;
    // A route that names no resource answers another seller as it answers the owner.
    if (!row.owned) {
      EXPECT_TRUE(row.owner.count(stranger->status))
          << what << " as another seller: " << stranger->status << " " << stranger->body;
    }
    if (row.owned) {
      EXPECT_EQ(stranger->status, 404) << what << " as another seller: " << stranger->body;
    }
    // What another seller sees never names the owner's resources.
    for (const auto& owned : {owner.store_id, owner.draft_id, owner.product_id, owner.conflict_id,
                              owner.notification_id, owner.scan_id})
      EXPECT_EQ(stranger->body.find(owned), std::string::npos) << what << ": " << stranger->body;

    const std::string& token = logout ? spare : owner.token;
    auto mine = Call(c, row.method, path, row.body, token);
    ASSERT_TRUE(mine) << what;
    EXPECT_TRUE(row.owner.count(mine->status))
        << what << " as the owner answered " << mine->status << ": " << mine->body;
  }
  // The stranger's calls changed nothing of the owner's: the owner's own calls did.
  EXPECT_EQ(
      One("SELECT approval_status FROM product_draft WHERE id = '" + owner.reject_draft_id + "'"),
      "rejected");
}

}  // namespace
}  // namespace vendly::test
