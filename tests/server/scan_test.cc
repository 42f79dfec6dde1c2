// US-4 and US-6 end to end against the real vendly-server, the Meta sandbox and a private
// PostgreSQL: a seller connects through the sandbox's dialog, scans, and reviews drafts over HTTP.
// What a scan should produce is computed here from the sandbox's own world with the core extractor,
// post by post, so "every product post ends with exactly its drafts" is checked, not assumed.
#include <gtest/gtest.h>
#include <vendly/extract.h>

#include <atomic>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "scan_support.h"
#include "test_support.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

using sandbox_accounts::kBench;  // 1,000 generated posts
using sandbox_accounts::kBenchIg;
using sandbox_accounts::kWanjiru;  // 320 posts, Nairobi fashion
using sandbox_accounts::kWanjiruIg;
constexpr char kListing[] = "GET /{ig-user-id}/media";

class ScanTest : public IntegrationTest<ScanTest> {
 protected:
  static constexpr bool kSandbox = true;

  static std::map<std::string, std::string> ServerEnv() {
    return SandboxServerEnv(
        sandbox_port_,
        {{"VENDLY_WORKER_THREADS", "2"},
         // One key for every server process of a test: a restarted server must open the tokens.
         {"VENDLY_TOKEN_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},
         {"VENDLY_JOB_LEASE_SECONDS", "2"},
         {"VENDLY_THROTTLE_MAX_DEFER_SECONDS", "1"},
         {"VENDLY_DRAFT_EXPIRY_INTERVAL_SECONDS", "1"},
         {"VENDLY_LOG_LEVEL", "info"}});
  }

  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    Start();  // applies the migrations
    // Each test starts from an empty catalog (one database per test process); the recurring draft
    // expiry job stays.
    Sql(db_->url(),
        "DELETE FROM job WHERE kind <> 'draft_expiry'; DELETE FROM instagram_connection;"
        " DELETE FROM store; DELETE FROM seller");
  }

  void Start() {
    server_ = StartServer(db_->url(), ServerEnv());
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    vendly_->set_read_timeout(30, 0);
  }

  // Signs a seller up and connects `user`'s Instagram account through the sandbox's dialog.
  std::string ConnectedSeller(const std::string& email, const std::string& user) {
    const std::string session = SignupSeller(*vendly_, email);
    auto back = SandboxConsent(*vendly_, *meta_, server_->url(), sandbox_port_, session, user);
    EXPECT_TRUE(back && back->status == 302);
    EXPECT_NE(back->get_header_value("Location").find("connected=1"), std::string::npos);
    return session;
  }

  json StartScan(const std::string& session, const json& options, int expected_status = 202) {
    auto r = Call(*vendly_, "POST", "/api/instagram/scan", options, session);
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, expected_status) << r->body;
    return Body(r);
  }

  // Polls the scan until it is completed or failed.
  json WaitForScan(const std::string& session, const std::string& scan_id, int timeout_s = 60) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    json scan;
    while (std::chrono::steady_clock::now() < deadline) {
      scan = Body(
          Call(*vendly_, "GET", "/api/instagram/scan/" + scan_id + "?draftsLimit=0", {}, session));
      if (scan.value("status", "") == "completed" || scan.value("status", "") == "failed")
        return scan;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "scan did not finish: " << scan.dump() << "\n"
                  << server_->log().substr(0, 4000);
    return scan;
  }

  std::map<std::string, int> ExpectedDrafts(const std::string& ig, bool include_videos = true) {
    return test::ExpectedDrafts(*meta_, ig, include_videos);
  }
  std::map<std::string, int> ActualDrafts() { return test::ActualDrafts(db_->url()); }
  void ExpectExactDrafts(const std::map<std::string, int>& expected) {
    test::ExpectExactDrafts(db_->url(), expected);
  }

  int ListingCalls(const std::string& ig) {
    auto calls = Body(meta_->Get("/_sandbox/calls"));
    return calls["by_account"][ig]["by_endpoint"].value(kListing, 0);
  }

  std::unique_ptr<httplib::Client> vendly_;
};

