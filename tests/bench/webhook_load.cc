// webhook_load: the load of scripts/bench webhooks. Sends N Meta-style webhook deliveries to
// POST /api/webhooks/instagram over keep-alive connections from C threads: fresh signed deliveries
// (1-5 changes each, now and then a batch of 100), exact re-sends of earlier ones (Meta's retries
// and duplicates, some while the original is still in flight) and deliveries with a bad, missing or
// malformed signature. A delivery answered neither 2xx nor 401 is sent again, as Meta does. When
// half the deliveries are answered it creates the --half-marker file (the bench kills the job
// worker then). Prints one JSON object: what was sent, what came back, acknowledgements per second,
// latency percentiles, and what the database must hold afterwards.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crypto/crypto.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string secret;
  std::vector<std::string> accounts;  // connected Instagram accounts
  std::string unknown_account = "17841499999999999";
  int deliveries = 5000;
  int concurrency = 8;
  double duplicates = 0.20;
  double bad = 0.05;
  unsigned seed = 1;
  std::string half_marker;
};

enum class Kind { kFresh, kDuplicate, kBad };

struct Send {
  Kind kind;
  std::string body;
  std::string signature;  // empty: no header
};

// What the database must hold once every fresh delivery is stored and processed.
struct Expected {
  long distinct_changes = 0;  // rows of instagram_webhook_event
  long actionable = 0;        // comments and mentions of connected accounts: 'completed'
  long ignored = 0;           // story_insights, unknown account: 'ignored'
};

std::string Sign(const std::string& secret, const std::string& body) {
  return "sha256=" + vendly::server::HexEncode(vendly::server::HmacSha256(secret, body));
}

json Change(const std::string& field, const std::string& id, const std::string& media_id) {
  if (field == "mentions")
    return {{"field", field}, {"value", {{"media_id", media_id}, {"comment_id", id}}}};
  if (field == "story_insights")
    return {{"field", field},
            {"value", {{"media_id", id}, {"reach", 42}, {"impressions", 57}}}};  // a story's own id
  return {{"field", field},
          {"value",
           {{"from", {{"id", "17841400999000111"}, {"username", "mteja_254"}}},
            {"media", {{"id", media_id}, {"media_product_type", "FEED"}}},
            {"id", id},
            {"text", "Bei gani? Iko size 40? Tuma Mombasa \u00e9 \U0001F60D"}}}};
}

// Builds the deliveries in order, deterministically from the seed.
std::vector<Send> Plan(const Options& o, Expected* expected, long* bad_changes) {
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Send> sends;
  std::vector<std::size_t> fresh;  // indexes of fresh sends, for duplicates to copy
  long change_no = 0;
  const long long base_time = 1790000000;
  for (int i = 0; i < o.deliveries; ++i) {
    const double roll = unit(rng);
    Kind kind = roll < o.bad                  ? Kind::kBad
                : roll < o.bad + o.duplicates ? Kind::kDuplicate
                                              : Kind::kFresh;
    if (kind == Kind::kDuplicate && fresh.empty()) kind = Kind::kFresh;
    if (kind == Kind::kDuplicate) {
      // Mostly a recent delivery (often still in flight on another connection), sometimes an old
      // one.
      const std::size_t window =
          std::min<std::size_t>(fresh.size(), unit(rng) < 0.8 ? 32 : fresh.size());
      const Send& original =
          sends[fresh[fresh.size() - 1 - std::size_t(unit(rng) * window) % window]];
      sends.push_back({Kind::kDuplicate, original.body, original.signature});
      continue;
    }
    const int changes = unit(rng) < 0.01 ? 100 : 1 + int(unit(rng) * 5);
    std::map<std::string, json> by_account;
    for (int c = 0; c < changes; ++c) {
      const double what = unit(rng);
      const bool unknown = what < 0.05;
      const std::string field = what < 0.10   ? "story_insights"
                                : what < 0.25 ? "mentions"
                                              : "comments";
      const std::string account =
          unknown ? o.unknown_account
                  : o.accounts[std::size_t(unit(rng) * o.accounts.size()) % o.accounts.size()];
      const std::string id = (kind == Kind::kBad ? "bad-" : "c-") + std::to_string(change_no++);
      const std::string media_id = "1790000000" + std::to_string(100000 + int(unit(rng) * 5000));
      by_account[account].push_back(Change(field, id, media_id));
      if (kind == Kind::kBad) {
        ++*bad_changes;
      } else {
        ++expected->distinct_changes;
        if (unknown || field == "story_insights")
          ++expected->ignored;
        else
          ++expected->actionable;
      }
    }
    json entries = json::array();
    for (auto& [account, list] : by_account)
      entries.push_back({{"id", account}, {"time", base_time + i}, {"changes", list}});
    const std::string body = json{{"object", "instagram"}, {"entry", entries}}.dump();
    std::string signature = Sign(o.secret, body);
    if (kind == Kind::kBad) {
      switch (i % 3) {
        case 0:
          signature = Sign(o.secret + "-wrong", body);
          break;  // another key
        case 1:
          signature.clear();
          break;  // no header
        default:
          signature = "sha256=" + std::string(64, 'z');
          break;  // not hex
      }
    } else {
      fresh.push_back(sends.size());
    }
    sends.push_back({kind, body, signature});
  }
  return sends;
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port")
      o->port = std::stoi(value);
    else if (flag == "--secret")
      o->secret = value;
    else if (flag == "--deliveries")
      o->deliveries = std::stoi(value);
    else if (flag == "--concurrency")
      o->concurrency = std::stoi(value);
    else if (flag == "--duplicates")
      o->duplicates = std::stod(value);
    else if (flag == "--bad")
      o->bad = std::stod(value);
    else if (flag == "--seed")
      o->seed = unsigned(std::stoul(value));
    else if (flag == "--half-marker")
      o->half_marker = value;
    else if (flag == "--unknown-account")
      o->unknown_account = value;
    else if (flag == "--accounts") {
      std::stringstream list(value);
      std::string item;
      while (std::getline(list, item, ','))
        if (!item.empty()) o->accounts.push_back(item);
    } else {
      return false;
    }
  }
  return o->port > 0 && !o->secret.empty() && !o->accounts.empty() && o->deliveries > 0 &&
         o->concurrency > 0;
}

double Percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const std::size_t rank = std::size_t(p * double(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::fprintf(
        stderr,
        "usage: webhook_load --port P --secret S --accounts a,b,... [--deliveries 5000]"
        " [--concurrency 8] [--duplicates 0.2] [--bad 0.05] [--seed 1] [--half-marker FILE]"
        " [--unknown-account ID]\n");
    return 2;
  }
  Expected expected;
  long bad_changes = 0;
  const std::vector<Send> sends = Plan(o, &expected, &bad_changes);

  std::atomic<std::size_t> next{0};
  std::atomic<long> answered{0}, acks{0}, refused{0}, bad_accepted{0}, fresh_refused{0}, retries{0},
      failed{0};
  std::mutex latency_mutex;
  std::vector<double> latencies_ms;
  latencies_ms.reserve(sends.size());
  std::once_flag half_once;

  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < o.concurrency; ++t) {
    threads.emplace_back([&] {
      httplib::Client client(o.host, o.port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(30, 0);
      client.set_write_timeout(30, 0);
      std::vector<double> mine;
      for (std::size_t i = next++; i < sends.size(); i = next++) {
        const Send& send = sends[i];
        httplib::Headers headers = {{"User-Agent", "facebookexternalua"}};
        if (!send.signature.empty()) headers.emplace("X-Hub-Signature-256", send.signature);
        int status = 0;
        for (int attempt = 0; attempt < 10; ++attempt) {
          const auto t0 = Clock::now();
          auto r = client.Post("/api/webhooks/instagram", headers, send.body, "application/json");
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
          status = r ? r->status : 0;
          if (status == 200 || status == 401) {
            if (status == 200) mine.push_back(ms);
            break;
          }
          ++retries;  // Meta retries what was not acknowledged
          std::this_thread::sleep_for(std::chrono::milliseconds(20 << std::min(attempt, 5)));
        }
        if (status == 200) {
          ++acks;
          if (send.kind == Kind::kBad) ++bad_accepted;
        } else if (status == 401) {
          ++refused;
          if (send.kind != Kind::kBad) ++fresh_refused;
        } else {
          ++failed;
        }
        if (++answered == long(sends.size() / 2) && !o.half_marker.empty())
          std::call_once(half_once, [&] { std::ofstream(o.half_marker) << "half\n"; });
      }
      std::lock_guard<std::mutex> lock(latency_mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::sort(latencies_ms.begin(), latencies_ms.end());

  long fresh_sent = 0, duplicates_sent = 0, bad_sent = 0;
  for (const Send& s : sends) {
    if (s.kind == Kind::kFresh) ++fresh_sent;
    if (s.kind == Kind::kDuplicate) ++duplicates_sent;
    if (s.kind == Kind::kBad) ++bad_sent;
  }
  const json out = {{"deliveries", sends.size()},
                    {"concurrency", o.concurrency},
                    {"fresh_sent", fresh_sent},
                    {"duplicates_sent", duplicates_sent},
                    {"bad_sent", bad_sent},
                    {"bad_changes", bad_changes},
                    {"acks", acks.load()},
                    {"refused_401", refused.load()},
                    {"bad_accepted", bad_accepted.load()},
                    {"valid_refused", fresh_refused.load()},
                    {"retries", retries.load()},
                    {"failed", failed.load()},
                    {"seconds", seconds},
                    {"acks_per_second", double(acks.load()) / seconds},
                    {"p50_ms", Percentile(latencies_ms, 0.50)},
                    {"p99_ms", Percentile(latencies_ms, 0.99)},
                    {"max_ms", latencies_ms.empty() ? 0.0 : latencies_ms.back()},
                    {"distinct_valid_changes", expected.distinct_changes},
                    {"expected_completed", expected.actionable},
                    {"expected_ignored", expected.ignored}};
  std::cout << out.dump() << std::endl;
  return 0;
}
