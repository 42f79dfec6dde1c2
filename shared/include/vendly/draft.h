// Draft rules: what a product draft may hold before the seller approves it. A Draft is built from
// an extracted Product, changed by the seller's edits (the plan's sellerEdits, section 2.3),
// checked field by field with messages a seller understands, and given a URL slug unique in the
// store. The dashboard runs these rules in the browser (WASM) while the seller types and the server
// runs the same ones on approval.
//
// Pure: no I/O, no exceptions; every problem is returned as a FieldError value.
#ifndef VENDLY_DRAFT_H_
#define VENDLY_DRAFT_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vendly/extract.h"
#include "vendly/registry.h"  // the fields' keys and the limits below

namespace vendly {

// The seller-facing fields of a product, as the draft review screen edits them.
struct Draft {
  std::string name;
  std::string description;
  std::optional<double> price;      // nullopt: "DM for price"
  std::string currency;             // ISO 4217
  std::optional<double> old_price;  // shown struck through (Field::kOldPrice)
  std::string category;             // one of kCategories
  std::vector<std::string> sizes;   // NormalizeSize spellings
  std::vector<std::string> colors;  // NormalizeColor spellings
  std::vector<std::string> tags;    // lower-case, no '#'
};

// One problem with one field. `field` is a Draft JSON key (a FieldInfo::cli, "name", ...) or ""
// for the whole input; `code` is stable for programs ("required", "too_long", "wrong_type", ...);
// `message` is one sentence for the seller.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
};

// A draft and the problems met while building or changing it.
struct DraftResult {
  Draft draft;
  std::vector<FieldError> errors;
};

// The draft of an extracted product: its seller-facing fields, copied, then normalised
// (NormalizeDraft).
Draft DraftFromProduct(const Product& product);
// The reverse: a product with the draft's fields (no confidence, evidence or sold-out flag).
Product ProductFromDraft(const Draft& draft);

// Every field normalised the way an edit of it would be: invisible ASCII control characters (NUL,
// ESC, DEL, ...) dropped everywhere, name trimmed and whitespace collapsed, description trimmed
// with spaces collapsed per line and at most one blank line between paragraphs, currency
// upper-case, category matched case-insensitively to kCategories' spelling, sizes and colours
// through NormalizeSizes/NormalizeColors, tags lower-case without '#', all lists de-duplicated in
// order. Prices are not changed (ValidateDraft judges them). Invalid UTF-8 is kept for
// ValidateDraft to report.
Draft NormalizeDraft(const Draft& draft);

// Applies the seller's edits, a JSON object keyed by the fields' api names (registry.h: name,
// price, ...), to `draft`. Each accepted value is normalised as NormalizeDraft says. null clears
// the optional fields (description, the prices, the lists) and is an error ("required") for the
// required ones (name, currency, category). An unknown key ("unknown_field"), a value of the wrong
// type ("wrong_type"; list entries must all be strings) or a non-object `edits`
// ("not_an_object") gives a FieldError and leaves that field as it was; so does a value past its
// registry limit, checked on the value as sent ("too_long": a text or a list entry longer than the
// field's max_length, the category longer than any of kCategories; "too_many": a list of more than
// max_entries), so an edit can never make a draft hold more than its fields allow. Other rules
// are not checked here: call ValidateDraft on the result.
DraftResult ApplyEdits(const Draft& draft, const nlohmann::json& edits);

// The key of a Draft field in sellerEdits (FieldInfo::cli -> FieldInfo::api), and back; empty when
// the name is no field.
std::string_view EditKeyOfField(std::string_view draft_key);
std::string_view FieldOfEditKey(std::string_view edit_key);

// The problems that keep `draft` from being approved, in field order, empty when it may be
// approved: name required and at most kMaxNameLength; description at most kMaxDescriptionLength;
// price absent or finite, positive and at most kMaxPrice; the old price likewise and greater
// than price (and only with a price); currency known (IsKnownCurrency); category one of
// kCategories; sizes, colours and tags each normalised, not repeated, within their length and count
// limits; every string valid UTF-8.
std::vector<FieldError> ValidateDraft(const Draft& draft);

// A URL slug for `name`: lower-case ASCII letters, digits and single dashes, accents folded (é ->
// e, ß -> ss, ł -> l), apostrophes dropped ("men's" -> "mens"), '&' read as "and", emojis and other
// punctuation taken as word breaks, at most kMaxSlugLength bytes (cut at a dash when one is near).
// Never empty: "product" when nothing is left.
std::string Slugify(std::string_view name);

// Slugify(name), or when that is in `taken`, the first of slug-2, slug-3, ... that is not (the stem
// is shortened so the result stays within kMaxSlugLength).
std::string UniqueSlug(std::string_view name, const std::vector<std::string>& taken);

// Reads a Draft from its JSON object (the keys of the CLI's product output, the fields'
// FieldInfo::cli; other keys are ignored, missing ones stay empty). A value of the wrong type gives
// a "wrong_type" error and is skipped; a non-object gives "not_an_object". The draft is returned as
// read, not normalised.
DraftResult DraftFromJson(const nlohmann::json& json);

// The Draft as JSON with the keys above in that order; whole amounts as integers, absent ones as
// null.
nlohmann::ordered_json DraftToJson(const Draft& draft);

// [{"field","code","message"}, ...]
nlohmann::ordered_json ErrorsToJson(const std::vector<FieldError>& errors);

}  // namespace vendly

#endif  // VENDLY_DRAFT_H_
