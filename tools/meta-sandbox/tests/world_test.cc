// The world changing "on Instagram": changes on command and on a schedule, comments that trigger
// signed webhooks to the app's callback URL, batch requests, and the request log keeping secrets
// out.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

class World : public SandboxTest {
 protected:
  int MediaCount(const std::string& token) {
    return Get("/" + std::string(kWanjiruIg) + "?fields=media_count&access_token=" + Encode(token))
        .json_body.value("media_count", -1);
  }
};

TEST_F(World, ChangesOnCommand) {
  const std::string token = LongToken(kWanjiru);
  const std::string changes = "/_sandbox/accounts/" + std::string(kWanjiruIg) + "/changes";
  Reply published = PostJson(changes, {{"action", "publish"}});
  ASSERT_EQ(published.status, 200) << published.body;
  const std::string id = published.json_body["media_id"];
  Reply newest = Get("/v25.0/" + std::string(kWanjiruIg) +
                     "/media?fields=id,caption&limit=1&access_token=" + Encode(token));
  EXPECT_EQ(newest.json_body["data"][0]["id"], id);
  EXPECT_FALSE(newest.json_body["data"][0].value("caption", "").empty());

  Reply edited = PostJson(changes, {{"action", "edit"}});
  ASSERT_EQ(edited.status, 200);
  const std::string edited_id = edited.json_body["media_id"];
  Reply after = Get("/" + edited_id + "?fields=caption&access_token=" + Encode(token));
  EXPECT_EQ(after.json_body["caption"], edited.json_body["media"]["caption"]);

  Reply deleted = PostJson(changes, {{"action", "delete"}});
  ASSERT_EQ(deleted.status, 200);
  EXPECT_EQ(
      Get("/" + deleted.json_body["media_id"].get<std::string>() + "?access_token=" + Encode(token))
          .status,
      400);
  EXPECT_EQ(MediaCount(token), 320);
}

