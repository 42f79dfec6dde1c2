// The media store's host allowlist (shared/include/vendly/media_hosts.h): suffix wildcards,
// lower-case comparison, no user-info or path tricks, IP literals refused unless they are loopback
// and loopback is allowed, which follows a loopback META_GRAPH_URL.
#include "vendly/media_hosts.h"

#include <gtest/gtest.h>

namespace vendly {
namespace {

MediaHostPolicy Production() {
  std::string error;
  auto patterns = ParseMediaHostPatterns(kDefaultMediaAllowedHosts, &error);
  EXPECT_TRUE(patterns) << error;
  return MediaHostPolicyFor(patterns.value_or(std::vector<std::string>{}),
                            "https://graph.facebook.com");
}

MediaHostPolicy Sandbox() {
  auto patterns = ParseMediaHostPatterns(kDefaultMediaAllowedHosts, nullptr);
  return MediaHostPolicyFor(patterns.value_or(std::vector<std::string>{}), "http://127.0.0.1:8790");
}

MediaUrlVerdict Verdict(const MediaHostPolicy& policy, const std::string& url) {
  return CheckMediaUrl(policy, url).verdict;
}

TEST(MediaHosts, InstagramsCdnHostsAreAllowedInAnyCase) {
  const MediaHostPolicy p = Production();
  for (const char* url :
       {"https://scontent-lhr8-1.cdninstagram.com/v/t51.2885-15/1.jpg?oh=abc&oe=66",
        "https://SCONTENT.CDNINSTAGRAM.COM/x.jpg", "https://scontent.xx.fbcdn.net/v/2.jpg",
        "https://a.b.c.fbcdn.net:443/3.jpg", "http://video.cdninstagram.com"}) {
    const MediaUrlCheck check = CheckMediaUrl(p, url);
    EXPECT_EQ(check.verdict, MediaUrlVerdict::kAllowed) << url << ": " << check.reason;
  }
  EXPECT_EQ(CheckMediaUrl(p, "https://SCONTENT.CDNINSTAGRAM.COM/x.jpg").host,
            "scontent.cdninstagram.com");
}

TEST(MediaHosts, LookalikesAndTheBareDomainAreNot) {
  const MediaHostPolicy p = Production();
  for (const char* url :
       {"https://cdninstagram.com/x.jpg",      // the wildcard needs a label before it
        "https://evilcdninstagram.com/x.jpg",  // no dot boundary
        "https://cdninstagram.com.evil.example/x.jpg", "https://fbcdn.net.evil.example/",
        "https://evil.example/cdninstagram.com",  // the path is no host
        "https://evil.example/.cdninstagram.com/x.jpg", "https://evil.example?.cdninstagram.com",
        "https://evil.example#.cdninstagram.com", "https://scontent.cdninstagram.co/x.jpg"}) {
    const MediaUrlCheck check = CheckMediaUrl(p, url);
    EXPECT_EQ(check.verdict, MediaUrlVerdict::kHostNotAllowed) << url;
    EXPECT_NE(check.reason.find("not an allowed media host"), std::string::npos) << url;
  }
  EXPECT_EQ(CheckMediaUrl(p, "https://evil.example/cdninstagram.com").host, "evil.example");
}

TEST(MediaHosts, UserInfoEscapesAndOddBytesAreMalformed) {
  const MediaHostPolicy p = Production();
  for (const char* url : {"https://scontent.cdninstagram.com@evil.example/x.jpg",
                          "https://user:pw@scontent.cdninstagram.com/x.jpg",
                          "https://evil.example\\@scontent.cdninstagram.com/x.jpg",
                          "https://evil.example\\.cdninstagram.com/x.jpg",
                          "https://scontent%2ecdninstagram.com/x.jpg",
                          "https://evil%2eexample/x.jpg",
                          "https://scontent.cdninstagram.com /x.jpg",
                          "https://scontent.cdninstagram.com/x y.jpg",
                          "https://scontent..cdninstagram.com/x.jpg",
                          "https://.cdninstagram.com/x.jpg",
                          "https://scontent.cdninstagram.com./x.jpg",
                          "https://scontent.cdninstagram.com:0/x",
                          "https://scontent.cdninstagram.com:99999/x",
                          "https://scontent.cdninstagram.com:/x",
                          "https://scontent.cdninstagram.com:443:80/x",
                          "ftp://scontent.cdninstagram.com/x.jpg",
                          "//scontent.cdninstagram.com/x.jpg",
                          "https://",
                          "",
                          "javascript:alert(1)",
                          "https://sc\xc3\xb6ntent.cdninstagram.com/x.jpg"}) {
    const MediaUrlCheck check = CheckMediaUrl(p, url);
    EXPECT_EQ(check.verdict, MediaUrlVerdict::kMalformed) << url;
    EXPECT_EQ(check.host, "") << url;
  }
  std::string with_nul = "https://scontent.cdninstagram.com";
  with_nul += '\0';
  with_nul += ".evil.example/x.jpg";
  EXPECT_EQ(Verdict(p, with_nul), MediaUrlVerdict::kMalformed);
}

TEST(MediaHosts, IpLiteralsAreRefusedInEveryForm) {
  const MediaHostPolicy p = Production();
  for (const char* url :
       {"http://127.0.0.1/x.jpg", "http://10.0.0.5/x.jpg", "http://169.254.169.254/latest/",
        "http://[::1]/x.jpg", "http://[fe80::1]:8080/", "http://2130706433/", "http://0x7f.1/",
        "http://127.1/", "http://0177.0.0.1/", "http://1.2.3.4.cdninstagram.com.5/"}) {
    const MediaUrlCheck check = CheckMediaUrl(p, url);
    EXPECT_EQ(check.verdict, MediaUrlVerdict::kIpLiteral) << url;
    EXPECT_NE(check.reason.find("is an IP address"), std::string::npos) << url;
  }
  EXPECT_EQ(Verdict(p, "http://localhost:8790/cdn/x.jpg"), MediaUrlVerdict::kHostNotAllowed);
  // A host name that only starts with digits is a name.
  EXPECT_FALSE(IsIpLiteral("1.cdninstagram.com"));
  EXPECT_FALSE(IsIpLiteral("scontent-1.fbcdn.net"));
}

TEST(MediaHosts, LoopbackOnlyWhenTheGraphApiIsOnLoopback) {
  EXPECT_FALSE(Production().allow_loopback);
  const MediaHostPolicy s = Sandbox();
  EXPECT_TRUE(s.allow_loopback);
  for (const char* url :
       {"http://127.0.0.1:8790/cdn/x.jpg", "http://127.0.0.2:1/x", "http://localhost:8790/x",
        "http://[::1]:8790/x", "https://scontent.cdninstagram.com/x.jpg"})
    EXPECT_EQ(Verdict(s, url), MediaUrlVerdict::kAllowed) << url;
  // Loopback in a non-canonical spelling, and other addresses, stay refused.
  for (const char* url : {"http://2130706433/", "http://127.1/", "http://0x7f.0.0.1/",
                          "http://127.000.0.1/", "http://10.0.0.1/", "http://[::ffff:7f00:1]/"})
    EXPECT_EQ(Verdict(s, url), MediaUrlVerdict::kIpLiteral) << url;
  EXPECT_EQ(Verdict(s, "https://evil.example/x.jpg"), MediaUrlVerdict::kHostNotAllowed);
  for (const char* graph : {"http://localhost:9000", "http://[::1]:9000/prefix"})
    EXPECT_TRUE(MediaHostPolicyFor({}, graph).allow_loopback) << graph;
  for (const char* graph : {"https://graph.facebook.com", "http://127.0.0.1.evil.example",
                            "http://10.0.0.1", "not a url"})
    EXPECT_FALSE(MediaHostPolicyFor({}, graph).allow_loopback) << graph;
}

TEST(MediaHosts, ExactPatternsMatchOneHost) {
  auto patterns = ParseMediaHostPatterns(" Images.Example.COM , *.cdn.example ", nullptr);
  ASSERT_TRUE(patterns);
  EXPECT_EQ(*patterns, (std::vector<std::string>{"images.example.com", "*.cdn.example"}));
  const MediaHostPolicy p = MediaHostPolicyFor(*patterns, "https://graph.facebook.com");
  EXPECT_EQ(Verdict(p, "https://images.example.com/a.png"), MediaUrlVerdict::kAllowed);
  EXPECT_EQ(Verdict(p, "https://x.images.example.com/a.png"), MediaUrlVerdict::kHostNotAllowed);
  EXPECT_EQ(Verdict(p, "https://a.b.cdn.example/a.png"), MediaUrlVerdict::kAllowed);
  EXPECT_EQ(Verdict(p, "https://cdn.example/a.png"), MediaUrlVerdict::kHostNotAllowed);
}

TEST(MediaHosts, PatternListsThatWouldOpenTooMuchAreRefused) {
  for (const char* list : {"*", "*.com", "**.example.com", "*example.com", "a.*.example.com",
                           "127.0.0.1", "*.0.0.1", "[::1]", "localhost", "*.localhost",
                           "evil.example/x", "user@evil.example", "", " , ", "a..b"}) {
    std::string error;
    EXPECT_FALSE(ParseMediaHostPatterns(list, &error)) << list;
    EXPECT_FALSE(error.empty()) << list;
  }
}

TEST(MediaHosts, TheParsedUrlIsWhatTheDownloaderConnectsTo) {
  auto parts = ParseHttpUrl("HTTPS://Scontent.CDNInstagram.com:8443/v/1.jpg?oh=x&oe=y#frag");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->scheme, "https");
  EXPECT_EQ(parts->host, "scontent.cdninstagram.com");
  EXPECT_EQ(parts->port, "8443");
  EXPECT_EQ(parts->path, "/v/1.jpg?oh=x&oe=y");
  EXPECT_EQ(parts->Origin(), "https://scontent.cdninstagram.com:8443");
  auto bare = ParseHttpUrl("http://[::1]?q=1");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->host, "[::1]");
  EXPECT_EQ(bare->port, "");
  EXPECT_EQ(bare->path, "/?q=1");
  EXPECT_EQ(bare->Origin(), "http://[::1]");
}

}  // namespace
}  // namespace vendly
