// Meta webhook deliveries end to end: the real vendly-server (its job workers off) receives signed
// and unsigned POSTs, from this test and from the Meta sandbox, and stores them in a private
// database; the "webhook" job runs in this process on a JobRunner of its own, so each attempt is
// driven and observed one at a time.
#include <gtest/gtest.h>

#include "app/app.h"
#include "app/config.h"
#include "crypto/crypto.h"
#include "jobs/queue.h"
#include "meta/webhooks.h"
#include "test_support.h"

namespace vendly::test {
namespace {

constexpr const char* kSecret = sandbox_accounts::kAppSecret;  // the sandbox's app secret
using sandbox_accounts::kAminaIg;
using sandbox_accounts::kBrianIg;
using sandbox_accounts::kWanjiru;
using sandbox_accounts::kWanjiruIg;
using sandbox_accounts::kWanjiruPage;
constexpr char kPath[] = "/api/webhooks/instagram";

std::string Sign(const std::string& body, const std::string& secret = kSecret) {
  return "sha256=" + server::HexEncode(server::HmacSha256(secret, body));
}

json Comment(const std::string& comment_id, const std::string& media_id,
             const std::string& text = "Bei gani?") {
  return {{"field", "comments"},
          {"value",
           {{"from", {{"id", "17841400999000111"}, {"username", "mteja_254"}}},
            {"media", {{"id", media_id}, {"media_product_type", "FEED"}}},
            {"id", comment_id},
            {"text", text}}}};
}

json Delivery(const json& changes, const std::string& account, long long time = 1790000000) {
  return {{"object", "instagram"},
          {"entry", json::array({{{"id", account}, {"time", time}, {"changes", changes}}})}};
}

class WebhookTest : public IntegrationTest<WebhookTest> {
 protected:
  static constexpr bool kSandbox = kSandboxBuilt;  // one test takes deliveries from it
  static void SetUpSuite() {
    const std::string meta = "http://127.0.0.1:" + std::to_string(sandbox_port_);
    server_ = StartServer(db_->url(), {{"META_APP_SECRET", kSecret},
                                       {"META_GRAPH_URL", meta},
                                       {"META_LOGIN_URL", meta},
                                       {"VENDLY_WORKER_THREADS", "0"}});
    // The job side runs here, on the database the server migrated.
    const std::map<std::string, std::string> env = {{"VENDLY_DATABASE_URL", db_->url()},
                                                    {"VENDLY_DATA_DIR", server_->dir},
                                                    {"VENDLY_DB_POOL", "4"},
                                                    {"META_APP_SECRET", kSecret}};
    auto config = server::LoadConfig(EnvFrom(env));
    ASSERT_TRUE(config.ok()) << config.status().message();
    app_ = new server::App(*config);
  }
  static void TearDownSuite() { delete app_; }

  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    vendly_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    vendly_->set_read_timeout(30, 0);
    vendly_->set_write_timeout(30, 0);
    // Each test starts from no events, jobs or connections (one process may run them all).
    Sql(db_->url(), "DROP TRIGGER IF EXISTS refuse_completion ON instagram_webhook_event");
    Sql(db_->url(), "TRUNCATE instagram_webhook_event, job, instagram_connection CASCADE");
  }

  // A seller with a connection of `ig_account` in `status`; returns the session token and sets
  // *connection_id.
  std::string SellerWithConnection(const std::string& email, const std::string& ig_account,
                                   const std::string& status, std::string* connection_id) {
    const std::string token = SignupSeller(*vendly_, email);
    auto rows = Sql(db_->url(),
                    "INSERT INTO instagram_connection (store_id, seller_id, ig_business_account_id,"
                    " access_token_ciphertext, access_token_key_id, status)"
                    " SELECT st.id, st.seller_id, '" +
                        ig_account + "', '\\x00'::bytea, 'test', '" + status +
                        "' FROM store st JOIN seller s ON s.id = st.seller_id"
                        " WHERE s.email = '" +
                        email + "' RETURNING id");
    EXPECT_EQ(rows.size(), 1u);
    if (connection_id && !rows.empty()) *connection_id = rows[0][0];
    return token;
  }

