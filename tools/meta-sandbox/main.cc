// meta-sandbox: a stand-in for the parts of Meta's platform the edge server uses (Facebook Login,
// the Graph API for Pages and Instagram media, the media CDN, webhooks), and for the language
// models of the second opinion (OpenAI- and Gemini-shaped), seeded from JSON fixtures and steered
// through
// /_sandbox/. Listens on loopback only.
//
//   meta-sandbox [--port N] [--host 127.0.0.1] [--fixtures DIR] [--public-url URL] [--app-id ID]
//                [--app-secret SECRET] [--threads N] [--cdn-ttl SECONDS] [--app-budget N]
//                [--account-budget N]
//                [--quiet]
//   Environment: META_SANDBOX_PORT, META_SANDBOX_PUBLIC_URL, META_SANDBOX_FIXTURES, META_APP_ID,
//   META_APP_SECRET.
#include <httplib.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#include "http_util.h"
#include "routes.h"
#include "store.h"
#include "world_changes.h"

namespace {

using vendly::sandbox::Config;

constexpr size_t kMaxBody = 1 << 20;

httplib::Server* g_server = nullptr;

void Stop(int) {
  if (g_server != nullptr) g_server->stop();
}

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

int Usage(const std::string& problem) {
  std::cerr
      << "meta-sandbox: " << problem << "\n"
      << "usage: meta-sandbox [--port N] [--host 127.0.0.1] [--fixtures DIR] [--public-url URL]\n"
      << "                    [--app-id ID] [--app-secret SECRET] [--threads N] [--cdn-ttl "
         "SECONDS]\n"
      << "                    [--app-budget N] [--account-budget N] [--quiet]\n";
  return 2;
}

bool ParseInt(const std::string& text, int64_t low, int64_t high, int64_t* out) {
  try {
    size_t used = 0;
    long long value = std::stoll(text, &used);
    if (used != text.size() || value < low || value > high) return false;
    *out = value;
    return true;
  } catch (...) {
    return false;
  }
}

void Harden(httplib::Server& server, int threads) {
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_payload_max_length(kMaxBody);
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));
  };
  server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
    auto refuse = [&response](int status, const std::string& message) {
      auto reply = vendly::sandbox::MetaError(message, "OAuthException", 100);
      response.status = status;
      response.set_content(vendly::sandbox::DumpMeta(reply.body),
                           "application/json; charset=UTF-8");
      return httplib::Server::HandlerResponse::Handled;
    };
    if (request.has_header("Transfer-Encoding")) {
      return refuse(411, "Chunked request bodies are not accepted; send Content-Length.");
    }
    if (request.has_header("Content-Length")) {
      const std::string length = request.get_header_value("Content-Length");
      int64_t value = 0;
      if (!ParseInt(length, 0, static_cast<int64_t>(kMaxBody), &value)) {
        return refuse(413, "Request body too large.");
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_exception_handler([](const httplib::Request& request, httplib::Response& response,
                                  std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "{\"event\":\"exception\",\"what\":" << nlohmann::json(what).dump() << "}\n";
    if (request.path.rfind("/_sandbox/", 0) == 0) {
      // The control API's caller sent something malformed (e.g. a string where a number belongs).
      response.status = 400;
      response.set_content(nlohmann::json{{"error", what}}.dump(),
                           "application/json; charset=utf-8");
      return;
    }
    auto reply =
        vendly::sandbox::MetaError("An unknown error has occurred.", "OAuthException", 1, 0, true);
    response.status = 500;
    response.set_content(vendly::sandbox::DumpMeta(reply.body), "application/json; charset=UTF-8");
  });
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  int64_t port = 0;
  if (!Env("META_SANDBOX_PORT").empty() && !ParseInt(Env("META_SANDBOX_PORT"), 0, 65535, &port)) {
    return Usage("META_SANDBOX_PORT must be a port number");
  }
  config.fixtures_dir = Env("META_SANDBOX_FIXTURES");
  config.public_url = Env("META_SANDBOX_PUBLIC_URL");
  config.app_id = Env("META_APP_ID");
  config.app_secret = Env("META_APP_SECRET");
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--quiet") {
      config.quiet = true;
      continue;
    }
    if (flag == "--help" || flag == "-h") return Usage("help");
    if (i + 1 >= argc) return Usage("missing value for " + flag);
    const std::string value = argv[++i];
    int64_t number = 0;
    if (flag == "--port") {
      if (!ParseInt(value, 0, 65535, &port)) return Usage("--port must be a port number");
    } else if (flag == "--host") {
      if (value != "127.0.0.1" && value != "localhost")
        return Usage("--host must be 127.0.0.1 (loopback only)");
      config.host = "127.0.0.1";
    } else if (flag == "--fixtures") {
      config.fixtures_dir = value;
    } else if (flag == "--public-url") {
      config.public_url = value;
    } else if (flag == "--app-id") {
      config.app_id = value;
    } else if (flag == "--app-secret") {
      config.app_secret = value;
    } else if (flag == "--threads") {
      if (!ParseInt(value, 1, 256, &number)) return Usage("--threads must be within 1..256");
      config.threads = static_cast<int>(number);
    } else if (flag == "--cdn-ttl") {
      if (!ParseInt(value, 1, 365LL * 24 * 3600, &number))
        return Usage("--cdn-ttl must be positive seconds");
      config.cdn_ttl = number;
    } else if (flag == "--app-budget") {
      if (!ParseInt(value, 1, 1LL << 40, &number)) return Usage("--app-budget must be positive");
      config.app_call_budget = number;
    } else if (flag == "--account-budget") {
      if (!ParseInt(value, 1, 1LL << 40, &number))
        return Usage("--account-budget must be positive");
      config.account_call_budget = number;
    } else {
      return Usage("unknown flag " + flag);
    }
  }
  if (config.fixtures_dir.empty()) config.fixtures_dir = META_SANDBOX_DEFAULT_FIXTURES;

  httplib::Server server;
  Harden(server, config.threads);
  int bound =
      port == 0 ? server.bind_to_any_port(config.host)
                : (server.bind_to_port(config.host, static_cast<int>(port)) ? static_cast<int>(port)
                                                                            : -1);
  if (bound < 0) {
    std::cerr << "meta-sandbox: cannot listen on " << config.host << ":" << port << "\n";
    return 1;
  }
  config.port = bound;
  if (config.public_url.empty()) config.public_url = "http://127.0.0.1:" + std::to_string(bound);
  while (!config.public_url.empty() && config.public_url.back() == '/')
    config.public_url.pop_back();

  vendly::sandbox::Store store(config);
  std::string error;
  if (!store.Load(&error)) {
    std::cerr << "meta-sandbox: fixtures: " << error << "\n";
    return 1;
  }

  server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{\"ok\":true}", "application/json");
  });
  vendly::sandbox::InstallAiRoutes(server, store);
  vendly::sandbox::InstallControlRoutes(server, store);
  vendly::sandbox::InstallDialogRoutes(server, store);
  vendly::sandbox::InstallInstagramLoginRoutes(server, store);
  vendly::sandbox::InstallCdnRoutes(server, store);
  vendly::sandbox::InstallGraphRoutes(server, store);
  if (!config.quiet) {
    server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
      std::cerr << vendly::sandbox::LogLine(request, response) + "\n";
    });
  }

  g_server = &server;
  std::signal(SIGINT, Stop);
  std::signal(SIGTERM, Stop);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up mid-answer must not end the sandbox
  {
    std::lock_guard<std::mutex> lock(store.mu);
    std::cerr << nlohmann::json{{"event", "listening"},
                                {"url", config.public_url},
                                {"port", bound},
                                {"fixtures", config.fixtures_dir},
                                {"accounts", store.world.accounts.size()},
                                {"media", store.world.media.size()},
                                {"app_id", store.world.app_id}}
                     .dump()
              << std::endl;
  }
  // The port on stdout, alone, so a parent that passed --port 0 can read it.
  std::cout << bound << std::endl;
  vendly::sandbox::Scheduler scheduler(store);
  scheduler.Start();
  server.listen_after_bind();
  scheduler.Stop();
  return 0;
}
