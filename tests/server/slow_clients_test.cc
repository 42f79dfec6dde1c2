// Slow and idle clients and HTTP framing (issue 20, item 4), probed over raw sockets against the
// real vendly-server: slow heads do not hold the request threads, a head has a total deadline, one
// address has a connection cap, bodies without a length are 411 at once, conflicting lengths are
// 400 and close the connection, oversized heads are 431, pipelined requests are answered in order,
// and draft edits past their registry limits are refused when the body is read.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <poll.h>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "test_support.h"
#include "vendly/http_framing.h"
#include "vendly/registry.h"

namespace vendly::test {
namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

class SlowClientsTest : public IntegrationTest<SlowClientsTest> {
 protected:
  // 20 per address: the slow-head probe's 200 connections come from ten loopback addresses.
  static void SetUpSuite() {
    server_ = StartServer(db_->url(), {{"VENDLY_HTTP_MAX_CONNECTIONS_PER_ADDRESS", "20"}});
  }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
  }

  // A connection to the server from loopback address `from` (127.0.0.1 ... 127.0.0.255); -1 when
  // it cannot connect.
  int Connect(const std::string& from = "127.0.0.1") {
    return ConnectLoopback(server_->port, from);
  }

  struct Answer {
    std::string bytes;
    bool closed = false;  // the server closed the connection (not a read timeout)
    double millis = 0;    // from the request sent to the last byte read
  };

  // Reads until the server closes or `timeout_ms` passes without a byte.
  static Answer ReadAll(int fd, int timeout_ms, Clock::time_point start = Clock::now()) {
    Answer a;
    char buf[8192];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, timeout_ms) <= 0) break;
      const ssize_t n = read(fd, buf, sizeof(buf));
      if (n <= 0) {
        a.closed = true;
        break;
      }
      a.bytes.append(buf, std::size_t(n));
    }
    a.millis = MillisSince(start);
    return a;
  }

  Answer Exchange(const std::string& request, int timeout_ms = 3000) {
    int fd = Connect();
    EXPECT_GE(fd, 0);
    const auto start = Clock::now();
    (void)!write(fd, request.data(), request.size());
    Answer a = ReadAll(fd, timeout_ms, start);
    close(fd);
    return a;
  }

  // GET /healthz on a new connection from 127.0.0.1: its latency in ms, or -1 when not answered
  // with 200 within a second.
  double HealthzMillis() {
    int fd = Connect();
    if (fd < 0) return -1;
    const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    const auto start = Clock::now();
    (void)!write(fd, req.data(), req.size());
    Answer a = ReadAll(fd, 1000, start);
    close(fd);
    return a.bytes.rfind("HTTP/1.1 200", 0) == 0 ? a.millis : -1;
  }

  std::unique_ptr<httplib::Client> client_;
};

