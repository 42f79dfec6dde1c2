// Faults on demand: throttling after N calls, token errors, transient 5xx, truncated JSON, slow
// answers, connections dropped mid-body, and the HTTP hardening (chunked and oversize bodies).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>

#include "sandbox_harness.h"

namespace vendly::sandbox_test {
namespace {

class Faults : public SandboxTest {
 protected:
  void SetUp() override {
    SandboxTest::SetUp();
    token_ = LongToken(kWanjiru);
    media_ = "/v25.0/" + std::string(kWanjiruIg) +
             "/media?fields=id,caption&limit=5&access_token=" + Encode(token_);
  }
  std::string token_;
  std::string media_;
};

TEST_F(Faults, ThrottlesAfterNCalls) {
  Reply added = PostJson("/_sandbox/faults", {{"type", "throttle"},
                                              {"code", 80002},
                                              {"after", 3},
                                              {"endpoint", "GET /{ig-user-id}/media"}});
  ASSERT_EQ(added.status, 201) << added.body;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Get(media_).status, 200) << i;
  Reply throttled = Get(media_);
  EXPECT_EQ(throttled.status, 400);
  EXPECT_EQ(throttled.json_body["error"]["code"], 80002);
  EXPECT_EQ(throttled.json_body["error"]["is_transient"], true);
  const json buc = json::parse(throttled.Header("X-Business-Use-Case-Usage"));
  EXPECT_GE(buc[kWanjiruIg][0]["call_count"].get<int>(), 100);
  EXPECT_GT(buc[kWanjiruIg][0]["estimated_time_to_regain_access"].get<int>(), 0);
  EXPECT_FALSE(throttled.Header("X-App-Usage").empty());
  // Other endpoints still answer; clearing the faults lifts the block.
  EXPECT_EQ(Get("/me?access_token=" + Encode(token_)).status, 200);
  ASSERT_EQ(Delete("/_sandbox/faults").status, 200);
  EXPECT_EQ(Get(media_).status, 200);
}

TEST_F(Faults, AppLevelThrottleUsesCode4) {
  ASSERT_EQ(PostJson("/_sandbox/faults", {{"type", "throttle"}, {"code", 4}}).status, 201);
  Reply reply = Get(media_);
  EXPECT_EQ(reply.json_body["error"]["code"], 4);
  EXPECT_GE(json::parse(reply.Header("X-App-Usage"))["call_count"].get<int>(), 100);
}

TEST_F(Faults, TokenErrorFault) {
  ASSERT_EQ(PostJson("/_sandbox/faults", {{"type", "token_error"}, {"subcode", 463}, {"count", 1}})
                .status,
            201);
  Reply reply = Get(media_);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.json_body["error"]["code"], 190);
  EXPECT_EQ(reply.json_body["error"]["error_subcode"], 463);
  EXPECT_EQ(Get(media_).status, 200);
}

TEST_F(Faults, TransientServerErrorOnce) {
  ASSERT_EQ(PostJson("/_sandbox/faults", {{"type", "error"}, {"status", 503}, {"count", 1}}).status,
            201);
  Reply failed = Get(media_);
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(failed.json_body["error"]["is_transient"], true);
  EXPECT_EQ(failed.json_body["error"]["code"], 2);
  EXPECT_EQ(Get(media_).status, 200);
  Reply listed = Get("/_sandbox/faults");
  EXPECT_EQ(listed.json_body["faults"][0]["fired"], 1);
}

TEST_F(Faults, TruncatedJson) {
  ASSERT_EQ(
      PostJson("/_sandbox/faults", {{"type", "truncate"}, {"keep", 0.5}, {"count", 1}}).status,
      201);
  Reply cut = Get(media_);
  EXPECT_EQ(cut.status, 200);
  EXPECT_TRUE(cut.json_body.is_discarded()) << cut.body;
  EXPECT_EQ(cut.Header("Content-Length"), std::to_string(cut.body.size()));
  EXPECT_FALSE(Get(media_).json_body.is_discarded());
}