TEST_F(World, ChangesOnASchedule) {
  const std::string token = LongToken(kWanjiru);
  Reply scheduled =
      PostJson("/_sandbox/schedule",
               {{"account", kWanjiruIg}, {"action", "publish"}, {"every_ms", 30}, {"times", 3}});
  ASSERT_EQ(scheduled.status, 201) << scheduled.body;
  for (int i = 0; i < 100 && MediaCount(token) < 323; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(MediaCount(token), 323);
  EXPECT_EQ(Get("/_sandbox/schedule").json_body["schedules"].size(), 0u);  // done after 3 runs
  EXPECT_EQ(PostJson("/_sandbox/schedule", {{"account", kWanjiruIg}, {"action", "explode"}}).status,
            400);
}

// Receives webhooks and counts valid signatures.
class Hook {
 public:
  Hook() {
    server_.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard<std::mutex> lock(mu_);
      bodies_.push_back(request.body);
      valid_ = request.get_header_value("X-Hub-Signature-256") ==
               "sha256=" + HmacHex("sandbox-secret", request.body);
      response.set_content("ok", "text/plain");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Hook() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  size_t count() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_.size();
  }
  bool valid() {
    std::lock_guard<std::mutex> lock(mu_);
    return valid_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::string> bodies_;
  bool valid_ = false;
};

TEST_F(World, CommentsReachTheAppOnlyWhenThePageIsSubscribed) {
  Hook hook;
  ASSERT_EQ(PostJson("/_sandbox/app", {{"webhook_url", hook.url()}}).status, 200);
  const std::string token = LongToken(kWanjiru);
  const std::string node = "/18000000000100001?fields=comments_count&access_token=" + Encode(token);
  const int before = Get(node).json_body.value("comments_count", -1);
  const std::string comment = "/_sandbox/media/18000000000100001/comments";
  Reply unsubscribed = PostJson(comment, {{"text", "Bei?"}});
  ASSERT_EQ(unsubscribed.status, 201) << unsubscribed.body;
  EXPECT_EQ(unsubscribed.json_body["webhook_sent"], false);
  EXPECT_EQ(unsubscribed.json_body["event"]["entry"][0]["changes"][0]["field"], "comments");
  EXPECT_EQ(hook.count(), 0u);

  const std::string page_token =
      Get("/me/accounts?access_token=" + Encode(token)).json_body["data"][0]["access_token"];
  ASSERT_EQ(PostForm("/v25.0/" + std::string(kWanjiruPage) + "/subscribed_apps",
                     {{"subscribed_fields", "feed"}, {"access_token", page_token}})
                .status,
            200);
  Reply subscribed = PostJson(comment, {{"text", "Iko size 40?"}});
  EXPECT_EQ(subscribed.json_body["webhook_sent"], true);
  EXPECT_EQ(subscribed.json_body["status"], 200);
  EXPECT_EQ(hook.count(), 1u);
  EXPECT_TRUE(hook.valid());
  EXPECT_EQ(Get(node).json_body.value("comments_count", -1), before + 2);
}

TEST_F(World, BatchRequestsCountEachItem) {
  const std::string token = LongToken(kWanjiru);
  ASSERT_EQ(Delete("/_sandbox/calls").status, 200);
  const json batch =
      json::array({{{"method", "GET"}, {"relative_url", "me?fields=id,name"}},
                   {{"method", "GET"},
                    {"relative_url", "v25.0/" + std::string(kWanjiruIg) + "?fields=username"}},
                   {{"method", "GET"}, {"relative_url", "nope"}}});
  Reply reply = PostForm("/v25.0/", {{"batch", batch.dump()}, {"access_token", token}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_EQ(reply.json_body.size(), 3u);
  EXPECT_EQ(reply.json_body[0]["code"], 200);
  EXPECT_EQ(json::parse(reply.json_body[1]["body"].get<std::string>())["username"],
            kWanjiruUsername);
  EXPECT_EQ(reply.json_body[2]["code"], 400);
  EXPECT_EQ(Get("/_sandbox/calls").json_body["total"], 3);
}

TEST_F(World, SinceAndUntilFilterByTimestamp) {
  const std::string token = LongToken(kWanjiru);
  // 2026-11-10T00:00:00Z .. 2026-11-20T00:00:00Z
  Reply reply = Get("/" + std::string(kWanjiruIg) +
                    "/media?fields=timestamp&limit=100&since=1794268800&until=1795132800"
                    "&access_token=" +
                    Encode(token));
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_FALSE(reply.json_body["data"].empty());
  for (const auto& item : reply.json_body["data"]) {
    const std::string timestamp = item["timestamp"];
    EXPECT_GE(timestamp, "2026-11-10T00:00:00+0000");
    EXPECT_LE(timestamp, "2026-11-20T00:00:00+0000");
  }
}

TEST(SandboxLog, OneJsonLinePerRequestWithoutSecrets) {
  const std::string path =
      ::testing::TempDir() + "meta-sandbox-log-" + std::to_string(getpid()) + ".txt";
  int port = 0;
  const pid_t pid = StartSandbox({}, path, &port);
  ASSERT_GT(pid, 0);
  httplib::Client client("127.0.0.1", port);
  auto reply = client.Get(
      "/v25.0/oauth/access_token?client_id=sandbox-app&client_secret=TOPSECRET1&code=CODE2&"
      "redirect_uri=x");
  ASSERT_TRUE(reply);
  auto me = client.Get("/me?access_token=TOKEN3");
  ASSERT_TRUE(me);
  StopSandbox(pid);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path.c_str());
  const std::string log = text.str();
  for (const char* secret : {"TOPSECRET1", "CODE2", "TOKEN3", "sandbox-secret"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " leaked into the log";
  }
  int requests = 0;
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    const json entry = json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded()) << line;
    if (entry.contains("method")) ++requests;
  }
  EXPECT_GE(requests, 3);  // healthz, the token call, /me
}

}  // namespace
}  // namespace vendly::sandbox_test
