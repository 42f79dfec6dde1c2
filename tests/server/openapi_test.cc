// The OpenAPI document (server/http/openapi.json, served at GET /api/openapi.json) against the
// server: every route the router registers has a path and method in it and every path and method
// of it is a registered route (so a route added without a description fails), with the same
// access (public or session) and path parameters; and the real answers of the real vendly-server,
// over HTTP, for a walk through the main flows (sign up, connect through the Meta sandbox, scan,
// drafts, edits, approvals, products, sync, conflicts, notifications, webhooks, Meta's callbacks,
// and the errors 400/401/404/409/422/429) validate against the document's schemas, checked by
// Debian's python3-jsonschema (tests/server/openapi_check.py). The checker is shown to fail on a
// drifted schema and on a drifted answer.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <regex>
#include <set>

#include "app/app.h"
#include "app/config.h"
#include "crypto/crypto.h"
#include "test_support.h"

namespace vendly::test {
namespace {

// One request and its answer, as openapi_check.py reads them.
struct Exchange {
  std::string method;
  std::string path;
  int status = 0;
  httplib::Headers headers;
  std::string body;
  std::string request_body;
};

json ExchangeJson(const Exchange& x) {
  json headers = json::object();
  for (const auto& [name, value] : x.headers) {
    std::string lower = name;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    headers[lower] = value;
  }
  json out = {{"method", x.method},
              {"path", x.path},
              {"status", x.status},
              {"headers", headers},
              {"body", x.body}};
  if (!x.request_body.empty()) out["requestBody"] = x.request_body;
  return out;
}

void WriteExchanges(const std::string& path, const std::vector<Exchange>& exchanges) {
  std::ofstream out(path);
  // A picture's bytes are not UTF-8: replaced, as only its content type is checked.
  for (const auto& x : exchanges)
    out << ExchangeJson(x).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
}

// Runs `command`; its exit status and what it printed (stdout and stderr).
std::pair<int, std::string> Run(const std::string& command) {
  std::string output;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return {-1, "popen failed"};
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) output.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::pair<int, std::string> Check(const std::string& document, const std::string& exchanges = "") {
  return Run(std::string(VENDLY_PYTHON3) + " " + VENDLY_OPENAPI_CHECK + " " + document +
             (exchanges.empty() ? "" : " " + exchanges));
}

json CheckedInDocument() { return json::parse(ReadFile(VENDLY_OPENAPI_JSON), nullptr, false); }

// A router pattern in the document's spelling: each regex group "(...)" becomes "{}", as does
// each "{name}" of a document path; the groups' regexes in order.
std::string RouteShape(const std::string& pattern, std::vector<std::string>* groups) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '(') {
      out += pattern[i];
      continue;
    }
    const std::size_t close = pattern.find(')', i);
    if (groups) groups->push_back(pattern.substr(i + 1, close - i - 1));
    out += "{}";
    i = close;
  }
  return out;
}

std::string DocumentShape(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{[^}]+\})"), "{}");
}

// Public in the document: the operation's security is [] or allows no credentials ({}).
bool IsPublic(const json& operation) {
  if (!operation.contains("security")) return false;
  for (const auto& requirement : operation["security"])
    if (requirement.empty()) return true;
  return operation["security"].empty();
}

class OpenApiTest : public IntegrationTest<OpenApiTest> {
 protected:
  static constexpr bool kSandbox = true;
  static constexpr const char* kVerifyToken = "openapi-verify-token";

