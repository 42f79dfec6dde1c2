#include "sandbox_harness.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace vendly::sandbox_test {

pid_t SandboxTest::pid_ = -1;
int SandboxTest::port_ = 0;

std::string Reply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

namespace {

Reply FromResult(const httplib::Result& result) {
  Reply reply;
  if (!result) {
    reply.status = -1;
    reply.body = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.json_body = json::parse(result->body, nullptr, false);
  return reply;
}

httplib::Client Client(int port) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  return client;
}

}  // namespace

pid_t StartSandbox(const std::vector<std::string>& extra_args, const std::string& stderr_path,
                   int* port) {
  // A peer that closes early (the sandbox refusing an oversize body) must fail a write, not kill
  // the test.
  signal(SIGPIPE, SIG_IGN);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return -1;
  std::vector<std::string> args = {META_SANDBOX_BINARY, "--port", "0", "--fixtures",
                                   META_SANDBOX_FIXTURES};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive a test process that died without TearDown
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    if (!stderr_path.empty()) {
      int fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd >= 0) dup2(fd, STDERR_FILENO);
    }
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(META_SANDBOX_BINARY, argv.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  // The sandbox prints its port alone on stdout once it is bound.
  std::string line;
  char c;
  while (read(pipe_fds[0], &c, 1) == 1 && c != '\n') line += c;
  close(pipe_fds[0]);
  if (line.empty()) {
    StopSandbox(pid);
    return -1;
  }
  *port = std::stoi(line);
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto result = Client(*port).Get("/healthz");
    if (result && result->status == 200) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  StopSandbox(pid);
  return -1;
}

void StopSandbox(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  int status = 0;
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (waitpid(pid, &status, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
}

void SandboxTest::SetUpTestSuite() {
  if (pid_ > 0) return;
  pid_ = StartSandbox({"--quiet"}, "", &port_);
  ASSERT_GT(pid_, 0) << "meta-sandbox did not start";
}

void SandboxTest::TearDownTestSuite() {
  StopSandbox(pid_);
  pid_ = -1;
}

void SandboxTest::SetUp() {
  ASSERT_GT(port_, 0);
  ASSERT_EQ(PostJson("/_sandbox/reset", json::object()).status, 200);
}

Reply SandboxTest::Get(const std::string& path_and_query) {
  return FromResult(Client(port_).Get(path_and_query.c_str()));
}

Reply SandboxTest::GetUrl(const std::string& url) {
  const std::string base = base_url();
  EXPECT_EQ(url.rfind(base, 0), 0u) << url << " does not start with " << base;
  return Get(url.substr(base.size()));
}

Reply SandboxTest::PostJson(const std::string& path, const json& body) {
  return FromResult(Client(port_).Post(path.c_str(), body.dump(), "application/json"));
}

Reply SandboxTest::PostForm(const std::string& path, const httplib::Params& form) {
  return FromResult(Client(port_).Post(path.c_str(), form));
}

Reply SandboxTest::Delete(const std::string& path) {
  return FromResult(Client(port_).Delete(path.c_str()));
}

std::string SandboxTest::Consent(const std::string& user_id, const std::string& state,
                                 const std::string& decision, const std::string& scope) {
  const std::string query = "client_id=sandbox-app&redirect_uri=" + Encode(kRedirect) +
                            "&state=" + Encode(state) + "&scope=" + Encode(scope) +
                            "&response_type=code";
  Reply dialog = Get("/v25.0/dialog/oauth?" + query);
  EXPECT_EQ(dialog.status, 200);
  EXPECT_NE(dialog.body.find("action=\"/v25.0/dialog/oauth/confirm\""), std::string::npos);
  Reply confirm = PostForm("/v25.0/dialog/oauth/confirm", {{"client_id", "sandbox-app"},
                                                           {"redirect_uri", kRedirect},
                                                           {"state", state},
                                                           {"scope", scope},
                                                           {"response_type", "code"},
                                                           {"user_id", user_id},
                                                           {"decision", decision}});
  EXPECT_EQ(confirm.status, 302);
  return confirm.Header("Location");
}

std::string SandboxTest::QueryValue(const std::string& location, const std::string& key) {
  std::string query = location.substr(location.find('?') + 1);
  query = query.substr(0, query.find('#'));
  httplib::Params params;
  httplib::detail::parse_query_text(query, params);
  auto it = params.find(key);
  return it == params.end() ? "" : it->second;
}

std::string SandboxTest::ShortToken(const std::string& user_id) {
  const std::string code = QueryValue(Consent(user_id, "st-" + user_id, "continue"), "code");
  Reply token = Get(
      "/v25.0/oauth/access_token?client_id=sandbox-app&client_secret=sandbox-secret&redirect_uri=" +
      Encode(kRedirect) + "&code=" + Encode(code));
  EXPECT_EQ(token.status, 200) << token.body;
  return token.json_body.value("access_token", "");
}

std::string SandboxTest::LongToken(const std::string& user_id) {
  const std::string short_token = ShortToken(user_id);
  Reply token =
      Get("/v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id=sandbox-app"
          "&client_secret=sandbox-secret&fb_exchange_token=" +
          Encode(short_token));
  EXPECT_EQ(token.status, 200) << token.body;
  return token.json_body.value("access_token", "");
}

std::string Encode(const std::string& value) { return httplib::detail::encode_query_param(value); }

std::string HmacHex(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

}  // namespace vendly::sandbox_test
