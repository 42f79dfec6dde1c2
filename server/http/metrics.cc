#include "http/metrics.h"

#include <cstdio>
#include <sstream>

namespace vendly::server {
namespace {

std::string StatusClass(int status) {
  if (status < 100 || status > 599) return "other";
  return std::to_string(status / 100) + "xx";
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

}  // namespace

std::string RouteLabel(const std::string& pattern) {
  std::string out;
  int depth = 0;
  for (char c : pattern) {
    if (c == '(') {
      if (depth++ == 0) out += "{param}";
    } else if (c == ')') {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

Metrics& Metrics::Global() {
  static Metrics* metrics = new Metrics();  // never destroyed: request threads may outlive main
  return *metrics;
}

void Metrics::RecordRequest(const std::string& method, const std::string& route, int status,
                            double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  Series& s = requests_[{method, route, StatusClass(status)}];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) {
      ++s.buckets[i];
      break;
    }
}

void Metrics::RecordGraphCall() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++graph_calls_;
}

void Metrics::RecordGraphThrottle() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++graph_throttles_;
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP vendly_http_requests_total HTTP requests answered, by route pattern and status "
         "class.\n# TYPE vendly_http_requests_total counter\n";
  for (const auto& [key, s] : requests_) {
    const auto& [method, route, code] = key;
    out << "vendly_http_requests_total{method=\"" << method << "\",route=\"" << EscapeLabel(route)
        << "\",code=\"" << code << "\"} " << s.count << "\n";
  }
  out << "# HELP vendly_http_request_duration_seconds Time from routing to the handler's "
         "answer.\n# TYPE vendly_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : requests_) {
    const auto& [method, route, code] = key;
    const std::string labels =
        "method=\"" + method + "\",route=\"" + EscapeLabel(route) + "\",code=\"" + code + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += s.buckets[i];
      out << "vendly_http_request_duration_seconds_bucket{" << labels << ",le=\""
          << Number(kBuckets[i]) << "\"} " << cumulative << "\n";
    }
    out << "vendly_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << s.count
        << "\n";
    out << "vendly_http_request_duration_seconds_sum{" << labels << "} " << Number(s.sum) << "\n";
    out << "vendly_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
  }
  out << "# HELP vendly_graph_calls_total Graph API requests sent to Meta by this process.\n"
         "# TYPE vendly_graph_calls_total counter\nvendly_graph_calls_total "
      << graph_calls_ << "\n";
  out << "# HELP vendly_graph_throttles_total Graph API calls refused for rate limiting (by Meta "
         "or by the usage headers' stop point).\n# TYPE vendly_graph_throttles_total counter\n"
         "vendly_graph_throttles_total "
      << graph_throttles_ << "\n";
  return out.str();
}

}  // namespace vendly::server
