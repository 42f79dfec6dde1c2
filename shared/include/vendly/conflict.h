// Resolving a sync conflict (US-5, server/API.md "Sync"): a field the seller and an edited caption
// both changed (vendly/sync.h's SyncMerge) waits for the seller, who keeps Instagram's value, keeps
// the product's own (Vendly's) value, or types a new one. This is the one rule for what each choice
// does to the product: the value goes through the draft rules (ApplyEdits, ValidateDraft) exactly
// as a seller's edit of that field would, so a resolved product is always one that could be
// approved.
//
// Pure: the conflict, the product's fields and the choice in, the decision out as data. The server
// (routes/sync.cc) loads the first two, asks here, and writes the result.
#ifndef VENDLY_CONFLICT_H_
#define VENDLY_CONFLICT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vendly/draft.h"
#include "vendly/status.h"

namespace vendly {

// What the seller chose: Instagram's value, the product's current value, or a value of their own.
enum class ConflictChoice { kInstagram, kVendly, kValue };
// "instagram", "vendly", "value"; nullopt for anything else.
std::optional<ConflictChoice> ParseConflictChoice(std::string_view name);
const char* ConflictChoiceName(ConflictChoice choice);

struct SellerChoice {
  ConflictChoice choice = ConflictChoice::kInstagram;
  nlohmann::json value;  // kValue: the seller's value (any JSON; the draft rules judge it)
};
// The seller's choice as a request names it: `choice` one of the three names, and with "value" a
// `value` (null is a value: it clears an optional field). An invalid_request Status with a message
// for the client otherwise; `value` is ignored for the other two choices.
Result<SellerChoice> ReadSellerChoice(std::string_view choice, const nlohmann::json* value);

// A conflict as stored: its field (a Draft JSON key, FieldInfo::cli, as SyncConflict::field), the
// value the edited caption gives it (Draft JSON: a string, a number or null), and whether it is
// still open (a conflict is resolved once).
struct Conflict {
  std::string field;
  nlohmann::json instagram_value;
  bool open = true;
};

// The decision. On success: the product's new fields, the resolution recorded on the conflict
// ("instagram", "seller" or "custom") and the field's value after the draft rules (what the
// product now holds). Otherwise `status` says why and nothing is to be written: conflict
// (conflict_resolved) when it is no longer open; validation_failed with `errors` (the draft rules'
// FieldErrors, Draft JSON keys) when the chosen value does not make a valid product; internal when
// the conflict names no field.
struct ConflictDecision {
  Status status;
  std::vector<FieldError> errors;
  Draft product;
  std::string resolution;
  nlohmann::json resolved_value;
};

// Resolves `conflict` on a product whose fields are now `current`: the chosen value (Instagram's,
// the current one, or the seller's) is applied as an edit of the conflict's field to `current`
// (normalised as any edit), and the resulting product must pass ValidateDraft.
ConflictDecision ResolveConflict(const Conflict& conflict, const Draft& current,
                                 const SellerChoice& choice);

}  // namespace vendly

#endif  // VENDLY_CONFLICT_H_
