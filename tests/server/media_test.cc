// The media store against real neighbours: images downloaded from the Meta sandbox's signed CDN
// and from a local origin that misbehaves on purpose (wrong type, oversize, redirects, 5xx), the
// GET /api/media route on a hardened server, and the media_copy job on a fresh database: drafts and
// products get media-store URLs in post order, expired CDN URLs are refreshed through the Graph
// API, transient failures retry and permanent ones are recorded.
#include "media/media.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "app/config.h"
#include "crypto/crypto.h"
#include "http/http.h"
#include "jobs/queue.h"
#include "meta/graph.h"
#include "store/draft_store.h"
#include "store/migrate.h"
#include "test_support.h"

namespace vendly::test {
namespace {

#ifdef META_SANDBOX_BIN

namespace fs = std::filesystem;
using server::App;
using server::JobOutcome;
using server::StoredMedia;

using sandbox_accounts::kWanjiru;
using sandbox_accounts::kWanjiruIg;
using sandbox_accounts::kWanjiruPage;
constexpr char kImagePost[] = "18000000000100001";
constexpr char kCarouselPost[] = "18000000000100003";  // three slides
constexpr char kVideoPost[] = "18000000000100004";
constexpr char kPublicUrl[] = "http://shop.example";
constexpr int kSixDays = 6 * 24 * 3600;  // past the sandbox's 5-day CDN URLs

const std::string kPng = std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16) + "local origin pixels";

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// An origin server under the test's control.
class Origin {
 public:
  Origin() {
    server_.Get(R"(/png/.*)", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kPng, "image/png");
    });
    server_.Get("/html", [this](const httplib::Request&, httplib::Response& res) {
      ++html_hits;
      res.set_content("<html><body>Log in to Instagram</body></html>", "image/png");  // it lies
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kPng + std::string(4096, 'x'), "image/png");
    });
    server_.Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("image/png", [](std::size_t, httplib::DataSink& sink) {
        sink.write(kPng.data(), kPng.size());
        const std::string more(1024, 'x');
        for (int i = 0; i < 4; ++i) sink.write(more.data(), more.size());
        sink.done();
        return true;
      });
    });
    server_.Get(R"(/status/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      res.status = std::stoi(req.matches[1]);
      res.set_content("no", "text/plain");
    });
    server_.Get(R"(/redirect/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      const int left = std::stoi(req.matches[1]);
      res.status = 302;
      res.set_header("Location", left > 1 ? "/redirect/" + std::to_string(left - 1) : "/png/end");
    });
    server_.Get("/redirect-away", [](const httplib::Request&, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", "https://scontent.cdninstagram.com.evil.example/x.jpg");
    });
    server_.Get("/flaky", [this](const httplib::Request&, httplib::Response& res) {
      ++flaky_hits;
      res.status = flaky_status.load();
      if (res.status == 200)
        res.set_content(kPng + "flaky", "image/png");
      else
        res.set_content("busy", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Origin() {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  std::atomic<int> flaky_status{200};
  std::atomic<int> flaky_hits{0};
  std::atomic<int> html_hits{0};

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

class MediaTest : public IntegrationTest<MediaTest> {
 protected:
  static constexpr bool kSandbox = true;
  static void SetUpSuite() {
    dir_ = TempDir();
    const std::map<std::string, std::string> env = {
        {"VENDLY_DATABASE_URL", db_->url()},
        {"VENDLY_DATA_DIR", dir_},
        {"VENDLY_MEDIA_DIR", dir_ + "/media"},
        {"VENDLY_PUBLIC_URL", kPublicUrl},
        {"VENDLY_DB_POOL", "4"},
        {"META_GRAPH_URL", "http://127.0.0.1:" + std::to_string(sandbox_port_)},
    };
    auto config = server::LoadConfig(EnvFrom(env));
    ASSERT_TRUE(config.ok()) << config.status().message();
    app_ = new App(*config);
    auto migrated = server::Migrate(app_->db, VENDLY_MIGRATIONS_DIR);
    ASSERT_TRUE(migrated.ok()) << migrated.status().message();
    origin_ = new Origin();

    // GET /api/media on a server hardened as vendly-server is.
    http_ = new httplib::Server();
    router_ = new server::Router(*http_, app_->db);
    server::HardenServer(*http_, app_->config);
    server::RegisterMediaRoutes(*router_, *app_);
    http_port_ = http_->bind_to_any_port("127.0.0.1");
    http_thread_ = new std::thread([] { http_->listen_after_bind(); });
  }
  static void TearDownSuite() {
    if (http_) {
      http_->stop();
      http_thread_->join();
    }
    delete http_thread_;
    delete router_;
    delete http_;
    delete origin_;
    delete app_;
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    Sql(db_->url(), "DELETE FROM instagram_connection");
    auto minted = meta_->Post(
        "/_sandbox/tokens",
        json({{"user_id", kWanjiru}, {"kind", "page"}, {"page_id", kWanjiruPage}}).dump(),
        "application/json");
    ASSERT_TRUE(minted && minted->status == 201) << (minted ? minted->body : "");
    token_ = Body(minted)["access_token"];
    origin_->flaky_status = 200;
  }

  // The post as Graph shows it now (fresh signed URLs), with the listing's fields.
  server::MediaItem Post(const std::string& id) {
    auto r = meta_->Get(
        ("/v25.0/" + id + "?" +
         server::EncodeQuery({{"fields", server::kMediaFields}, {"access_token", token_}}))
            .c_str());
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "");
    return server::ParseMediaItem(Body(r));
  }

  void AdvanceSandboxClock(int seconds) {
    auto r = meta_->Post("/_sandbox/clock", json({{"advance_seconds", seconds}}).dump(),
                         "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  }

  json SandboxCalls() { return Body(meta_->Get("/_sandbox/calls")); }

  // A seller, a store and its Instagram connection (the page token sealed as the server seals it).
  struct Shop {
    std::string store_id;
    std::string connection_id;
  };
  Shop SeedShop() {
    static int n = 0;
    const std::string email = "media" + std::to_string(++n) + "-" + std::to_string(getpid()) + "@t";
    const std::string seller =
        Sql(db_->url(), "INSERT INTO seller (email, password_hash) VALUES ('" + email +
                            "', 'x') RETURNING id")[0][0];
    Shop shop;
    shop.store_id = Sql(db_->url(), "INSERT INTO store (seller_id, name, currency) VALUES ('" +
                                        seller + "', 'Duka', 'KES') RETURNING id")[0][0];
    auto conn = app_->db.Exec(
        "INSERT INTO instagram_connection (store_id, seller_id, ig_business_account_id,"
        " fb_page_id, access_token_ciphertext, access_token_key_id)"
        " VALUES ($1, $2, $3, $4, $5::bytea, $6) RETURNING id",
        {shop.store_id, seller, std::string(kWanjiruIg), std::string(kWanjiruPage),
         server::EncodeByteaHex(app_->cipher.Seal(token_)), app_->cipher.key_id()});
    EXPECT_TRUE(conn.ok()) << conn.status().message();
    if (conn.ok()) shop.connection_id = conn->Text(0, "id");
    return shop;
  }

  void SeedDraft(const Shop& shop, const std::string& post, int item) {
    Sql(db_->url(),
        "INSERT INTO product_draft (store_id, ig_media_id, item_index, ig_permalink,"
        " ig_media_type, ig_timestamp, extracted_data, expires_at) VALUES ('" +
            shop.store_id + "', '" + post + "', " + std::to_string(item) +
            ", 'https://www.instagram.com/p/x/', 'IMAGE', now(), '{}', now() + interval '7 days')");
  }

  void SeedProduct(const Shop& shop, const std::string& post, int item, const json& images) {
    Sql(db_->url(),
        "INSERT INTO product (store_id, name, slug, currency, source_type, source_external_id,"
        " source_item_index, images) VALUES ('" +
            shop.store_id + "', 'Dress', 'dress-" + std::to_string(item) +
            "', 'KES', 'instagram', '" + post + "', " + std::to_string(item) + ", '" +
            images.dump() + "')");
  }

  json DraftImages(const Shop& shop, const std::string& post, int item) {
    auto rows = Sql(db_->url(), "SELECT image_urls FROM product_draft WHERE store_id = '" +
                                    shop.store_id + "' AND ig_media_id = '" + post +
                                    "' AND item_index = " + std::to_string(item));
    return rows.empty() ? json() : json::parse(rows[0][0]);
  }

  json ProductImages(const Shop& shop, const std::string& post, int item) {
    auto rows = Sql(db_->url(), "SELECT images FROM product WHERE store_id = '" + shop.store_id +
                                    "' AND source_external_id = '" + post +
                                    "' AND source_item_index = " + std::to_string(item));
    return rows.empty() ? json() : json::parse(rows[0][0]);
  }

  // position -> status of the post's media_asset rows.
  std::map<int, std::string> Assets(const Shop& shop, const std::string& post) {
    std::map<int, std::string> out;
    for (const auto& row : Sql(db_->url(),
                               "SELECT position, status FROM media_asset WHERE"
                               " store_id = '" +
                                   shop.store_id + "' AND ig_media_id = '" + post + "'"))
      out[std::stoi(row[0])] = row[1];
    return out;
  }

  JobOutcome RunCopy(const Shop& shop, const json& payload, int attempt = 1) {
    server::Job job;
    job.id = "job_media_test";
    job.kind = server::kMediaCopyJob;
    job.store_id = shop.store_id;
    job.payload = payload;
    job.attempts = attempt;
    std::atomic<bool> stopping{false};
    server::JobContext ctx(
        job, *app_, [] { return true; }, stopping);
    return server::CopyPostMedia(ctx);
  }

  json Payload(const Shop& shop, const std::string& post, const json& sources) {
    return {{"storeId", shop.store_id},
            {"connectionId", shop.connection_id},
            {"igMediaId", post},
            {"sources", sources}};
  }

  std::string MediaPath(const StoredMedia& m) {
    return app_->config.media_dir + "/" + m.storage_key;
  }

  // Files in the media folder holding `m`: its own, plus any temporary file left behind.
  std::size_t CopiesOf(const StoredMedia& m) {
    std::size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(app_->config.media_dir)) {
      const std::string name = entry.path().filename().string();
      n += name.rfind(m.sha256, 0) == 0 || name.rfind(".tmp-", 0) == 0 ? 1 : 0;
    }
    return n;
  }

  static inline std::string dir_;
  static inline App* app_ = nullptr;
  static inline Origin* origin_ = nullptr;
  static inline httplib::Server* http_ = nullptr;
  static inline server::Router* router_ = nullptr;
  static inline std::thread* http_thread_ = nullptr;
  static inline int http_port_ = 0;
  std::string token_;
};

// ---- StoreRemoteMedia ---------------------------------------------------------------------------

TEST_F(MediaTest, CopiesASandboxCdnImageOnceUnderItsSha256) {
  const std::string url = *Post(kImagePost).media_url;
  auto direct = meta_->Get(url.substr(url.find("/cdn/")).c_str());
  ASSERT_TRUE(direct && direct->status == 200);

  auto first = server::StoreRemoteMedia(*app_, url);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->sha256, server::Sha256Hex(direct->body));
  EXPECT_EQ(first->ext, "png");
  EXPECT_EQ(first->content_type, "image/png");
  EXPECT_EQ(first->size, direct->body.size());
  EXPECT_EQ(first->url, std::string(kPublicUrl) + "/api/media/" + first->sha256 + ".png");
  EXPECT_EQ(ReadAll(MediaPath(*first)), direct->body);

  // The same picture again (another signed URL for it, then the same URL): one file.
  AdvanceSandboxClock(60);
  auto again = server::StoreRemoteMedia(*app_, *Post(kImagePost).media_url);
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_TRUE(server::StoreRemoteMedia(*app_, url).ok());
  EXPECT_EQ(again->storage_key, first->storage_key);
  EXPECT_EQ(CopiesOf(*first), 1u);
}

TEST_F(MediaTest, SameBytesFromTwoUrlsAreOneFile) {
  auto a = server::StoreRemoteMedia(*app_, origin_->Url("/png/a"));
  auto b = server::StoreRemoteMedia(*app_, origin_->Url("/png/b?x=1#frag"));
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(a->url, b->url);
  EXPECT_EQ(a->sha256, server::Sha256Hex(kPng));
  EXPECT_EQ(CopiesOf(*a), 1u);
}

TEST_F(MediaTest, AVideoThumbnailIsStoredButNotTheVideo) {
  server::MediaItem video = Post(kVideoPost);
  ASSERT_TRUE(video.thumbnail_url && video.media_url);
  auto thumb = server::StoreRemoteMedia(*app_, *video.thumbnail_url);
  ASSERT_TRUE(thumb.ok()) << thumb.status().message();
  EXPECT_EQ(thumb->content_type, "image/png");
  auto mp4 = server::StoreRemoteMedia(*app_, *video.media_url);
  ASSERT_FALSE(mp4.ok());
  EXPECT_EQ(mp4.status().code(), server::kMediaRejected);
}

TEST_F(MediaTest, RefusesWhatIsNotAnImageWhateverItsContentType) {
  auto html = server::StoreRemoteMedia(*app_, origin_->Url("/html"));
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), server::kMediaRejected);
  EXPECT_EQ(html.status().message(), "not a JPEG, PNG, WebP or GIF image");
}

TEST_F(MediaTest, RefusesOversizeBodiesWithOrWithoutContentLength) {
  const std::size_t saved = app_->config.media_max_bytes;
  app_->config.media_max_bytes = 2048;
  auto big = server::StoreRemoteMedia(*app_, origin_->Url("/big"));
  auto chunked = server::StoreRemoteMedia(*app_, origin_->Url("/big-chunked"));
  auto small = server::StoreRemoteMedia(*app_, origin_->Url("/png/small"));
  app_->config.media_max_bytes = saved;
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), server::kMediaRejected);
  EXPECT_NE(big.status().message().find("more than 2048 bytes"), std::string::npos);
  ASSERT_FALSE(chunked.ok());
  EXPECT_EQ(chunked.status().code(), server::kMediaRejected);
  EXPECT_TRUE(small.ok());
}

