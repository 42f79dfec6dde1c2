// Behind a reverse proxy (VENDLY_TRUSTED_PROXIES), against the real vendly-server and PostgreSQL:
// the per-address sign-in throttle counts each client X-Forwarded-For names when the peer is a
// trusted proxy, so two sellers behind one proxy get separate counters; a peer that is not trusted
// is counted as itself whatever X-Forwarded-For it sends; and /metrics, open to loopback clients,
// is not opened to a remote client by a proxy on loopback.
#include <gtest/gtest.h>

#include <functional>

#include "test_support.h"

namespace vendly::test {
namespace {

constexpr char kProxy[] = "127.0.0.2";  // the trusted proxy's address; 127.0.0.1 is not trusted

// Sends one request over a new connection from loopback address `from` and returns the status
// (0 when no answer came).
int RawRequest(int port, const std::string& from, const std::string& method,
               const std::string& path, const std::string& body,
               const std::vector<std::string>& extra_headers) {
  const int fd = ConnectLoopback(port, from);
  if (fd < 0) return 0;
  std::string request =
      method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const std::string& h : extra_headers) request += h + "\r\n";
  if (!body.empty())
    request +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = send(fd, request.data() + sent, request.size() - sent, 0);
    if (n <= 0) break;
    sent += std::size_t(n);
  }
  std::string answer;
  char buf[4096];
  for (;;) {
    const ssize_t n = recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    answer.append(buf, std::size_t(n));
    if (answer.find("\r\n") != std::string::npos) break;
  }
  close(fd);
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

class TrustedProxyTest : public IntegrationTest<TrustedProxyTest> {
 protected:
  static void SetUpSuite() {
    server_ = StartServer(db_->url(), {{"VENDLY_TRUSTED_PROXIES", std::string(kProxy) + "/32"},
                                       {"VENDLY_LOG_LEVEL", "info"}});
  }

  // A failed sign-in (an unknown email each time, so only the address counter adds up) from
  // `from`, with `forwarded_for` as X-Forwarded-For when not empty. Returns the status.
  int FailedLogin(const std::string& from, const std::string& forwarded_for) {
    static int n = 0;
    const std::string body = json({{"email", "nobody" + std::to_string(++n) + "@proxy.test"},
                                   {"password", "wrong-pw-1"}})
                                 .dump();
    std::vector<std::string> headers;
    if (!forwarded_for.empty()) headers.push_back("X-Forwarded-For: " + forwarded_for);
    return RawRequest(server_->port, from, "POST", "/api/auth/login", body, headers);
  }

  // Sign-ins from one client until one is throttled; the number of 401s before the 429. With the
  // address rule's 10 free attempts the 11th sets a 1 s wait, so the 12th is refused (the 13th when
  // a sign-in takes over a second on a loaded machine).
  int FailuresBeforeThrottle(const std::string& from,
                             const std::function<std::string(int)>& forwarded_for) {
    for (int i = 0; i < 40; ++i) {
      const int status = FailedLogin(from, forwarded_for(i));
      if (status == 429) return i;
      EXPECT_EQ(status, 401) << "attempt " << i;
      if (status != 401) return -1;
    }
    return -1;
  }
};

TEST_F(TrustedProxyTest, TwoClientsBehindATrustedProxyAreCountedApart) {
  // Seller A, behind the proxy, is throttled after the address rule's free attempts, whatever it
  // forges to the left of the address the proxy appended.
  const int a = FailuresBeforeThrottle(
      kProxy, [](int i) { return "203.0.113." + std::to_string(i + 1) + ", 198.51.100.10"; });
  EXPECT_GE(a, 11);
  EXPECT_LE(a, 13);
  // Seller B, behind the same proxy, has a counter of its own: as many free attempts again (one
  // shared counter would refuse it at once or after one attempt).
  const int b = FailuresBeforeThrottle(kProxy, [](int) { return "198.51.100.20"; });
  EXPECT_GE(b, 11);
  EXPECT_LE(b, 13);
  // The proxy's own address was never counted: a request without the header is the proxy's.
  EXPECT_EQ(FailedLogin(kProxy, ""), 401);
}

TEST_F(TrustedProxyTest, AnUntrustedPeersForwardedForIsIgnored) {
  // 127.0.0.3 is no proxy: every address it claims is 127.0.0.3's counter.
  const int tries = FailuresBeforeThrottle(
      "127.0.0.3", [](int i) { return "203.0.113." + std::to_string(i + 1); });
  EXPECT_GE(tries, 11);
  EXPECT_LE(tries, 13);
  EXPECT_EQ(FailedLogin("127.0.0.4", "203.0.113.1"), 401);  // another peer, another counter
}

TEST_F(TrustedProxyTest, MetricsForLoopbackOnlyAreNotOpenedByAProxyOnLoopback) {
  EXPECT_EQ(RawRequest(server_->port, "127.0.0.1", "GET", "/metrics", "", {}), 200);
  // Through the proxy, the client is the remote address it names, not loopback.
  EXPECT_EQ(
      RawRequest(server_->port, kProxy, "GET", "/metrics", "", {"X-Forwarded-For: 203.0.113.7"}),
      401);
  // The proxy itself (no header) is a loopback client.
  EXPECT_EQ(RawRequest(server_->port, kProxy, "GET", "/metrics", "", {}), 200);
}

TEST_F(TrustedProxyTest, AMalformedTrustedProxyListStopsTheServerWithAClearMessage) {
  const std::string dir = TempDir();
  ChildProcess bad({VENDLY_SERVER_BIN, "migrate"},
                   {{"VENDLY_DATABASE_URL", db_->url()},
                    {"VENDLY_MIGRATIONS_DIR", VENDLY_MIGRATIONS_DIR},
                    {"VENDLY_DATA_DIR", dir},
                    {"VENDLY_TRUSTED_PROXIES", "10.0.0.1/8"}},
                   dir + "/server.log");
  for (int i = 0; i < 200 && bad.running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string log = ReadFile(dir + "/server.log");
  EXPECT_NE(log.find("VENDLY_TRUSTED_PROXIES: \\\"10.0.0.1/8\\\" is not an IP address"),
            std::string::npos)
      << log;
}

}  // namespace
}  // namespace vendly::test
