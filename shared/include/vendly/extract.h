// Caption extraction: the heart of the catalog core. Turns one Instagram post (its caption and a
// little metadata) into zero or more catalog products, each field with a confidence and the byte
// span of the caption it came from, so the dashboard can highlight the evidence and auto-approve
// can trust the score.
//
// Pure: no I/O, no clocks, no exceptions escape. Any input, including invalid UTF-8, is accepted.
#ifndef VENDLY_EXTRACT_H_
#define VENDLY_EXTRACT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace vendly {

// One Instagram post as the Graph API gives it (only the fields the extractor reads).
struct Post {
  std::string id;
  std::string caption;         // as typed; may be empty or invalid UTF-8
  std::string store_currency;  // ISO code; a bare number is in this currency. Empty means "KES".
  std::string media_type;      // IMAGE, VIDEO or CAROUSEL_ALBUM
  int children = 1;            // images/videos in the post
};

// A half-open byte range [begin, end) of the caption.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const Span& o) const { return begin == o.begin && end == o.end; }
};

// Per-field confidence in [0, 1], and the spans each field was read from (empty when inferred).
struct FieldScores {
  double name = 0, price = 0, currency = 0, old_price = 0, category = 0, sizes = 0, colors = 0;
};
struct FieldEvidence {
  std::vector<Span> name, price, currency, old_price, category, sizes, colors;
};

struct Product {
  std::string name;                 // short Title Case catalog title, no emojis, no price
  std::string description;          // caption cleaned of contact lines and hashtag walls
  std::optional<double> price;      // lowest selling price of one unit; nullopt: "DM for price"
  std::string currency;             // ISO 4217 code
  std::optional<double> old_price;  // when the caption shows one (Field::kOldPrice)
  std::string category;             // one of kCategories
  std::vector<std::string> sizes;   // normalised as shared/data/LABELING.md says
  std::vector<std::string> colors;  // lower-case English colour names
  std::vector<std::string> tags;    // lower-case, from hashtags and item words
  bool sold_out = false;            // the caption says SOLD OUT / sold
  FieldScores field_confidence;
  double confidence = 0;  // overall; >= 0.9 means "safe to auto-approve"
  FieldEvidence evidence;
};

struct Extraction {
  std::string id;
  bool is_product = false;
  std::string reason;  // why it is not a product ("greeting", "giveaway", ...) or empty
  std::vector<Product> products;
};

// The nine catalog categories of the plan, in its order.
extern const char* const kCategories[9];

// Extracts the products a post offers. Never fails: a post with nothing for sale gives
// is_product=false and no products.
Extraction Extract(const Post& post);

// The result as the CLI and the WASM module print it, one line of JSON without a newline:
// {"id","is_product","products":[{<the fields' cli keys of registry.h, in its order>,
// "sold_out","confidence","field_confidence":{...},"evidence":{"price":[[b,e],...],
// ...}}]} (plus "reason" when not a product). Whole amounts are JSON integers, scores have at most
// three decimals, invalid UTF-8 in any string is replaced by U+FFFD. Key order is fixed.
std::string ToJsonLine(const Extraction& extraction);

// The same result as a JSON value, for callers that edit it (parsed from ToJsonLine, so the two
// never differ).
nlohmann::ordered_json ToJson(const Extraction& extraction);

}  // namespace vendly

#endif  // VENDLY_EXTRACT_H_
