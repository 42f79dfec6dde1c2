// api_load: the load of scripts/bench api, sellers browsing their drafts.
//   api_load --port P --sellers N --setup            signs N sellers up (api-bench-<i>@duka.co) and
//                                                    exits: the bench seeds their drafts in SQL
//   api_load --port P --sellers N --seconds S [--edit-share F]
// The second form signs each seller in (POST /api/auth/login, not timed) and then runs one thread
// per seller, each on its own keep-alive connection, for S seconds: a page of 20 pending drafts
// (GET /api/products/drafts, a random page), three of its drafts opened (GET
// /api/products/drafts/:id) and, on a share F (default 0.25) of the pages, one of them edited
// (PATCH: a new name and price). Prints one JSON object: requests, requests per second, p50/p99/max
// latency overall and per kind, and the requests that failed (transport error or not 2xx).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  int port = 0;
  int sellers = 64;
  double seconds = 30;
  double edit_share = 0.25;
  bool setup = false;
};

enum Kind { kList, kOpen, kEdit, kKinds };
const char* const kKindNames[kKinds] = {"list", "open", "edit"};

// What one seller's thread measured.
struct Tally {
  std::vector<double> ms[kKinds];
  long failures[kKinds] = {0, 0, 0};
  std::string first_failure;
};

std::string Email(int i) { return "api-bench-" + std::to_string(i) + "@duka.co"; }

// Signs seller i up (setup) or in; the session token, "" on failure.
std::string Authenticate(int port, int i, bool signup) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(60, 0);
  json body = {{"email", Email(i)}, {"password", "bench-password"}};
  if (signup) body.update({{"storeName", "Bench " + std::to_string(i)}, {"currency", "KES"}});
  auto r = c.Post(signup ? "/api/auth/signup" : "/api/auth/login", body.dump(), "application/json");
  if (!r || r->status / 100 != 2) {
    std::cerr << "api_load: " << (signup ? "signup" : "login") << " of " << Email(i)
              << " failed: " << (r ? std::to_string(r->status) + " " + r->body : "no answer")
              << "\n";
    return "";
  }
  return json::parse(r->body).value("token", "");
}

// Signs every seller up or in, eight at a time (each costs a PBKDF2 on the server).
std::vector<std::string> AuthenticateAll(const Options& o) {
  std::vector<std::string> tokens(std::size_t(o.sellers));
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = next++; i < o.sellers; i = next++)
        tokens[std::size_t(i)] = Authenticate(o.port, i, o.setup);
    });
  for (auto& t : threads) t.join();
  return tokens;
}

// One timed request; its JSON answer (null on failure, which is counted).
json Timed(httplib::Client& c, Tally& tally, Kind kind, const std::string& method,
           const std::string& path, const std::string& body = "") {
  const auto start = Clock::now();
  httplib::Result r =
      method == "GET" ? c.Get(path.c_str()) : c.Patch(path.c_str(), body, "application/json");
  tally.ms[kind].push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  if (r && r->status / 100 == 2) return json::parse(r->body, nullptr, false);
  ++tally.failures[kind];
  if (tally.first_failure.empty())
    tally.first_failure = method + " " + path + ": " +
                          (r ? std::to_string(r->status) + " " + r->body.substr(0, 200)
                             : httplib::to_string(r.error()));
  return json();
}

// One seller browsing until the deadline.
void Browse(const Options& o, const std::string& token, unsigned seed, Clock::time_point deadline,
            Tally& tally) {
  httplib::Client c("127.0.0.1", o.port);
  c.set_keep_alive(true);
  c.set_read_timeout(60, 0);
  c.set_default_headers({{"Authorization", "Bearer " + token}});
  std::mt19937 rng(seed);
  int pages = 1;
  while (Clock::now() < deadline) {
    const int page = std::uniform_int_distribution<int>(1, pages)(rng);
    json list =
        Timed(c, tally, kList, "GET", "/api/products/drafts?limit=20&page=" + std::to_string(page));
    if (!list.is_object() || list["drafts"].empty()) continue;
    pages = std::max(1, list["pagination"].value("pages", 1));
    const json& drafts = list["drafts"];
    std::uniform_int_distribution<std::size_t> pick(0, drafts.size() - 1);
    for (int i = 0; i < 3; ++i)
      Timed(c, tally, kOpen, "GET",
            "/api/products/drafts/" + drafts[pick(rng)]["id"].get<std::string>());
    if (std::uniform_real_distribution<double>(0, 1)(rng) < o.edit_share) {
      const json edit = {{"name", "Kitenge dress " + std::to_string(rng() % 1000)},
                         {"price", 1000 + int(rng() % 4000)}};
      Timed(c, tally, kEdit, "PATCH",
            "/api/products/drafts/" + drafts[pick(rng)]["id"].get<std::string>(), edit.dump());
    }
  }
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, std::size_t(q * double(v.size())))];
}

json Summary(const std::vector<double>& ms, long failures) {
  return {{"requests", ms.size()},
          {"failures", failures},
          {"p50_ms", Percentile(ms, 0.50)},
          {"p99_ms", Percentile(ms, 0.99)},
          {"max_ms", ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end())}};
}

json Run(const Options& o, const std::vector<std::string>& tokens) {
  std::vector<Tally> tallies(tokens.size());
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::milliseconds(long(o.seconds * 1000));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    threads.emplace_back(Browse, std::cref(o), std::cref(tokens[i]), unsigned(i + 1), deadline,
                         std::ref(tallies[i]));
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  json out = {{"sellers", tokens.size()}, {"seconds", elapsed}, {"kinds", json::object()}};
  std::vector<double> all;
  long failures = 0;
  std::string first_failure;
  for (int k = 0; k < kKinds; ++k) {
    std::vector<double> ms;
    long failed = 0;
    for (const auto& t : tallies) {
      ms.insert(ms.end(), t.ms[k].begin(), t.ms[k].end());
      failed += t.failures[k];
      if (first_failure.empty()) first_failure = t.first_failure;
    }
    out["kinds"][kKindNames[k]] = Summary(ms, failed);
    all.insert(all.end(), ms.begin(), ms.end());
    failures += failed;
  }
  out["all"] = Summary(all, failures);
  out["requests_per_second"] = double(all.size()) / elapsed;
  out["first_failure"] = first_failure;
  return out;
}

bool ParseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--setup") {
      o.setup = true;
    } else if (a == "--port" && has_value) {
      o.port = std::stoi(argv[++i]);
    } else if (a == "--sellers" && has_value) {
      o.sellers = std::stoi(argv[++i]);
    } else if (a == "--seconds" && has_value) {
      o.seconds = std::stod(argv[++i]);
    } else if (a == "--edit-share" && has_value) {
      o.edit_share = std::stod(argv[++i]);
    } else {
      return false;
    }
  }
  return o.port > 0 && o.sellers > 0 && o.seconds > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, o)) {
    std::cerr << "usage: api_load --port P --sellers N (--setup | --seconds S [--edit-share F])\n";
    return 2;
  }
  const std::vector<std::string> tokens = AuthenticateAll(o);
  if (std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return t.empty(); }))
    return 1;
  if (o.setup) return 0;
  std::cout << Run(o, tokens).dump() << "\n";
  return 0;
}