TEST_F(MediaTest, ClassifiesFailuresByWhatToDoNext) {
  auto code = [&](const std::string& url) {
    auto r = server::StoreRemoteMedia(*app_, url);
    return r.ok() ? std::string("ok") : r.status().code();
  };
  EXPECT_EQ(code(origin_->Url("/status/403")), server::kMediaExpired);
  EXPECT_EQ(code(origin_->Url("/status/410")), server::kMediaExpired);
  EXPECT_EQ(code(origin_->Url("/status/500")), server::kMediaUnavailable);
  EXPECT_EQ(code(origin_->Url("/status/503")), server::kMediaUnavailable);
  EXPECT_EQ(code(origin_->Url("/status/429")), server::kMediaUnavailable);
  EXPECT_EQ(code(origin_->Url("/status/404")), server::kMediaRejected);
  EXPECT_EQ(code("http://127.0.0.1:" + std::to_string(FreePort()) + "/x.jpg"),
            server::kMediaUnavailable);  // nothing listens
  EXPECT_EQ(code("ftp://127.0.0.1/x.jpg"), server::kMediaRejected);
  EXPECT_EQ(code("http://user@127.0.0.1/x.jpg"), server::kMediaRejected);
  EXPECT_EQ(code(origin_->Url("/redirect/3")), "ok");
  EXPECT_EQ(code(origin_->Url("/redirect/4")), server::kMediaRejected);

  // A signed CDN URL past its expiry.
  const std::string url = *Post(kImagePost).media_url;
  AdvanceSandboxClock(kSixDays);
  auto expired = server::StoreRemoteMedia(*app_, url);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().code(), server::kMediaExpired);
  // Messages name the host, never the signature.
  EXPECT_EQ(expired.status().message().find("oh="), std::string::npos);
}

