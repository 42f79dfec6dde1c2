// Faults (issue 20 item 7), each ending with nothing lost and a clear status for the seller,
// against the real vendly-server and the Meta sandbox. The database is a PostgreSQL cluster of this
// test process only (initdb under a temporary folder, as scripts/lib.sh pg_start makes one), so
// killing it (pg_ctl stop -m immediate: every backend gone at once, as in a crash) hurts no other
// suite.
//  - PostgreSQL killed and started again in the middle of a scan's writing and of webhook
//    ingestion: requests meanwhile answer 503 JSON with Retry-After, the server recovers without
//    a restart (no request fails on a connection the restart closed), the scan finishes with every
//    post drafted exactly once, and every webhook change is processed once.
//  - The sandbox cutting connections in the middle of a media page: the scan completes, nothing
//    lost.
//  - The media disk full (a small tmpfs as VENDLY_MEDIA_DIR; the test skips, saying why, where it
//    cannot mount one): drafts show imagesStatus "copying", the seller gets one notice, the copies
//    wait without spending attempts and are stored once there is room.
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "crypto/crypto.h"
#include "scan_support.h"
#include "test_support.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

namespace fs = std::filesystem;
using sandbox_accounts::kBench;  // 1,000 generated posts
using sandbox_accounts::kBenchIg;
using sandbox_accounts::kWanjiru;  // 320 posts
using sandbox_accounts::kWanjiruIg;
constexpr char kListing[] = "GET /{ig-user-id}/media";

// The newest PostgreSQL's bin folder under /usr/lib/postgresql; "" when there is none.
std::string PostgresBin() {
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const fs::path bin = entry.path() / "bin";
    if (!fs::exists(bin / "pg_ctl") || std::stoi(name) <= best_version) continue;
    best_version = std::stoi(name);
    best = bin.string();
  }
  return best;
}

