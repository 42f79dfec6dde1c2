// The process's own counters for GET /metrics, in Prometheus text exposition format (version
// 0.0.4): HTTP requests per method, route pattern and status class with latency histograms, and
// Graph API calls and throttles. Counters live in this process only (a `vendly-server worker`
// process counts its own Graph calls and exposes none); the database-wide figures are
// store/metrics_store.h's.
#ifndef VENDLY_SERVER_HTTP_METRICS_H_
#define VENDLY_SERVER_HTTP_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace vendly::server {

// The route label of a router pattern: each capture group becomes "{param}", so
// "/api/products/([A-Za-z0-9_]{1,64})" reads "/api/products/{param}".
std::string RouteLabel(const std::string& pattern);

class Metrics {
 public:
  // The process-wide registry (thread-safe).
  static Metrics& Global();

  // One answered request: `route` is a RouteLabel (or "unmatched"), `status` its HTTP status.
  void RecordRequest(const std::string& method, const std::string& route, int status,
                     double seconds);
  // One Graph API request sent to Meta.
  void RecordGraphCall();
  // One call refused for throttling: by Meta (codes 4, 17, 32, 613, 80002, or 429) or by this
  // client when the usage headers reached its stop point.
  void RecordGraphThrottle();

  // The families above as exposition text, each with its # HELP and # TYPE lines.
  std::string Render() const;

 private:
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10};
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // cumulative at render time
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, Series> requests_;
  std::uint64_t graph_calls_ = 0;
  std::uint64_t graph_throttles_ = 0;
};

// A label value escaped as the exposition format asks (backslash, double quote, newline).
std::string EscapeLabel(const std::string& value);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_HTTP_METRICS_H_