  static void SetUpSuite() {
    server_ = StartServer(
        db_->url(), SandboxServerEnv(sandbox_port_, {{"VENDLY_WORKER_THREADS", "2"},
                                                     {"META_WEBHOOK_VERIFY_TOKEN", kVerifyToken},
                                                     {"VENDLY_LOG_LEVEL", "info"}}));
    // The routes as the server registers them: the same BuildServer over a Router in process.
    auto config = server::LoadConfig(EnvFrom({{"VENDLY_DATABASE_URL", db_->url()},
                                              {"VENDLY_DATA_DIR", TempDir()},
                                              {"VENDLY_DB_POOL", "1"}}));
    ASSERT_TRUE(config.ok()) << config.status().message();
    server::App app(*config);
    httplib::Server http;
    server::Router router(http, app.db);
    server::BuildServer(http, router, app);
    routes_ = router.routes();
  }

  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    vendly_->set_read_timeout(30, 0);
  }

  // Calls the server and records the exchange.
  httplib::Result Record(const std::string& method, const std::string& path,
                         const json& body = json(), const std::string& token = "",
                         httplib::Headers headers = {}) {
    auto r = Call(*vendly_, method, path, body, token, std::move(headers));
    Keep(method, path, r, body.is_null() ? "" : body.dump());
    return r;
  }

  void Keep(const std::string& method, const std::string& path, const httplib::Result& r,
            const std::string& request_body = "") {
    EXPECT_TRUE(r) << method << " " << path;
    if (r) exchanges_.push_back({method, path, r->status, r->headers, r->body, request_body});
  }

  // Record, expecting `status`; the answer's JSON (null when it is not JSON).
  json Expect(int status, const std::string& method, const std::string& path,
              const json& body = json(), const std::string& token = "") {
    auto r = Record(method, path, body, token);
    if (!r) return json();
    EXPECT_EQ(r->status, status) << method << " " << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }

  json WaitForScan(const std::string& token, const std::string& scan_id) {
    json scan;
    for (int i = 0; i < 600; ++i) {
      scan = Expect(200, "GET", "/api/instagram/scan/" + scan_id + "?draftsLimit=2", {}, token);
      if (scan.value("status", "") == "completed" || scan.value("status", "") == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return scan;
  }

  // Meta's signed_request for `user_id`, signed with the sandbox app's secret.
  static std::string SignedRequest(const std::string& user_id) {
    const std::string payload = server::Base64UrlEncode(
        json({{"algorithm", "HMAC-SHA256"}, {"user_id", user_id}, {"issued_at", 1790000000}})
            .dump());
    return server::Base64UrlEncode(server::HmacSha256(sandbox_accounts::kAppSecret, payload)) +
           "." + payload;
  }

  void PostForm(int status, const std::string& path, const httplib::Params& form) {
    auto r = vendly_->Post(path.c_str(), form);
    Keep("POST", path, r);
    if (r) {
      EXPECT_EQ(r->status, status) << path << ": " << r->body;
    }
  }

  // A PATCH whose Content-Length is past the body limit, sent as a bare head over a raw socket
  // (the server answers 413 before reading a body; a client streaming 1 MB could be reset before
  // it reads the answer) and recorded.
  void RecordOversizeHead(const std::string& path, const std::string& token) {
    const std::string head =
        "PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Authorization: Bearer " + token +
        "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n";
    const std::string raw = RawExchange(head);
    Exchange x{"PATCH", path, 0, {}, "", ""};
    const auto head_end = raw.find("\r\n\r\n");
    ASSERT_NE(head_end, std::string::npos) << raw;
    x.status = std::atoi(raw.substr(9, 3).c_str());
    std::size_t line = raw.find("\r\n") + 2;
    while (line < head_end) {
      const std::size_t end = raw.find("\r\n", line), colon = raw.find(':', line);
      if (colon < end)
        x.headers.emplace(raw.substr(line, colon - line), raw.substr(colon + 2, end - colon - 2));
      line = end + 2;
    }
    x.body = raw.substr(head_end + 4);
    EXPECT_EQ(x.status, 413) << raw;
    exchanges_.push_back(x);
  }

  // Sends `request` on a new connection; everything read until the server closes it (3 s at most).
  std::string RawExchange(const std::string& request) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(server_->port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string out;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
        send(fd, request.data(), request.size(), 0) == ssize_t(request.size())) {
      timeval timeout{3, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
      char buf[4096];
      for (ssize_t n; (n = recv(fd, buf, sizeof(buf), 0)) > 0;) out.append(buf, std::size_t(n));
    }
    close(fd);
    return out;
  }

  void WalkAccount(std::string* token, std::string* store_id);
  void WalkConnectAndScan(const std::string& token);
  void WalkDrafts(const std::string& token);
  void WalkProductsAndMedia(const std::string& token);
  void WalkSyncAndConflicts(const std::string& token, const std::string& store_id);
  void WalkNotifications(const std::string& token);
  void WalkWebhooksAndMeta(const std::string& token);
  void WalkThrottle();

  static inline std::vector<server::RouteInfo> routes_;
  std::unique_ptr<httplib::Client> vendly_;
  std::vector<Exchange> exchanges_;
  std::vector<std::string> draft_ids_;
  std::string product_id_;
  std::string product_media_;
};

TEST_F(OpenApiTest, EveryRegisteredRouteIsDescribedAndEveryDescriptionIsARoute) {
  const json doc = CheckedInDocument();
  ASSERT_TRUE(doc.is_object()) << "server/http/openapi.json is not JSON";
  ASSERT_GE(routes_.size(), 30u);
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& route : routes_) {
    std::vector<std::string> groups;
    const std::string shape = RouteShape(route.pattern, &groups);
    registered.insert({route.method, shape});
    const json* operation = nullptr;
    std::string path;
    for (const auto& [p, item] : doc["paths"].items()) {
      if (DocumentShape(p) != shape) continue;
      std::string method = route.method;
      for (char& c : method) c = char(std::tolower(static_cast<unsigned char>(c)));
      if (item.contains(method)) {
        operation = &item[method];
        path = p;
      }
    }
    ASSERT_NE(operation, nullptr) << "no OpenAPI operation for " << route.method << " "
                                  << route.pattern << " in server/http/openapi.json";
    EXPECT_EQ(IsPublic(*operation), route.access == server::Access::kPublic)
        << route.method << " " << path << ": the document's security says otherwise";
    // Each path parameter's pattern is the router's group.
    std::vector<std::string> patterns;
    for (const auto& p : operation->value("parameters", json::array()))
      if (p.value("in", "") == "path") patterns.push_back(p["schema"].value("pattern", ""));
    ASSERT_EQ(patterns.size(), groups.size()) << route.method << " " << path;
    for (std::size_t i = 0; i < groups.size(); ++i)
      EXPECT_EQ(patterns[i], "^" + groups[i] + "$") << route.method << " " << path;
  }
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      std::string upper = method;
      for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_TRUE(registered.count({upper, DocumentShape(path)}))
          << "the document describes " << upper << " " << path << ", which no route serves";
    }
  }
}