TEST_F(ScanTest, FullScanOfThe320PostAccountGivesExactlyItsDrafts) {
  const std::string session = ConnectedSeller("wanjiru@duka.co", kWanjiru);
  auto expected = ExpectedDrafts(kWanjiruIg);
  ASSERT_EQ(expected.size(), 320u);
  ASSERT_TRUE(meta_->Delete("/_sandbox/calls"));

  json started = StartScan(session, {{"limit", 1000}, {"includeVideos", true}});
  ASSERT_TRUE(started.contains("scanId")) << started.dump();
  EXPECT_EQ(started["status"], "queued");
  EXPECT_GT(started["estimatedTime"].get<int>(), 0);
  json scan = WaitForScan(session, started["scanId"]);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  EXPECT_EQ(scan["progress"]["totalMedia"], 320);
  EXPECT_EQ(scan["progress"]["processed"], 320);
  int product_posts = 0, drafts = 0;
  for (const auto& [id, n] : expected) {
    product_posts += n > 0;
    drafts += n;
  }
  EXPECT_EQ(scan["progress"]["draftsCreated"], drafts);
  EXPECT_EQ(scan["progress"]["skipped"], 320 - product_posts);
  EXPECT_EQ(scan["progress"]["failed"], 0);
  EXPECT_EQ(scan["estimatedTimeRemaining"], 0);
  ExpectExactDrafts(expected);
  // 320 posts at 100 per call: 4 listing calls, children expanded in the same calls.
  EXPECT_EQ(ListingCalls(kWanjiruIg), 4);
  EXPECT_EQ(scan["apiCallsUsed"], 4);

  // The scan's drafts, with the core's extraction and evidence, newest post first.
  json page = Body(Call(*vendly_, "GET", "/api/instagram/scan/" + scan["scanId"].get<std::string>(),
                        {}, session));
  ASSERT_EQ(page["drafts"].size(), 100u);
  EXPECT_EQ(page["draftsTotal"], drafts);
  const json& first = page["drafts"][0];
  EXPECT_EQ(first["igMediaId"], "18000000000100001");
  EXPECT_EQ(first["extractedData"]["name"], "Oversized Hoodie");
  EXPECT_EQ(first["extractedData"]["price"], 2200);
  EXPECT_EQ(first["current"]["currency"], "KES");
  EXPECT_TRUE(first["errors"].empty());
  EXPECT_EQ(first["approvalStatus"], "pending");
  EXPECT_EQ(first["extractedData"]["evidence"]["price"].size(), 1u);

  // Pictures come from our media store, copied by jobs the scan queued; none from Instagram's CDN.
  ASSERT_TRUE([&] {
    for (int i = 0; i < 600; ++i) {
      if (Sql(db_->url(),
              "SELECT count(*) FROM job WHERE kind = 'media_copy' AND status IN"
              " ('queued', 'running')")[0][0] == "0")
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }()) << "media copies did not finish";
  EXPECT_EQ(Sql(db_->url(),
                "SELECT count(*) FROM job WHERE kind = 'media_copy' AND status = 'failed'")[0][0],
            "0");
  EXPECT_EQ(Sql(db_->url(),
                "SELECT count(*) FROM product_draft WHERE image_urls::text LIKE '%/cdn/%'")[0][0],
            "0");
  const std::string media_prefix = server_->url() + "/api/media/";
  json pictured = Body(
      Call(*vendly_, "GET", "/api/products/drafts/" + first["id"].get<std::string>(), {}, session));
  ASSERT_FALSE(pictured["draft"]["imageUrls"].empty()) << pictured.dump();
  // The API spells every key in camelCase: no key of a draft, at any depth, has an underscore.
  std::vector<std::string> snake_keys;
  std::function<void(const json&, const std::string&)> walk = [&](const json& v,
                                                                  const std::string& at) {
    if (v.is_array()) {
      for (const json& x : v) walk(x, at + "[]");
    } else if (v.is_object()) {
      for (const auto& [key, x] : v.items()) {
        if (key.find('_') != std::string::npos) snake_keys.push_back(at + "." + key);
        walk(x, at + "." + key);
      }
    }
  };
  walk(pictured, "");
  EXPECT_TRUE(snake_keys.empty()) << testing::PrintToString(snake_keys) << "\n" << pictured.dump();
  const std::string image = pictured["draft"]["imageUrls"][0];
  ASSERT_EQ(image.rfind(media_prefix, 0), 0u) << image;
  auto served = vendly_->Get(image.substr(server_->url().size()).c_str());
  ASSERT_TRUE(served);
  EXPECT_EQ(served->status, 200);
  EXPECT_EQ(served->get_header_value("Content-Type").rfind("image/", 0), 0u);

  // Scanning again updates the drafts and never duplicates them.
  json again = StartScan(session, {{"limit", 1000}, {"includeVideos", true}});
  json second = WaitForScan(session, again["scanId"]);
  ASSERT_EQ(second["status"], "completed");
  EXPECT_EQ(second["progress"]["draftsCreated"], drafts);
  ExpectExactDrafts(expected);

  // The seller is told, and the sync history shows both scans with their API calls.
  json notes = Body(Call(*vendly_, "GET", "/api/notifications", {}, session));
  ASSERT_GE(notes["notifications"].size(), 2u);
  EXPECT_EQ(notes["notifications"][0]["kind"], "scan_completed");
  EXPECT_EQ(notes["unreadCount"], 2);
  EXPECT_NE(notes["notifications"][0]["body"].get<std::string>().find(std::to_string(drafts)),
            std::string::npos);
  json history = Body(Call(*vendly_, "GET", "/api/instagram/sync-history", {}, session));
  ASSERT_EQ(history["history"].size(), 2u);
  EXPECT_EQ(history["history"][0]["syncType"], "bulk_import");
  EXPECT_EQ(history["history"][0]["status"], "success");
  EXPECT_EQ(history["history"][0]["apiCallsUsed"], 4);
  EXPECT_GE(history["history"][0]["durationMs"].get<int>(), 0);
  EXPECT_EQ(history["pagination"]["total"], 2);
  auto read = Call(*vendly_, "POST", "/api/notifications/read-all", json::object(), session);
  ASSERT_TRUE(read && read->status == 200);
  EXPECT_EQ(
      Body(Call(*vendly_, "GET", "/api/notifications?unread=true", {}, session))["unreadCount"], 0);
}

TEST_F(ScanTest, OptionsFilterVideosCarouselsAndOldPosts) {
  const std::string session = ConnectedSeller("filters@duka.co", kWanjiru);
  auto world = Body(meta_->Get("/_sandbox/accounts/" + std::string(kWanjiruIg) + "/media"))["data"];
  const std::string since = "2026-09-01T00:00:00Z";
  int wanted = 0;
  for (const auto& m : world)
    if (m["media_type"] == "IMAGE" && m["timestamp"].get<std::string>() >= "2026-09-01") ++wanted;
  ASSERT_GT(wanted, 0);
  ASSERT_LT(wanted, 320);
  json started = StartScan(
      session,
      {{"includeVideos", false}, {"includeCarousels", false}, {"since", since}, {"limit", 1000}});
  json scan = WaitForScan(session, started["scanId"]);
  ASSERT_EQ(scan["status"], "completed");
  EXPECT_EQ(scan["progress"]["totalMedia"], wanted);
  for (const auto& row : Sql(db_->url(), "SELECT DISTINCT ig_media_type FROM product_draft"))
    EXPECT_EQ(row[0], "IMAGE");
  // `limit` caps the posts considered.
  json limited = StartScan(session, {{"limit", 7}});
  json small = WaitForScan(session, limited["scanId"]);
  EXPECT_EQ(small["progress"]["totalMedia"], 7);

  // Bad options are refused with a clear error.
  for (const json& bad : {json{{"limit", 0}}, json{{"limit", "ten"}},
                          json{{"includeVideos", "yes"}}, json{{"since", "last week"}}}) {
    auto r = Call(*vendly_, "POST", "/api/instagram/scan", bad, session);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad.dump();
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_request");
  }
  auto malformed = vendly_->Post("/api/instagram/scan", {{"Authorization", "Bearer " + session}},
                                 "{\"limit\":", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
}

TEST_F(ScanTest, OneScanPerConnectionAtATime) {
  const std::string session = ConnectedSeller("once@duka.co", kWanjiru);
  // Slow listing pages keep the first scan running while the second request arrives.
  ASSERT_TRUE(meta_->Post("/_sandbox/faults",
                          json{{"type", "slow"}, {"endpoint", kListing}, {"delay_ms", 700}}.dump(),
                          "application/json"));
  json first = StartScan(session, {{"limit", 1000}});
  json second = StartScan(session, {{"limit", 50}}, 200);
  EXPECT_EQ(second["scanId"], first["scanId"]);
  EXPECT_EQ(second["alreadyRunning"], true);
  EXPECT_EQ(WaitForScan(session, first["scanId"])["status"], "completed");
  ASSERT_TRUE(meta_->Delete("/_sandbox/faults"));
  // Without a connection there is nothing to scan.
  const std::string other = SignupSeller(*vendly_, "unconnected@duka.co");
  auto r = Call(*vendly_, "POST", "/api/instagram/scan", json::object(), other);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(Body(r)["error"]["code"], "not_connected");
  // Another seller cannot read this scan.
  auto foreign =
      Call(*vendly_, "GET", "/api/instagram/scan/" + first["scanId"].get<std::string>(), {}, other);
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 404);
}

TEST_F(ScanTest, AScanWhoseJobDiesIsFailedAndTheSellerCanScanAgain) {
  const std::string session = ConnectedSeller("died@duka.co", kWanjiru);
  ASSERT_TRUE(meta_->Post("/_sandbox/faults",
                          json{{"type", "slow"}, {"endpoint", kListing}, {"delay_ms", 3000}}.dump(),
                          "application/json"));
  json first = StartScan(session, {{"limit", 1000}});
  // The worker crashes during what turns out to be the job's last attempt.
  bool running = false;
  for (int i = 0; i < 100 && !running; ++i) {
    running =
        Sql(db_->url(),
            "SELECT count(*) FROM job WHERE kind = 'scan' AND status = 'running'")[0][0] == "1";
    if (!running) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(running);
  ::kill(server_->process->pid(), SIGKILL);
  server_->process->Stop();
  Sql(db_->url(), "UPDATE job SET max_attempts = attempts WHERE kind = 'scan'");
  ASSERT_TRUE(meta_->Delete("/_sandbox/faults"));
  Start();  // its runner sweeps the expired lease: the job dies, and the scan with it
  json scan = WaitForScan(session, first["scanId"]);
  EXPECT_EQ(scan["status"], "failed");
  EXPECT_EQ(scan["error"]["code"], "scan_stopped");
  json notes = Body(Call(*vendly_, "GET", "/api/notifications", {}, session));
  ASSERT_FALSE(notes["notifications"].empty());
  EXPECT_EQ(notes["notifications"][0]["kind"], "scan_failed");
  json second = StartScan(session, {{"limit", 20}});
  EXPECT_NE(second["scanId"], first["scanId"]);
  EXPECT_EQ(WaitForScan(session, second["scanId"])["status"], "completed");
}

TEST_F(ScanTest, ThrottlingMidScanBacksOffAndCompletes) {
  const std::string session = ConnectedSeller("throttle@duka.co", kWanjiru);
  auto expected = ExpectedDrafts(kWanjiruIg, false);
  ASSERT_TRUE(meta_->Post(
      "/_sandbox/faults",
      json{
          {"type", "throttle"}, {"code", 80002}, {"endpoint", kListing}, {"after", 1}, {"count", 2}}
          .dump(),
      "application/json"));
  json started = StartScan(session, {{"limit", 1000}});
  json scan = WaitForScan(session, started["scanId"]);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  EXPECT_EQ(scan["progress"]["failed"], 0);
  ExpectExactDrafts(expected);
  // It waited rather than hammering: the connection remembers the throttle.
  auto rows = Sql(db_->url(), "SELECT throttled_until IS NOT NULL FROM instagram_connection");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "t");
  EXPECT_NE(server_->log().find("scan_throttled"), std::string::npos);
}

TEST_F(ScanTest, ExpiredTokenMidScanStopsMarksTheConnectionAndTellsTheSeller) {
  const std::string session = ConnectedSeller("expired@duka.co", kWanjiru);
  ASSERT_TRUE(meta_->Post(
      "/_sandbox/faults",
      json{{"type", "token_error"}, {"subcode", 463}, {"endpoint", kListing}, {"after", 1}}.dump(),
      "application/json"));
  json started = StartScan(session, {{"limit", 1000}});
  json scan = WaitForScan(session, started["scanId"]);
  ASSERT_EQ(scan["status"], "failed") << scan.dump();
  EXPECT_EQ(scan["error"]["code"], "connection_expired");
  json connection = Body(Call(*vendly_, "GET", "/api/instagram/connection", {}, session));
  EXPECT_EQ(connection["connection"]["status"], "expired");
  json notes = Body(Call(*vendly_, "GET", "/api/notifications", {}, session));
  std::set<std::string> kinds;
  for (const auto& n : notes["notifications"]) kinds.insert(n["kind"]);
  EXPECT_TRUE(kinds.count("connection_expired"));
  EXPECT_TRUE(kinds.count("scan_failed"));
  // A new scan is refused until the seller reconnects.
  auto again = Call(*vendly_, "POST", "/api/instagram/scan", json::object(), session);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  EXPECT_EQ(Body(again)["error"]["code"], "connection_expired");
}

// The "Done when": SIGKILL the server at random moments of a scan, 10 times, restarting it
// each time; every product post ends with exactly its drafts and the counters are exact.
TEST_F(ScanTest, SurvivesTenRandomKillsOfTheServer) {
  const std::string session = ConnectedSeller("bench@duka.co", kBench);
  auto expected = ExpectedDrafts(kBenchIg);
  ASSERT_EQ(expected.size(), 1000u);
  // Slow pages stretch the scan so that the kills land in the listing and in the writing alike.
  ASSERT_TRUE(meta_->Post("/_sandbox/faults",
                          json{{"type", "slow"}, {"endpoint", kListing}, {"delay_ms", 60}}.dump(),
                          "application/json"));
  json started = StartScan(session, {{"limit", 1000}, {"includeVideos", true}});
  const std::string scan_id = started["scanId"];
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<int> delay_ms(0, 700);
  int kills = 0;
  std::set<long long> kill_points;
  std::string last_worker;
  for (int kill = 0; kill < 10; ++kill) {
    // Wait until a worker of this server process holds the scan (after the dead one's lease), then
    // let it work for a random while.
    std::string worker;
    for (int i = 0; i < 100 && (worker.empty() || worker == last_worker); ++i) {
      auto rows =
          Sql(db_->url(),
              "SELECT COALESCE(locked_by, '') FROM job WHERE kind = 'scan' AND status = 'running'");
      worker = rows.empty() ? "" : rows[0][0];
      if (worker.empty() || worker == last_worker)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (worker.empty()) break;  // the scan finished before this kill
    last_worker = worker;
    if (kill < 5) {
      // Anywhere: in the listing or in the writing.
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    } else {
      // In the writing: once this run has written a chunk of its own, so the next is under way.
      const long long before = kill_points.empty() ? 0 : *kill_points.rbegin();
      for (int i = 0; i < 400; ++i) {
        auto p = Sql(db_->url(), "SELECT total_processed FROM instagram_sync_history WHERE id = '" +
                                     scan_id + "'");
        if (std::stoll(p[0][0]) > before) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
      }
    }
    auto progress =
        Sql(db_->url(),
            "SELECT total_processed FROM instagram_sync_history WHERE id = '" + scan_id + "'");
    if (std::stoll(progress[0][0]) >= 1000) break;  // finished before this kill
    kill_points.insert(std::stoll(progress[0][0]));
    ::kill(server_->process->pid(), SIGKILL);
    ++kills;
    server_->process->Stop();
    Start();  // a new server process; its workers take the job once the dead one's lease runs out
  }
  json scan = WaitForScan(session, scan_id, 120);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  EXPECT_EQ(scan["progress"]["processed"], 1000);
  EXPECT_EQ(scan["progress"]["totalMedia"], 1000);
  int drafts = 0;
  for (const auto& [id, n] : expected) drafts += n;
  EXPECT_EQ(scan["progress"]["draftsCreated"], drafts);
  ExpectExactDrafts(expected);
  auto items = Sql(db_->url(), "SELECT count(*) FROM scan_item WHERE scan_id = '" + scan_id + "'");
  EXPECT_EQ(items[0][0], "1000");
  // The kills really interrupted the scan part-way, several of them in the middle of writing
  // drafts.
  int mid_write = 0;
  for (long long p : kill_points) mid_write += p > 0 && p < 1000;
  EXPECT_GE(mid_write, 2);
  EXPECT_EQ(kills, 10);
}

TEST_F(ScanTest, DraftReviewApproveRejectEditAndBatch) {
  const std::string session = ConnectedSeller("review@duka.co", kWanjiru);
  json scan = WaitForScan(session, StartScan(session, {{"limit", 60}})["scanId"]);
  ASSERT_EQ(scan["status"], "completed");

  json list = Body(Call(*vendly_, "GET", "/api/products/drafts?limit=5", {}, session));
  ASSERT_EQ(list["drafts"].size(), 5u);
  const long long total = list["pagination"]["total"];
  EXPECT_EQ(list["pagination"]["pages"], (total + 4) / 5);
  EXPECT_EQ(list["counts"]["all"], total);
  // A page past the end is empty and still knows the total.
  json past = Body(Call(*vendly_, "GET",
                        "/api/products/drafts?limit=5&page=" + std::to_string((total + 4) / 5 + 1),
                        {}, session));
  EXPECT_TRUE(past["drafts"].empty());
  EXPECT_EQ(past["pagination"]["total"], total);
  EXPECT_EQ(list["counts"]["high"].get<long long>() + list["counts"]["low"].get<long long>(),
            total);
  json high =
      Body(Call(*vendly_, "GET", "/api/products/drafts?confidence=high&limit=100", {}, session));
  for (const auto& d : high["drafts"]) EXPECT_GE(d["confidence"].get<double>(), 0.8);
  json by_conf = Body(
      Call(*vendly_, "GET", "/api/products/drafts?sort=confidence_asc&limit=100", {}, session));
  for (std::size_t i = 1; i < by_conf["drafts"].size(); ++i)
    EXPECT_LE(by_conf["drafts"][i - 1]["confidence"].get<double>(),
              by_conf["drafts"][i]["confidence"].get<double>());
  for (const char* bad :
       {"?status=maybe", "?limit=0", "?page=x", "?sort=sideways", "?confidence=mid"}) {
    auto r = Call(*vendly_, "GET", std::string("/api/products/drafts") + bad, {}, session);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
  }

  const std::string a = list["drafts"][0]["id"], b = list["drafts"][1]["id"],
                    c = list["drafts"][2]["id"];
  // Edits: wrong types are refused and nothing is saved; a saved edit shows the core's verdict.
  auto wrong = Call(*vendly_, "PATCH", "/api/products/drafts/" + a, {{"price", "cheap"}}, session);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 422) << wrong->body;
  EXPECT_EQ(Body(wrong)["errors"][0]["field"], "price");
  auto unknown = Call(*vendly_, "PATCH", "/api/products/drafts/" + a, {{"colour", "red"}}, session);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 422);
  auto cleared = Call(*vendly_, "PATCH", "/api/products/drafts/" + a, {{"name", ""}}, session);
  ASSERT_TRUE(cleared);
  ASSERT_EQ(cleared->status, 200) << cleared->body;
  EXPECT_EQ(Body(cleared)["draft"]["errors"][0]["field"], "name");
  auto refused =
      Call(*vendly_, "POST", "/api/products/drafts/" + a + "/approve", json::object(), session);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(Body(refused)["error"]["code"], "validation_failed");
  auto renamed = Call(
      *vendly_, "PATCH", "/api/products/drafts/" + a,
      {{"name", "Blue Denim Jacket"}, {"price", 3000}, {"tags", {"denim", "#Jacket"}}}, session);
  ASSERT_TRUE(renamed && renamed->status == 200);
  json edited = Body(renamed)["draft"];
  EXPECT_EQ(edited["current"]["name"], "Blue Denim Jacket");
  EXPECT_EQ(edited["current"]["price"], 3000);
  EXPECT_EQ(edited["current"]["tags"], json({"denim", "jacket"}));
  EXPECT_TRUE(edited["errors"].empty());

  // Two concurrent approvals of one draft make one product.
  json results[2];
  int statuses[2] = {0, 0};
  std::thread racers[2];
  for (int i = 0; i < 2; ++i)
    racers[i] = std::thread([&, i] {
      httplib::Client client("127.0.0.1", server_->port);
      auto r =
          Call(client, "POST", "/api/products/drafts/" + a + "/approve", json::object(), session);
      statuses[i] = r ? r->status : -1;
      results[i] = Body(r);
    });
  for (auto& t : racers) t.join();
  EXPECT_EQ(statuses[0], 200);
  EXPECT_EQ(statuses[1], 200);
  EXPECT_EQ(results[0]["product"]["id"], results[1]["product"]["id"]);
  EXPECT_EQ(results[0]["product"]["slug"], "blue-denim-jacket");
  EXPECT_EQ(results[0]["product"]["price"], 3000);
  EXPECT_EQ(results[0]["product"]["status"], "active");
  EXPECT_NE(results[0].value("alreadyApproved", false), results[1].value("alreadyApproved", false));
  EXPECT_EQ(Sql(db_->url(), "SELECT count(*) FROM product")[0][0], "1");

  // Reject with a reason; a rejected draft cannot be approved or edited.
  auto rejected = Call(*vendly_, "POST", "/api/products/drafts/" + b + "/reject",
                       {{"reason", "Duplicate"}}, session);
  ASSERT_TRUE(rejected && rejected->status == 200);
  EXPECT_EQ(Body(rejected)["message"], "Draft rejected");
  auto late =
      Call(*vendly_, "POST", "/api/products/drafts/" + b + "/approve", json::object(), session);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 409);
  EXPECT_EQ(Body(late)["error"]["code"], "draft_not_pending");
  json got = Body(Call(*vendly_, "GET", "/api/products/drafts/" + b, {}, session));
  EXPECT_EQ(got["draft"]["approvalStatus"], "rejected");
  EXPECT_EQ(got["draft"]["rejectionReason"], "Duplicate");

  // Batch approval: unknown and foreign ids fail one by one; the rest are approved.
  const std::string other = ConnectedSeller("other@duka.co", sandbox_accounts::kBrian);
  json other_scan = WaitForScan(other, StartScan(other, {{"limit", 10}})["scanId"]);
  json foreign_list = Body(Call(*vendly_, "GET", "/api/products/drafts?limit=1", {}, other));
  ASSERT_EQ(foreign_list["drafts"].size(), 1u);
  const std::string foreign = foreign_list["drafts"][0]["id"];
  auto batch = Call(*vendly_, "POST", "/api/products/drafts/batch-approve",
                    {{"draftIds", {c, "draft_doesnotexist", foreign, a}}}, session);
  ASSERT_TRUE(batch && batch->status == 200) << (batch ? batch->body : "");
  json br = Body(batch);
  EXPECT_EQ(br["results"]["approved"], 2);  // c, and a again (already approved: same product)
  EXPECT_EQ(br["results"]["failed"], 2);
  EXPECT_EQ(br["items"][1]["error"]["code"], "not_found");
  EXPECT_EQ(br["items"][2]["error"]["code"], "not_found");
  json foreign_draft = Body(Call(*vendly_, "GET", "/api/products/drafts/" + foreign, {}, other));
  EXPECT_EQ(foreign_draft["draft"]["approvalStatus"], "pending");
  for (const json& bad :
       {json::object(), json{{"draftIds", json::array()}}, json{{"draftIds", {1, 2}}}}) {
    auto r = Call(*vendly_, "POST", "/api/products/drafts/batch-approve", bad, session);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad.dump();
  }

  // The catalog lists the products, newest first; another seller sees none of them.
  json products = Body(Call(*vendly_, "GET", "/api/products", {}, session));
  ASSERT_EQ(products["products"].size(), 2u);
  EXPECT_EQ(products["pagination"]["total"], 2);
  json search = Body(Call(*vendly_, "GET", "/api/products?q=denim", {}, session));
  ASSERT_EQ(search["products"].size(), 1u);
  EXPECT_EQ(search["products"][0]["draftId"], a);
  auto hidden = Call(*vendly_, "GET",
                     "/api/products/" + search["products"][0]["id"].get<std::string>(), {}, other);
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);
}