TEST_F(MediaTest, RefusesHostsOutsideTheAllowlistBeforeConnectingAndAtEveryRedirect) {
  auto code = [&](const std::string& url) {
    auto r = server::StoreRemoteMedia(*app_, url);
    return r.ok() ? std::string("ok") : r.status().code();
  };
  // The sandbox is on loopback, so loopback is allowed; other hosts and addresses are not.
  EXPECT_TRUE(app_->config.media_hosts.allow_loopback);
  EXPECT_EQ(code(origin_->Url("/png/a")), "ok");
  EXPECT_EQ(code("https://evil.example/x.jpg"), server::kMediaHostRefused);
  EXPECT_EQ(code("http://10.0.0.1/x.jpg"), server::kMediaHostRefused);
  EXPECT_EQ(code("http://169.254.169.254/latest/meta-data"), server::kMediaHostRefused);
  EXPECT_EQ(code(origin_->Url("/redirect-away")), server::kMediaHostRefused);
  auto refused = server::StoreRemoteMedia(*app_, "https://evil.example/x.jpg?oh=sig&oe=1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(),
            "evil.example is not an allowed media host (VENDLY_MEDIA_ALLOWED_HOSTS)");

  // With the Graph API off loopback (production), the local origin is refused before any request.
  const vendly::MediaHostPolicy sandbox = app_->config.media_hosts;
  app_->config.media_hosts =
      vendly::MediaHostPolicyFor(sandbox.patterns, "https://graph.facebook.com");
  const int hits = origin_->html_hits;
  EXPECT_EQ(code(origin_->Url("/html")), server::kMediaHostRefused);
  EXPECT_EQ(origin_->html_hits, hits);
  app_->config.media_hosts = sandbox;
}

