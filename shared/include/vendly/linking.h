// Which Instagram professional account a Facebook Login links to the store (plan 4.1, US-1).
//
// Pure: the Pages the login shared, as Graph described them, and the Page the seller chose before
// signing in (if any) in; the decision out as data. The server fetches the candidates (Graph's
// me/accounts and each Page's instagram_business_account), applies the decision (stores the
// connection, or answers with the error) and words it. An account another store holds already is
// refused when the connection is stored (a unique index), not here.
#ifndef VENDLY_LINKING_H_
#define VENDLY_LINKING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vendly {

// One Facebook Page the login shared.
struct PageCandidate {
  std::string page_id;
  std::string page_name;
  std::string ig_user_id;  // its Instagram professional account; "" when it has none
};

enum class LinkOutcome {
  kLink,                // link the candidate at `chosen`
  kNoPages,             // the login shared no Page at all
  kNoInstagramAccount,  // no shared Page has an Instagram professional account
  kPageNotGranted,      // the Page the seller chose was not shared, or has no Instagram account
  kChoosePage,          // several shared Pages have one: the seller picks one (`choices`)
};

struct LinkDecision {
  LinkOutcome outcome = LinkOutcome::kNoPages;
  std::size_t chosen = 0;              // kLink: the index of the Page in the candidates
  std::vector<PageCandidate> choices;  // kChoosePage: the Pages to choose from, in Graph's order
};

// The rule. Pages without an Instagram account never count. With a chosen Page, only that Page
// (when shared and linked to Instagram) is linked; without one, the single Page with an Instagram
// account is linked, and several mean the seller has to choose.
LinkDecision ChooseLinkedAccount(const std::vector<PageCandidate>& candidates,
                                 const std::optional<std::string>& chosen_page);

// The decision's error code, as the API and the dashboard know it ("" for kLink):
// "no_pages", "no_instagram_account", "page_not_granted", "multiple_pages".
const char* LinkOutcomeCode(LinkOutcome outcome);

}  // namespace vendly

#endif  // VENDLY_LINKING_H_
