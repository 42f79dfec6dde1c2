// Helpers of the edge server's integration tests: a database per test process (created through
// VENDLY_PG_ADMIN_URL, dropped at the end), child processes (vendly-server, meta-sandbox) on free
// ports, killed in TearDown, and small HTTP helpers.
#ifndef VENDLY_TESTS_SERVER_TEST_SUPPORT_H_
#define VENDLY_TESTS_SERVER_TEST_SUPPORT_H_

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_accounts.h"  // the Meta sandbox's demo ids, generated from its fixtures

namespace vendly::test {

using nlohmann::json;

// Writing to a socket the server closed (a refused 10 MB body) must fail, not kill the test.
inline const bool kIgnoreSigpipe = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

inline const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

inline int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

// A TCP connection to 127.0.0.1:`port`, made from loopback address `from` (127.0.0.1 ...
// 127.0.0.255, so one test can act as many clients); -1 when it cannot connect.
inline int ConnectLoopback(int port, const std::string& from = "127.0.0.1") {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  inet_pton(AF_INET, from.c_str(), &local.sin_addr);
  bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof(local));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(uint16_t(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Replaces (or appends) dbname=... in a libpq conninfo.
inline std::string WithDbName(const std::string& conninfo, const std::string& db) {
  std::string out;
  std::string::size_type pos = 0;
  bool replaced = false;
  while (pos < conninfo.size()) {
    auto end = conninfo.find(' ', pos);
    if (end == std::string::npos) end = conninfo.size();
    std::string part = conninfo.substr(pos, end - pos);
    if (part.rfind("dbname=", 0) == 0) {
      part = "dbname=" + db;
      replaced = true;
    }
    if (!part.empty()) out += (out.empty() ? "" : " ") + part;
    pos = end + 1;
  }
  if (!replaced) out += " dbname=" + db;
  return out;
}

// Runs one SQL statement; returns rows as vectors of text (NULL as "<null>"). Fails the test on
// error.
inline std::vector<std::vector<std::string>> Sql(const std::string& conninfo,
                                                 const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    ADD_FAILURE() << "connect: " << PQerrorMessage(c);
    PQfinish(c);
    return rows;
  }
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  PGresult* r = PQexec(c, sql.c_str());
  auto st = PQresultStatus(r);
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    ADD_FAILURE() << "sql: " << sql << ": " << PQresultErrorMessage(r);
  } else {
    for (int i = 0; i < PQntuples(r); ++i) {
      std::vector<std::string> row;
      for (int j = 0; j < PQnfields(r); ++j)
        row.push_back(PQgetisnull(r, i, j) ? "<null>" : PQgetvalue(r, i, j));
      rows.push_back(row);
    }
  }
  PQclear(r);
  PQfinish(c);
  return rows;
}

// A fresh, empty database for this test process.
class TestDatabase {
 public:
  TestDatabase() {
    const char* base = Env("VENDLY_TEST_DATABASE_URL");
    if (!base) return;
    admin_ = Env("VENDLY_PG_ADMIN_URL") ? Env("VENDLY_PG_ADMIN_URL") : WithDbName(base, "postgres");
    std::random_device rd;
    name_ = "vendly_t_" + std::to_string(getpid()) + "_" + std::to_string(rd() % 1000000);
    Sql(admin_, "CREATE DATABASE " + name_);
    url_ = WithDbName(base, name_);
  }
  ~TestDatabase() {
    if (!name_.empty()) Sql(admin_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }

 private:
  std::string admin_;
  std::string name_;
  std::string url_;
};

// A child process with extra environment variables; SIGTERM then SIGKILL on destruction.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
               const std::string& log_path) {
    pid_ = fork();
    if (pid_ == 0) {
      for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
      if (!log_path.empty()) {
        FILE* f = std::fopen(log_path.c_str(), "w");
        if (f) {
          dup2(fileno(f), 1);
          dup2(fileno(f), 2);
        }
      }
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  ~ChildProcess() { Stop(); }
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  bool running() { return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0; }
  int pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
};

// Waits until GET path answers on 127.0.0.1:port (any status).
inline bool WaitForHttp(int port, const std::string& path, int timeout_ms = 15000) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(0, 200000);
    if (auto r = c.Get(path.c_str())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

inline std::string TempDir() {
  char tmpl[] = "/tmp/vendly-srv-test.XXXXXX";
  const char* d = mkdtemp(tmpl);
  return d ? d : "/tmp";
}

// The whole file at `path`; "" when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::string out;
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) return out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

// A running vendly-server.
struct ServerProcess {
  int port = 0;
  std::string dir;
  std::unique_ptr<ChildProcess> process;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  std::string log() const { return ReadFile(dir + "/server.log"); }
};

inline std::unique_ptr<ServerProcess> StartServer(const std::string& database_url,
                                                  std::map<std::string, std::string> env = {}) {
  auto s = std::make_unique<ServerProcess>();
  s->port = FreePort();
  s->dir = TempDir();
  env["VENDLY_DATABASE_URL"] = database_url;
  env["VENDLY_PORT"] = std::to_string(s->port);
  env["VENDLY_DATA_DIR"] = s->dir;
  env["VENDLY_MIGRATIONS_DIR"] = VENDLY_MIGRATIONS_DIR;
  if (!env.count("VENDLY_PUBLIC_URL")) env["VENDLY_PUBLIC_URL"] = s->url();
  if (!env.count("VENDLY_LOG_LEVEL")) env["VENDLY_LOG_LEVEL"] = "debug";
  s->process = std::make_unique<ChildProcess>(std::vector<std::string>{VENDLY_SERVER_BIN}, env,
                                              s->dir + "/server.log");
  if (!WaitForHttp(s->port, "/healthz")) {
    ADD_FAILURE() << "vendly-server did not start; log:\n" << s->log();
  }
  return s;
}

inline json Body(const httplib::Result& r) {
  if (!r) return json();
  return json::parse(r->body, nullptr, false);
}

// A JSON request with an optional bearer token.
inline httplib::Result Call(httplib::Client& c, const std::string& method, const std::string& path,
                            const json& body = json(), const std::string& token = "",
                            httplib::Headers headers = {}) {
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  if (method == "GET") return c.Get(path.c_str(), headers);
  if (method == "DELETE") return c.Delete(path.c_str(), headers);
  const std::string payload = body.is_null() ? "" : body.dump();
  if (method == "PATCH") return c.Patch(path.c_str(), headers, payload, "application/json");
  return c.Post(path.c_str(), headers, payload, "application/json");
}

// Signs a seller up through the API; returns the session token ("" after a failed expectation).
inline std::string SignupSeller(httplib::Client& c, const std::string& email,
                                const std::string& store = "Duka",
                                const std::string& currency = "KES") {
  auto r = Call(c, "POST", "/api/auth/signup",
                {{"email", email},
                 {"password", "pass-word-1"},
                 {"storeName", store},
                 {"currency", currency}});
  EXPECT_TRUE(r);
  if (!r) return "";
  EXPECT_EQ(r->status, 201) << r->body;
  return Body(r).value("token", "");
}

// Splits "http://host:port/path?query#frag" into {origin, path?query} (fragment dropped, as a
// browser does).
inline std::pair<std::string, std::string> SplitUrl(std::string url) {
  auto hash = url.find('#');
  if (hash != std::string::npos) url.resize(hash);
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (slash == std::string::npos) return {url, "/"};
  return {url.substr(0, slash), url.substr(slash)};
}

inline std::string QueryValue(const std::string& url, const std::string& key) {
  auto q = url.find('?');
  if (q == std::string::npos) return "";
  std::string query = url.substr(q + 1);
  auto hash = query.find('#');
  if (hash != std::string::npos) query.resize(hash);
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string part = query.substr(pos, amp - pos);
    if (part.rfind(key + "=", 0) == 0)
      return httplib::detail::decode_url(part.substr(key.size() + 1), true);
    pos = amp + 1;
  }
  return "";
}

#ifdef META_SANDBOX_BIN
inline constexpr bool kSandboxBuilt = true;
// Starts build/bin/meta-sandbox on a free port (written to *port) for a test suite.
inline ChildProcess* StartSandbox(int* port) {
  *port = FreePort();
  auto* sandbox = new ChildProcess({META_SANDBOX_BIN, "--port", std::to_string(*port), "--quiet"},
                                   {}, "/dev/null");
  if (!WaitForHttp(*port, "/healthz")) ADD_FAILURE() << "meta-sandbox did not start";
  return sandbox;
}
#else
inline constexpr bool kSandboxBuilt = false;  // VENDLY_BUILD_SANDBOX=OFF: suites that need it skip
inline ChildProcess* StartSandbox(int*) { return nullptr; }
#endif

// The edge server's settings that point it at the Meta sandbox on `port` (Graph API and login
// dialog, the sandbox's app), plus `extra`.
inline std::map<std::string, std::string> SandboxServerEnv(
    int port, std::map<std::string, std::string> extra = {}) {
  const std::string meta = "http://127.0.0.1:" + std::to_string(port);
  std::map<std::string, std::string> env = {{"META_GRAPH_URL", meta},
                                            {"META_LOGIN_URL", meta},
                                            {"META_APP_ID", sandbox_accounts::kAppId},
                                            {"META_APP_SECRET", sandbox_accounts::kAppSecret}};
  for (auto& [k, v] : extra) env[k] = v;
  return env;
}

// The base fixture of the integration suites (one suite per test executable).
//  - Once per suite: a fresh database (db_); the Meta sandbox (sandbox_, sandbox_port_) when the
//    suite says `static constexpr bool kSandbox = true;`; then the suite's own static SetUpSuite()
//    (start a vendly-server into server_, build an App...), run only when there is a database. At
//    the end its TearDownSuite(), then server_, the sandbox and the database go, in that order.
//  - Before each test: skipped without VENDLY_TEST_DATABASE_URL (or when the suite needs a sandbox
//    that is not built); with a sandbox, its world is reset and meta_ talks to it.
//  - server_ started in SetUpSuite serves the whole suite; started by a test, it stops when that
//    test ends.
// A suite derives as `class ScanTest : public IntegrationTest<ScanTest>`; its own SetUp() starts
// with `IntegrationTest::SetUp(); if (Stopped()) return;`.
template <typename Suite>
class IntegrationTest : public ::testing::Test {
 protected:
  static constexpr bool kSandbox = false;
  static void SetUpSuite() {}
  static void TearDownSuite() {}