TEST_F(MediaTest, ARefusedHostFailsItsCopyForGoodAndTheDraftSaysRefused) {
  Shop shop = SeedShop();
  SeedDraft(shop, kImagePost, 0);
  const json payload =
      Payload(shop, kImagePost,
              {{{"position", 0}, {"url", origin_->Url("/png/kept")}, {"childId", nullptr}},
               {{"position", 1}, {"url", "https://evil.example/x.jpg"}, {"childId", nullptr}}});
  JobOutcome outcome = RunCopy(shop, payload);
  ASSERT_EQ(outcome.kind, JobOutcome::Kind::kSucceeded) << outcome.error;
  EXPECT_EQ(outcome.result, json({{"stored", 1}, {"failed", 1}}));
  EXPECT_EQ(Assets(shop, kImagePost), (std::map<int, std::string>{{0, "stored"}, {1, "failed"}}));
  EXPECT_EQ(Sql(db_->url(), "SELECT error FROM media_asset WHERE position = 1 AND store_id = '" +
                                shop.store_id + "'")[0][0],
            "media_host_refused: evil.example is not an allowed media host"
            " (VENDLY_MEDIA_ALLOWED_HOSTS)");
  EXPECT_EQ(DraftImages(shop, kImagePost, 0).size(), 1u);  // the allowed image is shown
  const std::string draft_id = Sql(
      db_->url(), "SELECT id FROM product_draft WHERE store_id = '" + shop.store_id + "'")[0][0];
  auto draft = server::FindDraft(app_->db, shop.store_id, draft_id);
  ASSERT_TRUE(draft.ok() && *draft);
  EXPECT_EQ((*draft)->images_status, "refused");
}

