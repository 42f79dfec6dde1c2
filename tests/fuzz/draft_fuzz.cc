// Fuzzes the draft rules, the second opinion and the sync merge with arbitrary bytes: as JSON text
// to the JSON face (ApplyEditsJson, ValidateDraftJson, SecondOpinionJson, SyncMergeJson,
// UniqueSlugJson), and as field values of a Draft (invalid UTF-8, huge, emoji-only). Checks the
// results' invariants: every JSON answer is one JSON object, slugs are well-formed, normalisation
// is idempotent, so a normalised draft never fails the "written the catalog's way" rule.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "vendly/api.h"
#include "vendly/draft.h"
#include "vendly/normalize.h"
#include "vendly/second_opinion.h"
#include "vendly/sync.h"

namespace {

using vendly::fuzz::Check;
using vendly::fuzz::Parts;

void CheckJsonObject(const std::string& out) {
  const nlohmann::json j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  Check(!j.is_discarded() && j.is_object());
}

void CheckSlug(const std::string& slug) {
  Check(!slug.empty() && slug.size() <= vendly::kMaxSlugLength);
  Check(slug.front() != '-' && slug.back() != '-');
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    Check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    Check(!(c == '-' && i > 0 && slug[i - 1] == '-'));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> p = Parts(input, 3);

  // The JSON face with raw bytes.
  CheckJsonObject(vendly::ValidateDraftJson(input));
  CheckJsonObject(vendly::ApplyEditsJson(p[0], p[1]));
  CheckJsonObject(vendly::SyncMergeJson(p[0], p[1], p[2]));
  CheckJsonObject(vendly::SecondOpinionJson(p[0], p[2], p[1]));
  CheckJsonObject(vendly::UniqueSlugJson(p[0], p[1]));

  // The JSON face with well-formed drafts whose values are the fuzzer's strings.
  nlohmann::json draft = {{"name", p[0]},
                          {"description", p[1]},
                          {"price", static_cast<double>(size)},
                          {"currency", p[2]},
                          {"category", p[1]},
                          {"sizes", p},
                          {"colors", p},
                          {"tags", p}};
  const std::string draft_text =
      draft.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  CheckJsonObject(vendly::ValidateDraftJson(draft_text));
  CheckJsonObject(vendly::ApplyEditsJson(draft_text, R"({"sizes":["38-41"],"price":null})"));
  CheckJsonObject(vendly::SyncMergeJson(draft_text, R"({"name":"x","sold_out":true})", draft_text));

  // Slugs.
  CheckSlug(vendly::Slugify(input));
  CheckSlug(vendly::UniqueSlug(p[0], {vendly::Slugify(p[0]), p[1]}));

  // Normalisation is idempotent, so a normalised draft is never "not_normalized".
  for (const std::string& part : p) {
    for (const std::string& s : vendly::NormalizeSize(part)) {
      Check(!s.empty());
      Check(vendly::NormalizeSize(s) == std::vector<std::string>{s});
    }
    if (std::optional<std::string> c = vendly::NormalizeColor(part)) {
      Check(vendly::NormalizeColor(*c) == *c);
    }
  }
  vendly::Draft d;
  d.name = p[0];
  d.description = p[1];
  d.currency = p[2];
  d.category = p[1];
  d.sizes = p;
  d.colors = p;
  d.tags = p;
  const vendly::Draft normalised = vendly::NormalizeDraft(d);
  for (const vendly::FieldError& e : vendly::ValidateDraft(normalised)) {
    Check(e.code != "not_normalized" && !e.message.empty());
  }
  const nlohmann::ordered_json again = vendly::DraftToJson(vendly::NormalizeDraft(normalised));
  Check(again == vendly::DraftToJson(normalised));

  // Sync: nothing changed gives nothing to do; a side left unchanged gives exactly the other side.
  const vendly::SyncResult same = vendly::SyncMerge(d, d, d, false);
  Check(same.conflicts.empty() && same.updated.empty());
  vendly::Draft other = d;
  other.name = p[2];
  other.category = p[0];
  other.sizes = {p[1]};
  other.tags = {p[2], p[0]};
  other.price.reset();
  const vendly::SyncResult caption_only = vendly::SyncMerge(d, other, d, true);
  Check(caption_only.conflicts.empty() && caption_only.sold_out);
  Check(vendly::DraftToJson(caption_only.merged) ==
        vendly::DraftToJson(vendly::NormalizeDraft(other)));
  const vendly::SyncResult seller_only = vendly::SyncMerge(d, d, other, false);
  Check(seller_only.conflicts.empty() && seller_only.updated.empty());
  Check(vendly::DraftToJson(seller_only.merged) ==
        vendly::DraftToJson(vendly::NormalizeDraft(other)));

  // Second opinion: confidences stay in [0, 1] whatever the model says, and a disputed price is
  // never auto-approved.
  vendly::Product product;
  product.name = p[0];
  product.price = static_cast<double>(size);
  product.field_confidence.price = static_cast<double>(size % 11) / 10.0;
  const vendly::ModelItem model =
      vendly::ModelItemFromJson(nlohmann::json::parse(p[1], nullptr, /*allow_exceptions=*/false));
  const vendly::SecondOpinion merged = vendly::MergeSecondOpinion(product, &model, p[2]);
  Check(!merged.price_disputed || !vendly::MayAutoApprove(merged, 0.0));
  const vendly::FieldScores& f = merged.product.field_confidence;
  for (double v : {merged.product.confidence, f.name, f.price, f.currency, f.old_price, f.category,
                   f.sizes, f.colors}) {
    Check(v >= 0.0 && v <= 1.0);
  }
  return 0;
}
