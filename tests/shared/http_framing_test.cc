#include "vendly/http_framing.h"

#include <gtest/gtest.h>

#include <string>

namespace vendly {
namespace {

TEST(HttpFraming, FindsTheEndOfAHeadWithCrlfOrLf) {
  const std::string head = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
  HeadScan scan = ScanRequestHead(head + "GET /next HTTP/1.1\r\n");
  EXPECT_TRUE(scan.complete);
  EXPECT_EQ(scan.head_bytes, head.size());
  scan = ScanRequestHead("GET / HTTP/1.1\nHost: x\n\nbody");
  EXPECT_TRUE(scan.complete);
  EXPECT_EQ(scan.head_bytes, std::string("GET / HTTP/1.1\nHost: x\n\n").size());
  // Empty lines before a request are skipped, not taken for its end.
  scan = ScanRequestHead("\r\n\r\nGET / HTTP/1.1\r\n\r\n");
  EXPECT_TRUE(scan.complete);
  EXPECT_EQ(scan.head_bytes, 22u);
}

TEST(HttpFraming, AnUnfinishedHeadAsksForMoreUntilItIsTooLarge) {
  HeadScan scan = ScanRequestHead("GET / HTTP/1.1\r\nHost: x\r\n");
  EXPECT_FALSE(scan.complete);
  EXPECT_FALSE(scan.too_large);
  std::string big = "GET / HTTP/1.1\r\n";
  while (big.size() <= kMaxRequestHeadBytes) big += "X-Pad: " + std::string(1000, 'a') + "\r\n";
  scan = ScanRequestHead(big);
  EXPECT_FALSE(scan.complete);
  EXPECT_TRUE(scan.too_large);
  scan = ScanRequestHead(big + "\r\n");
  EXPECT_FALSE(scan.complete);
  EXPECT_TRUE(scan.too_large);
}

TEST(HttpFraming, AGetNeedsNoLengthAndAPostHasOne) {
  Framing f = CheckRequestFraming("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(f.ok);
  EXPECT_EQ(f.body_length, 0u);
  f = CheckRequestFraming("POST /a HTTP/1.1\r\ncontent-length:  12 \r\n\r\n");
  EXPECT_TRUE(f.ok);
  EXPECT_EQ(f.body_length, 12u);
}

TEST(HttpFraming, APostWithoutALengthIs411) {
  for (const char* method : {"POST", "PUT", "PATCH"}) {
    Framing f = CheckRequestFraming(std::string(method) + " /a HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_FALSE(f.ok) << method;
    EXPECT_EQ(f.status, 411) << method;
    EXPECT_EQ(f.code, "length_required");
    EXPECT_TRUE(f.close);
  }
  EXPECT_TRUE(CheckRequestFraming("DELETE /a HTTP/1.1\r\nHost: x\r\n\r\n").ok);
}

TEST(HttpFraming, TwoDifferentLengthsAre400AndClose) {
  Framing f =
      CheckRequestFraming("POST /a HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");
  EXPECT_FALSE(f.ok);
  EXPECT_EQ(f.status, 400);
  EXPECT_EQ(f.code, "conflicting_content_length");
  EXPECT_TRUE(f.close);
  f = CheckRequestFraming("POST /a HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n");
  EXPECT_EQ(f.code, "conflicting_content_length");
  // The same length twice is one length (RFC 9110 section 8.6).
  f = CheckRequestFraming("POST /a HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\n");
  EXPECT_TRUE(f.ok);
  EXPECT_EQ(f.body_length, 5u);
}

TEST(HttpFraming, InvalidLengthsAndChunkedBodiesAreRefused) {
  for (const char* value : {"abc", "-1", "", "1 2", "5,", "1234567890123456789", "0x10"}) {
    Framing f = CheckRequestFraming(std::string("POST /a HTTP/1.1\r\nContent-Length: ") + value +
                                    "\r\n\r\n");
    EXPECT_EQ(f.status, 400) << value;
    EXPECT_TRUE(f.close) << value;
  }
  Framing f = CheckRequestFraming("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  EXPECT_EQ(f.status, 411);
  f = CheckRequestFraming(
      "POST /a HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");
  EXPECT_EQ(f.status, 411);
}

TEST(HttpFraming, MalformedHeadsAre400) {
  for (const char* head :
       {"THIS IS NOT HTTP\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/2.0\r\n\r\n",
        "GET / HTTP/1.1\r\nno colon here\r\n\r\n", "GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        "GET / HTTP/1.1\r\nbad name: x\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n"}) {
    Framing f = CheckRequestFraming(head);
    EXPECT_EQ(f.status, 400) << head;
    EXPECT_EQ(f.code, "bad_request") << head;
  }
}

TEST(HttpFraming, AHeadPastTheLimitIs431) {
  std::string head = "GET / HTTP/1.1\r\n";
  while (head.size() <= kMaxRequestHeadBytes) head += "X-Pad: " + std::string(1000, 'a') + "\r\n";
  Framing f = CheckRequestFraming(head + "\r\n");
  EXPECT_EQ(f.status, 431);
  EXPECT_EQ(f.code, "header_too_large");
}

TEST(HttpFraming, RequestMethod) {
  EXPECT_EQ(RequestMethod("\r\nPOST /a HTTP/1.1\r\n\r\n"), "POST");
  EXPECT_EQ(RequestMethod("nothing"), "");
}

}  // namespace
}  // namespace vendly