// ---- GET /api/media -----------------------------------------------------------------------------

TEST_F(MediaTest, RouteServesStoredBytesImmutably) {
  auto stored = server::StoreRemoteMedia(*app_, *Post(kImagePost).media_url);
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  httplib::Client c("127.0.0.1", http_port_);
  const std::string path = "/api/media/" + stored->sha256 + ".png";
  auto r = c.Get(path.c_str());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, ReadAll(MediaPath(*stored)));
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r->get_header_value("ETag"), "\"" + stored->sha256 + "\"");
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");

  auto cached = c.Get(path.c_str(), {{"If-None-Match", "\"" + stored->sha256 + "\""}});
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->status, 304);
  EXPECT_TRUE(cached->body.empty());

  // The same name with another image extension is another (unknown) file.
  auto other = c.Get(("/api/media/" + stored->sha256 + ".jpg").c_str());
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 404);
  EXPECT_EQ(Body(other)["error"]["code"], "not_found");
}

TEST_F(MediaTest, RouteRejectsNamesThatAreNotMediaNames) {
  // A file next to the media folder that a traversal would reach.
  std::ofstream(dir_ + "/secret.png") << "top secret";
  auto stored = server::StoreRemoteMedia(*app_, origin_->Url("/png/route"));
  ASSERT_TRUE(stored.ok());
  const std::string sha = stored->sha256;
  httplib::Client c("127.0.0.1", http_port_);
  const std::vector<std::string> bad_names = {"..",
                                              "%2e%2e",
                                              "..secret.png",
                                              sha.substr(1) + ".png",
                                              sha + "0.png",
                                              std::string(64, 'G') + ".png",
                                              std::string(64, 'F') + ".png",
                                              sha + ".PNG",
                                              sha + ".html",
                                              sha,
                                              sha + ".png%00.txt"};
  for (const std::string& name : bad_names) {
    auto r = c.Get(("/api/media/" + name).c_str());
    ASSERT_TRUE(r) << name;
    EXPECT_EQ(r->status, 400) << name;
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_request") << name;
  }
  const std::vector<std::string> traversals = {
      "/api/media/../secret.png", "/api/media/..%2F..%2Fsecret.png",
      "/api/media/" + sha.substr(0, 2) + "/" + sha + ".png", "/api/media/%2e%2e/%2e%2e/secret.png"};
  for (const std::string& path : traversals) {
    auto r = c.Get(path.c_str());
    ASSERT_TRUE(r) << path;
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("top secret"), std::string::npos) << path;
  }
  auto unknown = c.Get(("/api/media/" + std::string(64, '0') + ".png").c_str());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(Body(unknown)["error"]["code"], "not_found");
}