  httplib::Result Post(const std::string& body, const std::optional<std::string>& signature) {
    httplib::Headers headers = {{"User-Agent", "facebookexternalua"}};
    if (signature) headers.emplace("X-Hub-Signature-256", *signature);
    return vendly_->Post(kPath, headers, body, "application/json");
  }
  httplib::Result PostSigned(const std::string& body) { return Post(body, Sign(body)); }

  // The server's answer to a POST's headers announcing `length` bytes, sent without the body.
  std::string AnswerToHeaders(const std::string& path, std::size_t length) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(server_->port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      close(fd);
      return "";
    }
    timeval tv{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    const std::string request = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " +
                                "application/json\r\nContent-Length: " + std::to_string(length) +
                                "\r\n\r\n";
    (void)!write(fd, request.data(), request.size());
    char buf[512];
    ssize_t n = read(fd, buf, sizeof(buf));
    close(fd);
    return n > 0 ? std::string(buf, std::size_t(n)) : "";
  }

  std::string Scalar(const std::string& sql) {
    auto rows = Sql(db_->url(), sql);
    return rows.empty() || rows[0].empty() ? "" : rows[0][0];
  }
  int Count(const std::string& table, const std::string& where = "true") {
    return std::stoi(Scalar("SELECT count(*) FROM " + table + " WHERE " + where));
  }

  // A runner of this process with only the webhook kind, retrying at once.
  static std::unique_ptr<server::JobRunner> Runner() {
    server::JobRunner::Options options;
    options.threads = 0;
    options.backoff_base = std::chrono::milliseconds(1);
    options.backoff_cap = std::chrono::milliseconds(2);
    auto runner = std::make_unique<server::JobRunner>(*app_, options);
    server::RegisterWebhookJobs(*runner, *app_);
    return runner;
  }
  // Runs ready jobs until none is left (or `max` ran); returns how many ran.
  static int Drain(server::JobRunner& runner, int max = 1000) {
    int ran = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (ran < max && std::chrono::steady_clock::now() < deadline) {
      if (runner.RunOne()) {
        ++ran;
      } else {
        // A retried job waits out its (millisecond) backoff.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!runner.RunOne()) break;
        ++ran;
      }
    }
    return ran;
  }

  static inline server::App* app_ = nullptr;
  std::unique_ptr<httplib::Client> vendly_;
};

TEST_F(WebhookTest, ASignedCommentIsStoredQueuedAndAcknowledged) {
  std::string connection;
  SellerWithConnection("stored@duka.co", kWanjiruIg, "active", &connection);
  const std::string body =
      Delivery(json::array({Comment("17900000000000777", "17900000000000001")}), kWanjiruIg).dump();
  auto r = PostSigned(body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["received"], 1);
  EXPECT_EQ(Body(r)["stored"], 1);
  auto rows = Sql(db_->url(),
                  "SELECT id, field, event_type, ig_user_id, ig_media_id, processing_status,"
                  " connection_id, webhook_id, raw_payload->'value'->>'id', retry_count"
                  " FROM instagram_webhook_event");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "comments");
  EXPECT_EQ(rows[0][2], "comments");
  EXPECT_EQ(rows[0][3], kWanjiruIg);
  EXPECT_EQ(rows[0][4], "17900000000000001");
  EXPECT_EQ(rows[0][5], "pending");
  EXPECT_EQ(rows[0][6], connection);
  EXPECT_EQ(rows[0][7], server::Sha256Hex(body));  // the delivery the change came in
  EXPECT_EQ(rows[0][8], "17900000000000777");
  EXPECT_EQ(rows[0][9], "0");
  // Its job was committed with it.
  auto jobs = Sql(db_->url(),
                  "SELECT payload->>'webhookEventId', max_attempts, status, store_id IS NOT NULL"
                  " FROM job WHERE kind = 'webhook'");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0][0], rows[0][0]);
  EXPECT_EQ(jobs[0][1], "3");
  EXPECT_EQ(jobs[0][2], "queued");
  EXPECT_EQ(jobs[0][3], "t");
}

