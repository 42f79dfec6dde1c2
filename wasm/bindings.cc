// Embind bindings of the catalog core: JSON strings in, JSON strings out, no class handles for the
// dashboard to delete. Every function here forwards to vendly/api.h, so the browser prints exactly
// the bytes the native CLI prints for the same input.
#include <emscripten/bind.h>

#include <string>

#include "vendly/api.h"

namespace {

std::string ExtractJson(const std::string& line) { return vendly::ExtractJsonLine(line); }
std::string ParsePriceJson(const std::string& line) { return vendly::ParsePriceJsonLine(line); }

// Draft rules, second opinion and sync merge (draft.h, second_opinion.h, sync.h): JSON text in and
// out.
std::string ApplyEdits(const std::string& draft_json, const std::string& edits_json) {
  return vendly::ApplyEditsJson(draft_json, edits_json);
}
std::string ValidateDraft(const std::string& draft_json) {
  return vendly::ValidateDraftJson(draft_json);
}
std::string Slugify(const std::string& name, const std::string& taken_json) {
  return vendly::UniqueSlugJson(name, taken_json);
}
std::string SecondOpinion(const std::string& core_product_json, const std::string& caption,
                          const std::string& model_item_json) {
  return vendly::SecondOpinionJson(core_product_json, caption, model_item_json);
}
std::string SyncMerge(const std::string& base_json, const std::string& theirs_json,
                      const std::string& ours_json) {
  return vendly::SyncMergeJson(base_json, theirs_json, ours_json);
}

// The registry (vendly/registry.h): field keys, limits, currencies, thresholds.
std::string Constants() { return vendly::ConstantsJsonText(); }

}  // namespace

EMSCRIPTEN_BINDINGS(vendly_catalog) {
  emscripten::function("extractJson", &ExtractJson);
  emscripten::function("parsePriceJson", &ParsePriceJson);
  emscripten::function("applyEdits", &ApplyEdits);
  emscripten::function("validateDraft", &ValidateDraft);
  emscripten::function("slugify", &Slugify);
  emscripten::function("secondOpinion", &SecondOpinion);
  emscripten::function("syncMerge", &SyncMerge);
  emscripten::function("constants", &Constants);
}