// ---- media_copy -------------------------------------------------------------------------------

TEST_F(MediaTest, CopyJobFillsDraftsAndUntouchedProductsInPostOrder) {
  Shop shop = SeedShop();
  SeedDraft(shop, kCarouselPost, 0);
  SeedDraft(shop, kCarouselPost, 1);
  SeedProduct(shop, kCarouselPost, 0, json::array());
  const json own = {"https://seller.example/own-photo.jpg"};
  SeedProduct(shop, kCarouselPost, 1, own);  // the seller chose its images: left alone

  server::MediaItem carousel = Post(kCarouselPost);
  ASSERT_EQ(carousel.children.size(), 3u);
  server::JobSpec spec = server::MediaCopyJob(shop.store_id, shop.connection_id, carousel);
  JobOutcome outcome = RunCopy(shop, spec.payload);
  ASSERT_EQ(outcome.kind, JobOutcome::Kind::kSucceeded) << outcome.error;
  EXPECT_EQ(outcome.result, json({{"stored", 3}, {"failed", 0}}));

  // One stored file per slide, in slide order, at media-store URLs only.
  json urls = DraftImages(shop, kCarouselPost, 0);
  const auto slides = server::PostImageSources(carousel);  // a video slide shows its thumbnail
  ASSERT_EQ(urls.size(), 3u);
  ASSERT_EQ(slides.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string url = urls[i];
    EXPECT_EQ(url.rfind(std::string(kPublicUrl) + "/api/media/", 0), 0u) << url;
    auto slide = server::StoreRemoteMedia(*app_, slides[i].url);
    ASSERT_TRUE(slide.ok()) << slide.status().message();
    EXPECT_EQ(url, slide->url) << "slide " << i;
  }
  EXPECT_EQ(DraftImages(shop, kCarouselPost, 1), urls);
  EXPECT_EQ(ProductImages(shop, kCarouselPost, 0), urls);
  EXPECT_EQ(ProductImages(shop, kCarouselPost, 1), own);
  EXPECT_EQ(Assets(shop, kCarouselPost),
            (std::map<int, std::string>{{0, "stored"}, {1, "stored"}, {2, "stored"}}));
  EXPECT_EQ(Sql(db_->url(), "SELECT count(*) FROM media_asset WHERE source_url LIKE '%oh=%'")[0][0],
            "0");  // signatures are not kept

  // Run again (at-least-once delivery): nothing is downloaded, nothing changes.
  const int cdn_before = SandboxCalls()["cdn_total"];
  JobOutcome rerun = RunCopy(shop, spec.payload);
  ASSERT_EQ(rerun.kind, JobOutcome::Kind::kSucceeded) << rerun.error;
  EXPECT_EQ(SandboxCalls()["cdn_total"], cdn_before);
  EXPECT_EQ(DraftImages(shop, kCarouselPost, 0), urls);
}