TEST_F(OpenApiTest, TheServedDocumentIsTheCheckedInOneAndValid) {
  auto r = Record("GET", "/api/openapi.json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json::parse(r->body, nullptr, false), CheckedInDocument());
  auto [status, output] = Check(VENDLY_OPENAPI_JSON);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("document valid"), std::string::npos) << output;

  // The document check itself fails on a broken document: a schema that is not JSON Schema and a
  // reference to nothing.
  json broken = CheckedInDocument();
  broken["components"]["schemas"]["Draft"]["properties"]["confidence"]["type"] = "decimal";
  broken["components"]["schemas"]["Scan"]["properties"]["progress"]["$ref"] =
      "#/components/schemas/NoSuchSchema";
  const std::string path = server_->dir + "/broken-openapi.json";
  std::ofstream(path) << broken.dump();
  auto [bad_status, bad_output] = Check(path);
  EXPECT_EQ(bad_status, 1) << bad_output;
  EXPECT_NE(bad_output.find("components.schemas.Draft is not a valid JSON Schema"),
            std::string::npos)
      << bad_output;
  EXPECT_NE(bad_output.find("unresolvable $ref #/components/schemas/NoSuchSchema"),
            std::string::npos)
      << bad_output;
}

void OpenApiTest::WalkAccount(std::string* token, std::string* store_id) {
  Expect(200, "GET", "/healthz");
  Expect(200, "GET", "/api/openapi.json");
  auto metrics = Record("GET", "/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200);
  const json signup = {{"email", "walk@openapi.test"},
                       {"password", "pass-word-1"},
                       {"storeName", "Duka la Walk"},
                       {"currency", "KES"}};
  json session = Expect(201, "POST", "/api/auth/signup", signup);
  *token = session.value("token", "");
  ASSERT_FALSE(token->empty());
  *store_id = session["store"].value("id", "");
  Expect(409, "POST", "/api/auth/signup", signup);  // email_taken
  Expect(400, "POST", "/api/auth/signup", {{"email", "x@openapi.test"}, {"password", "pw"}});
  Expect(200, "POST", "/api/auth/login",
         {{"email", "walk@openapi.test"}, {"password", "pass-word-1"}});
  Expect(200, "GET", "/api/me", {}, *token);
  Expect(401, "GET", "/api/me");
  Expect(401, "GET", "/api/products/drafts", {}, "not-a-session");
  Expect(200, "GET", "/api/stores/" + *store_id, {}, *token);
  Expect(200, "PATCH", "/api/stores/" + *store_id, {{"autoApprove", false}}, *token);
  Expect(400, "PATCH", "/api/stores/" + *store_id, {{"autoApproveThreshold", 7}}, *token);
  Expect(404, "GET", "/api/stores/store_nope", {}, *token);
  Expect(200, "GET", "/api/instagram/connection", {}, *token);
  Expect(409, "POST", "/api/instagram/scan", json::object(), *token);  // not_connected
  Expect(409, "POST", "/api/instagram/sync", json(), *token);
}

void OpenApiTest::WalkConnectAndScan(const std::string& token) {
  Expect(200, "GET", "/api/instagram/auth/url", {}, token);
  Expect(400, "GET", "/api/instagram/auth/url?pageId=%2F%2F", {}, token);
  std::string callback;
  auto back = SandboxConsent(*vendly_, *meta_, server_->url(), sandbox_port_, token,
                             sandbox_accounts::kWanjiru, "continue", &callback);
  Keep("GET", callback, back);
  ASSERT_TRUE(back && back->status == 302);
  Expect(200, "GET", "/api/instagram/connection", {}, token);
  Expect(200, "POST", "/api/instagram/connection/validate", json(), token);
  Expect(400, "POST", "/api/instagram/scan", {{"limit", 0}}, token);
  json started =
      Expect(202, "POST", "/api/instagram/scan", {{"limit", 1000}, {"includeVideos", true}}, token);
  const std::string scan_id = started.value("scanId", "");
  ASSERT_FALSE(scan_id.empty());
  Record("POST", "/api/instagram/scan", json::object(), token);  // already running, or a new one
  json scan = WaitForScan(token, scan_id);
  ASSERT_EQ(scan.value("status", ""), "completed") << scan.dump();
  Expect(200, "GET", "/api/instagram/scan/" + scan_id, {}, token);
  Expect(400, "GET", "/api/instagram/scan/" + scan_id + "?draftsLimit=x", {}, token);
  Expect(404, "GET", "/api/instagram/scan/scan_nope", {}, token);
}

void OpenApiTest::WalkDrafts(const std::string& token) {
  json page = Expect(200, "GET", "/api/products/drafts?limit=10", {}, token);
  ASSERT_GE(page["drafts"].size(), 6u) << page.dump().substr(0, 500);
  for (const auto& d : page["drafts"]) draft_ids_.push_back(d["id"]);
  Expect(200, "GET", "/api/products/drafts?status=all&sort=confidence&page=2&limit=5", {}, token);
  Expect(200, "GET", "/api/products/drafts?confidence=high&expiring=true", {}, token);
  Expect(400, "GET", "/api/products/drafts?limit=0", {}, token);
  Expect(400, "GET", "/api/products/drafts?sort=cheapest", {}, token);
  const std::string drafts = "/api/products/drafts/";
  Expect(200, "GET", drafts + draft_ids_[0], {}, token);
  Expect(404, "GET", drafts + "draft_nope", {}, token);
  Expect(200, "PATCH", drafts + draft_ids_[0], {{"name", "Red kitenge dress"}, {"price", 2500}},
         token);
  Expect(200, "PATCH", drafts + draft_ids_[1], {{"name", ""}}, token);  // saved, shows errors
  Expect(422, "PATCH", drafts + draft_ids_[0], {{"price", "cheap"}}, token);
  Expect(422, "PATCH", drafts + draft_ids_[0], {{"colour", "red"}}, token);
  Expect(400, "PATCH", drafts + draft_ids_[0], json::array(), token);
  RecordOversizeHead(drafts + draft_ids_[0], token);
  auto multipart =
      vendly_->Patch((drafts + draft_ids_[0]).c_str(), {{"Authorization", "Bearer " + token}},
                     "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nRed\r\n--b--\r\n",
                     "multipart/form-data; boundary=b");
  Keep("PATCH", drafts + draft_ids_[0], multipart);
  EXPECT_TRUE(multipart && multipart->status == 415) << (multipart ? multipart->body : "");
  Expect(422, "POST", drafts + draft_ids_[1] + "/approve", json(), token);  // empty name
  json approved = Expect(200, "POST", drafts + draft_ids_[0] + "/approve", json(), token);
  product_id_ = approved["product"].value("id", "");
  product_media_ = approved["product"].value("igMediaId", "");
  Expect(200, "POST", drafts + draft_ids_[0] + "/approve", json(), token);  // alreadyApproved
  Expect(409, "PATCH", drafts + draft_ids_[0], {{"name", "Too late"}}, token);
  Expect(200, "POST", drafts + draft_ids_[2] + "/reject", {{"reason", "Not a product"}}, token);
  Expect(409, "POST", drafts + draft_ids_[0] + "/reject", json(), token);  // approved
  Expect(404, "POST", drafts + "draft_nope/approve", json(), token);
  Expect(200, "POST", drafts + "batch-approve",
         {{"draftIds", {draft_ids_[3], draft_ids_[4], draft_ids_[1], "draft_nope"}}}, token);
  Expect(400, "POST", drafts + "batch-approve", {{"draftIds", json::array()}}, token);
}

void OpenApiTest::WalkProductsAndMedia(const std::string& token) {
  json page = Expect(200, "GET", "/api/products", {}, token);
  Expect(200, "GET", "/api/products?status=all&q=dress&limit=5", {}, token);
  Expect(400, "GET", "/api/products?status=sold", {}, token);
  json product = Expect(200, "GET", "/api/products/" + product_id_, {}, token);
  Expect(404, "GET", "/api/products/prod_nope", {}, token);
  // A stored picture, once the scan's media copies are done.
  std::string image;
  for (int i = 0; i < 600 && image.empty(); ++i) {  // up to a minute on a loaded machine
    json d = Body(Call(*vendly_, "GET", "/api/products/drafts?status=all&limit=50", {}, token));
    for (const auto& draft : d["drafts"])
      if (!draft["imageUrls"].empty()) image = draft["imageUrls"][0];
    if (image.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(image.empty()) << "no draft got a stored image";
  auto media = Record("GET", SplitUrl(image).second);
  ASSERT_TRUE(media);
  EXPECT_EQ(media->status, 200);
  Expect(400, "GET", "/api/media/not-a-hash.exe");
  Expect(404, "GET", "/api/media/" + std::string(64, 'a') + ".jpg");
}

void OpenApiTest::WalkSyncAndConflicts(const std::string& token, const std::string& store_id) {
  Expect(202, "POST", "/api/instagram/sync", json(), token);
  Expect(202, "POST", "/api/instagram/sync", json(), token);  // alreadyQueued, or a new one
  Expect(200, "GET", "/api/instagram/sync-history", {}, token);
  Expect(400, "GET", "/api/instagram/sync-history?limit=1000", {}, token);
  // A conflict as a poll leaves it (jobs/poll.cc): Instagram and the seller both changed a name.
  auto rows = Sql(db_->url(),
                  "INSERT INTO sync_conflict (store_id, product_id, ig_media_id, field, base_value,"
                  " instagram_value, seller_value) SELECT '" +
                      store_id + "', id, '" + product_media_ +
                      "', 'name', '\"Dress\"', '\"Red dress\"', '\"Kitenge dress\"'"
                      " FROM product WHERE id = '" +
                      product_id_ + "' RETURNING id");
  ASSERT_EQ(rows.size(), 1u);
  const std::string resolve = "/api/sync/conflicts/" + rows[0][0] + "/resolve";
  Expect(200, "GET", "/api/sync/conflicts", {}, token);
  Expect(422, "POST", resolve, {{"choice", "value"}, {"value", ""}}, token);
  Expect(400, "POST", resolve, {{"choice", "mine"}}, token);
  Expect(200, "POST", resolve, {{"choice", "instagram"}}, token);
  Expect(409, "POST", resolve, {{"choice", "vendly"}}, token);
  Expect(404, "POST", "/api/sync/conflicts/cfl_nope/resolve", {{"choice", "vendly"}}, token);
}

void OpenApiTest::WalkNotifications(const std::string& token) {
  json list = Expect(200, "GET", "/api/notifications", {}, token);
  ASSERT_FALSE(list["notifications"].empty()) << list.dump();
  Expect(200, "GET", "/api/notifications?unread=true&limit=5", {}, token);
  const std::string id = list["notifications"][0]["id"];
  Expect(200, "POST", "/api/notifications/" + id + "/read", json(), token);
  Expect(404, "POST", "/api/notifications/ntf_nope/read", json(), token);
  Expect(200, "POST", "/api/notifications/read-all", json(), token);
}

void OpenApiTest::WalkWebhooksAndMeta(const std::string& token) {
  const std::string verify = "/api/webhooks/instagram?hub.mode=subscribe&hub.challenge=4711";
  auto challenge = Record("GET", verify + "&hub.verify_token=" + kVerifyToken);
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->body, "4711");
  Expect(403, "GET", verify + "&hub.verify_token=wrong");
  const json delivery = {
      {"object", "instagram"},
      {"entry",
       {{{"id", sandbox_accounts::kWanjiruIg},
         {"time", 1790000000},
         {"changes", {{{"field", "comments"}, {"value", {{"id", "c1"}, {"text", "bei?"}}}}}}}}}};
  const std::string raw = delivery.dump();
  const std::string signature =
      "sha256=" + server::HexEncode(server::HmacSha256(sandbox_accounts::kAppSecret, raw));
  auto r = vendly_->Post("/api/webhooks/instagram", {{"X-Hub-Signature-256", signature}}, raw,
                         "application/json");
  Keep("POST", "/api/webhooks/instagram", r, raw);
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  Expect(401, "POST", "/api/webhooks/instagram", delivery);  // unsigned
  Expect(200, "GET", "/api/webhooks/events", {}, token);
  Expect(400, "GET", "/api/webhooks/events?status=lost", {}, token);
  PostForm(400, "/api/meta/data-deletion", {{"signed_request", "forged.request"}});
  PostForm(200, "/api/meta/deauthorize", {{"signed_request", SignedRequest("10000000000000999")}});
  PostForm(200, "/api/meta/data-deletion",
           {{"signed_request", SignedRequest(sandbox_accounts::kWanjiru)}});
  const json answer = json::parse(exchanges_.back().body, nullptr, false);
  Expect(200, "GET", SplitUrl(answer.value("url", "")).second);
  Expect(404, "GET", "/api/meta/data-deletion/status?id=nope");
  Expect(400, "GET", "/api/meta/data-deletion/status");
  Expect(404, "DELETE", "/api/instagram/connection", {}, token);  // Meta's deletion removed it
  Expect(200, "POST", "/api/auth/logout", json(), token);
}

// Wrong passwords for one unknown account until the throttle answers 429 (API.md: 5 go through
// freely, then each blocks the next for a growing delay).
void OpenApiTest::WalkThrottle() {
  int status = 0;
  for (int i = 0; i < 20 && status != 429; ++i) {
    auto r = Record("POST", "/api/auth/login",
                    {{"email", "nobody@openapi.test"}, {"password", "wrong-password"}});
    status = r ? r->status : 0;
  }
  EXPECT_EQ(status, 429) << "the login throttle never answered";
}

TEST_F(OpenApiTest, RealAnswersOfTheMainFlowsMatchTheDocument) {
  std::string token, store_id;
  WalkAccount(&token, &store_id);
  WalkConnectAndScan(token);
  WalkDrafts(token);
  WalkProductsAndMedia(token);
  WalkSyncAndConflicts(token, store_id);
  WalkNotifications(token);
  WalkWebhooksAndMeta(token);
  WalkThrottle();
  ASSERT_FALSE(HasFailure()) << "the walk went wrong before any validation";

  std::set<int> statuses;
  for (const auto& x : exchanges_) statuses.insert(x.status);
  for (int s : {200, 201, 202, 302, 400, 401, 403, 404, 409, 413, 415, 422, 429})
    EXPECT_TRUE(statuses.count(s)) << "the walk never saw a " << s;
  const std::string recorded = server_->dir + "/exchanges.jsonl";
  WriteExchanges(recorded, exchanges_);
  auto [status, output] = Check(VENDLY_OPENAPI_JSON, recorded);
  std::cout << output;  // the summary: exchanges, operations, problems
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find(std::to_string(exchanges_.size()) + " exchanges over"), std::string::npos)
      << output;
  EXPECT_NE(output.find(", 0 problems"), std::string::npos) << output;

  // Drift is caught: the same real answers against a document whose draft says confidence is a
  // string, whose scan requires a field the server does not send, and which no longer declares
  // a 422 for a draft edit.
  json drifted = CheckedInDocument();
  auto& schemas = drifted["components"]["schemas"];
  schemas["Draft"]["properties"]["confidence"] = {{"type", "string"}};
  schemas["Scan"]["required"].push_back("scanDuration");
  drifted["paths"]["/api/products/drafts/{draftId}"]["patch"]["responses"].erase("422");
  const std::string drifted_path = server_->dir + "/drifted-openapi.json";
  std::ofstream(drifted_path) << drifted.dump();
  auto [drift_status, drift_output] = Check(drifted_path, recorded);
  EXPECT_EQ(drift_status, 1) << drift_output;
  EXPECT_NE(drift_output.find("is not of type 'string'"), std::string::npos) << drift_output;
  EXPECT_NE(drift_output.find("'scanDuration' is a required property"), std::string::npos)
      << drift_output;
  EXPECT_NE(drift_output.find("status 422 is not declared"), std::string::npos) << drift_output;

  // And a drifted answer against the real document: a draft page whose drafts lost `current`
  // and whose pagination gained a key.
  Exchange bad;
  for (const auto& x : exchanges_)
    if (x.path == "/api/products/drafts?limit=10") bad = x;
  json body = json::parse(bad.body);
  body["drafts"][0].erase("current");
  body["pagination"]["next"] = 2;
  bad.body = body.dump();
  const std::string bad_path = server_->dir + "/bad-exchange.jsonl";
  WriteExchanges(bad_path, {bad});
  auto [bad_status, bad_output] = Check(VENDLY_OPENAPI_JSON, bad_path);
  EXPECT_EQ(bad_status, 1) << bad_output;
  EXPECT_NE(bad_output.find("'current' is a required property"), std::string::npos) << bad_output;
  EXPECT_NE(bad_output.find("Additional properties are not allowed ('next'"), std::string::npos)
      << bad_output;
}

}  // namespace
}  // namespace vendly::test