TEST_F(WebhookTest, BadMissingOrMalformedSignaturesAreRefusedAndNothingIsStored) {
  SellerWithConnection("forged@duka.co", kWanjiruIg, "active", nullptr);
  const std::string body =
      Delivery(json::array({Comment("1791", "17900000000000001")}), kWanjiruIg).dump();
  const std::string good = Sign(body);
  const std::vector<std::optional<std::string>> refused = {
      std::nullopt,                      // no header
      std::string(""),                   // empty header
      Sign(body, "not-the-secret"),      // another key
      Sign(body + " "),                  // another body
      Sign(json::parse(body).dump(1)),   // the same JSON, re-serialised
      good.substr(7),                    // no "sha256="
      "sha1=" + good.substr(7),          // another algorithm
      good.substr(0, good.size() - 1),   // too short
      "sha256=" + std::string(64, 'g'),  // not hex
  };
  for (const auto& signature : refused) {
    auto r = Post(body, signature);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << (signature ? *signature : "<none>");
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_signature");
  }
  // The signature is checked before the body is read: a forged malformed body is 401 too.
  auto forged = Post("{not json", Sign("{not json", "guess"));
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 401);
  // The body changed after signing (a tampered text).
  std::string tampered = body;
  tampered.replace(tampered.find("Bei gani?"), 9, "Bei gani!");
  auto t = Post(tampered, good);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, 401);

  EXPECT_EQ(Count("instagram_webhook_event"), 0);
  EXPECT_EQ(Count("job"), 0);
  // Neither the signature nor the secret reaches the log.
  const std::string log = server_->log();
  EXPECT_NE(log.find("webhook_signature_rejected"), std::string::npos);
  EXPECT_EQ(log.find(good.substr(7)), std::string::npos);
  EXPECT_EQ(log.find(kSecret), std::string::npos);
  // And the good signature is accepted.
  auto ok = Post(body, good);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(Count("instagram_webhook_event"), 1);
}

TEST_F(WebhookTest, TheSameChangeDeliveredAgainIsStoredOnce) {
  SellerWithConnection("twice@duka.co", kWanjiruIg, "active", nullptr);
  const json comment = Comment("1791", "17900000000000001");
  const std::string body = Delivery(json::array({comment}), kWanjiruIg).dump();
  for (int i = 0; i < 3; ++i) {
    auto r = PostSigned(body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(Body(r)["stored"], i == 0 ? 1 : 0);
  }
  // Meta re-batches: the same change beside a new one, formatted differently, and twice in one
  // body.
  json rebatched =
      Delivery(json::array({Comment("1792", "17900000000000001"), comment, comment}), kWanjiruIg);
  auto r = PostSigned(rebatched.dump(2));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["received"], 3);
  EXPECT_EQ(Body(r)["stored"], 1);
  EXPECT_EQ(Count("instagram_webhook_event"), 2);
  EXPECT_EQ(Count("job", "kind = 'webhook'"), 2);
}

TEST_F(WebhookTest, ConcurrentRedeliveriesStoreEachChangeOnce) {
  SellerWithConnection("race@duka.co", kWanjiruIg, "active", nullptr);
  // Eight deliveries of overlapping batches in opposite orders, at the same time.
  std::vector<std::string> bodies;
  for (int d = 0; d < 8; ++d) {
    json changes = json::array();
    for (int i = 0; i < 50; ++i) {
      const int n = d % 2 == 0 ? i : 49 - i;
      changes.push_back(Comment("179" + std::to_string(n), "17900000000000001"));
    }
    bodies.push_back(Delivery(changes, kWanjiruIg).dump());
  }
  std::vector<int> statuses(bodies.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t d = 0; d < bodies.size(); ++d) {
    threads.emplace_back([&, d] {
      httplib::Client c("127.0.0.1", server_->port);
      auto r =
          c.Post(kPath, {{"X-Hub-Signature-256", Sign(bodies[d])}}, bodies[d], "application/json");
      statuses[d] = r ? r->status : -1;
    });
  }
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 200);
  EXPECT_EQ(Count("instagram_webhook_event"), 50);
  EXPECT_EQ(Count("job", "kind = 'webhook'"), 50);
}