TEST_F(MediaTest, ExpiredCdnUrlsAreRefreshedThroughTheGraphApi) {
  Shop shop = SeedShop();
  SeedDraft(shop, kCarouselPost, 0);
  SeedDraft(shop, kVideoPost, 0);
  server::JobSpec carousel =
      server::MediaCopyJob(shop.store_id, shop.connection_id, Post(kCarouselPost));
  server::JobSpec video = server::MediaCopyJob(shop.store_id, shop.connection_id, Post(kVideoPost));
  AdvanceSandboxClock(kSixDays);  // every URL in the payloads has expired

  const json before = SandboxCalls();
  JobOutcome outcome = RunCopy(shop, carousel.payload);
  ASSERT_EQ(outcome.kind, JobOutcome::Kind::kSucceeded) << outcome.error;
  EXPECT_EQ(outcome.result, json({{"stored", 3}, {"failed", 0}}));
  const json after = SandboxCalls();
  // One Graph read for the whole post, not one per slide.
  EXPECT_EQ(after["total"].get<int>() - before["total"].get<int>(), 1) << after.dump();
  json urls = DraftImages(shop, kCarouselPost, 0);
  ASSERT_EQ(urls.size(), 3u);
  // The stored slides are the post's current pictures.
  const auto fresh = server::PostImageSources(Post(kCarouselPost));
  ASSERT_EQ(fresh.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    auto slide = server::StoreRemoteMedia(*app_, fresh[i].url);
    ASSERT_TRUE(slide.ok()) << slide.status().message();
    EXPECT_EQ(urls[i], slide->url) << "slide " << i;
  }

  // A video post: its thumbnail, refreshed the same way.
  JobOutcome thumb = RunCopy(shop, video.payload);
  ASSERT_EQ(thumb.kind, JobOutcome::Kind::kSucceeded) << thumb.error;
  json video_urls = DraftImages(shop, kVideoPost, 0);
  ASSERT_EQ(video_urls.size(), 1u);
  auto thumbnail = server::StoreRemoteMedia(*app_, *Post(kVideoPost).thumbnail_url);
  ASSERT_TRUE(thumbnail.ok()) << thumbnail.status().message();
  EXPECT_EQ(video_urls[0], thumbnail->url);
}

TEST_F(MediaTest, TransientFailuresRetryAndKeepWhatIsInHand) {
  Shop shop = SeedShop();
  SeedDraft(shop, kImagePost, 0);
  SeedProduct(shop, kImagePost, 0, json::array());
  origin_->flaky_status = 503;
  const json payload =
      Payload(shop, kImagePost,
              {{{"position", 0}, {"url", *Post(kImagePost).media_url}, {"childId", nullptr}},
               {{"position", 1}, {"url", origin_->Url("/flaky")}, {"childId", nullptr}}});
  JobOutcome first = RunCopy(shop, payload);
  ASSERT_EQ(first.kind, JobOutcome::Kind::kRetry);
  EXPECT_NE(first.error.find("503"), std::string::npos) << first.error;
  EXPECT_EQ(Assets(shop, kImagePost), (std::map<int, std::string>{{0, "stored"}, {1, "pending"}}));
  json partial = DraftImages(shop, kImagePost, 0);
  ASSERT_EQ(partial.size(), 1u);  // the list is shorter while a copy is pending
  EXPECT_EQ(ProductImages(shop, kImagePost, 0), partial);

  origin_->flaky_status = 200;
  JobOutcome second = RunCopy(shop, payload, 2);
  ASSERT_EQ(second.kind, JobOutcome::Kind::kSucceeded) << second.error;
  json full = DraftImages(shop, kImagePost, 0);
  ASSERT_EQ(full.size(), 2u);
  EXPECT_EQ(full[0], partial[0]);
  EXPECT_EQ(full[1],
            std::string(kPublicUrl) + "/api/media/" + server::Sha256Hex(kPng + "flaky") + ".png");
  EXPECT_EQ(ProductImages(shop, kImagePost, 0), full);  // it still had the draft's list
}

