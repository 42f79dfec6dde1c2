// The media host allowlist against the real vendly-server, the Meta sandbox and PostgreSQL: the
// sandbox's CDN is published under a host that is not allowed (its --public-url), so every image a
// scan finds is refused before any connection is made. The drafts are still created, each says
// imagesStatus "refused" once its copy job ends, the asset keeps the reason, the log names the
// host, and nothing is retried or crashes.
#include <gtest/gtest.h>

#include "test_support.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

using sandbox_accounts::kWanjiru;

constexpr char kRefusedHost[] = "cdn.refused-media.test";

class MediaHostsTest : public IntegrationTest<MediaHostsTest> {
 protected:
  static void SetUpSuite() {
    port_ = FreePort();
    // Media URLs on a name nobody resolves: were it not refused, the download would fail (and be
    // retried) as unavailable instead.
    sandbox_process_ = new ChildProcess(
        {META_SANDBOX_BIN, "--port", std::to_string(port_), "--quiet", "--public-url",
         std::string("http://") + kRefusedHost + ":" + std::to_string(port_)},
        {}, "/dev/null");
    ASSERT_TRUE(WaitForHttp(port_, "/healthz")) << "meta-sandbox did not start";
  }
  static void TearDownSuite() {
    server_.reset();
    delete sandbox_process_;
    sandbox_process_ = nullptr;
  }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    if (!kSandboxBuilt) GTEST_SKIP() << "meta-sandbox is not built";
    meta_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  }

  static inline int port_ = 0;
  static inline ChildProcess* sandbox_process_ = nullptr;
};

TEST_F(MediaHostsTest, ImagesFromAHostOutsideTheAllowlistAreRefusedAndTheDraftsSaySo) {
  server_ = StartServer(db_->url(), SandboxServerEnv(port_, {{"VENDLY_WORKER_THREADS", "2"},
                                                             {"VENDLY_LOG_LEVEL", "info"}}));
  httplib::Client vendly("127.0.0.1", server_->port);
  vendly.set_read_timeout(30, 0);
  const std::string session = SignupSeller(vendly, "refused@duka.co");
  auto back = SandboxConsent(vendly, *meta_, server_->url(), port_, session, kWanjiru);
  ASSERT_TRUE(back && back->status == 302);
  ASSERT_NE(back->get_header_value("Location").find("connected=1"), std::string::npos);

  auto started = Call(vendly, "POST", "/api/instagram/scan", {{"limit", 6}}, session);
  ASSERT_TRUE(started && started->status == 202) << (started ? started->body : "");
  const std::string scan_id = Body(started)["scanId"];
  json drafts;
  auto busy = [&] {
    drafts = Body(Call(vendly, "GET", "/api/products/drafts?limit=100", {}, session))["drafts"];
    const json scan = Body(Call(vendly, "GET", "/api/instagram/scan/" + scan_id, {}, session));
    if (scan.value("status", "") != "completed" || !drafts.is_array() || drafts.empty())
      return true;
    for (const json& d : drafts)
      if (d.value("imagesStatus", "") == "copying") return true;
    return false;
  };
  for (int i = 0; i < 300 && busy(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(drafts.is_array() && !drafts.empty()) << server_->log().substr(0, 4000);

  int refused = 0;
  for (const json& d : drafts) {
    EXPECT_EQ(d["imageUrls"], json::array()) << d.dump();
    EXPECT_TRUE(d.value("imagesStatus", "") == "refused" || d.value("imagesStatus", "") == "none")
        << d.dump();
    refused += d.value("imagesStatus", "") == "refused";
  }
  EXPECT_GT(refused, 0);
  // Every copy ended at once, for good: no asset pending, no copy job left to retry.
  EXPECT_EQ(Sql(db_->url(), "SELECT count(*) FROM media_asset WHERE status <> 'failed'")[0][0],
            "0");
  EXPECT_EQ(Sql(db_->url(),
                "SELECT count(*) FROM job WHERE kind = 'media_copy' AND"
                " (status <> 'succeeded' OR attempts <> 1)")[0][0],
            "0");
  const auto errors = Sql(db_->url(), "SELECT DISTINCT error FROM media_asset");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0][0], std::string("media_host_refused: ") + kRefusedHost +
                              " is not an allowed media host (VENDLY_MEDIA_ALLOWED_HOSTS)");
  const std::string log = server_->log();
  EXPECT_NE(log.find("\"operation\":\"media_host_refused\""), std::string::npos) << log;
  EXPECT_NE(log.find(std::string("\"host\":\"") + kRefusedHost + "\""), std::string::npos);
  EXPECT_EQ(log.find("oe="), std::string::npos) << "a signed query reached the log";
  // The server still serves.
  auto health = vendly.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(MediaHostsTest, AnAllowlistThatWouldOpenTooMuchStopsTheServerWithAClearMessage) {
  const std::string dir = TempDir();
  ChildProcess server({VENDLY_SERVER_BIN, "migrate"},
                      {{"VENDLY_DATABASE_URL", db_->url()},
                       {"VENDLY_MIGRATIONS_DIR", VENDLY_MIGRATIONS_DIR},
                       {"VENDLY_DATA_DIR", dir},
                       {"VENDLY_MEDIA_ALLOWED_HOSTS", "*.com"}},
                      dir + "/server.log");
  for (int i = 0; i < 200 && server.running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string log = ReadFile(dir + "/server.log");
  EXPECT_NE(log.find("VENDLY_MEDIA_ALLOWED_HOSTS: \\\"*.com\\\" would allow a whole top-level"),
            std::string::npos)
      << log;
}

#endif  // META_SANDBOX_BIN

}  // namespace
}  // namespace vendly::test
