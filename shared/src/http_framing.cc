#include "vendly/http_framing.h"

namespace vendly {
namespace {

// The next line of `text` from `*pos` without its line end (CRLF or LF); false when no line end
// follows.
bool NextLine(std::string_view text, std::size_t* pos, std::string_view* line) {
  const std::size_t nl = text.find('\n', *pos);
  if (nl == std::string_view::npos) return false;
  std::size_t end = nl;
  if (end > *pos && text[end - 1] == '\r') --end;
  *line = text.substr(*pos, end - *pos);
  *pos = nl + 1;
  return true;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// METHOD SP target SP HTTP/1.x, the method a token.
bool IsRequestLine(std::string_view line) {
  const std::size_t sp1 = line.find(' ');
  if (sp1 == 0 || sp1 == std::string_view::npos) return false;
  for (std::size_t i = 0; i < sp1; ++i)
    if (!IsTokenChar(line[i])) return false;
  const std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  const std::string_view version = line.substr(sp2 + 1);
  return version == "HTTP/1.1" || version == "HTTP/1.0";
}

Framing Refuse(int status, std::string code, std::string message) {
  return Framing{false, 0, status, std::move(code), std::move(message), true};
}

// Adds the lengths of one Content-Length value (a comma-separated list) to `*length`; false when
// one is not a number or differs from a length seen before (`*seen`).
enum class LengthRead { kOk, kInvalid, kConflict };
LengthRead ReadLengths(std::string_view value, bool* seen, std::uint64_t* length) {
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    const std::string_view item = TrimSpaces(value.substr(pos, comma - pos));
    if (item.empty() || item.size() > 18 ||
        item.find_first_not_of("0123456789") != std::string_view::npos)
      return LengthRead::kInvalid;
    std::uint64_t n = 0;
    for (char c : item) n = n * 10 + std::uint64_t(c - '0');
    if (*seen && n != *length) return LengthRead::kConflict;
    *seen = true;
    *length = n;
    pos = comma + 1;
  }
  return LengthRead::kOk;
}

bool CarriesBody(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace

HeadScan ScanRequestHead(std::string_view buffered, std::size_t max_head_bytes) {
  HeadScan scan;
  std::size_t pos = 0;
  // Empty lines before the request line are skipped (RFC 9112 section 2.2).
  while (pos < buffered.size() && (buffered[pos] == '\r' || buffered[pos] == '\n')) ++pos;
  while (pos < buffered.size()) {
    const std::size_t nl = buffered.find('\n', pos);
    if (nl == std::string_view::npos) break;
    std::size_t next = nl + 1;
    if (next < buffered.size() && buffered[next] == '\r') ++next;
    if (next < buffered.size() && buffered[next] == '\n') {
      scan.head_bytes = next + 1;
      scan.complete = scan.head_bytes <= max_head_bytes;
      scan.too_large = !scan.complete;
      return scan;
    }
    pos = nl + 1;
  }
  scan.too_large = buffered.size() > max_head_bytes;
  return scan;
}

std::string_view RequestMethod(std::string_view head) {
  std::size_t pos = 0;
  while (pos < head.size() && (head[pos] == '\r' || head[pos] == '\n')) ++pos;
  const std::size_t sp = head.find(' ', pos);
  if (sp == std::string_view::npos) return {};
  return head.substr(pos, sp - pos);
}

Framing CheckRequestFraming(std::string_view head) {
  if (head.size() > kMaxRequestHeadBytes)
    return Refuse(
        431, "header_too_large",
        "the request headers are larger than " + std::to_string(kMaxRequestHeadBytes) + " bytes");
  std::size_t pos = 0;
  while (pos < head.size() && (head[pos] == '\r' || head[pos] == '\n')) ++pos;
  std::string_view line;
  if (!NextLine(head, &pos, &line) || !IsRequestLine(line))
    return Refuse(400, "bad_request", "the request line could not be read");
  const std::string_view method = line.substr(0, line.find(' '));
  bool has_length = false;
  std::uint64_t length = 0;
  bool chunked = false;
  while (NextLine(head, &pos, &line) && !line.empty()) {
    const std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || line[0] == ' ' || line[0] == '\t')
      return Refuse(400, "bad_request", "a header line could not be read");
    const std::string_view name = line.substr(0, colon);
    for (char c : name)
      if (!IsTokenChar(c)) return Refuse(400, "bad_request", "a header name is not valid");
    const std::string_view value = TrimSpaces(line.substr(colon + 1));
    if (EqualsIgnoringCase(name, "Transfer-Encoding")) chunked = true;
    if (!EqualsIgnoringCase(name, "Content-Length")) continue;
    switch (ReadLengths(value, &has_length, &length)) {
      case LengthRead::kOk:
        break;
      case LengthRead::kInvalid:
        return Refuse(400, "bad_request", "invalid Content-Length");
      case LengthRead::kConflict:
        return Refuse(400, "conflicting_content_length",
                      "the request has two different Content-Length values");
    }
  }
  if (chunked)
    return Refuse(411, "length_required",
                  "chunked request bodies are not accepted; send a Content-Length");
  if (!has_length && CarriesBody(method))
    return Refuse(411, "length_required", "a " + std::string(method) + " needs a Content-Length");
  Framing ok;
  ok.body_length = length;
  return ok;
}

}  // namespace vendly