  static void SetUpTestSuite() {
    db_ = new TestDatabase();
    if (!db_->available()) return;
    if (Hooks::kSandbox && kSandboxBuilt) sandbox_ = StartSandbox(&sandbox_port_);
    Hooks::SetUpSuite();
    suite_server_ = server_ != nullptr;
  }
  static void TearDownTestSuite() {
    if (db_->available()) Hooks::TearDownSuite();
    server_.reset();
    delete sandbox_;
    sandbox_ = nullptr;
    delete db_;
    db_ = nullptr;
  }
  void SetUp() override {
    if (!db_->available()) GTEST_SKIP() << "VENDLY_TEST_DATABASE_URL is not set";
    if (!Hooks::kSandbox) return;
    if (!kSandboxBuilt) GTEST_SKIP() << "meta-sandbox is not built (VENDLY_BUILD_SANDBOX=OFF)";
    meta_ = std::make_unique<httplib::Client>("127.0.0.1", sandbox_port_);
    ASSERT_TRUE(meta_->Post("/_sandbox/reset", "{}", "application/json"));
  }
  void TearDown() override {
    if (!suite_server_) server_.reset();
  }
  // In a suite's SetUp, after IntegrationTest::SetUp(): the test is skipped or cannot go on.
  static bool Stopped() { return IsSkipped() || HasFatalFailure(); }

