// vendly-server: the edge server. `vendly-server migrate` applies migrations/ and exits; plain
// `vendly-server` applies them and serves, running VENDLY_WORKER_THREADS job workers beside the
// HTTP threads; `vendly-server worker` applies them and runs only job workers. Serve and worker
// stop cleanly on SIGINT or SIGTERM. Configuration: environment variables (see server/README.md).
#include <httplib.h>
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>

#include "app/app.h"
#include "app/config.h"
#include "app/log.h"
#include "http/front.h"
#include "jobs/queue.h"
#include "store/migrate.h"
#include "vendly/request_policy.h"

using namespace vendly::server;

namespace {

// Loads the configuration (exit 2 when it is not valid) after applying VENDLY_LOG_LEVEL.
std::optional<Config> ReadConfig() {
  if (const char* level = std::getenv("VENDLY_LOG_LEVEL")) {
    LogLevel parsed;
    if (ParseLogLevel(level, &parsed)) SetLogLevel(parsed);
  }
  auto config = LoadConfig([](const char* name) { return std::getenv(name); });
  if (!config.ok()) {
    LogError("config", {{"error", config.status().message()}});
    return std::nullopt;
  }
  if (config->token_key_generated)
    LogInfo("config", {{"message", "token key read from " + config->data_dir + "/token.key"}});
  return *config;
}

int RunWorker(App& app, const JobRunner::Options& job_options, const sigset_t& signals) {
  if (job_options.threads == 0) {
    LogError("config", {{"error", "VENDLY_WORKER_THREADS is 0: a worker would run no jobs"}});
    return 2;
  }
  JobRunner runner(app, job_options);
  RegisterJobHandlers(runner, app);
  runner.Start();
  int sig = 0;
  sigwait(&signals, &sig);
  LogInfo("shutdown", {{"signal", sig}});
  runner.Stop();
  return 0;
}

int RunServe(App& app, const JobRunner::Options& job_options, const sigset_t& signals) {
  FrontOptions front;
  front.threads = std::size_t(app.config.http_threads);
  front.queue = std::size_t(app.config.task_queue_max);
  front.max_per_address = app.config.max_connections_per_address;
  front.headers = vendly::ApiSecurityHeaders(ServesHttps(app.config));
  FrontServer server(front);
  Router router(server, app.db);
  BuildServer(server, router, app);

  std::thread signal_thread([&server, signals]() {
    int sig = 0;
    sigwait(&signals, &sig);
    LogInfo("shutdown", {{"signal", sig}});
    server.stop();
  });
  signal_thread.detach();

  if (!server.BindToPort(app.config.bind_address, app.config.port)) {
    LogError("listen", {{"error", "cannot listen on " + app.config.bind_address + ":" +
                                      std::to_string(app.config.port)}});
    return 1;
  }
  LogInfo("listen", {{"address", app.config.bind_address},
                     {"port", app.config.port},
                     {"publicUrl", app.config.public_url},
                     {"graphUrl", app.config.graph_url},
                     {"graphVersion", app.config.graph_version},
                     {"aiMode", app.config.ai.mode},
                     {"aiProvider", app.config.ai.active_provider}});
  // Declared after `app` (the caller's), so destroyed (stopped) before it.
  std::unique_ptr<JobRunner> runner;
  if (job_options.threads > 0) {
    runner = std::make_unique<JobRunner>(app, job_options);
    RegisterJobHandlers(*runner, app);
    runner->Start();
  }
  server.listen_after_bind();
  if (runner) runner->Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "serve";
  if (command != "serve" && command != "migrate" && command != "worker") {
    std::fprintf(stderr, "usage: vendly-server [serve|migrate|worker]\n");
    return 2;
  }
  std::optional<Config> config = ReadConfig();
  if (!config) return 2;

  // Signals are handled by one thread with sigwait; block them before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  App app(*config);
  auto migrated = Migrate(app.db, app.config.migrations_dir);
  if (!migrated.ok()) {
    LogError("migrate", {{"error", migrated.status().message()}});
    return 1;
  }
  LogInfo("migrate", {{"applied", *migrated}, {"dir", app.config.migrations_dir}});
  if (command == "migrate") return 0;

  JobRunner::Options job_options;
  job_options.threads = app.config.worker_threads;
  job_options.lease = std::chrono::seconds(app.config.job_lease_seconds);
  if (command == "worker") return RunWorker(app, job_options, signals);
  return RunServe(app, job_options, signals);
}
