// Merge: the core's own extraction combined with a second opinion, an AI provider's answer in the
// plan's ExtractedProductData shape (section 4.1). Field by field, the two sources are compared:
// agreement raises the field's confidence, disagreement goes to the more confident side and lowers
// the confidence, and a price is taken from the provider only when the provider is confident. The
// result says which source each field came from, so the dashboard can show it and auto-approve can
// trust the recomputed score.
//
// Pure and deterministic: the same two inputs always give the same bytes. No exceptions.
#ifndef VENDLY_MERGE_H_
#define VENDLY_MERGE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "vendly/draft.h"
#include "vendly/extract.h"

namespace vendly {

// The provider's price is used only at or above this confidence.
inline constexpr double kMinPriceConfidence = 0.7;
// The provider's confidence when its answer gives none (or a non-number).
inline constexpr double kDefaultProviderConfidence = 0.5;

// The usable part of an ExtractedProductData answer {name, description, price|null, currency,
// category|null, tags[], variants[{option, value}], confidence}. Absent, null and wrongly typed
// fields are nullopt/empty; values are normalised (normalize.h); `category` only when it names one
// of kCategories; `price` only when finite and positive; `currency` only when IsKnownCurrency.
struct ProviderAnswer {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<double> price;
  std::optional<std::string> currency;
  std::optional<std::string> category;
  std::vector<std::string> tags;
  std::vector<std::string> sizes;   // from variants whose option is size/sizes/saizi
  std::vector<std::string> colors;  // from variants whose option is color/colour/colors/rangi
  double confidence = kDefaultProviderConfidence;  // clamped to [0, 1]
};

// Reads a provider answer; never fails (a non-object gives an empty answer).
ProviderAnswer ProviderAnswerFromJson(const nlohmann::json& json);

// Where a merged field's value came from.
enum class FieldSource { kNone, kCore, kProvider, kBoth };

// "none", "core", "provider", "both".
const char* FieldSourceName(FieldSource source);

struct FieldSources {
  FieldSource name = FieldSource::kNone, description = FieldSource::kNone,
              price = FieldSource::kNone, currency = FieldSource::kNone,
              old_price = FieldSource::kNone, category = FieldSource::kNone,
              sizes = FieldSource::kNone, colors = FieldSource::kNone, tags = FieldSource::kNone;
};

struct MergeResult {
  Product product;
  FieldSources sources;
};

// Merges `core` with `provider`. Per field (name, description, price, currency, category, sizes,
// colors):
//   - only one side has a value: it is taken with its confidence (the provider's price only at
//     kMinPriceConfidence or above);
//   - both agree (text compared case- and whitespace-insensitively, prices within 0.005, lists as
//   sets):
//     the core's value, confidence 1 - (1 - a)(1 - b), source "both";
//   - they disagree: the more confident side (the core on a tie; the provider's price only at
//     kMinPriceConfidence or above), confidence lowered to max(0, winner - loser / 2).
// The core's description and tags count with its overall confidence. Tags are the union (core
// first, at most kMaxListEntries). The currency follows the price when the price comes from the
// provider. The old price stays the core's unless it is no longer above the merged price.
// Evidence spans are kept for fields the core supplied. The overall confidence is recomputed as the
// lowest of name, currency, category and price confidence, and at most 0.5 without a price (a
// product needs one to be published).
MergeResult MergeWithProvider(const Product& core, const ProviderAnswer& provider);

// A core product from its JSON (the CLI's product object: the Draft keys plus sold_out, confidence,
// field_confidence, evidence). Draft keys of the wrong type are errors (DraftFromJson); the other
// keys are read when well typed and ignored otherwise. A whole extraction result ({"products":
// [...]} and no "name") is the error "not_a_product".
struct ProductResult {
  Product product;
  std::vector<FieldError> errors;
};
ProductResult ProductFromJson(const nlohmann::json& json);

// The merged product as the CLI prints a product (extract.h ToJson), plus "sources": {"name":
// "core", ...} for every field (registry.h), by its cli key.
nlohmann::ordered_json ToJson(const MergeResult& merged);

}  // namespace vendly

#endif  // VENDLY_MERGE_H_
