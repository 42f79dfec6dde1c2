#include "vendly/client_address.h"

#include <algorithm>

namespace vendly {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = s.find(separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Dotted decimal into out[0..3].
bool ParseV4(std::string_view text, std::uint8_t* out) {
  const std::vector<std::string_view> octets = Split(text, '.');
  if (octets.size() != 4) return false;
  for (int i = 0; i < 4; ++i) {
    const std::string_view o = octets[i];
    if (o.empty() || o.size() > 3 || (o.size() > 1 && o[0] == '0')) return false;
    int value = 0;
    for (char c : o) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    out[i] = std::uint8_t(value);
  }
  return true;
}

// Colon-separated hex groups (and a trailing dotted IPv4 when `last` allows it) into 16-bit words.
bool ParseGroups(std::string_view text, bool allow_v4_tail, std::vector<std::uint16_t>* words) {
  if (text.empty()) return true;
  const std::vector<std::string_view> groups = Split(text, ':');
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const std::string_view g = groups[i];
    if (allow_v4_tail && i + 1 == groups.size() && g.find('.') != std::string_view::npos) {
      std::uint8_t v4[4];
      if (!ParseV4(g, v4)) return false;
      words->push_back(std::uint16_t(v4[0] << 8 | v4[1]));
      words->push_back(std::uint16_t(v4[2] << 8 | v4[3]));
      continue;
    }
    if (g.empty() || g.size() > 4) return false;
    int value = 0;
    for (char c : g) {
      const int h = HexValue(c);
      if (h < 0) return false;
      value = value * 16 + h;
    }
    words->push_back(std::uint16_t(value));
  }
  return true;
}

bool ParseV6(std::string_view text, std::array<std::uint8_t, 16>* bytes) {
  std::vector<std::uint16_t> head, tail;
  const std::size_t gap = text.find("::");
  if (gap != std::string_view::npos) {
    if (text.find("::", gap + 1) != std::string_view::npos) return false;
    if (!ParseGroups(text.substr(0, gap), false, &head) ||
        !ParseGroups(text.substr(gap + 2), true, &tail) || head.size() + tail.size() > 7)
      return false;
  } else {
    if (!ParseGroups(text, true, &head) || head.size() != 8) return false;
  }
  std::vector<std::uint16_t> words = head;
  words.resize(8 - tail.size(), 0);
  words.insert(words.end(), tail.begin(), tail.end());
  for (int i = 0; i < 8; ++i) {
    (*bytes)[2 * i] = std::uint8_t(words[i] >> 8);
    (*bytes)[2 * i + 1] = std::uint8_t(words[i] & 0xff);
  }
  return true;
}

bool IsV4Mapped(const std::array<std::uint8_t, 16>& b) {
  return std::all_of(b.begin(), b.begin() + 10, [](std::uint8_t x) { return x == 0; }) &&
         b[10] == 0xff && b[11] == 0xff;
}

bool InRange(const IpRange& range, const IpAddress& address) {
  int bits = range.prefix_bits;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : std::uint8_t(0xff << (8 - bits));
    if ((range.base.bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

std::optional<IpRange> ParseRange(std::string_view entry) {
  const std::size_t slash = entry.find('/');
  auto address = ParseIpAddress(entry.substr(0, slash));
  if (!address) return std::nullopt;
  IpRange range{*address, 128};
  if (slash == std::string_view::npos) return range;
  const std::string_view bits = entry.substr(slash + 1);
  if (bits.empty() || bits.size() > 3 ||
      !std::all_of(bits.begin(), bits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const int prefix = std::stoi(std::string(bits));
  if (prefix > (address->v4 ? 32 : 128)) return std::nullopt;
  range.prefix_bits = address->v4 ? 96 + prefix : prefix;
  // No bits past the prefix: "10.0.0.1/8" is a typo for an address or for 10.0.0.0/8.
  IpRange masked = range;
  for (int i = 0, left = range.prefix_bits; i < 16; ++i, left -= 8) {
    const std::uint8_t keep = left >= 8 ? 0xff : left <= 0 ? 0 : std::uint8_t(0xff << (8 - left));
    if ((range.base.bytes[i] & ~keep) != 0) return std::nullopt;
  }
  return masked;
}

}  // namespace

std::string IpAddress::ToString() const {
  if (v4)
    return std::to_string(bytes[12]) + "." + std::to_string(bytes[13]) + "." +
           std::to_string(bytes[14]) + "." + std::to_string(bytes[15]);
  std::uint16_t words[8];
  for (int i = 0; i < 8; ++i) words[i] = std::uint16_t(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  // RFC 5952: the longest run of two or more zero groups (the first of equals) becomes "::".
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (words[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && words[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::string group;
    for (int shift = 12; shift >= 0; shift -= 4) group += kHex[(words[i] >> shift) & 0xf];
    out += group.substr(std::min(group.find_first_not_of('0'), std::size_t(3)));
  }
  return out;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  IpAddress address;
  if (text.find(':') == std::string_view::npos) {
    if (!ParseV4(text, address.bytes.data() + 12)) return std::nullopt;
    address.bytes[10] = address.bytes[11] = 0xff;
    address.v4 = true;
    return address;
  }
  if (!ParseV6(text, &address.bytes)) return std::nullopt;
  address.v4 = IsV4Mapped(address.bytes);
  return address;
}

std::optional<TrustedProxies> ParseTrustedProxies(std::string_view list, std::string* error) {
  TrustedProxies proxies;
  for (std::string_view entry : Split(list, ',')) {
    entry = Trim(entry);
    if (entry.empty()) continue;
    auto range = ParseRange(entry);
    if (!range) {
      if (error)
        *error = "\"" + std::string(entry) +
                 "\" is not an IP address or a CIDR range with no bits past its prefix";
      return std::nullopt;
    }
    proxies.ranges.push_back(*range);
  }
  return proxies;
}

bool IsTrustedProxy(const TrustedProxies& proxies, const IpAddress& address) {
  return std::any_of(proxies.ranges.begin(), proxies.ranges.end(),
                     [&](const IpRange& range) { return InRange(range, address); });
}

std::string ClientAddress(const TrustedProxies& proxies, std::string_view peer,
                          const std::vector<std::string>& forwarded_for) {
  const auto peer_address = ParseIpAddress(peer);
  if (!peer_address) return std::string(peer);
  if (!IsTrustedProxy(proxies, *peer_address)) return peer_address->ToString();
  std::vector<std::string_view> hops;
  for (const std::string& header : forwarded_for)
    for (std::string_view hop : Split(header, ',')) hops.push_back(Trim(hop));
  IpAddress client = *peer_address;
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    const auto address = ParseIpAddress(*hop);
    if (!address) break;  // garbage a trusted hop passed on: the hop is the client
    client = *address;
    if (!IsTrustedProxy(proxies, client)) break;
  }
  return client.ToString();
}

}  // namespace vendly
