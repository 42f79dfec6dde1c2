// The client address behind trusted proxies (shared/include/vendly/client_address.h):
// X-Forwarded-For is read only when the peer is a trusted proxy, from the right, skipping trusted
// hops.
#include "vendly/client_address.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

TrustedProxies Proxies(const std::string& list) {
  std::string error;
  auto proxies = ParseTrustedProxies(list, &error);
  EXPECT_TRUE(proxies) << list << ": " << error;
  return proxies.value_or(TrustedProxies{});
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  const TrustedProxies none = Proxies("");
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(ClientAddress(none, "203.0.113.9", {"198.51.100.1"}), "203.0.113.9");
  EXPECT_EQ(ClientAddress(none, "203.0.113.9", {}), "203.0.113.9");
}

TEST(ClientAddress, AnUntrustedPeersHeaderIsIgnored) {
  const TrustedProxies p = Proxies("10.0.0.0/8");
  EXPECT_EQ(ClientAddress(p, "203.0.113.9", {"198.51.100.1"}), "203.0.113.9");
  EXPECT_EQ(ClientAddress(p, "203.0.113.9", {"10.0.0.1"}), "203.0.113.9");
}

TEST(ClientAddress, BehindATrustedProxyTheRightMostUntrustedAddressIsTheClient) {
  const TrustedProxies p = Proxies("10.0.0.0/8, 192.168.1.7");
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"198.51.100.1"}), "198.51.100.1");
  // The client forged a left part; the proxy appended the address it saw.
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"1.1.1.1, 2.2.2.2, 198.51.100.1"}), "198.51.100.1");
  // Two trusted hops (an edge proxy, then the internal one) are skipped.
  EXPECT_EQ(ClientAddress(p, "192.168.1.7", {"1.1.1.1,198.51.100.1, 10.9.9.9"}), "198.51.100.1");
  // Several headers are one list, in order.
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"1.1.1.1", "198.51.100.1, 10.0.0.5"}), "198.51.100.1");
  // Forging a trusted address on the left gains nothing: the walk stops at the first untrusted.
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"10.0.0.1, 198.51.100.1"}), "198.51.100.1");
}

TEST(ClientAddress, EdgeCasesFallBackToTheLastTrustedHop) {
  const TrustedProxies p = Proxies("10.0.0.0/8");
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {}), "10.1.2.3");
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {""}), "10.1.2.3");
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"unknown"}), "10.1.2.3");
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"198.51.100.1:5555"}), "10.1.2.3");  // no ports
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"1.1.1.1, garbage, 10.0.0.7"}), "10.0.0.7");
  // Every hop trusted: the left-most.
  EXPECT_EQ(ClientAddress(p, "10.1.2.3", {"10.0.0.9, 10.0.0.8"}), "10.0.0.9");
}

TEST(ClientAddress, IPv6AndMappedIPv4) {
  const TrustedProxies p = Proxies("fd00::/8, 127.0.0.1");
  EXPECT_EQ(ClientAddress(p, "fd12::1", {"2001:DB8::1"}), "2001:db8::1");
  EXPECT_EQ(ClientAddress(p, "fd12::1", {"[2001:db8::2]"}), "2001:db8::2");
  // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d; the IPv4 range matches it.
  EXPECT_EQ(ClientAddress(p, "::ffff:127.0.0.1", {"198.51.100.1"}), "198.51.100.1");
  EXPECT_EQ(ClientAddress(p, "::ffff:7f00:1", {"198.51.100.1"}), "198.51.100.1");
  EXPECT_EQ(ClientAddress(p, "2001:db8::9", {"198.51.100.1"}), "2001:db8::9");
  // A peer that is no address is passed through.
  EXPECT_EQ(ClientAddress(p, "", {"198.51.100.1"}), "");
}

TEST(ClientAddress, AddressesPrintCanonically) {
  auto text = [](const char* in) {
    auto a = ParseIpAddress(in);
    return a ? a->ToString() : std::string("<none>");
  };
  EXPECT_EQ(text("::1"), "::1");
  EXPECT_EQ(text("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(text("2001:0db8:0000:0000:0001:0000:0000:0001"), "2001:db8::1:0:0:1");
  EXPECT_EQ(text("1::"), "1::");
  EXPECT_EQ(text("::"), "::");
  EXPECT_EQ(text("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");  // one zero group is not compressed
  EXPECT_EQ(text("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(text("64:ff9b::192.0.2.1"), "64:ff9b::c000:201");
  for (const char* bad :
       {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4:80", "1:2:3:4:5:6:7:8:9",
        "1::2::3", ":1", "1:", "12345::", "g::1", "fe80::1%eth0", "[::1", "localhost", " 1.2.3.4"})
    EXPECT_EQ(text(bad), "<none>") << bad;
}

TEST(ClientAddress, TrustedProxyListsAreCheckedAtStart) {
  const TrustedProxies p = Proxies(" 10.0.0.0/8 ,192.168.0.0/16,2001:db8::/32, 203.0.113.5 ,,");
  EXPECT_EQ(p.ranges.size(), 4u);
  EXPECT_TRUE(IsTrustedProxy(p, *ParseIpAddress("10.255.0.1")));
  EXPECT_TRUE(IsTrustedProxy(p, *ParseIpAddress("192.168.44.1")));
  EXPECT_TRUE(IsTrustedProxy(p, *ParseIpAddress("2001:db8:ffff::1")));
  EXPECT_TRUE(IsTrustedProxy(p, *ParseIpAddress("203.0.113.5")));
  EXPECT_FALSE(IsTrustedProxy(p, *ParseIpAddress("203.0.113.6")));
  EXPECT_FALSE(IsTrustedProxy(p, *ParseIpAddress("11.0.0.1")));
  EXPECT_FALSE(IsTrustedProxy(p, *ParseIpAddress("2001:db9::1")));
  EXPECT_TRUE(IsTrustedProxy(Proxies("0.0.0.0/0"), *ParseIpAddress("8.8.8.8")));
  EXPECT_FALSE(IsTrustedProxy(Proxies("0.0.0.0/0"), *ParseIpAddress("2001:db8::1")));
  for (const char* bad : {"10.0.0.1/8", "10.0.0.0/33", "::/129", "10.0.0.0/", "proxy.local",
                          "10.0.0.0/8, nope", "10.0.0.0/-1", "10.0.0.0/8/8"}) {
    std::string error;
    EXPECT_FALSE(ParseTrustedProxies(bad, &error)) << bad;
    EXPECT_NE(error.find("is not an IP address"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace vendly