TEST_F(WebhookTest, ABatchOfAThousandChangesPastOneMebibyteIsStored) {
  SellerWithConnection("batch@duka.co", kWanjiruIg, "active", nullptr);
  json changes = json::array();
  // Comments of about 1,100 bytes as Meta sends them (non-ASCII as \uXXXX): the batch is well past
  // the 1 MiB limit of the other routes.
  std::string text = "Bei gani? Iko size 40? 😍😍😍";
  while (text.size() < 900) text += " Nataka hii kwa rangi nyekundu, mnaleta Mombasa?";
  for (int i = 0; i < 1000; ++i)
    changes.push_back(Comment("1790" + std::to_string(100000 + i),
                              "179000000000" + std::to_string(10000 + i % 20), text));
  const std::string body = Delivery(changes, kWanjiruIg).dump(-1, ' ', /*ensure_ascii=*/true);
  ASSERT_GT(body.size(), 1u << 20);
  auto r = PostSigned(body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["received"], 1000);
  EXPECT_EQ(Body(r)["stored"], 1000);
  EXPECT_EQ(Count("instagram_webhook_event", "processing_status = 'pending'"), 1000);
  EXPECT_EQ(Count("job", "kind = 'webhook'"), 1000);
  // The text came through intact (escapes decoded).
  EXPECT_EQ(Scalar("SELECT raw_payload->'value'->>'text' FROM instagram_webhook_event LIMIT 1"),
            text);

  // Other routes keep their 1 MiB limit; the webhook route refuses past its own (8 MiB). Both
  // answer from the headers alone.
  EXPECT_EQ(AnswerToHeaders("/api/auth/signup", body.size()).rfind("HTTP/1.1 413", 0), 0u);
  EXPECT_EQ(AnswerToHeaders(kPath, (8u << 20) + 1).rfind("HTTP/1.1 413", 0), 0u);
}

TEST_F(WebhookTest, ACompressedBodyIsRefusedBeforeItIsInflated) {
  // cpp-httplib would inflate it before the handler: a small gzip body can hold gigabytes, and the
  // signature must be checked over the bytes as sent.
  SellerWithConnection("gzip@duka.co", kWanjiruIg, "active", nullptr);
  const std::string body =
      Delivery(json::array({Comment("1791", "17900000000000001")}), kWanjiruIg).dump();
  for (const char* encoding : {"gzip", "deflate", "br", "GZIP"}) {
    auto r =
        vendly_->Post(kPath, {{"Content-Encoding", encoding}, {"X-Hub-Signature-256", Sign(body)}},
                      body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 415) << encoding;
    EXPECT_EQ(Body(r)["error"]["code"], "unsupported_media_type");
  }
  EXPECT_EQ(Count("instagram_webhook_event"), 0);
  auto identity =
      vendly_->Post(kPath, {{"Content-Encoding", "identity"}, {"X-Hub-Signature-256", Sign(body)}},
                    body, "application/json");
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->status, 200);
}

