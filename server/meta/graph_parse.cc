// What the Graph API answers, read: errors, usage headers, pages, media, tokens and permissions
// (meta/graph.h). Pure parsing, no sockets, so the fuzz targets (tests/fuzz) call what the client
// calls.
#include <vendly/job_policy.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "meta/graph.h"

namespace vendly::server {

using nlohmann::json;

const char kMediaFields[] =
    "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,timestamp,"
    "children{id,media_type,media_url,thumbnail_url}";

const char* GraphErrorKindName(GraphErrorKind kind) {
  switch (kind) {
    case GraphErrorKind::kThrottled:
      return "throttled";
    case GraphErrorKind::kTransient:
      return "transient";
    case GraphErrorKind::kTokenInvalid:
      return "token_invalid";
    case GraphErrorKind::kPermission:
      return "permission";
    case GraphErrorKind::kBudgetExhausted:
      return "budget_exhausted";
    case GraphErrorKind::kBadResponse:
      return "bad_response";
    case GraphErrorKind::kOther:
      return "other";
  }
  return "other";
}

GraphErrorKind ClassifyGraphError(int code, int /*subcode*/, bool is_transient, int http_status) {
  if (vendly::IsThrottlingCode(code)) return GraphErrorKind::kThrottled;
  switch (code) {
    case 190:
      return GraphErrorKind::kTokenInvalid;
    case 1:
    case 2:
      return GraphErrorKind::kTransient;
    case 10:
      return GraphErrorKind::kPermission;
    default:
      break;
  }
  if (code >= 200 && code <= 299) return GraphErrorKind::kPermission;
  if (is_transient) return GraphErrorKind::kTransient;
  if (code == 0) {
    if (http_status == 429) return GraphErrorKind::kThrottled;
    if (http_status >= 500 || http_status == 0) return GraphErrorKind::kTransient;
  }
  return GraphErrorKind::kOther;
}

namespace {

// A number Meta sent as a JSON number or a string of digits, saturated to int's range: a value
// past it (2^32 + 100, 1e300) must not wrap to a small one or be undefined behaviour. 0 for
// anything else.
int IntOf(const json& v) {
  constexpr long long kMax = std::numeric_limits<int>::max();
  constexpr long long kMin = std::numeric_limits<int>::min();
  if (v.is_number_unsigned())
    return int(std::min<unsigned long long>(v.get<unsigned long long>(), kMax));
  if (v.is_number_integer()) return int(std::clamp<long long>(v.get<long long>(), kMin, kMax));
  if (v.is_number()) {
    const double d = v.get<double>();
    if (std::isnan(d)) return 0;
    return int(std::clamp<double>(d, double(kMin), double(kMax)));
  }
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    const std::size_t digits = s.size() - (s.rfind('-', 0) == 0 ? 1 : 0);
    // An optional minus sign and 1 to 9 digits: std::stoi("-") would throw.
    if (digits >= 1 && digits <= 9 &&
        s.find_first_not_of("0123456789", s.size() - digits) == std::string::npos)
      return std::stoi(s);
  }
  return 0;
}

}  // namespace

GraphError ParseGraphError(int http_status, const std::string& body) {
  GraphError e;
  e.http_status = http_status;
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("error") &&
      parsed["error"].is_object()) {
    const json& err = parsed["error"];
    if (err.contains("code")) e.code = IntOf(err["code"]);
    if (err.contains("error_subcode")) e.subcode = IntOf(err["error_subcode"]);
    if (err.contains("is_transient") && err["is_transient"].is_boolean())
      e.is_transient = err["is_transient"].get<bool>();
    if (err.contains("type") && err["type"].is_string()) e.type = err["type"];
    if (err.contains("message") && err["message"].is_string()) e.message = err["message"];
    if (err.contains("fbtrace_id") && err["fbtrace_id"].is_string())
      e.fbtrace_id = err["fbtrace_id"];
  } else {
    e.message = "HTTP " + std::to_string(http_status);
  }
  e.kind = ClassifyGraphError(e.code, e.subcode, e.is_transient, http_status);
  return e;
}

int GraphUsage::max_percent() const {
  return std::max({app_call_count, app_total_time, app_total_cputime, business_max_percent});
}

GraphUsage ParseUsageHeaders(const std::string& app_usage, const std::string& business_usage) {
  GraphUsage u;
  if (!app_usage.empty()) {
    json a = json::parse(app_usage, nullptr, false);
    if (!a.is_discarded() && a.is_object()) {
      u.raw["app"] = a;
      if (a.contains("call_count")) u.app_call_count = IntOf(a["call_count"]);
      if (a.contains("total_time")) u.app_total_time = IntOf(a["total_time"]);
      if (a.contains("total_cputime")) u.app_total_cputime = IntOf(a["total_cputime"]);
    }
  }
  if (!business_usage.empty()) {
    json b = json::parse(business_usage, nullptr, false);
    if (!b.is_discarded() && b.is_object()) {
      u.raw["business"] = b;
      for (auto& [id, entries] : b.items()) {
        (void)id;
        if (!entries.is_array()) continue;
        for (const auto& entry : entries) {
          if (!entry.is_object()) continue;
          for (const char* k : {"call_count", "total_cputime", "total_time"})
            if (entry.contains(k))
              u.business_max_percent = std::max(u.business_max_percent, IntOf(entry[k]));
          if (entry.contains("estimated_time_to_regain_access"))
            u.regain_access_minutes =
                std::max(u.regain_access_minutes, IntOf(entry["estimated_time_to_regain_access"]));
        }
      }
    }
  }
  return u;
}

