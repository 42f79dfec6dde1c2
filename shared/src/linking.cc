#include "vendly/linking.h"

namespace vendly {

LinkDecision ChooseLinkedAccount(const std::vector<PageCandidate>& candidates,
                                 const std::optional<std::string>& chosen_page) {
  LinkDecision decision;
  if (candidates.empty()) return decision;  // kNoPages
  std::vector<std::size_t> linked;          // the Pages with an Instagram account
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (!candidates[i].ig_user_id.empty()) linked.push_back(i);
  if (linked.empty()) {
    decision.outcome = LinkOutcome::kNoInstagramAccount;
    return decision;
  }
  if (chosen_page) {
    std::vector<std::size_t> chosen;
    for (std::size_t i : linked)
      if (candidates[i].page_id == *chosen_page) chosen.push_back(i);
    if (chosen.empty()) {
      decision.outcome = LinkOutcome::kPageNotGranted;
      return decision;
    }
    linked = chosen;
  }
  if (linked.size() > 1) {
    decision.outcome = LinkOutcome::kChoosePage;
    for (std::size_t i : linked) decision.choices.push_back(candidates[i]);
    return decision;
  }
  decision.outcome = LinkOutcome::kLink;
  decision.chosen = linked.front();
  return decision;
}

const char* LinkOutcomeCode(LinkOutcome outcome) {
  switch (outcome) {
    case LinkOutcome::kLink:
      return "";
    case LinkOutcome::kNoPages:
      return "no_pages";
    case LinkOutcome::kNoInstagramAccount:
      return "no_instagram_account";
    case LinkOutcome::kPageNotGranted:
      return "page_not_granted";
    case LinkOutcome::kChoosePage:
      return "multiple_pages";
  }
  return "";
}

}  // namespace vendly
