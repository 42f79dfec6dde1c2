// ToJson for extraction results: the one place that fixes the output's shape and key order.
#include <cmath>

#include "vendly/extract.h"

#include "json_amount.h"

namespace vendly {
namespace {

using internal::AmountJson;
using nlohmann::ordered_json;

ordered_json Score(double s) { return std::round(s * 1000.0) / 1000.0; }

ordered_json Spans(const std::vector<Span>& spans) {
  ordered_json a = ordered_json::array();
  for (const Span& s : spans) a.push_back({s.begin, s.end});
  return a;
}

}  // namespace

const char* const kCategories[9] = {
    "Fashion & Apparel",  "Electronics & Gadgets", "Home & Living",
    "Beauty & Personal Care", "Food & Beverages",  "Sports & Fitness",
    "Books & Media",      "Toys & Games",          "Other"};

ordered_json ToJson(const Extraction& x) {
  ordered_json out;
  out["id"] = x.id;
  out["is_product"] = x.is_product;
  if (!x.is_product && !x.reason.empty()) out["reason"] = x.reason;
  ordered_json products = ordered_json::array();
  for (const Product& p : x.products) {
    ordered_json j;
    j["name"] = p.name;
    j["description"] = p.description;
    j["price"] = AmountJson(p.price);
    j["currency"] = p.currency;
    j["compare_at_price"] = AmountJson(p.compare_at_price);
    j["category"] = p.category;
    j["sizes"] = p.sizes;
    j["colors"] = p.colors;
    j["tags"] = p.tags;
    j["sold_out"] = p.sold_out;
    j["confidence"] = Score(p.confidence);
    const FieldScores& f = p.field_confidence;
    j["field_confidence"] = {{"name", Score(f.name)},
                             {"price", Score(f.price)},
                             {"currency", Score(f.currency)},
                             {"compare_at_price", Score(f.compare_at_price)},
                             {"category", Score(f.category)},
                             {"sizes", Score(f.sizes)},
                             {"colors", Score(f.colors)}};
    const FieldEvidence& e = p.evidence;
    j["evidence"] = {{"name", Spans(e.name)},
                     {"price", Spans(e.price)},
                     {"currency", Spans(e.currency)},
                     {"compare_at_price", Spans(e.compare_at_price)},
                     {"category", Spans(e.category)},
                     {"sizes", Spans(e.sizes)},
                     {"colors", Spans(e.colors)}};
    products.push_back(std::move(j));
  }
  out["products"] = std::move(products);
  return out;
}

}  // namespace vendly
