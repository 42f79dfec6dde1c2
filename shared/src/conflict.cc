#include "vendly/conflict.h"

#include <utility>

namespace vendly {

std::optional<ConflictChoice> ParseConflictChoice(std::string_view name) {
  if (name == "instagram") return ConflictChoice::kInstagram;
  if (name == "vendly") return ConflictChoice::kVendly;
  if (name == "value") return ConflictChoice::kValue;
  return std::nullopt;
}

const char* ConflictChoiceName(ConflictChoice choice) {
  switch (choice) {
    case ConflictChoice::kInstagram:
      return "instagram";
    case ConflictChoice::kVendly:
      return "vendly";
    case ConflictChoice::kValue:
      return "value";
  }
  return "instagram";
}

Result<SellerChoice> ReadSellerChoice(std::string_view choice, const nlohmann::json* value) {
  const std::optional<ConflictChoice> parsed = ParseConflictChoice(choice);
  if (!parsed)
    return Status::InvalidRequest("choice must be \"instagram\", \"vendly\" or \"value\"");
  SellerChoice seller;
  seller.choice = *parsed;
  if (*parsed == ConflictChoice::kValue) {
    if (value == nullptr)
      return Status::InvalidRequest("value is required when choice is \"value\"");
    seller.value = *value;
  }
  return seller;
}

namespace {

// The value `choice` puts into `field`, before the draft rules.
nlohmann::json ChosenValue(const Conflict& conflict, const Draft& current,
                           const SellerChoice& choice) {
  switch (choice.choice) {
    case ConflictChoice::kInstagram:
      return conflict.instagram_value;
    case ConflictChoice::kVendly: {
      const nlohmann::json ours(DraftToJson(current));
      const auto it = ours.find(conflict.field);
      return it == ours.end() ? nlohmann::json() : *it;
    }
    case ConflictChoice::kValue:
      return choice.value;
  }
  return nullptr;
}

const char* ResolutionOf(ConflictChoice choice) {
  switch (choice) {
    case ConflictChoice::kInstagram:
      return "instagram";
    case ConflictChoice::kVendly:
      return "seller";
    case ConflictChoice::kValue:
      return "custom";
  }
  return "instagram";
}

}  // namespace

ConflictDecision ResolveConflict(const Conflict& conflict, const Draft& current,
                                 const SellerChoice& choice) {
  ConflictDecision decision;
  if (!conflict.open) {
    decision.status = Status::Conflict("conflict_resolved", "this conflict was already resolved");
    return decision;
  }
  const std::string edit_key(EditKeyOfField(conflict.field));
  if (edit_key.empty()) {
    decision.status = Status::Internal("conflict on an unknown field");
    return decision;
  }
  nlohmann::json edit = nlohmann::json::object();
  edit[edit_key] = ChosenValue(conflict, current, choice);
  DraftResult edited = ApplyEdits(current, edit);
  decision.errors = std::move(edited.errors);
  for (FieldError& e : ValidateDraft(edited.draft)) decision.errors.push_back(std::move(e));
  if (!decision.errors.empty()) {
    decision.status = Status::ValidationFailed("the value does not pass the product rules");
    return decision;
  }
  const nlohmann::json result(DraftToJson(edited.draft));
  const auto it = result.find(conflict.field);
  decision.resolved_value = it == result.end() ? nlohmann::json() : *it;
  decision.product = std::move(edited.draft);
  decision.resolution = ResolutionOf(choice.choice);
  return decision;
}

}  // namespace vendly
