// Fuzzes the reading of what the Graph API answers (meta/graph.h): error bodies (ParseGraphError),
// the X-App-Usage and X-Business-Use-Case-Usage headers (ParseUsageHeaders), paged answers
// (ReadGraphPage) and the media in them (ParseMediaItem, with Meta's timestamps through
// ParseTimestamp), token answers (ReadOAuthToken) and me/permissions (ReadGrantedPermissions). The
// input is a body, then after 0xFF bytes the two usage headers and an HTTP status. Invariants:
// every error has a kind with a name; usage percentages are -1 (not reported) or what Meta sent; a
// next page is followed on our own base (a path, never another host); a token is never empty and
// its lifetime is within [0, kMaxOAuthTokenSeconds]; an accepted timestamp has ISO 8601's digits.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_support.h"
#include "meta/graph.h"
#include "routes/bodies.h"  // ParseTimestamp

namespace {

using vendly::fuzz::Check;
using namespace vendly::server;

// An accepted timestamp has digits where ISO 8601 has them: "YYYY-MM-DD", then "THH:MM:SS".
void CheckTimestamp(const std::string& t) {
  if (!ParseTimestamp(t)) return;
  const std::string shape = t.size() > 10 ? "dddd-dd-ddTdd:dd:dd" : "dddd-dd-dd";
  Check(t.size() >= shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i == 10) continue;  // 'T' or ' '
    const bool digit = t[i] >= '0' && t[i] <= '9';
    Check(shape[i] == 'd' ? digit : t[i] == shape[i]);
  }
}

void CheckMedia(const MediaItem& m) {
  CheckTimestamp(m.timestamp);
  for (const MediaItem& child : m.children) CheckMedia(child);
}

int StatusOf(const std::string& text) {
  int status = 0;
  for (char c : text.substr(0, 3))
    if (c >= '0' && c <= '9') status = status * 10 + (c - '0');
  return status;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> p =
      vendly::fuzz::Parts(std::string_view(reinterpret_cast<const char*>(data), size), 4);
  const std::string& body = p[0];

  const GraphError error = ParseGraphError(StatusOf(p[3]), body);
  Check(std::strlen(GraphErrorKindName(error.kind)) > 0);
  Check(error.kind != GraphErrorKind::kBudgetExhausted &&
        error.kind != GraphErrorKind::kBadResponse);

  const GraphUsage usage = ParseUsageHeaders(p[1], p[2]);
  Check(usage.max_percent() >= -1);
  Check(usage.raw.is_object());

  CheckTimestamp(body);
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return 0;
  auto page = ReadGraphPage(parsed);
  if (page.ok()) {
    Check(page.value->data != nullptr && page.value->data->is_array());
    Check(!page.value->next || (!page.value->next->empty() && (*page.value->next)[0] == '/'));
    Check(!(page.value->next && page.value->next_malformed));
    for (const auto& item : *page.value->data)
      if (item.is_object()) CheckMedia(ParseMediaItem(item));
  } else {
    Check(page.error.kind == GraphErrorKind::kBadResponse);
  }
  if (parsed.is_object()) CheckMedia(ParseMediaItem(parsed));
  auto token = ReadOAuthToken(parsed);
  Check(!token.ok() || !token.value->access_token.empty());
  if (token.ok() && token.value->expires_in)
    Check(*token.value->expires_in >= 0 && *token.value->expires_in <= kMaxOAuthTokenSeconds);
  for (const std::string& permission : ReadGrantedPermissions(parsed)) (void)permission;
  return 0;
}