TEST_F(ScanTest, AutoApproveAndExpiry) {
  const std::string session = ConnectedSeller("auto@duka.co", kWanjiru);
  json me = Body(Call(*vendly_, "GET", "/api/me", {}, session));
  const std::string store_id = me["store"]["id"];
  auto patched = Call(*vendly_, "PATCH", "/api/stores/" + store_id,
                      {{"autoApprove", true}, {"autoApproveThreshold", 0.9}}, session);
  ASSERT_TRUE(patched && patched->status == 200) << (patched ? patched->body : "");
  json scan = WaitForScan(session, StartScan(session, {{"limit", 80}})["scanId"]);
  ASSERT_EQ(scan["status"], "completed");
  const long long imported = scan["progress"]["productsImported"];
  EXPECT_GT(imported, 0);
  EXPECT_LT(imported, scan["progress"]["draftsCreated"].get<long long>());
  // Exactly the confident drafts became products, visibly.
  auto rows =
      Sql(db_->url(),
          "SELECT count(*) FILTER (WHERE approval_status = 'approved' AND product_id IS NOT NULL),"
          " count(*) FILTER (WHERE approval_status = 'approved' AND confidence < 0.9),"
          " (SELECT count(*) FROM product) FROM product_draft");
  EXPECT_EQ(std::stoll(rows[0][0]), imported);
  EXPECT_EQ(rows[0][1], "0");
  EXPECT_EQ(std::stoll(rows[0][2]), imported);

  // A pending draft past its 7 days is expired by the scheduled job.
  Sql(db_->url(),
      "UPDATE product_draft SET expires_at = now() - interval '1 minute' WHERE id = (SELECT id FROM"
      " product_draft WHERE approval_status = 'pending' ORDER BY id LIMIT 1)");
  bool expired = false;
  for (int i = 0; i < 60 && !expired; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    expired =
        Sql(db_->url(),
            "SELECT count(*) FROM product_draft WHERE approval_status = 'expired'")[0][0] == "1";
  }
  EXPECT_TRUE(expired);
}

#endif  // META_SANDBOX_BIN

}  // namespace
}  // namespace vendly::test
