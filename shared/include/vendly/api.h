// The JSON-string face of the core: one function per operation, JSON text in, JSON text out. The
// CLI and the WASM module both call these and nothing else, so the browser and the server print the
// same bytes for the same input. None of them throws; bad input gives a JSON error object.
#ifndef VENDLY_API_H_
#define VENDLY_API_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vendly {

// One post line {"id","caption","store_currency","media_type","children"} (other fields ignored) ->
// one result line (extract.h ToJson), without a trailing newline. A line that is not a JSON object,
// or whose fields have the wrong types, gives {"error":"...","line":N}; `line_number` 0 leaves
// "line" out.
std::string ExtractJsonLine(std::string_view line, std::size_t line_number = 0);

// The same, each product carrying "features": the reading's confidence features and classes
// (confidence.h), for fitting and checking the confidence table (tests/extraction/calibrate.py).
std::string ExtractFeaturesJsonLine(std::string_view line, std::size_t line_number = 0);

// One line {"price_raw","currency_raw","decimal_separator"} -> {"amount": number|null,
// "currency": ISO code|null}. Errors as above.
std::string ParsePriceJsonLine(std::string_view line, std::size_t line_number = 0);

// --- Draft rules, second opinion and sync (draft.h, second_opinion.h, sync.h)
//
// Draft JSON below is an object with the keys of the CLI's product output, the fields'
// FieldInfo::cli of registry.h (others ignored). Errors are
// {"field","code","message"} objects (draft.h FieldError). Input that is not JSON, or not a JSON
// object where one is expected, gives {"error":"..."} naming the argument ("draft: invalid JSON").

// The seller's edits (sellerEdits, keyed by the fields' FieldInfo::api) applied to a draft ->
// {"draft":{normalised draft},"errors":[...]}. The errors are those of reading the draft, those of
// the edits (unknown_field, wrong_type, required), then ValidateDraft's on the result, so an empty
// list means "may be approved".
std::string ApplyEditsJson(std::string_view draft_json, std::string_view edits_json);

// -> {"ok":bool,"errors":[...],"draft":{normalised draft}}: the draft normalised (NormalizeDraft)
// and validated (ValidateDraft); wrongly typed fields are errors too. ok is true exactly when
// errors is empty.
std::string ValidateDraftJson(std::string_view draft_json);

// `name` is plain text (not JSON) -> {"slug":"blue-denim-jacket"}.
std::string SlugifyJson(std::string_view name);

// `name` is plain text; `taken_json` a JSON array of the store's slugs (empty text or null: none;
// non-string entries are ignored) -> {"slug": the first of slug, slug-2, slug-3, ... not taken}.
std::string UniqueSlugJson(std::string_view name, std::string_view taken_json);

// The second opinion of second_opinion.h: the engine's product (one entry of the CLI's
// "products"), the post's caption as plain text (not JSON) and the model's item for that product
// (ModelItemFromJson's shape; null: no answer) -> the merged product (second_opinion.h ToJson) with
// "sources", "disputes", "dropped" and "price_disputed". Errors as above ("core: ...", "model:
// ...").
std::string SecondOpinionJson(std::string_view core_product_json, std::string_view caption,
                              std::string_view model_item_json);

// The same for the CLI (vendly-extract --second-opinion): one line
// {"product":{...},"caption":"...", "model":{...}|null} -> SecondOpinionJson's answer. Errors as
// ExtractJsonLine's.
std::string SecondOpinionJsonLine(std::string_view line, std::size_t line_number = 0);

// A post line with the model's whole answer for it (vendly-extract --with-model): the post's keys
// as ExtractJsonLine reads them plus "model": {"is_product","items":[...]} (ModelAnswerFromJson's
// shape; absent or null: no answer) -> the extraction result whose products are merged with the
// model's items by MergeSecondOpinions (each as SecondOpinionJson prints it) and carry
// "auto_approve": MayAutoApprove at the default auto-approve line, as the server decides it. A
// "model" that is neither an object nor null is an error. Errors as ExtractJsonLine's.
std::string ExtractWithModelJsonLine(std::string_view line, std::size_t line_number = 0);

// The three-way merge of sync.h: base (the extraction the product came from), theirs (the
// extraction of the edited caption, whose "sold_out" is passed through) and ours (the product as
// the seller has it), each Draft JSON ->
// {"merged":{draft...,"sold_out":bool},"conflicts":[{"field","base","theirs","ours"}],
// "updated":[fields taken from theirs]}.
std::string SyncMergeJson(std::string_view base_json, std::string_view theirs_json,
                          std::string_view ours_json);

// The registry (registry.h ConstantsJson) as JSON text: the fields and their keys, limits,
// currencies, thresholds, draft lifetime.
std::string ConstantsJsonText();

}  // namespace vendly

#endif  // VENDLY_API_H_