// A PostgreSQL cluster of this test process: a Unix socket in its folder, fsync off, database
// "vendly". As root it runs as the `postgres` user (initdb refuses root).
class Cluster {
 public:
  Cluster() {
    bin_ = PostgresBin();
    if (bin_.empty()) {
      reason_ = "no PostgreSQL under /usr/lib/postgresql (scripts/setup installs it)";
      return;
    }
    dir_ = TempDir();
    if (getuid() == 0) {
      const passwd* pg = getpwnam("postgres");
      if (!pg || chown(dir_.c_str(), pg->pw_uid, pg->pw_gid) != 0) {
        reason_ = "running as root, and there is no postgres user to run PostgreSQL as";
        return;
      }
      as_ = "runuser -u postgres -- ";
    }
    port_ = FreePort();
    if (!Run(as_ + bin_ + "/initdb -D " + dir_ + "/data -U postgres -A trust --no-sync -E UTF8" +
             " --no-locale >" + dir_ + "/initdb.log 2>&1") ||
        !Run(as_ + "mkdir -p " + dir_ + "/sock") || !Start()) {
      reason_ = "could not make a PostgreSQL cluster in " + dir_ + ": " + ReadFile(dir_ + "/log");
      return;
    }
    ready_ = true;
  }
  ~Cluster() {
    if (!dir_.empty()) {
      Kill();
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
  }
  bool ready() const { return ready_; }
  const std::string& reason() const { return reason_; }
  std::string admin_url() const { return Url("postgres"); }
  std::string url() const { return Url("vendly"); }

  bool Start() {
    return Run(as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/log -w -t 60 -o \"-p " +
               std::to_string(port_) + " -k " + dir_ +
               "/sock -c listen_addresses='' -c fsync=off -c max_connections=100\" start" +
               " >/dev/null 2>&1");
  }
  // Every backend gone at once, nothing flushed: what a crash of the database server looks like.
  bool Kill() {
    return Run(as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop >/dev/null 2>&1");
  }
  // A fresh, empty "vendly" database.
  void Recreate() {
    Sql(admin_url(), "DROP DATABASE IF EXISTS vendly WITH (FORCE)");
    Sql(admin_url(), "CREATE DATABASE vendly");
  }

 private:
  static bool Run(const std::string& command) { return std::system(command.c_str()) == 0; }
  std::string Url(const std::string& db) const {
    return "host=" + dir_ + "/sock port=" + std::to_string(port_) + " user=postgres dbname=" + db;
  }
  std::string bin_, dir_, as_, reason_;
  int port_ = 0;
  bool ready_ = false;
};

class FaultsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = new Cluster();
    sandbox_ = StartSandbox(&sandbox_port_);
  }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    if (!cluster_->ready()) GTEST_SKIP() << cluster_->reason();
    cluster_->Recreate();
    meta_ = std::make_unique<httplib::Client>("127.0.0.1", sandbox_port_);
    ASSERT_TRUE(meta_->Post("/_sandbox/reset", "{}", "application/json"));
  }
  void TearDown() override {
    server_.reset();
    if (cluster_ && cluster_->ready()) cluster_->Start();  // running again for the next test
  }

  void StartVendly(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {
        {"VENDLY_WORKER_THREADS", "2"},
        {"VENDLY_DB_POOL", "6"},
        {"VENDLY_TOKEN_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},
        {"VENDLY_JOB_LEASE_SECONDS", "2"},
        {"VENDLY_LOG_LEVEL", "info"}};
    for (auto& [k, v] : extra) env[k] = v;
    server_ = StartServer(cluster_->url(), SandboxServerEnv(sandbox_port_, env));
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    vendly_->set_read_timeout(30, 0);
  }

  std::string ConnectedSeller(const std::string& email, const std::string& user) {
    const std::string session = SignupSeller(*vendly_, email);
    auto back = SandboxConsent(*vendly_, *meta_, server_->url(), sandbox_port_, session, user);
    EXPECT_TRUE(back && back->status == 302);
    return session;
  }

  std::string StartScan(const std::string& session) {
    auto r = Call(*vendly_, "POST", "/api/instagram/scan",
                  {{"limit", 1000}, {"includeVideos", true}}, session);
    EXPECT_TRUE(r && r->status == 202) << (r ? r->body : "no answer");
    return Body(r).value("scanId", "");
  }

  json WaitForScan(const std::string& session, const std::string& scan_id, int timeout_s = 120) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    json scan;
    while (std::chrono::steady_clock::now() < deadline) {
      scan = Body(
          Call(*vendly_, "GET", "/api/instagram/scan/" + scan_id + "?draftsLimit=0", {}, session));
      const std::string status = scan.is_object() ? scan.value("status", "") : "";
      if (status == "completed" || status == "failed") return scan;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "scan did not finish: " << scan.dump() << "\n" << server_->log();
    return scan;
  }

  long long Scalar(const std::string& sql) {
    auto rows = Sql(cluster_->url(), sql);
    return rows.empty() || rows[0].empty() ? -1 : std::stoll(rows[0][0]);
  }

  // `threads` clients at once, `each` GET /api/products/drafts apiece; returns how many did not
  // answer 200, and the first such answer in *first.
  int Burst(const std::string& session, int threads, int each, std::string* first = nullptr) {
    std::atomic<int> failures{0};
    std::mutex mutex;
    std::vector<std::thread> clients;
    for (int t = 0; t < threads; ++t)
      clients.emplace_back([&] {
        httplib::Client client("127.0.0.1", server_->port);
        client.set_read_timeout(30, 0);
        for (int i = 0; i < each; ++i) {
          auto r = Call(client, "GET", "/api/products/drafts?limit=100", {}, session);
          if (r && r->status == 200) continue;
          std::lock_guard<std::mutex> lock(mutex);
          if (failures++ == 0 && first)
            *first = r ? std::to_string(r->status) + " " + r->body : "no answer";
        }
      });
    for (auto& c : clients) c.join();
    return failures;
  }

  // The server's pool holds several idle connections (what a restart of the database closes).
  void FillThePool(const std::string& session) {
    ASSERT_EQ(Burst(session, 8, 10), 0);
    EXPECT_GE(Scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = 'vendly'"), 4);
  }

  // While the database is down: the server answers, and what needs the database is a 503 with
  // Retry-After in the one error shape (not a 500 from a pooled connection the kill closed).
  void ExpectUnavailable(const std::string& session) {
    auto drafts = Call(*vendly_, "GET", "/api/products/drafts", {}, session);
    ASSERT_TRUE(drafts) << "the server must keep answering";
    EXPECT_EQ(drafts->status, 503) << drafts->body;
    EXPECT_EQ(drafts->get_header_value("Retry-After"), "5");
    EXPECT_EQ(drafts->get_header_value("Content-Type"), "application/json");
    EXPECT_EQ(Body(drafts)["error"]["code"], "unavailable") << drafts->body;
    auto health = vendly_->Get("/healthz");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 503);
    EXPECT_EQ(health->get_header_value("Retry-After"), "5");
  }

  // As soon as the database is back, no request fails: the pooled connections the restart closed
  // are noticed before they are lent, not by a request's query.
  void ExpectRecovered(const std::string& session) {
    std::string first;
    EXPECT_EQ(Burst(session, 8, 5, &first), 0) << "first: " << first;
    EXPECT_TRUE(server_->process->running()) << "the server recovers without a restart";
  }

  static inline Cluster* cluster_ = nullptr;
  static inline ChildProcess* sandbox_ = nullptr;
  static inline int sandbox_port_ = 0;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> vendly_;
  std::unique_ptr<httplib::Client> meta_;
};

