#include "vendly/request_policy.h"

#include <gtest/gtest.h>

#include <map>

namespace vendly {
namespace {

const std::vector<std::string> kAllowed = {"https://shop.example", "http://127.0.0.1:3000"};

RequestFacts CookiePost(std::optional<std::string> origin, std::optional<std::string> type) {
  RequestFacts f;
  f.method = "POST";
  f.credential = Credential::kSessionCookie;
  f.has_body = true;
  f.content_type = std::move(type);
  f.origin = std::move(origin);
  return f;
}

TEST(RequestPolicy, OriginOfNormalisesAsABrowserWritesIt) {
  EXPECT_EQ(OriginOf("https://shop.example"), "https://shop.example");
  EXPECT_EQ(OriginOf("HTTPS://Shop.Example:443/dashboard?x=1"), "https://shop.example");
  EXPECT_EQ(OriginOf("http://127.0.0.1:3000/"), "http://127.0.0.1:3000");
  EXPECT_EQ(OriginOf("http://localhost:80"), "http://localhost");
  EXPECT_EQ(OriginOf("https://shop.example:8443#frag"), "https://shop.example:8443");
  EXPECT_EQ(OriginOf("http://[::1]:8080/x"), "http://[::1]:8080");
  EXPECT_EQ(OriginOf("http://host:/"), "http://host");
}

TEST(RequestPolicy, OriginOfRefusesWhatIsNoHttpOrigin) {
  for (const char* bad : {"", "null", "ftp://shop.example", "https://", "https://:443",
                          "https://user@shop.example", "https://shop.example:99999",
                          "https://sh op.example", "https://[zz]:1", "shop.example", "http://a:b"})
    EXPECT_EQ(OriginOf(bad), std::nullopt) << bad;
}

TEST(RequestPolicy, JsonMediaTypeAllowsParametersAndCase) {
  EXPECT_TRUE(IsJsonMediaType("application/json"));
  EXPECT_TRUE(IsJsonMediaType("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(IsJsonMediaType(" application/json ;charset=UTF-8"));
  EXPECT_FALSE(IsJsonMediaType("text/plain"));
  EXPECT_FALSE(IsJsonMediaType("application/x-www-form-urlencoded"));
  EXPECT_FALSE(IsJsonMediaType("multipart/form-data; boundary=x"));
  EXPECT_FALSE(IsJsonMediaType("application/jsonp"));
  EXPECT_FALSE(IsJsonMediaType("text/plain; application/json"));
}

TEST(RequestPolicy, StateChangingMethodsAreAllButTheSafeOnes) {
  for (const char* m : {"POST", "PUT", "PATCH", "DELETE", "PROPFIND"})
    EXPECT_TRUE(IsStateChanging(m)) << m;
  for (const char* m : {"GET", "HEAD", "OPTIONS"}) EXPECT_FALSE(IsStateChanging(m)) << m;
}

// The probe of issue 20: a page elsewhere posts text/plain with the seller's cookie.
TEST(RequestPolicy, CrossOriginTextPlainPostWithTheCookieIsRefused) {
  RequestVerdict v =
      CheckCrossSiteRequest(CookiePost("https://evil.example", "text/plain"), kAllowed);
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.code, "cross_site_request");
  EXPECT_FALSE(v.message.empty());
}

TEST(RequestPolicy, ASiblingSubdomainOrANullOriginIsCrossSite) {
  for (const char* origin : {"https://evil.shop.example", "null", "https://shop.example.evil.io",
                             "http://shop.example", "http://127.0.0.1:3001"}) {
    RequestFacts f = CookiePost(origin, "application/json");
    f.fetch_site = "same-site";
    EXPECT_EQ(CheckCrossSiteRequest(f, kAllowed).code, "cross_site_request") << origin;
  }
}

TEST(RequestPolicy, NoOriginAndNoFetchMetadataIsRefused) {
  EXPECT_EQ(CheckCrossSiteRequest(CookiePost(std::nullopt, "application/json"), kAllowed).code,
            "cross_site_request");
}

TEST(RequestPolicy, SameOriginJsonPasses) {
  EXPECT_TRUE(
      CheckCrossSiteRequest(CookiePost("https://shop.example", "application/json"), kAllowed)
          .allowed);
  // Written differently, the same origin.
  EXPECT_TRUE(
      CheckCrossSiteRequest(
          CookiePost("HTTPS://SHOP.EXAMPLE:443", "application/json; charset=utf-8"), kAllowed)
          .allowed);
  RequestFacts fetch = CookiePost(std::nullopt, "application/json");
  fetch.fetch_site = "same-origin";
  EXPECT_TRUE(CheckCrossSiteRequest(fetch, kAllowed).allowed);
}

TEST(RequestPolicy, SameOriginWithANonJsonBodyIsRefused) {
  for (const std::optional<std::string>& type :
       {std::optional<std::string>("text/plain"),
        std::optional<std::string>("application/x-www-form-urlencoded"),
        std::optional<std::string>("multipart/form-data; boundary=b"),
        std::optional<std::string>()}) {
    RequestVerdict v = CheckCrossSiteRequest(CookiePost("https://shop.example", type), kAllowed);
    EXPECT_FALSE(v.allowed) << type.value_or("(none)");
    EXPECT_EQ(v.code, "json_required");
  }
}

TEST(RequestPolicy, ABodylessSameOriginRequestNeedsNoContentType) {
  RequestFacts f = CookiePost("http://127.0.0.1:3000", std::nullopt);
  f.has_body = false;
  f.method = "DELETE";
  EXPECT_TRUE(CheckCrossSiteRequest(f, kAllowed).allowed);
  f.content_type = "text/plain";  // an empty body of any type holds nothing to forge
  EXPECT_TRUE(CheckCrossSiteRequest(f, kAllowed).allowed);
}

TEST(RequestPolicy, BearerAndAnonymousClientsAndSafeMethodsAreUnaffected) {
  RequestFacts f = CookiePost("https://evil.example", "text/plain");
  f.credential = Credential::kBearer;
  EXPECT_TRUE(CheckCrossSiteRequest(f, kAllowed).allowed);
  f.credential = Credential::kNone;  // sign-in, sign-up, Meta's signed callbacks
  EXPECT_TRUE(CheckCrossSiteRequest(f, kAllowed).allowed);
  f.credential = Credential::kSessionCookie;
  for (const char* safe : {"GET", "HEAD", "OPTIONS"}) {
    f.method = safe;
    EXPECT_TRUE(CheckCrossSiteRequest(f, kAllowed).allowed) << safe;
  }
  for (const char* changing : {"PUT", "PATCH", "DELETE"}) {
    f.method = changing;
    EXPECT_FALSE(CheckCrossSiteRequest(f, kAllowed).allowed) << changing;
  }
}

TEST(RequestPolicy, NoAllowedOriginsLeavesOnlyFetchMetadata) {
  EXPECT_FALSE(
      CheckCrossSiteRequest(CookiePost("https://shop.example", "application/json"), {}).allowed);
}

TEST(RequestPolicy, ApiHeadersForbidSniffingFramingAndLoadingAndHstsOnlyOverHttps) {
  auto as_map = [](bool https) {
    std::map<std::string, std::string> m;
    for (auto& [k, v] : ApiSecurityHeaders(https)) m[k] = v;
    return m;
  };
  auto plain = as_map(false);
  EXPECT_EQ(plain["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(plain["X-Frame-Options"], "DENY");
  EXPECT_EQ(plain["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'");
  EXPECT_EQ(plain["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(plain.count("Strict-Transport-Security"), 0u);
  auto tls = as_map(true);
  EXPECT_EQ(tls["Strict-Transport-Security"], "max-age=31536000");
  EXPECT_EQ(tls.size(), plain.size() + 1);
}

}  // namespace
}  // namespace vendly