TEST_F(SlowClientsTest, TwoHundredSlowHeadsLeaveOthersAnswered) {
  std::vector<int> slow;
  for (int a = 0; a < 10; ++a)
    for (int i = 0; i < 20; ++i) {
      int fd = Connect("127.0.0." + std::to_string(10 + a));
      ASSERT_GE(fd, 0);
      slow.push_back(fd);
    }
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  std::atomic<bool> done{false};
  std::thread dribble([&] {  // one byte per connection every 20 ms: the head never ends
    for (std::size_t i = 0; !done; ++i) {
      for (int fd : slow) (void)!write(fd, &head[i % head.size()], 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<double> millis;
  for (int i = 0; i < 20; ++i) millis.push_back(HealthzMillis());
  done = true;
  dribble.join();
  // The slow connections were held open (under the 5 s head deadline), not refused.
  int open = 0;
  for (int fd : slow) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 0) == 0) ++open;
    close(fd);
  }
  EXPECT_EQ(open, 200);
  std::sort(millis.begin(), millis.end());
  EXPECT_GE(millis.front(), 0) << "a /healthz went unanswered for a second";
  EXPECT_LT(millis[millis.size() / 2], 100.0);
}

TEST_F(SlowClientsTest, AHeadHasATotalDeadlineNotAPerByteOne) {
  int fd = Connect("127.0.0.30");
  ASSERT_GE(fd, 0);
  const std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaa";
  const auto start = Clock::now();
  Answer a;
  for (std::size_t i = 0; i < head.size() && !a.closed; ++i) {
    (void)!write(fd, &head[i], 1);
    a = ReadAll(fd, 300, start);  // a byte every 300 ms: each read is quick, the head is not
  }
  close(fd);
  EXPECT_TRUE(a.closed);
  EXPECT_NE(a.bytes.find("408"), std::string::npos) << a.bytes;
  EXPECT_NE(a.bytes.find("request_timeout"), std::string::npos) << a.bytes;
  EXPECT_LT(a.millis, (vendly::kHeaderReadSeconds + 2) * 1000.0);
}

TEST_F(SlowClientsTest, OneAddressHasAConnectionCap) {
  std::vector<int> held;
  for (int i = 0; i < 20; ++i) held.push_back(Connect("127.0.0.40"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int extra = Connect("127.0.0.40");
  ASSERT_GE(extra, 0);
  Answer refused = ReadAll(extra, 2000);
  close(extra);
  EXPECT_TRUE(refused.closed);
  EXPECT_NE(refused.bytes.find("429"), std::string::npos) << refused.bytes;
  EXPECT_NE(refused.bytes.find("too_many_connections"), std::string::npos);
  EXPECT_GE(HealthzMillis(), 0);  // another address is served
  for (int fd : held) close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int again = Connect("127.0.0.40");
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  (void)!write(again, req.data(), req.size());
  Answer served = ReadAll(again, 2000);
  close(again);
  EXPECT_EQ(served.bytes.rfind("HTTP/1.1 200", 0), 0u) << served.bytes;
}

TEST_F(SlowClientsTest, AnIdleKeptAliveConnectionIsClosed) {
  int fd = Connect("127.0.0.41");
  const std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  (void)!write(fd, req.data(), req.size());
  Answer a = ReadAll(fd, (vendly::kKeepAliveIdleSeconds + 2) * 1000);
  close(fd);
  EXPECT_EQ(a.bytes.rfind("HTTP/1.1 200", 0), 0u) << a.bytes;
  EXPECT_TRUE(a.closed);
}

TEST_F(SlowClientsTest, APostWithoutALengthIs411AtOnce) {
  Answer a = Exchange(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n"
      "{\"email\":\"a@b.co\",\"password\":\"whatever1\"}");
  EXPECT_EQ(a.bytes.rfind("HTTP/1.1 411", 0), 0u) << a.bytes;
  EXPECT_NE(a.bytes.find("length_required"), std::string::npos);
  EXPECT_TRUE(a.closed);
  EXPECT_LT(a.millis, 1000.0);
}

TEST_F(SlowClientsTest, TwoDifferentContentLengthsAre400AndTheConnectionCloses) {
  Answer a = Exchange(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(a.bytes.rfind("HTTP/1.1 400", 0), 0u) << a.bytes;
  EXPECT_NE(a.bytes.find("conflicting_content_length"), std::string::npos);
  EXPECT_EQ(a.bytes.find("HTTP/1.1 200"), std::string::npos) << "the smuggled request was served";
  EXPECT_TRUE(a.closed);
}

TEST_F(SlowClientsTest, HeadersPast64KilobytesAre431) {
  std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 70; ++i)
    req += "X-Pad-" + std::to_string(i) + ": " + std::string(1000, 'a') + "\r\n";
  Answer a = Exchange(req + "\r\n");
  EXPECT_EQ(a.bytes.rfind("HTTP/1.1 431", 0), 0u) << a.bytes.substr(0, 200);
  EXPECT_NE(a.bytes.find("header_too_large"), std::string::npos);
  EXPECT_TRUE(a.closed);
  // Just under the limit is served.
  req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
  for (int i = 0; i < 60; ++i)
    req += "X-Pad-" + std::to_string(i) + ": " + std::string(1000, 'a') + "\r\n";
  a = Exchange(req + "\r\n");
  EXPECT_EQ(a.bytes.rfind("HTTP/1.1 200", 0), 0u) << a.bytes.substr(0, 200);
}

TEST_F(SlowClientsTest, PipelinedRequestsAreAnsweredInOrder) {
  Answer a = Exchange(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /no-such-route HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\n\r\n{}"
      "GET /api/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::size_t first = a.bytes.find("HTTP/1.1 200");
  const std::size_t second = a.bytes.find("HTTP/1.1 404");
  const std::size_t third = a.bytes.find("HTTP/1.1 401");
  ASSERT_NE(first, std::string::npos) << a.bytes;
  ASSERT_NE(second, std::string::npos) << a.bytes;
  ASSERT_NE(third, std::string::npos) << a.bytes;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_TRUE(a.closed);
  EXPECT_LT(a.millis, 1000.0);
}

TEST_F(SlowClientsTest, DraftEditsPastTheirLimitsAreRefusedWhenTheBodyIsRead) {
  const std::string token = SignupSeller(*client_, "limits@x.co", "Duka", "KES");
  Sql(db_->url(),
      "INSERT INTO product_draft (id, store_id, ig_media_id, ig_permalink, ig_media_type, "
      "ig_timestamp, extracted_data, expires_at) SELECT 'drf_limits', st.id, 'm-limits', 'p', "
      "'IMAGE', now(), '{\"name\":\"Dress\",\"price\":1500,\"currency\":\"KES\","
      "\"category\":\"Other\"}', now() + interval '7 days' FROM store st JOIN seller s ON "
      "s.id = st.seller_id WHERE s.email = 'limits@x.co'");
  const json huge = {{"description", std::string(1 << 19, 'y')}};  // under the body limit
  auto r = Call(*client_, "PATCH", "/api/products/drafts/drf_limits", huge, token);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422) << r->body.substr(0, 300);
  json b = Body(r);
  ASSERT_TRUE(b["errors"].is_array()) << r->body.substr(0, 300);
  ASSERT_FALSE(b["errors"].empty());
  EXPECT_EQ(b["errors"][0]["field"], "description") << b.dump();
  EXPECT_EQ(b["errors"][0]["code"], "too_long") << b.dump();
  r = Call(*client_, "PATCH", "/api/products/drafts/drf_limits",
           {{"name", std::string(vendly::kMaxNameLength + 1, 'n')}}, token);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("\"name\""), std::string::npos) << r->body;
  r = Call(*client_, "PATCH", "/api/products/drafts/drf_limits",
           {{"description", std::string(vendly::kMaxDescriptionLength, 'd')}}, token);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body.substr(0, 300);
}

}  // namespace
}  // namespace vendly::test