TEST_F(FaultsTest, PostgresKilledMidScanTheScanFinishesWithEveryPostDraftedOnce) {
  StartVendly();
  const std::string session = ConnectedSeller("crash@duka.co", kBench);
  const auto expected = ExpectedDrafts(*meta_, kBenchIg);
  ASSERT_EQ(expected.size(), 1000u);
  FillThePool(session);
  const std::string scan_id = StartScan(session);
  ASSERT_FALSE(scan_id.empty());
  // In the writing: once some chunks of drafts are committed and more are to come.
  long long at_kill = 0;
  for (int i = 0; i < 2000 && at_kill == 0; ++i) {
    at_kill =
        Scalar("SELECT total_processed FROM instagram_sync_history WHERE id = '" + scan_id + "'");
    if (at_kill == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(cluster_->Kill());
  ASSERT_GT(at_kill, 0);
  ASSERT_LT(at_kill, 1000) << "the scan finished before the database was killed";

  ExpectUnavailable(session);
  ASSERT_TRUE(cluster_->Start());
  ExpectRecovered(session);

  json scan = WaitForScan(session, scan_id);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  EXPECT_EQ(scan["progress"]["processed"], 1000);
  EXPECT_EQ(scan["progress"]["failed"], 0);
  int drafts = 0;
  for (const auto& [id, n] : expected) drafts += n;
  EXPECT_EQ(scan["progress"]["draftsCreated"], drafts);
  ExpectExactDrafts(cluster_->url(), expected);
  EXPECT_EQ(Scalar("SELECT count(*) FROM scan_item WHERE scan_id = '" + scan_id + "'"), 1000);
  // The killed run's attempt failed and the job ran again; the seller hears of the end once.
  EXPECT_GE(Scalar("SELECT attempts FROM job WHERE kind = 'scan'"), 2);
  EXPECT_EQ(Scalar("SELECT count(*) FROM notification WHERE kind = 'scan_completed'"), 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM notification WHERE kind = 'scan_failed'"), 0);

  // A restart that no request saw (a quick failover): the first requests after it meet only
  // connections the restart closed, and none of them fails.
  FillThePool(session);
  ASSERT_TRUE(cluster_->Kill());
  ASSERT_TRUE(cluster_->Start());
  ExpectRecovered(session);
}

TEST_F(FaultsTest, PostgresKilledDuringWebhookIngestionLosesNoChange) {
  StartVendly();
  const std::string session = ConnectedSeller("hooks@duka.co", kWanjiru);
  const std::string url = server_->url() + "/api/webhooks/instagram";
  auto delivery = [&](int first, int count) {
    json changes = json::array();
    for (int i = first; i < first + count; ++i)
      changes.push_back({{"field", "comments"},
                         {"value",
                          {{"from", {{"id", "17841400999000111"}, {"username", "mteja_254"}}},
                           {"media", {{"id", "17900000000000001"}, {"media_product_type", "FEED"}}},
                           {"id", std::to_string(880000 + i)},
                           {"text", "Bei gani?"}}}});
    return json{
        {"object", "instagram"},
        {"entry",
         json::array({{{"id", kWanjiruIg}, {"time", 1790000000 + first}, {"changes", changes}}})}}
        .dump();
  };
  // What Meta does: POST the signed body, and deliver it again later while it is not 2xx.
  auto deliver = [&](const std::string& body) {
    auto r = meta_->Post("/_sandbox/webhooks/deliver",
                         json{{"url", url}, {"raw_body", body}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "");
    return Body(r).value("status", 0);
  };
  FillThePool(session);
  // Three deliveries of 100 changes are stored; the kill lands while their jobs run.
  for (int d = 0; d < 3; ++d) ASSERT_EQ(deliver(delivery(d * 100, 100)), 200);
  for (int i = 0; i < 400; ++i) {
    if (Scalar("SELECT count(*) FROM instagram_webhook_event WHERE processing_status ="
               " 'completed'") > 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const long long done_at_kill =
      Scalar("SELECT count(*) FROM instagram_webhook_event WHERE processing_status = 'completed'");
  ASSERT_TRUE(cluster_->Kill());
  EXPECT_LT(done_at_kill, 300) << "every event was processed before the kill";

  // Deliveries during the outage are refused with a 5xx, so Meta delivers them again.
  const std::string during = delivery(300, 100);
  const int refused = deliver(during);
  EXPECT_GE(refused, 500);
  EXPECT_LT(refused, 600);
  ExpectUnavailable(session);
  ASSERT_TRUE(cluster_->Start());
  ExpectRecovered(session);
  EXPECT_EQ(deliver(during), 200);  // Meta's retry

  // Every change is processed, once, and its job is over.
  long long completed = 0, jobs_left = -1;
  for (int i = 0; i < 600 && (completed < 400 || jobs_left != 0); ++i) {
    completed = Scalar(
        "SELECT count(*) FROM instagram_webhook_event WHERE processing_status = 'completed'");
    jobs_left = Scalar("SELECT count(*) FROM job WHERE kind = 'webhook' AND status <> 'succeeded'");
    if (completed < 400 || jobs_left != 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(completed, 400) << server_->log();
  EXPECT_EQ(Scalar("SELECT count(*) FROM instagram_webhook_event"), 400);
  EXPECT_EQ(Scalar("SELECT count(DISTINCT raw_payload->'value'->>'id') FROM"
                   " instagram_webhook_event"),
            400);
  EXPECT_EQ(jobs_left, 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM job WHERE kind = 'webhook'"), 400);
  // The seller's view of the events says so too.
  json events = Body(Call(*vendly_, "GET", "/api/webhooks/events?limit=1", {}, session));
  EXPECT_EQ(events["counts"]["completed"], 400) << events.dump();
  EXPECT_EQ(events["counts"]["failed"], 0);
}

TEST_F(FaultsTest, ConnectionsDroppedMidPageLoseNoPost) {
  StartVendly();
  const std::string session = ConnectedSeller("drops@duka.co", kWanjiru);
  const auto expected = ExpectedDrafts(*meta_, kWanjiruIg);
  ASSERT_EQ(expected.size(), 320u);
  // The second page's connection is cut half-way, twice; then the third page's, once.
  auto added = meta_->Post(
      "/_sandbox/faults",
      json{
          {"faults",
           {{{"type", "drop"}, {"endpoint", kListing}, {"after", 1}, {"count", 2}},
            {{"type", "drop"}, {"endpoint", kListing}, {"after", 4}, {"count", 1}, {"keep", 0.9}}}}}
          .dump(),
      "application/json");
  ASSERT_TRUE(added && added->status == 201) << (added ? added->body : "");
  json scan = WaitForScan(session, StartScan(session));
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  EXPECT_EQ(scan["progress"]["totalMedia"], 320);
  EXPECT_EQ(scan["progress"]["processed"], 320);
  EXPECT_EQ(scan["progress"]["failed"], 0);
  ExpectExactDrafts(cluster_->url(), expected);
  json faults = Body(meta_->Get("/_sandbox/faults"));
  ASSERT_EQ(faults["faults"].size(), 2u);
  EXPECT_EQ(faults["faults"][0]["fired"], 2);
  EXPECT_EQ(faults["faults"][1]["fired"], 1);
  EXPECT_NE(server_->log().find("graph_retry"), std::string::npos) << "the cuts were retried";
  EXPECT_EQ(Scalar("SELECT count(*) FROM notification WHERE kind = 'scan_completed'"), 1);
}

// A tmpfs of `megabytes` mounted on a new folder; unmounted at the end. mounted() is false (and
// reason() says why) where this process may not mount.
class SmallDisk {
 public:
  explicit SmallDisk(int megabytes) : dir_(TempDir()) {
    const std::string options = "size=" + std::to_string(megabytes) + "m,mode=0755";
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) != 0)
      reason_ = "cannot mount a tmpfs as the media directory (" + std::string(strerror(errno)) +
                "): the media-disk-full fault needs root (CAP_SYS_ADMIN), as in CI";
    else
      mounted_ = true;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    ::rmdir(dir_.c_str());
  }
  bool mounted() const { return mounted_; }
  const std::string& reason() const { return reason_; }
  const std::string& dir() const { return dir_; }
  // Writes a filler file until the disk has no room left.
  void Fill() {
    std::ofstream out(dir_ + "/filler", std::ios::binary);
    const std::string block(64 * 1024, 'x');
    while (out.write(block.data(), std::streamsize(block.size())) && out.flush()) {
    }
  }
  void Free() { ::unlink((dir_ + "/filler").c_str()); }

 private:
  std::string dir_, reason_;
  bool mounted_ = false;
};

TEST_F(FaultsTest, MediaDiskFullCopiesWaitAndAreStoredOnceThereIsRoom) {
  SmallDisk disk(16);
  if (!disk.mounted()) GTEST_SKIP() << disk.reason();
  disk.Fill();
  StartVendly({{"VENDLY_MEDIA_DIR", disk.dir()}, {"VENDLY_MEDIA_FULL_RETRY_SECONDS", "1"}});
  const std::string session = ConnectedSeller("full@duka.co", kWanjiru);
  auto r = Call(*vendly_, "POST", "/api/instagram/scan", {{"limit", 8}}, session);
  ASSERT_TRUE(r && r->status == 202) << (r ? r->body : "");
  json scan = WaitForScan(session, Body(r)["scanId"]);
  ASSERT_EQ(scan["status"], "completed") << scan.dump();
  const long long copies = Scalar("SELECT count(*) FROM job WHERE kind = 'media_copy'");
  ASSERT_GT(copies, 0);

  // Several rounds of waiting: every copy is still queued, none has spent an attempt.
  auto drafts_page = [&] {
    return Body(Call(*vendly_, "GET", "/api/products/drafts?limit=100", {}, session));
  };
  for (int i = 0; i < 100 && server_->log().find("media_storage_full") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  json drafts = drafts_page();
  ASSERT_GT(drafts["drafts"].size(), 0u) << drafts.dump();
  for (const auto& d : drafts["drafts"]) {
    EXPECT_EQ(d["imagesStatus"], "copying") << d["igMediaId"];
    EXPECT_EQ(d["imageUrls"].size(), 0u);
  }
  // A copy may be in a worker's hands at the instant of one look (retried every second): look again
  // briefly. A copy that spent an attempt would never be queued with 0 attempts again.
  auto copies_waiting = [&] {
    return Scalar(
        "SELECT count(*) FROM job WHERE kind = 'media_copy' AND status = 'queued'"
        " AND attempts = 0");
  };
  for (int i = 0; i < 50 && copies_waiting() != copies; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(copies_waiting(), copies);
  EXPECT_EQ(Scalar("SELECT count(*) FROM media_asset WHERE status <> 'pending'"), 0);
  json notices = Body(Call(*vendly_, "GET", "/api/notifications", {}, session));
  int full = 0;
  for (const auto& n : notices["notifications"]) full += n["kind"] == "media_storage_full";
  EXPECT_EQ(full, 1) << notices.dump();
  std::size_t waits = 0;
  for (auto at = server_->log().find("\"media_storage_full\""); at != std::string::npos;
       at = server_->log().find("\"media_storage_full\"", at + 1))
    ++waits;
  EXPECT_GT(waits, std::size_t(copies)) << "each copy tried again and waited again";

  // Room again: every image is stored, once, and the drafts show them.
  disk.Free();
  long long waiting = copies;
  for (int i = 0; i < 300 && waiting > 0; ++i) {
    waiting =
        Scalar("SELECT count(*) FROM job WHERE kind = 'media_copy' AND status <> 'succeeded'");
    if (waiting > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(waiting, 0) << server_->log();
  drafts = drafts_page();
  for (const auto& d : drafts["drafts"]) {
    EXPECT_EQ(d["imagesStatus"], "copied") << d["igMediaId"];
    EXPECT_GT(d["imageUrls"].size(), 0u);
    for (const auto& url : d["imageUrls"]) {
      const std::string name = url.get<std::string>().substr(url.get<std::string>().rfind('/') + 1);
      EXPECT_TRUE(fs::exists(disk.dir() + "/" + name.substr(0, 2) + "/" + name)) << name;
    }
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM media_asset WHERE status <> 'stored'"), 0);
  notices = Body(Call(*vendly_, "GET", "/api/notifications", {}, session));
  full = 0;
  for (const auto& n : notices["notifications"]) full += n["kind"] == "media_storage_full";
  EXPECT_EQ(full, 1) << "one notice for the whole outage";
  // No temporary file was left behind by the failed writes.
  for (const auto& entry : fs::recursive_directory_iterator(disk.dir()))
    EXPECT_NE(entry.path().filename().string().rfind(".tmp-", 0), 0u) << entry.path();
}

#endif  // META_SANDBOX_BIN

}  // namespace
}  // namespace vendly::test