TEST_F(WebhookTest, UnknownAccountsFieldsObjectsAndInactiveConnectionsAreIgnored) {
  SellerWithConnection("ignored@duka.co", kWanjiruIg, "active", nullptr);
  SellerWithConnection("expired@duka.co", kBrianIg, "expired", nullptr);
  json insights = {{"field", "story_insights"}, {"value", {{"media_id", "1"}, {"reach", 9}}}};
  json messaging = {
      {"object", "instagram"},
      {"entry", json::array({{{"id", kWanjiruIg},
                              {"time", 1790000000000LL},
                              {"messaging",
                               json::array({{{"sender", {{"id", "5"}}},
                                             {"recipient", {{"id", kWanjiruIg}}},
                                             {"message", {{"mid", "m1"}, {"text", "hi"}}}}})}}})}};
  json page = Delivery(json::array({Comment("1", "2")}), kWanjiruPage);
  page["object"] = "page";
  const std::vector<std::string> bodies = {
      Delivery(json::array({Comment("1791", "1")}), "17841499999999999").dump(),  // unknown
      Delivery(json::array({insights}), kWanjiruIg).dump(),                       // unhandled field
      Delivery(json::array({Comment("1792", "1")}), kBrianIg).dump(),             // expired
      messaging.dump(),
      page.dump(),
      Delivery(json::array({json{{"value", 1}}}), kWanjiruIg).dump(),  // a change with no field
  };
  for (const auto& body : bodies) {
    auto r = PostSigned(body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << body;
    EXPECT_EQ(Body(r)["stored"], 1) << body;
  }
  auto rows =
      Sql(db_->url(),
          "SELECT ig_user_id, field, processing_status, processing_error,"
          " processed_at IS NOT NULL FROM instagram_webhook_event ORDER BY received_at, id");
  ASSERT_EQ(rows.size(), 6u);
  std::map<std::string, std::string> reason_by_field;
  for (const auto& row : rows) {
    EXPECT_EQ(row[2], "ignored") << row[1];
    EXPECT_EQ(row[4], "t");
    reason_by_field[row[0] + "/" + row[1]] = row[3];
  }
  EXPECT_EQ(reason_by_field["17841499999999999/comments"],
            "no connection for this Instagram account");
  EXPECT_EQ(reason_by_field[std::string(kWanjiruIg) + "/story_insights"],
            "field \"story_insights\" is not handled");
  EXPECT_EQ(reason_by_field[std::string(kBrianIg) + "/comments"], "the connection is expired");
  EXPECT_EQ(reason_by_field[std::string(kWanjiruIg) + "/messages"], "messaging is not handled");
  EXPECT_EQ(reason_by_field[std::string(kWanjiruPage) + "/comments"],
            "object \"page\" is not handled");
  EXPECT_EQ(reason_by_field[std::string(kWanjiruIg) + "/"], "the change has no field");
  EXPECT_EQ(Count("job"), 0);
}

TEST_F(WebhookTest, MalformedSignedBodiesAre400AndNothingIsStored) {
  SellerWithConnection("malformed@duka.co", kWanjiruIg, "active", nullptr);
  const std::string valid =
      Delivery(json::array({Comment("1791", "17900000000000001")}), kWanjiruIg).dump();
  std::string bad_utf8 = valid;
  bad_utf8.replace(bad_utf8.find("Bei gani?"), 9, "Bei \xC3\x28gani");
  const std::vector<std::string> bodies = {
      "",
      valid.substr(0, valid.size() / 2),       // cut short
      bad_utf8,                                // invalid UTF-8 in a string
      "[" + valid + "]",                       // not an object
      R"({"object":"instagram"})",             // no entry
      R"({"object":"instagram","entry":{}})",  // entry not an array
      R"({"entry":[]})",                       // no object
      R"({"object":"instagram","entry":[{"id":"1","changes":[{"field":"comments","value":"\ud800"}]}]})",
      std::string(200, '[') + std::string(200, ']'),  // nested too deep
  };
  for (const auto& body : bodies) {
    auto r = PostSigned(body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body.substr(0, 80);
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_request") << body.substr(0, 80);
  }
  EXPECT_EQ(Count("instagram_webhook_event"), 0);
  EXPECT_NE(server_->log().find("webhook_malformed"), std::string::npos);
  // A NUL in a comment (valid JSON, which PostgreSQL's jsonb cannot hold) is stored, replaced.
  const std::string nul =
      Delivery(json::array({Comment("1793", "17900000000000001", std::string("a\0b", 3))}),
               kWanjiruIg)
          .dump();
  auto r = PostSigned(nul);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Scalar("SELECT raw_payload->'value'->>'text' FROM instagram_webhook_event"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST_F(WebhookTest, TheJobAsksForAPollOfTheConnectionAndCompletes) {
  std::string connection;
  SellerWithConnection("poll@duka.co", kWanjiruIg, "active", &connection);
  json mention = {{"field", "mentions"},
                  {"value", {{"media_id", "17900000000000002"}, {"comment_id", "1795"}}}};
  auto r = PostSigned(
      Delivery(json::array({Comment("1791", "17900000000000001"), mention}), kWanjiruIg).dump());
  ASSERT_TRUE(r && r->status == 200);
  auto runner = Runner();
  EXPECT_EQ(Drain(*runner), 2);
  auto events = Sql(db_->url(),
                    "SELECT id, processing_status, processing_error, processed_at IS NOT NULL,"
                    " retry_count FROM instagram_webhook_event ORDER BY field");
  ASSERT_EQ(events.size(), 2u);
  for (const auto& e : events) {
    EXPECT_EQ(e[1], "completed");
    EXPECT_EQ(e[2], "<null>");
    EXPECT_EQ(e[3], "t");
    EXPECT_EQ(e[4], "0");
  }
  // One poll of the connection (the second event found it queued), with what the poll handler
  // needs.
  auto polls = Sql(db_->url(),
                   "SELECT dedupe_key, status, payload->>'connectionId', payload->>'storeId',"
                   " payload->>'trigger', payload->>'webhookEventId', store_id FROM job"
                   " WHERE kind = 'poll'");
  ASSERT_EQ(polls.size(), 1u);
  EXPECT_EQ(polls[0][0], "poll:" + connection);
  EXPECT_EQ(polls[0][1], "queued");
  EXPECT_EQ(polls[0][2], connection);
  EXPECT_EQ(polls[0][3], polls[0][6]);
  EXPECT_EQ(polls[0][4], "webhook");
  EXPECT_TRUE(polls[0][5] == events[0][0] || polls[0][5] == events[1][0]);
  EXPECT_EQ(Count("job", "kind = 'webhook' AND status = 'succeeded'"), 2);
}

// A giveaway thread: 200 comments on one account within a poll's spacing ask for one poll, due when
// the spacing from the last poll has passed (vendly::WebhookPollDelaySeconds), not 200 polls now.
TEST_F(WebhookTest, ABurstOfCommentsAsksForOneSpacedPoll) {
  std::string connection;
  SellerWithConnection("giveaway@duka.co", kWanjiruIg, "active", &connection);
  const int spacing = app_->config.poll_min_seconds;
  ASSERT_GE(spacing, 10);
  Sql(db_->url(), "UPDATE instagram_connection SET last_polled_at = now() - interval '5 seconds'");
  for (int delivery = 0; delivery < 4; ++delivery) {
    json changes = json::array();
    for (int i = 0; i < 50; ++i)
      changes.push_back(Comment(std::to_string(5000 + delivery * 50 + i), "17900000000000001"));
    auto r = PostSigned(Delivery(changes, kWanjiruIg).dump());
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  }
  auto runner = Runner();
  EXPECT_EQ(Drain(*runner), 200);
  EXPECT_EQ(Count("instagram_webhook_event", "processing_status = 'completed'"), 200);
  auto polls = Sql(db_->url(),
                   "SELECT status, extract(epoch FROM run_at - now())::int FROM job"
                   " WHERE kind = 'poll'");
  ASSERT_EQ(polls.size(), 1u) << "every comment after the first joins the queued poll";
  EXPECT_EQ(polls[0][0], "queued");
  const int due_in = std::stoi(polls[0][1]);
  EXPECT_GT(due_in, 0);
  EXPECT_LE(due_in, spacing - 5);

  // With the rate budget at 80%, a poll that just ran is followed by the next at the longest
  // interval, as the schedule's would be.
  Sql(db_->url(), "TRUNCATE job");
  Sql(db_->url(),
      "UPDATE instagram_connection SET last_polled_at = now(), usage = '{\"maxPercent\": 80}'");
  auto r =
      PostSigned(Delivery(json::array({Comment("6000", "17900000000000001")}), kWanjiruIg).dump());
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(Drain(*runner), 1);
  EXPECT_NEAR(std::stoi(Scalar("SELECT extract(epoch FROM run_at - now())::int FROM job"
                               " WHERE kind = 'poll'")),
              app_->config.poll_max_seconds, 5);
}

TEST_F(WebhookTest, AConnectionThatStoppedBeingActiveIsIgnoredByTheJob) {
  std::string connection;
  SellerWithConnection("revoked@duka.co", kWanjiruIg, "active", &connection);
  auto r = PostSigned(Delivery(json::array({Comment("1791", "1")}), kWanjiruIg).dump());
  ASSERT_TRUE(r && r->status == 200);
  Sql(db_->url(), "UPDATE instagram_connection SET status = 'revoked'");
  auto runner = Runner();
  EXPECT_EQ(Drain(*runner), 1);
  EXPECT_EQ(Scalar("SELECT processing_status || ': ' || processing_error"
                   " FROM instagram_webhook_event"),
            "ignored: the connection is revoked");
  EXPECT_EQ(Count("job", "kind = 'poll'"), 0);
}

TEST_F(WebhookTest, AFailingEventIsRetriedThenFailedVisibly) {
  const std::string token = SellerWithConnection("retry@duka.co", kWanjiruIg, "active", nullptr);
  // Every attempt to complete the event fails inside the job's transaction.
  Sql(db_->url(), R"(CREATE FUNCTION refuse_completion() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'planted failure'; END $$ LANGUAGE plpgsql)");
  Sql(db_->url(),
      "CREATE TRIGGER refuse_completion BEFORE UPDATE ON instagram_webhook_event FOR EACH ROW"
      " WHEN (NEW.processing_status = 'completed') EXECUTE FUNCTION refuse_completion()");
  auto r = PostSigned(Delivery(json::array({Comment("1791", "1")}), kWanjiruIg).dump());
  ASSERT_TRUE(r && r->status == 200);
  auto runner = Runner();
  ASSERT_TRUE(runner->RunOne());
  // After the first failure the event waits for the next attempt, with what went wrong.
  auto first = Sql(db_->url(),
                   "SELECT processing_status, retry_count, processing_error"
                   " FROM instagram_webhook_event");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0][0], "pending");
  EXPECT_EQ(first[0][1], "1");
  EXPECT_EQ(first[0][2], "processing failed (database_error)");  // never the database's text
  EXPECT_EQ(Drain(*runner), 2);
  auto last = Sql(db_->url(),
                  "SELECT processing_status, retry_count, processing_error,"
                  " processed_at IS NOT NULL FROM instagram_webhook_event");
  EXPECT_EQ(last[0][0], "failed");
  EXPECT_EQ(last[0][1], "3");
  EXPECT_EQ(last[0][2], "processing failed (database_error)");
  EXPECT_EQ(last[0][3], "t");
  EXPECT_EQ(Scalar("SELECT status || '/' || attempts FROM job WHERE kind = 'webhook'"), "failed/3");
  EXPECT_EQ(Count("job", "kind = 'poll'"), 0);  // rolled back with the failed attempts
  // The seller sees it; another seller does not.
  json mine = Body(Call(*vendly_, "GET", "/api/webhooks/events?status=failed", {}, token));
  ASSERT_EQ(mine["events"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["events"][0]["status"], "failed");
  EXPECT_EQ(mine["events"][0]["retryCount"], 3);
  EXPECT_EQ(mine["events"][0]["error"], "processing failed (database_error)");
  json theirs = Body(
      Call(*vendly_, "GET", "/api/webhooks/events", {}, SignupSeller(*vendly_, "other@duka.co")));
  EXPECT_EQ(theirs["events"].size(), 0u);
}

TEST_F(WebhookTest, TheSellerListsTheirOwnEvents) {
  std::string mine;
  const std::string token = SellerWithConnection("list@duka.co", kWanjiruIg, "active", &mine);
  const std::string other = SellerWithConnection("else@duka.co", kAminaIg, "active", nullptr);
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(PostSigned(Delivery(json::array({Comment("179" + std::to_string(i), "1")}),
                                  kWanjiruIg, 1790000000 + i)
                             .dump())
                  ->status,
              200);
  ASSERT_EQ(PostSigned(Delivery(json::array({Comment("1", "1")}), kAminaIg).dump())->status, 200);
  ASSERT_EQ(
      PostSigned(Delivery(json::array({Comment("2", "1")}), "17841499999999999").dump())->status,
      200);
  Sql(db_->url(),
      "UPDATE instagram_webhook_event SET processing_status = 'failed',"
      " processing_error = 'processing failed (database_error)', retry_count = 3"
      " WHERE raw_payload->'value'->>'id' = '1790'");

  auto all = Body(Call(*vendly_, "GET", "/api/webhooks/events?limit=2", {}, token));
  ASSERT_EQ(all["events"].size(), 2u) << all.dump();
  EXPECT_EQ(all["pagination"]["total"], 5);
  EXPECT_EQ(all["pagination"]["pages"], 3);
  EXPECT_EQ(all["counts"]["pending"], 4);
  EXPECT_EQ(all["counts"]["failed"], 1);
  const json& first = all["events"][0];
  EXPECT_EQ(first["field"], "comments");
  EXPECT_EQ(first["igUserId"], kWanjiruIg);
  EXPECT_EQ(first["igMediaId"], "1");
  EXPECT_EQ(first["payload"]["value"]["media"]["id"], "1");
  EXPECT_TRUE(first["receivedAt"].get<std::string>().back() == 'Z');

  auto failed = Body(Call(*vendly_, "GET", "/api/webhooks/events?status=failed", {}, token));
  ASSERT_EQ(failed["events"].size(), 1u);
  EXPECT_EQ(failed["events"][0]["error"], "processing failed (database_error)");
  EXPECT_EQ(failed["events"][0]["retryCount"], 3);
  EXPECT_EQ(failed["pagination"]["total"], 1);

  auto page3 = Body(Call(*vendly_, "GET", "/api/webhooks/events?limit=2&page=3", {}, token));
  EXPECT_EQ(page3["events"].size(), 1u);

  auto theirs = Body(Call(*vendly_, "GET", "/api/webhooks/events", {}, other));
  ASSERT_EQ(theirs["events"].size(), 1u);
  EXPECT_EQ(theirs["events"][0]["igUserId"], kAminaIg);

  auto anonymous = Call(*vendly_, "GET", "/api/webhooks/events");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  for (const char* query : {"?status=done", "?limit=0", "?limit=101", "?page=x"}) {
    auto bad = Call(*vendly_, "GET", std::string("/api/webhooks/events") + query, {}, token);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400) << query;
  }
}

#ifdef META_SANDBOX_BIN
TEST_F(WebhookTest, DeliveriesFromTheSandboxArrive) {
  std::string connection;
  SellerWithConnection("sandbox@duka.co", kWanjiruIg, "active", &connection);
  httplib::Client meta("127.0.0.1", sandbox_port_);
  ASSERT_TRUE(meta.Post("/_sandbox/reset", "{}", "application/json"));
  const std::string url = server_->url() + kPath;
  auto deliver = [&](const json& request) {
    auto r = meta.Post("/_sandbox/webhooks/deliver", request.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "");
    return Body(r);
  };
  // A comment and a mention, signed by the sandbox with the app secret.
  json comment = deliver({{"url", url}, {"kind", "comments"}, {"account", kWanjiruIg}});
  EXPECT_EQ(comment["status"], 200) << comment.dump();
  json mention = deliver({{"url", url}, {"kind", "mentions"}, {"account", kWanjiruIg}});
  EXPECT_EQ(mention["status"], 200) << mention.dump();
  // Meta's duplicates: the same signed body three times is one event.
  json repeated =
      deliver({{"url", url}, {"kind", "comments"}, {"account", kWanjiruIg}, {"repeat", 3}});
  EXPECT_EQ(repeated["attempts"], json::array({200, 200, 200}));
  // Forged and unsigned deliveries are refused.
  EXPECT_EQ(deliver({{"url", url},
                     {"kind", "comments"},
                     {"account", kWanjiruIg},
                     {"signature", "bad"}})["status"],
            401);
  EXPECT_EQ(deliver({{"url", url},
                     {"kind", "comments"},
                     {"account", kWanjiruIg},
                     {"signature", "none"}})["status"],
            401);
  EXPECT_EQ(Count("instagram_webhook_event"), 3);
  EXPECT_EQ(Count("instagram_webhook_event", "field = 'mentions' AND ig_media_id IS NOT NULL"), 1);

  // A customer comments on a post of a subscribed Page: the sandbox sends the webhook by itself.
  auto minted =
      meta.Post("/_sandbox/tokens",
                json({{"user_id", kWanjiru}, {"kind", "page"}, {"page_id", kWanjiruPage}}).dump(),
                "application/json");
  ASSERT_TRUE(minted && minted->status == 201);
  const std::string page_token = Body(minted)["access_token"];
  auto subscribed =
      meta.Post(("/v25.0/" + std::string(kWanjiruPage) +
                 "/subscribed_apps?subscribed_fields=comments,mentions&access_token=" + page_token)
                    .c_str(),
                "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(subscribed && subscribed->status == 200) << (subscribed ? subscribed->body : "");
  ASSERT_TRUE(meta.Post("/_sandbox/app", json({{"webhook_url", url}}).dump(), "application/json"));
  auto media = Body(meta.Get((std::string("/_sandbox/accounts/") + kWanjiruIg + "/media").c_str()));
  const std::string media_id = media["data"][0]["id"];
  auto commented = meta.Post(("/_sandbox/media/" + media_id + "/comments").c_str(),
                             json({{"text", "Iko size 38? 🙏"}}).dump(), "application/json");
  ASSERT_TRUE(commented && commented->status == 201);
  EXPECT_EQ(Body(commented)["webhook_sent"], true) << commented->body;
  EXPECT_EQ(Body(commented)["status"], 200) << commented->body;
  EXPECT_EQ(Scalar("SELECT processing_status || ' ' || connection_id FROM instagram_webhook_event"
                   " WHERE ig_media_id = '" +
                   media_id +
                   "' AND raw_payload->'value'->>'text' = "
                   "'Iko size 38? 🙏'"),
            "pending " + connection);
  EXPECT_EQ(Count("job", "kind = 'webhook'"), 4);
}
#endif

}  // namespace
}  // namespace vendly::test