TEST_F(Faults, SlowAnswer) {
  ASSERT_EQ(
      PostJson("/_sandbox/faults", {{"type", "slow"}, {"delay_ms", 300}, {"count", 1}}).status,
      201);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Get(media_).status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST_F(Faults, ResetClearsFaultsAndRejectsBadOnes) {
  ASSERT_EQ(PostJson("/_sandbox/faults", {{"type", "error"}}).status, 201);
  EXPECT_EQ(Get(media_).status, 500);
  ASSERT_EQ(PostJson("/_sandbox/reset", json::object()).status, 200);
  EXPECT_EQ(Get("/_sandbox/faults").json_body["faults"].size(), 0u);
  EXPECT_EQ(PostJson("/_sandbox/faults", {{"type", "volcano"}}).status, 400);
  EXPECT_EQ(PostJson("/_sandbox/faults", {{"type", "throttle"}, {"code", 5}}).status, 400);
}

TEST_F(Faults, ShortAndEmptyPagesStillHaveNext) {
  // The second page holds 3 items, the third none; both keep paging.next, and nothing is lost.
  ASSERT_EQ(
      PostJson(
          "/_sandbox/faults",
          {{"faults",
            json::array({{{"type", "short_page"}, {"items", 3}, {"after", 1}, {"count", 1}},
                         {{"type", "short_page"}, {"items", 0}, {"after", 2}, {"count", 1}}})}})
          .status,
      201);
  std::vector<std::string> ids;
  std::vector<size_t> sizes;
  Reply page = Get("/v25.0/" + std::string(kWanjiruIg) +
                   "/media?fields=id&limit=100&access_token=" + Encode(token_));
  for (int pages = 0; pages < 20; ++pages) {
    ASSERT_EQ(page.status, 200) << page.body;
    sizes.push_back(page.json_body["data"].size());
    for (const auto& item : page.json_body["data"]) ids.push_back(item["id"]);
    if (!page.json_body.contains("paging") || !page.json_body["paging"].contains("next")) break;
    page = GetUrl(page.json_body["paging"]["next"]);
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{100, 3, 0, 100, 100, 17}));
  EXPECT_EQ(ids.size(), 320u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 320u);
}

TEST_F(Faults, MalformedControlBodiesAre400) {
  EXPECT_EQ(PostJson("/_sandbox/faults", {{"type", "slow"}, {"delay_ms", "soon"}}).status, 400);
  EXPECT_EQ(PostJson("/_sandbox/clock", {{"advance_seconds", "a day"}}).status, 400);
  EXPECT_EQ(Get("/_sandbox/nothing-here").status, 404);
}

// Sends raw request bytes and returns what the server sent: its status line only, or with
// `until_closed` every byte until it closes the connection (or 5 s pass).
std::string RawAnswer(int port, const std::string& request, bool until_closed = false) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "connect failed";
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
    close(fd);
    return "send failed";
  }
  std::string answer;
  char buffer[1024];
  ssize_t n = 1;
  while ((until_closed || answer.find("\r\n") == std::string::npos) &&
         (n = recv(fd, buffer, sizeof buffer, 0)) > 0) {
    answer.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  if (until_closed) return n == 0 ? answer : "not closed: " + answer;
  return answer.substr(0, answer.find("\r\n"));
}

std::string RawStatusLine(int port, const std::string& request) { return RawAnswer(port, request); }

TEST_F(Faults, DropCutsTheConnectionMidBody) {
  ASSERT_EQ(
      PostJson(
          "/_sandbox/faults",
          {{"type", "drop"}, {"keep", 0.5}, {"count", 1}, {"endpoint", "GET /{ig-user-id}/media"}})
          .status,
      201);
  const std::string answer =
      RawAnswer(port(), "GET " + media_ + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", true);
  ASSERT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer;
  const auto head_end = answer.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos);
  const auto length_at = answer.find("Content-Length: ");
  ASSERT_NE(length_at, std::string::npos) << answer;
  const std::size_t promised = std::stoul(answer.substr(length_at + 16));
  const std::size_t sent = answer.size() - head_end - 4;
  EXPECT_GT(sent, 0u);
  EXPECT_EQ(sent, promised / 2) << "half the body, then the connection closed";
  EXPECT_EQ(Get("/_sandbox/faults").json_body["faults"][0]["fired"], 1);
  // The fault fired once: the next call is whole.
  Reply whole = Get(media_);
  EXPECT_EQ(whole.status, 200);
  EXPECT_FALSE(whole.json_body.is_discarded());
}

TEST_F(Faults, RefusesChunkedAndOversizeBodiesBeforeReadingThem) {
  EXPECT_EQ(
      RawStatusLine(
          port(),
          "POST /_sandbox/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"type\":\"error\"}\r\n0\r\n\r\n"),
      "HTTP/1.1 411 Length Required");
  // The headers alone are enough: the body is never read.
  EXPECT_EQ(
      RawStatusLine(
          port(),
          "POST /_sandbox/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          "Content-Length: 2097152\r\n\r\n"),
      "HTTP/1.1 413 Payload Too Large");
  EXPECT_EQ(Get("/_sandbox/faults").json_body["faults"].size(), 0u);
}

}  // namespace
}  // namespace vendly::sandbox_test