std::string EncodeQuery(const QueryParams& params) {
  static const char kHex[] = "0123456789ABCDEF";
  auto enc = [](const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.' || c == '~') {
        out += char(c);
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  };
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += enc(k) + "=" + enc(v);
  }
  return out;
}

// Splits "scheme://host[:port][/path...]" into origin and the rest ("" or "/path...").
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  std::size_t scheme_end = url.find("://");
  std::size_t host_start = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  std::size_t path_start = url.find('/', host_start);
  if (path_start == std::string::npos) {
    std::size_t q = url.find('?', host_start);
    if (q == std::string::npos) return {url, ""};
    return {url.substr(0, q), "/" + url.substr(q)};
  }
  return {url.substr(0, path_start), url.substr(path_start)};
}

GraphOutcome<GraphPage> ReadGraphPage(const json& body) {
  if (!body.is_object() || !body.contains("data") || !body["data"].is_array()) {
    GraphError e;
    e.kind = GraphErrorKind::kBadResponse;
    e.message = "a paged response has no data array";
    return GraphOutcome<GraphPage>::Fail(e);
  }
  GraphPage page;
  page.data = &body["data"];
  const json* next = nullptr;
  if (body.contains("paging") && body["paging"].is_object() && body["paging"].contains("next") &&
      body["paging"]["next"].is_string())
    next = &body["paging"]["next"];
  if (next != nullptr) {
    // Follow next's path and query on our own base: the token never goes to another host.
    std::string pq = SplitUrl(next->get<std::string>()).second;
    if (pq.empty() || pq[0] != '/')
      page.next_malformed = true;
    else
      page.next = std::move(pq);
  }
  return GraphOutcome<GraphPage>{std::move(page), {}};
}

namespace {

MediaItem ReadMedia(const json& item, bool with_children) {
  MediaItem m;
  auto str = [&](const char* key) -> std::optional<std::string> {
    if (item.contains(key) && item[key].is_string()) return item[key].get<std::string>();
    return std::nullopt;
  };
  m.id = str("id").value_or("");
  m.caption = str("caption");
  m.media_type = str("media_type").value_or("");
  m.media_url = str("media_url");
  m.thumbnail_url = str("thumbnail_url");
  m.permalink = str("permalink").value_or("");
  m.timestamp = str("timestamp").value_or("");
  if (with_children && item.contains("children") && item["children"].is_object() &&
      item["children"].contains("data") && item["children"]["data"].is_array()) {
    for (const auto& child : item["children"]["data"])
      if (child.is_object()) m.children.push_back(ReadMedia(child, /*with_children=*/false));
  }
  return m;
}

}  // namespace

// A carousel's children are read one level deep: Instagram nests no deeper, and reading every
// level would recurse as deep as a response nests.
MediaItem ParseMediaItem(const json& item) { return ReadMedia(item, /*with_children=*/true); }

GraphOutcome<OAuthToken> ReadOAuthToken(const json& body) {
  auto bad = [](const char* message) {
    GraphError e;
    e.kind = GraphErrorKind::kBadResponse;
    e.message = message;
    return GraphOutcome<OAuthToken>::Fail(e);
  };
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
      body["access_token"].get<std::string>().empty())
    return bad("the token response has no access_token");
  OAuthToken t;
  t.access_token = body["access_token"];
  // Seconds from now, within [0, kMaxOAuthTokenSeconds]: a lifetime of 1e300 is neither undefined
  // behaviour nor an expiry time that overflows.
  if (body.contains("expires_in") && body["expires_in"].is_number()) {
    const json& v = body["expires_in"];
    const double seconds = v.is_number_float() ? v.get<double>() : 0;
    if (v.is_number_unsigned())
      t.expires_in = (long long)std::min<unsigned long long>(v.get<unsigned long long>(),
                                                             kMaxOAuthTokenSeconds);
    else if (v.is_number_integer())
      t.expires_in = std::clamp<long long>(v.get<long long>(), 0, kMaxOAuthTokenSeconds);
    else if (!std::isnan(seconds))
      t.expires_in = (long long)std::clamp<double>(seconds, 0, double(kMaxOAuthTokenSeconds));
  }
  return GraphOutcome<OAuthToken>{std::move(t), {}};
}

std::vector<std::string> ReadGrantedPermissions(const json& body) {
  std::vector<std::string> scopes;
  if (body.is_object() && body.contains("data") && body["data"].is_array()) {
    for (const auto& p : body["data"])
      if (p.is_object() && p.contains("status") && p["status"] == "granted" &&
          p.contains("permission") && p["permission"].is_string())
        scopes.push_back(p["permission"]);
  }
  return scopes;
}

}  // namespace vendly::server
