#include "vendly/merge.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "vendly/money.h"
#include "vendly/normalize.h"

namespace vendly {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

double Clamp01(double v) { return std::isfinite(v) ? std::min(1.0, std::max(0.0, v)) : 0.0; }

// One side's view of a field: a value (nullopt when it has none) and how sure it is.
template <typename T>
struct Side {
  std::optional<T> value;
  double confidence = 0;
};

template <typename T>
struct Picked {
  std::optional<T> value;
  double confidence = 0;
  FieldSource source = FieldSource::kNone;
};

// The rule of MergeWithProvider for one field. `provider_min` is the confidence the provider needs
// for its value to be used at all.
template <typename T, typename Equal>
Picked<T> Pick(const Side<T>& core, const Side<T>& provider, Equal equal, double provider_min) {
  const bool provider_usable = provider.value && provider.confidence >= provider_min;
  if (!core.value && !provider_usable) return {std::nullopt, core.confidence, FieldSource::kNone};
  if (!provider.value) return {core.value, core.confidence, FieldSource::kCore};
  if (!core.value) return {provider.value, provider.confidence, FieldSource::kProvider};
  if (equal(*core.value, *provider.value)) {
    const double both = 1.0 - (1.0 - core.confidence) * (1.0 - provider.confidence);
    return {core.value, Clamp01(both), FieldSource::kBoth};
  }
  if (provider_usable && provider.confidence > core.confidence) {
    return {provider.value, Clamp01(provider.confidence - core.confidence / 2),
            FieldSource::kProvider};
  }
  return {core.value, Clamp01(core.confidence - provider.confidence / 2), FieldSource::kCore};
}

std::string Folded(const std::string& s) { return AsciiLower(CollapseWhitespace(s)); }

bool SameText(const std::string& a, const std::string& b) { return Folded(a) == Folded(b); }
bool SameExact(const std::string& a, const std::string& b) { return a == b; }
bool SamePrice(double a, double b) { return std::fabs(a - b) < 0.005; }
bool SameSet(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::set<std::string>(a.begin(), a.end()) == std::set<std::string>(b.begin(), b.end());
}

std::optional<std::string> NonEmpty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
std::optional<std::vector<std::string>> NonEmpty(const std::vector<std::string>& v) {
  return v.empty() ? std::nullopt : std::optional<std::vector<std::string>>(v);
}

std::optional<std::string> CanonicalCategory(const std::string& text) {
  const std::string folded = Folded(text);
  for (const char* category : kCategories) {
    if (folded == AsciiLower(category)) return std::string(category);
  }
  return std::nullopt;
}

// A string field of the provider: a non-empty string after collapsing whitespace, else nullopt.
std::optional<std::string> ProviderText(const json& in, const char* key) {
  const auto it = in.find(key);
  if (it == in.end() || !it->is_string()) return std::nullopt;
  std::string text = CollapseWhitespace(it->get_ref<const std::string&>());
  if (text.empty() || !IsValidUtf8(text)) return std::nullopt;
  return text;
}

bool IsOption(const std::string& option, std::initializer_list<const char*> names) {
  const std::string folded = Folded(option);
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return folded == n; });
}

std::vector<Span> EvidenceIf(FieldSource source, const std::vector<Span>& spans) {
  return source == FieldSource::kCore || source == FieldSource::kBoth ? spans : std::vector<Span>{};
}

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

const char* FieldSourceName(FieldSource source) {
  switch (source) {
    case FieldSource::kNone:
      return "none";
    case FieldSource::kCore:
      return "core";
    case FieldSource::kProvider:
      return "provider";
    case FieldSource::kBoth:
      return "both";
  }
  return "none";
}

ProviderAnswer ProviderAnswerFromJson(const json& in) {
  ProviderAnswer answer;
  if (!in.is_object()) return answer;
  answer.name = ProviderText(in, "name");
  answer.description = ProviderText(in, "description");
  if (const auto it = in.find("price"); it != in.end() && it->is_number()) {
    const double price = it->get<double>();
    if (std::isfinite(price) && price > 0 && price <= kMaxPrice) answer.price = price;
  }
  if (std::optional<std::string> currency = ProviderText(in, "currency")) {
    std::string code = AsciiUpper(*currency);
    if (IsKnownCurrency(code)) answer.currency = std::move(code);
  }
  if (std::optional<std::string> category = ProviderText(in, "category")) {
    answer.category = CanonicalCategory(*category);
  }
  if (const auto it = in.find("tags"); it != in.end() && it->is_array()) {
    Draft tags_only;
    for (const json& tag : *it) {
      if (tag.is_string()) tags_only.tags.push_back(tag.get<std::string>());
    }
    answer.tags = NormalizeDraft(tags_only).tags;
  }
  if (const auto it = in.find("variants"); it != in.end() && it->is_array()) {
    std::vector<std::string> sizes, colors;
    for (const json& variant : *it) {
      if (!variant.is_object()) continue;
      const auto option = variant.find("option");
      const auto value = variant.find("value");
      if (option == variant.end() || value == variant.end() || !option->is_string() ||
          !value->is_string()) {
        continue;
      }
      const std::string& option_text = option->get_ref<const std::string&>();
      if (IsOption(option_text, {"size", "sizes", "saizi", "shoe size"})) {
        sizes.push_back(value->get<std::string>());
      } else if (IsOption(option_text, {"color", "colour", "colors", "colours", "rangi"})) {
        colors.push_back(value->get<std::string>());
      }
    }
    answer.sizes = NormalizeSizes(sizes);
    answer.colors = NormalizeColors(colors);
  }
  if (const auto it = in.find("confidence"); it != in.end() && it->is_number()) {
    answer.confidence = Clamp01(it->get<double>());
  }
  return answer;
}

