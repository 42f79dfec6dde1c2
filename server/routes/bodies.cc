#include "routes/bodies.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "vendly/money.h"
#include "vendly/registry.h"

namespace vendly::server {
namespace {

using Json = nlohmann::json;

bool LooksLikeEmail(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= email.size()) return false;
  if (email.find('@', at + 1) != std::string::npos) return false;
  if (email.find_first_of(" \t\r\n<>\"") != std::string::npos) return false;
  return email.find('.', at) != std::string::npos;
}

Result<std::string> ValidCurrency(const Json& body) {
  auto currency = RequireString(body, "currency", 3, 3);
  if (!currency.ok()) return currency;
  if (!vendly::IsKnownCurrency(*currency))
    return Status::InvalidRequest("currency must be a supported ISO 4217 code such as KES");
  return currency;
}

// True when `text` starts with `shape`, where 'd' stands for a digit and any other character for
// itself.
bool HasShape(const std::string& text, std::string_view shape) {
  if (text.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

}  // namespace

Result<SignupInput> ReadSignupBody(const Json& body) {
  auto email = RequireString(body, "email", kMinEmailLength, kMaxEmailLength);
  if (!email.ok()) return email.status();
  if (!LooksLikeEmail(*email)) return Status::InvalidRequest("email is not a valid address");
  auto password = RequireString(body, "password", kMinPasswordLength, kMaxPasswordLength);
  if (!password.ok()) return password.status();
  auto store_name = RequireString(body, "storeName", 1, kMaxStoreNameLength);
  if (!store_name.ok()) return store_name.status();
  auto currency = ValidCurrency(body);
  if (!currency.ok()) return currency.status();
  return SignupInput{*email, *password, *store_name, *currency};
}

Result<LoginInput> ReadLoginBody(const Json& body) {
  auto email = RequireString(body, "email", 1, kMaxEmailLength);
  if (!email.ok()) return email.status();
  auto password = RequireString(body, "password", 1, kMaxPasswordLength);
  if (!password.ok()) return password.status();
  return LoginInput{*email, *password};
}

Result<StorePatch> ReadStorePatchBody(const Json& body) {
  StorePatch patch;
  if (body.contains("name")) {
    auto v = RequireString(body, "name", 1, kMaxStoreNameLength);
    if (!v.ok()) return v.status();
    patch.name = *v;
  }
  if (body.contains("currency")) {
    auto v = ValidCurrency(body);
    if (!v.ok()) return v.status();
    patch.currency = *v;
  }
  auto aa = OptionalBool(body, "autoApprove");
  if (!aa.ok()) return aa.status();
  patch.auto_approve = *aa;
  auto ai = OptionalBool(body, "aiSecondOpinion");
  if (!ai.ok()) return ai.status();
  patch.ai_second_opinion = *ai;
  if (body.contains("autoApproveThreshold")) {
    const Json& t = body["autoApproveThreshold"];
    if (!t.is_number() || t.get<double>() < 0 || t.get<double>() > 1)
      return Status::InvalidRequest("autoApproveThreshold must be a number from 0 to 1");
    patch.auto_approve_threshold = t.get<double>();
  }
  return patch;
}

Result<ScanRequest> ReadScanBody(std::string_view text, std::string_view content_type) {
  auto body = ParseJsonBody(text, content_type);
  if (!body.ok() && !text.empty()) return body.status();
  const Json fields = body.ok() ? *body : Json::object();
  ScanRequest request;
  if (fields.contains("limit") && !fields["limit"].is_null()) {
    const Json& v = fields["limit"];
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kMaxScanLimit)
      return Status::InvalidRequest("limit must be a whole number from 1 to " +
                                    std::to_string(kMaxScanLimit));
    request.limit = v.get<int>();
  }
  for (auto [flag, out] : {std::pair{"includeVideos", &request.include_videos},
                           std::pair{"includeCarousels", &request.include_carousels}}) {
    auto v = OptionalBool(fields, flag);
    if (!v.ok()) return v.status();
    if (*v) *out = **v;
  }
  if (fields.contains("since") && !fields["since"].is_null()) {
    const Json& v = fields["since"];
    if (!v.is_string() || !ParseTimestamp(v.get<std::string>()))
      return Status::InvalidRequest("since must be an ISO 8601 date or date-time, like 2026-05-01");
    request.since = v.get<std::string>();
  }
  return request;
}

Result<std::optional<std::string>> ReadRejectBody(std::string_view text,
                                                  std::string_view content_type) {
  std::optional<std::string> reason;
  if (text.empty()) return reason;
  auto body = ParseJsonBody(text, content_type);
  if (!body.ok()) return body.status();
  if (body->contains("reason") && !(*body)["reason"].is_null()) {
    auto r = RequireString(*body, "reason", 0, 500);
    if (!r.ok()) return r.status();
    if (!r->empty()) reason = *r;
  }
  return reason;
}

Result<std::vector<std::string>> ReadBatchApproveBody(const Json& body) {
  auto ids_field = body.find("draftIds");
  if (ids_field == body.end() || !ids_field->is_array() || ids_field->empty() ||
      ids_field->size() > static_cast<std::size_t>(kMaxBatchApprove))
    return Status::InvalidRequest("draftIds must be a list of 1 to " +
                                  std::to_string(kMaxBatchApprove) + " draft ids");
  std::vector<std::string> ids;
  for (const auto& id : *ids_field) {
    if (!id.is_string() || id.get<std::string>().empty() || id.get<std::string>().size() > 64)
      return Status::InvalidRequest("draftIds must hold draft id strings");
    if (std::find(ids.begin(), ids.end(), id.get<std::string>()) == ids.end()) ids.push_back(id);
  }
  return ids;
}

Result<vendly::SellerChoice> ReadConflictChoiceBody(const Json& body) {
  auto name = RequireString(body, "choice", 1, 20);
  if (!name.ok()) return name.status();
  const auto value = body.find("value");
  return vendly::ReadSellerChoice(*name, value == body.end() ? nullptr : &*value);
}

std::optional<long long> ParseTimestamp(const std::string& text) {
  // The shape first, "YYYY-MM-DD" then "THH:MM:SS": sscanf's %2d alone also takes " 1" and "-1".
  if (!HasShape(text, "dddd-dd-dd")) return std::nullopt;
  if (text.size() > 10 && !HasShape(text.substr(11), "dd:dd:dd")) return std::nullopt;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) != 3 || consumed != 10)
    return std::nullopt;
  std::string rest = text.substr(10);
  long long offset = 0;
  if (!rest.empty()) {
    if (rest[0] != 'T' && rest[0] != ' ') return std::nullopt;
    int n = 0;
    if (std::sscanf(rest.c_str() + 1, "%2d:%2d:%2d%n", &h, &mi, &s, &n) != 3 || n != 8)
      return std::nullopt;
    std::string zone = rest.substr(9);
    if (!zone.empty() && zone[0] == '.') {  // fractional seconds
      std::size_t end = 1;
      while (end < zone.size() && std::isdigit(static_cast<unsigned char>(zone[end]))) ++end;
      zone = zone.substr(end);
    }
    if (zone == "Z" || zone.empty()) {
      offset = 0;
    } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 5 || zone.size() == 6)) {
      const std::string digits =
          zone.size() == 6 ? zone.substr(1, 2) + zone.substr(4, 2) : zone.substr(1);
      if (zone.size() == 6 && zone[3] != ':') return std::nullopt;
      if (digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
      offset = (std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2))) * 60LL;
      if (zone[0] == '-') offset = -offset;
    } else {
      return std::nullopt;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<long long>(timegm(&tm)) - offset;
}

}  // namespace vendly::server