TEST_F(MediaTest, PermanentFailuresAreRecordedAndNotRetried) {
  Shop shop = SeedShop();
  SeedDraft(shop, kImagePost, 0);
  const json payload =
      Payload(shop, kImagePost,
              {{{"position", 0}, {"url", origin_->Url("/html")}, {"childId", nullptr}},
               {{"position", 1}, {"url", origin_->Url("/png/ok")}, {"childId", nullptr}}});
  JobOutcome outcome = RunCopy(shop, payload);
  ASSERT_EQ(outcome.kind, JobOutcome::Kind::kSucceeded) << outcome.error;
  EXPECT_EQ(outcome.result, json({{"stored", 1}, {"failed", 1}}));
  EXPECT_EQ(Assets(shop, kImagePost), (std::map<int, std::string>{{0, "failed"}, {1, "stored"}}));
  EXPECT_EQ(DraftImages(shop, kImagePost, 0),
            json({std::string(kPublicUrl) + "/api/media/" + server::Sha256Hex(kPng) + ".png"}));
  const std::string error =
      Sql(db_->url(), "SELECT error FROM media_asset WHERE position = 0 AND store_id = '" +
                          shop.store_id + "'")[0][0];
  EXPECT_EQ(error, "media_rejected: not a JPEG, PNG, WebP or GIF image");

  const int hits = origin_->html_hits;
  ASSERT_EQ(RunCopy(shop, payload).kind, JobOutcome::Kind::kSucceeded);
  EXPECT_EQ(origin_->html_hits, hits);
}

TEST_F(MediaTest, ADeletedPostFailsItsExpiredCopiesForGood) {
  Shop shop = SeedShop();
  SeedDraft(shop, kImagePost, 0);
  server::JobSpec spec = server::MediaCopyJob(shop.store_id, shop.connection_id, Post(kImagePost));
  ASSERT_TRUE(meta_->Delete(("/_sandbox/media/" + std::string(kImagePost)).c_str()));
  AdvanceSandboxClock(kSixDays);
  JobOutcome outcome = RunCopy(shop, spec.payload);
  ASSERT_EQ(outcome.kind, JobOutcome::Kind::kSucceeded) << outcome.error;
  EXPECT_EQ(outcome.result, json({{"stored", 0}, {"failed", 1}}));
  EXPECT_EQ(Assets(shop, kImagePost), (std::map<int, std::string>{{0, "failed"}}));
  EXPECT_EQ(DraftImages(shop, kImagePost, 0), json::array());
}

TEST_F(MediaTest, ARejectedTokenEndsTheJobUntilTheSellerReconnects) {
  Shop shop = SeedShop();
  SeedDraft(shop, kImagePost, 0);
  server::JobSpec spec = server::MediaCopyJob(shop.store_id, shop.connection_id, Post(kImagePost));
  AdvanceSandboxClock(kSixDays);
  ASSERT_TRUE(meta_->Post("/_sandbox/tokens/invalidate",
                          json({{"all", true}, {"subcode", 460}}).dump(), "application/json"));
  JobOutcome outcome = RunCopy(shop, spec.payload);
  ASSERT_EQ(outcome.kind, JobOutcome::Kind::kDead);
  EXPECT_EQ(outcome.error.rfind("connection_expired:", 0), 0u) << outcome.error;
  EXPECT_EQ(outcome.error.find(token_), std::string::npos);

  // A connection that is gone: the same, without asking Meta.
  Sql(db_->url(), "DELETE FROM instagram_connection WHERE id = '" + shop.connection_id + "'");
  JobOutcome gone = RunCopy(shop, spec.payload);
  ASSERT_EQ(gone.kind, JobOutcome::Kind::kDead);
  EXPECT_EQ(gone.error.rfind("not_connected:", 0), 0u) << gone.error;
}

TEST_F(MediaTest, AMalformedPayloadIsDead) {
  Shop shop = SeedShop();
  for (const json& payload :
       {json::object(), json({{"storeId", shop.store_id}, {"igMediaId", "1"}}),
        Payload(shop, "1", json::object()),
        Payload(shop, "1", {{{"position", "0"}, {"url", "http://x/"}}}),
        Payload(
            shop, "1",
            {{{"position", 0}, {"url", "http://x/a"}}, {{"position", 0}, {"url", "http://x/b"}}}),
        Payload(Shop{"str_other", shop.connection_id}, "1", json::array())}) {
    JobOutcome outcome = RunCopy(shop, payload);
    EXPECT_EQ(outcome.kind, JobOutcome::Kind::kDead) << payload.dump();
  }
}

#endif  // META_SANDBOX_BIN

}  // namespace
}  // namespace vendly::test