MergeResult MergeWithProvider(const Product& core, const ProviderAnswer& provider) {
  MergeResult out;
  Product& p = out.product;
  FieldSources& s = out.sources;
  const FieldScores& cf = core.field_confidence;
  const double pc = provider.confidence;
  p.sold_out = core.sold_out;

  auto name = Pick<std::string>({NonEmpty(core.name), cf.name}, {provider.name, pc}, SameText, 0);
  p.name = name.value.value_or("");
  p.field_confidence.name = name.confidence;
  s.name = name.source;

  auto description = Pick<std::string>({NonEmpty(core.description), core.confidence},
                                       {provider.description, pc}, SameText, 0);
  p.description = description.value.value_or("");
  s.description = description.source;

  auto price =
      Pick<double>({core.price, cf.price}, {provider.price, pc}, SamePrice, kMinPriceConfidence);
  p.price = price.value;
  p.field_confidence.price = price.confidence;
  s.price = price.source;

  if (s.price == FieldSource::kProvider && provider.currency &&
      *provider.currency != core.currency) {
    p.currency = *provider.currency;
    p.field_confidence.currency = pc;
    s.currency = FieldSource::kProvider;
  } else {
    auto currency = Pick<std::string>({NonEmpty(core.currency), cf.currency},
                                      {provider.currency, pc}, SameExact, 0);
    p.currency = currency.value.value_or("");
    p.field_confidence.currency = currency.confidence;
    s.currency = currency.source;
  }

  const bool compare_still_above = core.old_price && (!p.price || *core.old_price > *p.price);
  if (compare_still_above) {
    p.old_price = core.old_price;
    p.field_confidence.old_price = cf.old_price;
    s.old_price = FieldSource::kCore;
  }

  auto category = Pick<std::string>({NonEmpty(core.category), cf.category}, {provider.category, pc},
                                    SameExact, 0);
  p.category = category.value.value_or("");
  p.field_confidence.category = category.confidence;
  s.category = category.source;

  using List = std::vector<std::string>;
  auto sizes =
      Pick<List>({NonEmpty(core.sizes), cf.sizes}, {NonEmpty(provider.sizes), pc}, SameSet, 0);
  p.sizes = sizes.value.value_or(List{});
  p.field_confidence.sizes = sizes.confidence;
  s.sizes = sizes.source;

  auto colors =
      Pick<List>({NonEmpty(core.colors), cf.colors}, {NonEmpty(provider.colors), pc}, SameSet, 0);
  p.colors = colors.value.value_or(List{});
  p.field_confidence.colors = colors.confidence;
  s.colors = colors.source;

  std::set<std::string> seen;
  bool from_core = false, from_provider = false;
  for (const List* tags : {&core.tags, &provider.tags}) {
    for (const std::string& tag : *tags) {
      if (p.tags.size() >= kMaxListEntries || tag.empty() || !seen.insert(tag).second) continue;
      p.tags.push_back(tag);
      (tags == &core.tags ? from_core : from_provider) = true;
    }
  }
  s.tags = from_core && from_provider ? FieldSource::kBoth
           : from_core                ? FieldSource::kCore
           : from_provider            ? FieldSource::kProvider
                                      : FieldSource::kNone;

  const FieldEvidence& e = core.evidence;
  p.evidence.name = EvidenceIf(s.name, e.name);
  p.evidence.price = EvidenceIf(s.price, e.price);
  p.evidence.currency = EvidenceIf(s.currency, e.currency);
  p.evidence.old_price = EvidenceIf(s.old_price, e.old_price);
  p.evidence.category = EvidenceIf(s.category, e.category);
  p.evidence.sizes = EvidenceIf(s.sizes, e.sizes);
  p.evidence.colors = EvidenceIf(s.colors, e.colors);

  const FieldScores& f = p.field_confidence;
  double overall = std::min({f.name, f.currency, f.category});
  overall = p.price ? std::min(overall, f.price) : std::min(overall, 0.5);
  p.confidence = Clamp01(overall);
  return out;
}

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
  Product& p = result.product;
  const Draft& d = draft.draft;
  p.name = d.name;
  p.description = d.description;
  p.price = d.price;
  p.currency = d.currency;
  p.old_price = d.old_price;
  p.category = d.category;
  p.sizes = d.sizes;
  p.colors = d.colors;
  p.tags = d.tags;
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

ordered_json ToJson(const MergeResult& merged) {
  Extraction wrapper;
  wrapper.is_product = true;
  wrapper.products.push_back(merged.product);
  ordered_json out = std::move(ToJson(wrapper)["products"][0]);
  const FieldSources& s = merged.sources;
  out["sources"] = {{"name", FieldSourceName(s.name)},
                    {"description", FieldSourceName(s.description)},
                    {"price", FieldSourceName(s.price)},
                    {"currency", FieldSourceName(s.currency)},
                    {std::string(FieldInfoOf(Field::kOldPrice).cli), FieldSourceName(s.old_price)},
                    {"category", FieldSourceName(s.category)},
                    {"sizes", FieldSourceName(s.sizes)},
                    {"colors", FieldSourceName(s.colors)},
                    {"tags", FieldSourceName(s.tags)}};
  return out;
}

}  // namespace vendly
