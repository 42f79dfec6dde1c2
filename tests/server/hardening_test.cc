// The edge server against an attacker's probes (issue 20): sign-in throttling per account and per
// client address, 429 with Retry-After and a growing wait, no lockout of a seller at their usual
// address; the same rule per client address on the OAuth start and callback and on the webhook
// verification. A real vendly-server process on a private database; the attacker and the seller are
// told apart by their loopback source addresses (127.0.0.x all reach the server on 127.0.0.1).
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include "test_support.h"

namespace vendly::test {
namespace {

class HardeningTest : public IntegrationTest<HardeningTest> {
 protected:
  static void SetUpSuite() { server_ = StartServer(db_->url()); }
  void SetUp() override {
    IntegrationTest::SetUp();
    if (Stopped()) return;
    client_ = From("127.0.0.1");
  }

  // A client whose connections come from `source` (a loopback address).
  std::unique_ptr<httplib::Client> From(const std::string& source) {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", server_->port);
    c->set_interface(source);
    c->set_read_timeout(20, 0);
    return c;
  }

  static httplib::Result Login(httplib::Client& c, const std::string& email,
                               const std::string& password) {
    return Call(c, "POST", "/api/auth/login", {{"email", email}, {"password", password}});
  }

  static void ExpectThrottled(const httplib::Result& r) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 429) << r->body;
    const std::string retry = r->get_header_value("Retry-After");
    ASSERT_FALSE(retry.empty());
    EXPECT_GE(std::stoi(retry), 1);
    json b = Body(r);
    EXPECT_EQ(b["error"]["code"], "too_many_attempts") << r->body;
    EXPECT_EQ(b["retryAfterSeconds"], std::stoi(retry));
  }

  static int RetryAfter(const httplib::Result& r) {
    return r ? std::atoi(r->get_header_value("Retry-After").c_str()) : 0;
  }

  // Counts of the log's lines that contain `needle`.
  static int LogLines(const std::string& needle) {
    const std::string log = server_->log();
    int n = 0;
    for (std::size_t pos = log.find(needle); pos != std::string::npos;
         pos = log.find(needle, pos + 1))
      ++n;
    return n;
  }

  std::unique_ptr<httplib::Client> client_;
};

