// Second opinion: the engine's reading of a product weighed against a language model's, field by
// field (issue 11). The model is a second opinion, never the authority: its value stands only where
// the engine has none, agreement raises the engine's confidence a little, disagreement keeps the
// engine's value, records both readings and drops the field below the auto-approve line, and a
// disputed price holds the draft for the seller. The model must quote the caption text each value
// comes from; a value whose quote is not in the caption is dropped (models copy example prices).
// The server (server/ai) and the dashboard (WASM secondOpinion) both call this, so they agree.
//
// Confidence rule, per scored field with engine confidence c:
//   - agreement: c + (1 - c) / 2 (half the doubt goes), at most kAgreeCeiling (never below c); a
//     field the engine
//     scored at or below kFragileCeiling (its cap for readings fragile by construction) stays at or
//     below it, so a model cannot lift a fragile reading over the auto-approve line;
//   - disagreement: min(c, kDisputedCeiling), the engine's value kept;
//   - only the model has a value: the model's value at kModelOnlyConfidence;
//   - only the engine has a value, or the model's value was dropped: c unchanged.
// The product's confidence is the engine's scaled by each field's change (new / old), never above
// kAgreeCeiling (unless the engine's already was), never above kFragileCeiling when the engine's
// was at or below it, and never above the lowest confidence of a disputed or model-only field.
//
// Pure and deterministic: no I/O, no exceptions.
#ifndef VENDLY_SECOND_OPINION_H_
#define VENDLY_SECOND_OPINION_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vendly/draft.h"
#include "vendly/extract.h"
#include "vendly/registry.h"

namespace vendly {

// The engine's cap for a fragile reading (vendly/registry.h).
inline constexpr double kFragileCeiling = kFragileConfidenceCap;
// Agreement never claims more certainty than this.
inline constexpr double kAgreeCeiling = 0.995;
// A field the two sources dispute scores at most this: far below any auto-approve line.
inline constexpr double kDisputedCeiling = 0.5;
// A value only the model read.
inline constexpr double kModelOnlyConfidence = 0.6;
static_assert(kModelOnlyConfidence < kDefaultAutoApproveThreshold, "model alone is not enough");

// A model's value and the caption text it says the value comes from.
template <typename T>
struct Quoted {
  T value{};
  std::string quote;
};

// One item of a model's answer. Every field is optional; category needs no quote (it may come from
// the photo) but must be one of kCategories.
struct ModelItem {
  std::optional<Quoted<std::string>> name;
  std::optional<Quoted<double>> price;
  std::optional<Quoted<std::string>> currency;
  std::optional<Quoted<double>> old_price;
  std::optional<std::string> category;
  std::optional<Quoted<std::vector<std::string>>> sizes;
  std::optional<Quoted<std::vector<std::string>>> colors;
};

// A model's whole answer for one post: {"is_product":bool,"items":[{"name":{"value","quote"},
// "price":{"value":number,"quote"},"currency":{...},"compare_at_price":{...},"category":"...",
// "sizes":{"value":[...],"quote"},"colors":{...}}]}. Values are normalised as the engine's are
// (sizes, colours, currency upper-case); wrongly typed, non-finite or non-positive values are
// absent. Never fails: anything that is not such an object gives an answer with no items.
struct ModelAnswer {
  bool is_product = true;
  std::vector<ModelItem> items;
};
ModelAnswer ModelAnswerFromJson(const nlohmann::json& json);
ModelItem ModelItemFromJson(const nlohmann::json& json);

// Where a field's value came from.
enum class OpinionSource { kEngine, kModel, kBoth };
const char* OpinionSourceName(OpinionSource source);  // "engine", "model", "both"

// One scored field after the merge. `disputed`: both sources read a value and they differ; then
// engine_value and model_value hold the two readings (in the CLI's JSON spelling) and quote the
// model's evidence. `dropped`: the model gave a value whose quote is not in the caption.
struct FieldOpinion {
  Field field = Field::kName;
  OpinionSource source = OpinionSource::kEngine;
  bool disputed = false;
  bool dropped = false;
  double engine_confidence = 0;
  double confidence = 0;
  nlohmann::json engine_value;
  nlohmann::json model_value;
  std::string quote;
};

struct SecondOpinion {
  Product product;                   // the merged product, its confidences recomputed
  std::vector<FieldOpinion> fields;  // the scored fields, in registry order
  bool price_disputed = false;       // the draft must wait for the seller
};

// The engine's product from its JSON (the CLI's product object: the Draft keys plus sold_out,
// confidence, field_confidence, evidence), as the server stores drafts and the dashboard holds
// them. Draft keys of the wrong type are errors (DraftFromJson); the other keys are read when well
// typed and ignored otherwise. A whole extraction result ({"products":[...]} and no "name") is the
// error "not_a_product".
struct ProductResult {
  Product product;
  std::vector<FieldError> errors;
};
ProductResult ProductFromJson(const nlohmann::json& json);

// True when `caption` contains `quote` once both are folded (whitespace collapsed, ASCII
// lower-cased); an empty quote is never found.
bool QuoteInCaption(std::string_view quote, std::string_view caption);

// Merges one engine product with the model's reading of it (nullptr: the model said nothing, the
// engine's product is returned unchanged, every field sourced "engine").
SecondOpinion MergeSecondOpinion(const Product& engine, const ModelItem* model,
                                 std::string_view caption);

// Every product of `extraction` with the model's item at the same index (none past the model's
// last item; extra model items are ignored: the engine decides what the products are).
std::vector<SecondOpinion> MergeSecondOpinions(const Extraction& extraction,
                                               const ModelAnswer& answer, std::string_view caption);

// The rule auto-approve applies: confident enough and no disputed price.
bool MayAutoApprove(const SecondOpinion& merged, double threshold);

// Which posts are sent to a model (VENDLY_AI_MODE): none, those the engine is unsure of, or all.
enum class AiMode { kOff, kUnsure, kAll };
std::optional<AiMode> ParseAiMode(std::string_view name);  // "off", "unsure", "all"
const char* AiModeName(AiMode mode);

// Whether a post the engine read as `engine` is worth a model's second opinion: never when the
// engine found no product (the engine decides what the products are, so a model could only add
// fields to nothing); in kUnsure mode only when one of its products scores below `threshold` (the
// store's auto-approve line), so what the engine would approve on its own costs nothing.
bool ShouldAskModel(AiMode mode, const Extraction& engine, double threshold);

// The merged product as the CLI prints a product, plus "sources":{cli key: "engine"|"model"|
// "both"} for the scored fields, "disputes":{cli key: {"engine","model","quote"}} (empty object
// when none), "dropped":[cli keys] and "price_disputed":bool.
nlohmann::ordered_json ToJson(const SecondOpinion& merged);

}  // namespace vendly

#endif  // VENDLY_SECOND_OPINION_H_
