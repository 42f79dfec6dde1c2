// Test harness for the Meta sandbox: starts the real meta-sandbox binary on a free loopback port
// (one per test process), resets its world before each test, and offers small HTTP helpers (JSON
// GET/POST, the OAuth dance, following paging.next URLs). The child process is killed and reaped in
// TearDownTestSuite.
#ifndef VENDLY_TESTS_SANDBOX_SANDBOX_HARNESS_H_
#define VENDLY_TESTS_SANDBOX_SANDBOX_HARNESS_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sandbox_accounts.h"

namespace vendly::sandbox_test {

using nlohmann::json;

// The demo world's ids and names: sandbox_accounts.h, generated from the fixtures (kWanjiru,
// kWanjiruIg, kAminaUsername2, kAppSecret...).
using namespace sandbox_accounts;
inline constexpr char kRedirect[] = "http://127.0.0.1:3000/api/instagram/auth/callback";
inline constexpr char kScopes[] =
    "instagram_basic,pages_show_list,pages_read_engagement,business_management";

struct Reply {
  int status = 0;
  std::string body;
  json json_body;  // discarded when the body is not JSON
  httplib::Headers headers;
  std::string Header(const std::string& name) const;
};

class SandboxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;  // POST /_sandbox/reset

  static int port() { return port_; }
  static std::string base_url() { return "http://127.0.0.1:" + std::to_string(port_); }

  // GET path (with query) and parse the body.
  Reply Get(const std::string& path_and_query);
  // GET a full URL on the sandbox (e.g. paging.next).
  Reply GetUrl(const std::string& url);
  Reply PostJson(const std::string& path, const json& body);
  Reply PostForm(const std::string& path, const httplib::Params& form);
  Reply Delete(const std::string& path);

  // The dialog -> Continue -> code steps; returns the Location of the 302.
  std::string Consent(const std::string& user_id, const std::string& state,
                      const std::string& decision, const std::string& scope = kScopes);
  // The code from a Location header ("...?code=X&state=Y#_=_").
  static std::string QueryValue(const std::string& location, const std::string& key);
  // Code -> short-lived token.
  std::string ShortToken(const std::string& user_id);
  // Code -> short-lived -> long-lived token.
  std::string LongToken(const std::string& user_id);

 private:
  static pid_t pid_;
  static int port_;
};

// Starts meta-sandbox on a free port with `extra_args`, its stderr to `stderr_path` ("" keeps the
// test's). Returns the child's pid (and *port), or -1. The child dies with the test process.
pid_t StartSandbox(const std::vector<std::string>& extra_args, const std::string& stderr_path,
                   int* port);

// SIGTERM, then SIGKILL after 2 s; reaps the child.
void StopSandbox(pid_t pid);

// URL-encodes a query value.
std::string Encode(const std::string& value);

// Lowercase hex HMAC-SHA256, computed independently of the sandbox (OpenSSL directly).
std::string HmacHex(const std::string& key, const std::string& message);

}  // namespace vendly::sandbox_test

#endif  // VENDLY_TESTS_SANDBOX_SANDBOX_HARNESS_H_
