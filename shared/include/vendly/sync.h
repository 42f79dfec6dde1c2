// Sync merge: when a seller edits a caption on Instagram after the product was imported, the new
// extraction must update the product without losing what the seller changed in the dashboard. This
// is a three-way merge, field by field, of base (the extraction the product came from), theirs (the
// extraction of the edited caption) and ours (the product as the seller has it now); fields both
// sides changed differently come back as conflicts for the seller to resolve, never silently
// overwritten.
//
// Pure and deterministic: plain values in, the merged draft and the conflicts out as data.
#ifndef VENDLY_SYNC_H_
#define VENDLY_SYNC_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vendly/draft.h"

namespace vendly {

// A field the seller and the new caption both changed, to different values. Values are as in Draft
// JSON (strings, numbers or null).
struct SyncConflict {
  std::string field;
  nlohmann::ordered_json base;
  nlohmann::ordered_json theirs;
  nlohmann::ordered_json ours;
};

struct SyncResult {
  Draft merged;                         // conflicting fields keep ours until the seller decides
  bool sold_out = false;                // theirs' sold-out flag, passed through
  std::vector<SyncConflict> conflicts;  // in field order
  std::vector<std::string> updated;  // fields whose merged value differs from ours, in field order
};

// Merges the three drafts, each normalised first (NormalizeDraft) so that spacing or case the rules
// would fix anyway is no change. For the scalar fields (FieldInfo::conflicts: name, description,
// the prices, currency and category): unchanged by the seller (ours == base) -> theirs; unchanged
// by the caption (theirs == base) -> ours; both changed to the same value -> that value; both
// changed differently -> a conflict, ours kept. Prices are equal within 0.005. Sizes, colours and
// tags are sets merged element-wise, so they never conflict: the seller's list, less what the
// caption removed, plus what the caption added that the seller did not have (when one side left the
// list unchanged the result is exactly the other side's list).
SyncResult SyncMerge(const Draft& base, const Draft& theirs, const Draft& ours,
                     bool theirs_sold_out);

// {"merged": {Draft JSON..., "sold_out": bool}, "conflicts": [{"field","base","theirs","ours"}],
//  "updated": ["price", ...]}
nlohmann::ordered_json ToJson(const SyncResult& result);

}  // namespace vendly

#endif  // VENDLY_SYNC_H_
