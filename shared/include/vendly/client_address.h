// Which address a request comes from, for the per-address throttles (sign-in, sign-up, OAuth,
// webhook verification) and the loopback-only /metrics. Pure: the peer address, the
// X-Forwarded-For headers and the configured trusted proxies in, the client address out.
//
// Behind a reverse proxy every request's peer is the proxy, so the per-address counters would count
// every seller together. A proxy appends the address it received the request from to
// X-Forwarded-For; anything to the left of that came from the client and can be forged. So: when
// the peer is not a trusted proxy (VENDLY_TRUSTED_PROXIES), X-Forwarded-For is ignored and the peer
// is the client. When it is, the header's addresses (several headers joined in order) are read
// from the right, skipping trusted proxies; the first address that is not one is the client. When
// every address is a trusted proxy, the left-most is; when the walk meets an entry that is not an
// IP address (or the header is missing), the last trusted hop reached is.
#ifndef VENDLY_CLIENT_ADDRESS_H_
#define VENDLY_CLIENT_ADDRESS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vendly {

// An IPv4 or IPv6 address; IPv4 (and IPv4-mapped IPv6, as a dual-stack socket reports IPv4 peers)
// is held as ::ffff:a.b.c.d, so one range matches both spellings.
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
  // Dotted decimal for IPv4, lower-case hex groups (no compression) for IPv6.
  std::string ToString() const;
};

// A strict parse: dotted decimal without leading zeros, or IPv6 with at most one "::" and an
// optional trailing dotted IPv4; brackets around IPv6 allowed. nullopt for anything else (ports,
// names, zone ids).
std::optional<IpAddress> ParseIpAddress(std::string_view text);

struct IpRange {
  IpAddress base;
  int prefix_bits = 128;  // over the 16 bytes (an IPv4 /24 is 96 + 24)
};

struct TrustedProxies {
  std::vector<IpRange> ranges;
  bool empty() const { return ranges.empty(); }
};

// A comma-separated list of addresses and CIDR ranges ("10.0.0.0/8, 192.168.1.7, fd00::/8");
// spaces around entries ignored; "" is no proxy at all. nullopt, with the bad entry in *error, for
// an entry that is neither, a prefix longer than the family allows, or bits set past the prefix
// ("10.0.0.1/8").
std::optional<TrustedProxies> ParseTrustedProxies(std::string_view list, std::string* error);

bool IsTrustedProxy(const TrustedProxies& proxies, const IpAddress& address);

// The client address as described above, as IpAddress::ToString writes it (the peer as given when
// it is not an IP address). `forwarded_for`: the X-Forwarded-For headers in the order received.
std::string ClientAddress(const TrustedProxies& proxies, std::string_view peer,
                          const std::vector<std::string>& forwarded_for);

}  // namespace vendly

#endif  // VENDLY_CLIENT_ADDRESS_H_
