// The engine's product read back from its JSON (the CLI's product object), for the JSON face of the
// second opinion (api.h SecondOpinionJson) and the server, which keep products as that JSON.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "vendly/draft.h"
#include "vendly/extract.h"
#include "vendly/registry.h"
#include "vendly/second_opinion.h"

namespace vendly {
namespace {

using nlohmann::json;

double Clamp01(double v) { return std::isfinite(v) ? std::min(1.0, std::max(0.0, v)) : 0.0; }

// Reads [[begin, end], ...]; malformed entries are skipped.
std::vector<Span> SpansFromJson(const json& in) {
  std::vector<Span> spans;
  if (!in.is_array()) return spans;
  for (const json& pair : in) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_unsigned() ||
        !pair[1].is_number_unsigned()) {
      continue;
    }
    const auto begin = pair[0].get<unsigned long long>();
    const auto end = pair[1].get<unsigned long long>();
    if (begin > end || end > 0xFFFFFFFFull) continue;
    spans.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }
  return spans;
}

}  // namespace

ProductResult ProductFromJson(const json& in) {
  ProductResult result;
  if (in.is_object() && in.contains("products") && !in.contains("name")) {
    result.errors.push_back(
        {"", "not_a_product",
         "Expected one product (an entry of \"products\"), not a whole extraction."});
    return result;
  }
  DraftResult draft = DraftFromJson(in);
  result.errors = std::move(draft.errors);
  result.product = ProductFromDraft(draft.draft);
  Product& p = result.product;
  if (!in.is_object()) return result;

  if (const auto it = in.find("sold_out"); it != in.end() && it->is_boolean()) {
    p.sold_out = it->get<bool>();
  }
  if (const auto it = in.find("confidence"); it != in.end() && it->is_number()) {
    p.confidence = Clamp01(it->get<double>());
  }
  struct Key {
    const char* name;
    double FieldScores::*score;
    std::vector<Span> FieldEvidence::*spans;
  };
  static const Key kKeys[] = {
      {"name", &FieldScores::name, &FieldEvidence::name},
      {"price", &FieldScores::price, &FieldEvidence::price},
      {"currency", &FieldScores::currency, &FieldEvidence::currency},
      {FieldInfoOf(Field::kOldPrice).cli.data(), &FieldScores::old_price,
       &FieldEvidence::old_price},
      {"category", &FieldScores::category, &FieldEvidence::category},
      {"sizes", &FieldScores::sizes, &FieldEvidence::sizes},
      {"colors", &FieldScores::colors, &FieldEvidence::colors},
  };
  const auto scores = in.find("field_confidence");
  const auto evidence = in.find("evidence");
  for (const Key& key : kKeys) {
    if (scores != in.end() && scores->is_object()) {
      const auto it = scores->find(key.name);
      if (it != scores->end() && it->is_number())
        p.field_confidence.*key.score = Clamp01(it->get<double>());
    }
    if (evidence != in.end() && evidence->is_object()) {
      const auto it = evidence->find(key.name);
      if (it != evidence->end()) p.evidence.*key.spans = SpansFromJson(*it);
    }
  }
  return result;
}

}  // namespace vendly