TEST_F(HardeningTest, AFloodOfWrongPasswordsIsMostly429sAndTheSellerStillGetsIn) {
  SignupSeller(*client_, "flood@duka.co");  // signs up from 127.0.0.1: the seller's usual address
  const int failed_before = LogLines("\"login_failed\"");
  std::atomic<int> unauthorized{0}, throttled{0}, other{0};
  std::mutex mu;
  std::vector<std::thread> attackers;
  for (int t = 0; t < 4; ++t) {
    attackers.emplace_back([&] {
      auto attacker = From("127.0.0.2");
      for (int i = 0; i < 75; ++i) {
        auto r = Login(*attacker, "flood@duka.co", "guess-" + std::to_string(i));
        if (r && r->status == 401) {
          ++unauthorized;
        } else if (r && r->status == 429) {
          ++throttled;
          std::lock_guard<std::mutex> lock(mu);
          ExpectThrottled(r);
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : attackers) t.join();
  EXPECT_EQ(unauthorized + throttled, 300);
  EXPECT_EQ(other, 0);
  EXPECT_GE(throttled, 285);  // 5 free checks, then waits of 1, 2, 4... seconds
  EXPECT_GE(unauthorized, 5);
  // Only the checked attempts paid for PBKDF2 (login_failed is logged after the check).
  EXPECT_EQ(LogLines("\"login_failed\"") - failed_before, unauthorized.load());

  // The seller, from their usual address, is let in at once with the right password.
  auto seller = Login(*client_, "flood@duka.co", "pass-word-1");
  ASSERT_TRUE(seller);
  EXPECT_EQ(seller->status, 200) << seller->body;
  // From an address the account has not signed in from, the account's wait applies to everyone.
  ExpectThrottled(Login(*From("127.0.0.3"), "flood@duka.co", "pass-word-1"));
}

TEST_F(HardeningTest, TheWaitGrowsWithEachCheckedFailure) {
  SignupSeller(*client_, "grow@duka.co");
  auto attacker = From("127.0.0.7");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(Login(*attacker, "grow@duka.co", "nope")->status, 401) << i;  // the free attempts
  EXPECT_EQ(Login(*attacker, "grow@duka.co", "nope")->status, 401);  // checked; the next waits 1 s
  auto first = Login(*attacker, "grow@duka.co", "nope");
  ExpectThrottled(first);
  std::this_thread::sleep_for(std::chrono::seconds(RetryAfter(first)) +
                              std::chrono::milliseconds(200));
  EXPECT_EQ(Login(*attacker, "grow@duka.co", "nope")->status, 401);  // checked; the next waits 2 s
  auto second = Login(*attacker, "grow@duka.co", "nope");
  ExpectThrottled(second);
  EXPECT_GT(RetryAfter(second), 1);
  EXPECT_LE(RetryAfter(second), 2);
}

TEST_F(HardeningTest, OneAddressGuessingManyAccountsIsThrottled) {
  auto attacker = From("127.0.0.4");
  int unauthorized = 0, throttled = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = Login(*attacker, "nobody" + std::to_string(i) + "@duka.co", "guess");
    ASSERT_TRUE(r);
    if (r->status == 401) ++unauthorized;
    if (r->status == 429) {
      ++throttled;
      ExpectThrottled(r);
    }
  }
  EXPECT_GE(unauthorized, 10);  // the address's free attempts
  EXPECT_LE(unauthorized, 12);
  EXPECT_EQ(unauthorized + throttled, 40);
  // Others are not held back by that address.
  EXPECT_EQ(Login(*From("127.0.0.8"), "nobody0@duka.co", "guess")->status, 401);
}

TEST_F(HardeningTest, SignUpWithATakenEmailIsThrottledAndSuccessfulSignUpsAreNot) {
  SignupSeller(*client_, "taken@duka.co");
  auto prober = From("127.0.0.5");
  const json again = {{"email", "taken@duka.co"},
                      {"password", "pass-word-1"},
                      {"storeName", "Duka"},
                      {"currency", "KES"}};
  int taken = 0, throttled = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = Call(*prober, "POST", "/api/auth/signup", again);
    ASSERT_TRUE(r);
    if (r->status == 409) ++taken;
    if (r->status == 429) {
      ++throttled;
      ExpectThrottled(r);
    }
  }
  EXPECT_GE(taken, 5);
  EXPECT_LE(taken, 7);
  EXPECT_EQ(taken + throttled, 20);

  // A shop signing up many sellers from one address is not held back: a success gives its
  // attempt back.
  auto office = From("127.0.0.6");
  for (int i = 0; i < 15; ++i) {
    auto r = Call(*office, "POST", "/api/auth/signup",
                  {{"email", "office" + std::to_string(i) + "@duka.co"},
                   {"password", "pass-word-1"},
                   {"storeName", "Duka"},
                   {"currency", "KES"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201) << i << ": " << r->body;
  }
}

// GET /api/webhooks/instagram with `token` as hub.verify_token.
httplib::Result Verify(httplib::Client& c, const std::string& token) {
  return c.Get(
      ("/api/webhooks/instagram?hub.mode=subscribe&hub.challenge=ch4ll3nge&hub.verify_token=" +
       token)
          .c_str());
}

TEST_F(HardeningTest, GuessingTheWebhookVerifyTokenIsThrottledPerAddress) {
  auto guesser = From("127.0.0.9");
  int forbidden = 0, throttled = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = Verify(*guesser, "guess-" + std::to_string(i));
    ASSERT_TRUE(r);
    if (r->status == 403) ++forbidden;
    if (r->status == 429) {
      ++throttled;
      ExpectThrottled(r);
    }
  }
  EXPECT_EQ(forbidden, 11);  // 10 free, then one checked before the first wait
  EXPECT_EQ(forbidden + throttled, 30);
  // While the guesser waits, even the right token is not checked from there; Meta, elsewhere, is
  // answered at once, as often as it asks.
  ExpectThrottled(Verify(*guesser, "vendly-demo-verify-token"));
  auto meta = From("127.0.0.10");
  for (int i = 0; i < 25; ++i) {
    auto r = Verify(*meta, "vendly-demo-verify-token");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << i << ": " << r->body;
    EXPECT_EQ(r->body, "ch4ll3nge");
  }
}

TEST_F(HardeningTest, GuessingOAuthStatesIsThrottledPerAddress) {
  auto guesser = From("127.0.0.11");
  int invalid = 0, throttled = 0;
  for (int i = 0; i < 25; ++i) {
    auto r =
        Call(*guesser, "GET", "/api/instagram/auth/callback?code=c&state=guess" + std::to_string(i),
             {}, "", {{"Accept", "application/json"}});
    ASSERT_TRUE(r);
    if (r->status == 400 && Body(r)["error"]["code"] == "invalid_state") ++invalid;
    if (r->status == 429) {
      ++throttled;
      ExpectThrottled(r);
    }
  }
  EXPECT_EQ(invalid, 11);
  EXPECT_EQ(invalid + throttled, 25);
  // Another address is answered on the merits.
  auto other = Call(*From("127.0.0.12"), "GET", "/api/instagram/auth/callback?code=c&state=x", {},
                    "", {{"Accept", "application/json"}});
  EXPECT_EQ(Body(other)["error"]["code"], "invalid_state");
}

TEST_F(HardeningTest, OAuthStartsAreThrottledUnlessTheirCallbackComesBack) {
  auto browser = From("127.0.0.13");
  const std::string token = SignupSeller(*browser, "oauth@duka.co");
  // A seller who opens Meta's dialog and comes back (here: declines) gets each start back.
  for (int i = 0; i < 40; ++i) {
    auto start = Call(*browser, "GET", "/api/instagram/auth/url", {}, token);
    ASSERT_TRUE(start);
    ASSERT_EQ(start->status, 200) << i << ": " << start->body;
    const std::string state = Body(start)["state"];
    auto back =
        Call(*browser, "GET", "/api/instagram/auth/callback?error=access_denied&state=" + state, {},
             token, {{"Accept", "application/json"}});
    ASSERT_TRUE(back);
    ASSERT_EQ(Body(back)["error"]["code"], "consent_declined") << i << ": " << back->body;
  }
  // Starts that never come back add up: 20 free, one checked, then a wait.
  auto abandoner = From("127.0.0.14");
  int started = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = Call(*abandoner, "GET", "/api/instagram/auth/url", {}, token);
    ASSERT_TRUE(r);
    if (r->status == 200) ++started;
    if (r->status == 429) ExpectThrottled(r);
  }
  EXPECT_EQ(started, 21);
  EXPECT_NE(server_->log().find("\"oauth_throttled\""), std::string::npos);
}

}  // namespace
}  // namespace vendly::test
