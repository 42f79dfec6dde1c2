// Fuzzes the caption extractor with arbitrary bytes as the caption (invalid UTF-8, huge,
// emoji-only...) and checks the result's invariants, then feeds the same bytes to the JSON line
// reader.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "vendly/api.h"
#include "vendly/extract.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckSpans(const std::vector<vendly::Span>& spans, std::size_t size) {
  for (const vendly::Span& s : spans) Check(s.begin <= s.end && s.end <= size);
}

bool InUnit(double v) { return v >= 0.0 && v <= 1.0; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* const kCurrencies[] = {"KES", "UGX", "TZS", "RWF", "NGN", "USD", ""};
  vendly::Post post;
  post.id = "fuzz";
  post.caption.assign(reinterpret_cast<const char*>(data), size);
  post.store_currency = kCurrencies[size % 7];
  post.media_type = size % 2 ? "CAROUSEL_ALBUM" : "IMAGE";
  post.children = static_cast<int>(size % 5);

  vendly::Extraction x = vendly::Extract(post);
  Check(x.is_product == !x.products.empty());
  for (const vendly::Product& p : x.products) {
    Check(InUnit(p.confidence));
    const vendly::FieldScores& f = p.field_confidence;
    Check(InUnit(f.name) && InUnit(f.price) && InUnit(f.currency) && InUnit(f.old_price) &&
          InUnit(f.category) && InUnit(f.sizes) && InUnit(f.colors));
    Check(!p.price || *p.price > 0);
    Check(!p.currency.empty() && !p.category.empty());
    const vendly::FieldEvidence& e = p.evidence;
    for (const auto* spans :
         {&e.name, &e.price, &e.currency, &e.old_price, &e.category, &e.sizes, &e.colors}) {
      CheckSpans(*spans, size);
    }
  }
  std::string out = vendly::ExtractJsonLine(post.caption, 1);
  Check(!out.empty() && out.front() == '{' && out.back() == '}');
  return 0;
}
