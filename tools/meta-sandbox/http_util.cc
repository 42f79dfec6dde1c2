#include "http_util.h"

#include <chrono>
#include <cstdio>

#include "crypto.h"

namespace vendly::sandbox {

using nlohmann::json;

int StatusForCode(int code) {
  if (code == 10 || (code >= 200 && code <= 299)) return 403;
  return 400;
}

GraphReply MetaError(std::string message, std::string type, int code, int subcode,
                     bool is_transient) {
  json error = {{"message", std::move(message)}, {"type", std::move(type)}, {"code", code}};
  if (subcode != 0) error["error_subcode"] = subcode;
  error["is_transient"] = is_transient;
  error["fbtrace_id"] = "A" + RandomUrlSafe(22);
  return GraphReply{StatusForCode(code), json{{"error", error}}};
}

std::string DumpMeta(const json& body) {
  std::string text = body.dump(-1, ' ', /*ensure_ascii=*/true, json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '/') out += '\\';  // '/' only occurs inside strings in JSON text
    out += c;
  }
  return out;
}

httplib::Params AllParams(const httplib::Request& request) {
  httplib::Params params = request.params;
  const std::string type = request.get_header_value("Content-Type");
  if (!request.body.empty() && type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    httplib::Params body;
    httplib::detail::parse_query_text(request.body, body);
    for (const auto& [key, value] : body) {
      if (!params.count(key)) params.emplace(key, value);
    }
  }
  return params;
}

std::string ParamOf(const httplib::Params& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? "" : it->second;
}

std::string EncodeQueryValue(const std::string& value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string QueryString(const httplib::Params& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += '&';
    out += EncodeQueryValue(key) + "=" + EncodeQueryValue(value);
  }
  return out;
}

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string LogLine(const httplib::Request& request, const httplib::Response& response) {
  static const char* kSecret[] = {"access_token", "client_secret",    "code", "fb_exchange_token",
                                  "input_token",  "hub.verify_token", "oh",   "batch"};
  json query = json::object();
  for (const auto& [key, value] : request.params) {
    bool secret = false;
    for (const char* name : kSecret) secret = secret || key == name;
    query[key] = secret ? std::string("[redacted]") : value.substr(0, 200);
  }
  auto now = std::chrono::system_clock::now().time_since_epoch();
  json line = {{"ts_ms", std::chrono::duration_cast<std::chrono::milliseconds>(now).count()},
               {"method", request.method},
               {"path", request.path},
               {"query", query},
               {"status", response.status},
               {"bytes", response.body.size()}};
  return line.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

}  // namespace vendly::sandbox