  // The suite's kSandbox and hooks, which it declares protected: named through a class derived from
  // it, as its tests are.
  struct Hooks : Suite {
    using Suite::kSandbox;
    using Suite::SetUpSuite;
    using Suite::TearDownSuite;
  };

  static inline TestDatabase* db_ = nullptr;
  static inline ChildProcess* sandbox_ = nullptr;
  static inline int sandbox_port_ = 0;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline bool suite_server_ = false;
  std::unique_ptr<httplib::Client> meta_;  // the sandbox, when kSandbox
};

// An environment lookup over `env`, for LoadConfig in tests that build an App in process.
inline std::function<const char*(const char*)> EnvFrom(std::map<std::string, std::string> env) {
  return [env = std::move(env)](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
}

// Dashboard -> auth URL -> Meta's dialog (the sandbox) -> Continue/Cancel as `user` -> back to the
// edge server at `server_url`, driven over HTTP as a browser would. Returns the edge server's
// answer to the callback (a 302 to the dashboard); `callback_url` receives the callback's path.
inline httplib::Result SandboxConsent(httplib::Client& vendly, httplib::Client& meta,
                                      const std::string& server_url, int sandbox_port,
                                      const std::string& session, const std::string& user,
                                      const std::string& decision = "continue",
                                      std::string* callback_url = nullptr,
                                      const std::string& page_id = "") {
  auto auth =
      Call(vendly, "GET", "/api/instagram/auth/url" + (page_id.empty() ? "" : "?pageId=" + page_id),
           {}, session);
  EXPECT_TRUE(auth && auth->status == 200);
  const std::string auth_url = Body(auth)["authUrl"];
  auto [origin, dialog_path] = SplitUrl(auth_url);
  EXPECT_EQ(origin, "http://127.0.0.1:" + std::to_string(sandbox_port));
  auto dialog = meta.Get(dialog_path.c_str());
  EXPECT_TRUE(dialog && dialog->status == 200) << (dialog ? dialog->body : "");
  if (dialog) {
    EXPECT_NE(dialog->body.find("Continue"), std::string::npos);
  }
  // Press the button: the form posts the dialog's parameters plus the user and the decision.
  httplib::Params form;
  for (const char* k : {"client_id", "redirect_uri", "state", "scope", "response_type"})
    form.emplace(k, QueryValue(auth_url, k));
  form.emplace("user_id", user);
  form.emplace("decision", decision);
  auto confirm = meta.Post("/v25.0/dialog/oauth/confirm", form);
  EXPECT_TRUE(confirm && confirm->status == 302) << (confirm ? confirm->body : "");
  const std::string location = confirm ? confirm->get_header_value("Location") : "";
  auto [back_origin, back_path] = SplitUrl(location);
  EXPECT_EQ(back_origin, server_url);
  if (callback_url) *callback_url = back_path;
  return vendly.Get(back_path.c_str());
}

}  // namespace vendly::test

#endif  // VENDLY_TESTS_SERVER_TEST_SUPPORT_H_
