// Fuzzes the core's reading of a request head and of the browser's headers (vendly/http_framing.h,
// vendly/request_policy.h), which the connection front (server/http/front.h) and the router apply
// to every request before anything else reads it. The input is buffered bytes as a client sent
// them, then after 0xFF bytes an Origin, a Content-Type and a Sec-Fetch-Site. Invariants: a
// complete head ends with its blank line inside the limit; a refused head closes the connection
// with 400, 411 or 431; an accepted one has a method; an origin is an http(s) origin that reads
// back as itself.
#include <vendly/http_framing.h>
#include <vendly/request_policy.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"

namespace {

using vendly::fuzz::Check;

void CheckHead(std::string_view buffered) {
  const vendly::HeadScan scan = vendly::ScanRequestHead(buffered);
  Check(!(scan.complete && scan.too_large));
  if (!scan.complete) return;
  Check(scan.head_bytes <= buffered.size() && scan.head_bytes <= vendly::kMaxRequestHeadBytes);
  const std::string_view head = buffered.substr(0, scan.head_bytes);
  Check(head.back() == '\n');
  const vendly::Framing framing = vendly::CheckRequestFraming(head);
  if (framing.ok) {
    Check(framing.status == 200 && !vendly::RequestMethod(head).empty());
  } else {
    Check(framing.close && !framing.code.empty() && !framing.message.empty());
    Check(framing.status == 400 || framing.status == 411 || framing.status == 431);
  }
}

void CheckOrigin(const std::string& url) {
  const std::optional<std::string> origin = vendly::OriginOf(url);
  if (!origin) return;
  Check(origin->rfind("http://", 0) == 0 || origin->rfind("https://", 0) == 0);
  Check(vendly::OriginOf(*origin) == origin);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> p =
      vendly::fuzz::Parts(std::string_view(reinterpret_cast<const char*>(data), size), 4);
  CheckHead(p[0]);
  (void)vendly::CheckRequestFraming(p[0]);  // any bytes, as if a scan had called them a head
  CheckOrigin(p[1]);
  (void)vendly::IsJsonMediaType(p[2]);

  vendly::RequestFacts facts;
  facts.method = std::string(vendly::RequestMethod(p[0]));
  facts.credential = vendly::Credential::kSessionCookie;
  facts.has_body = !p[2].empty();
  facts.origin = p[1];
  facts.content_type = p[2];
  facts.fetch_site = p[3];
  const vendly::RequestVerdict verdict =
      vendly::CheckCrossSiteRequest(facts, {"https://shop.example"});
  Check(verdict.allowed == verdict.code.empty());
  // Only a cookie-signed state change is ever refused.
  facts.credential = vendly::Credential::kBearer;
  Check(vendly::CheckCrossSiteRequest(facts, {"https://shop.example"}).allowed);
  return 0;
}
