#include "vendly/sync.h"

#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "vendly/registry.h"

namespace vendly {
namespace {

using nlohmann::ordered_json;

bool Same(const std::string& a, const std::string& b) { return a == b; }
bool Same(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return a.has_value() == b.has_value();
  if (std::isnan(*a) || std::isnan(*b)) return std::isnan(*a) && std::isnan(*b);
  return *a == *b || std::fabs(*a - *b) < 0.005;
}

// The three-way rule for one scalar field; the merged value goes to `*merged`.
template <typename T>
void MergeScalar(const char* field, const T& base, const T& theirs, const T& ours,
                 const ordered_json& base_json, const ordered_json& theirs_json,
                 const ordered_json& ours_json, T* merged, SyncResult* result) {
  if (Same(ours, theirs) || Same(theirs, base)) {
    *merged = ours;
  } else if (Same(ours, base)) {
    *merged = theirs;
  } else {
    *merged = ours;
    result->conflicts.push_back({field, base_json[field], theirs_json[field], ours_json[field]});
    return;
  }
  if (!Same(*merged, ours)) result->updated.push_back(field);
}

std::vector<std::string> MergeSet(const std::vector<std::string>& base,
                                  const std::vector<std::string>& theirs,
                                  const std::vector<std::string>& ours) {
  if (ours == base) return theirs;
  if (theirs == base) return ours;
  const std::set<std::string> base_set(base.begin(), base.end());
  const std::set<std::string> theirs_set(theirs.begin(), theirs.end());
  std::set<std::string> seen;
  std::vector<std::string> merged;
  for (const std::string& v : ours) {
    const bool removed_by_caption = base_set.count(v) > 0 && theirs_set.count(v) == 0;
    if (!removed_by_caption && seen.insert(v).second) merged.push_back(v);
  }
  for (const std::string& v : theirs) {
    if (base_set.count(v) == 0 && seen.insert(v).second) merged.push_back(v);
  }
  return merged;
}

}  // namespace

SyncResult SyncMerge(const Draft& base_in, const Draft& theirs_in, const Draft& ours_in,
                     bool theirs_sold_out) {
  const Draft base = NormalizeDraft(base_in);
  const Draft theirs = NormalizeDraft(theirs_in);
  const Draft ours = NormalizeDraft(ours_in);
  const ordered_json base_json = DraftToJson(base);
  const ordered_json theirs_json = DraftToJson(theirs);
  const ordered_json ours_json = DraftToJson(ours);

  SyncResult result;
  result.sold_out = theirs_sold_out;
  Draft& m = result.merged;
  auto scalar = [&](Field id, auto member) {
    const std::string field(FieldInfoOf(id).cli);
    MergeScalar(field.c_str(), base.*member, theirs.*member, ours.*member, base_json, theirs_json,
                ours_json, &(m.*member), &result);
  };
  scalar(Field::kName, &Draft::name);
  scalar(Field::kDescription, &Draft::description);
  scalar(Field::kPrice, &Draft::price);
  scalar(Field::kCurrency, &Draft::currency);
  scalar(Field::kOldPrice, &Draft::old_price);
  scalar(Field::kCategory, &Draft::category);
  auto list = [&](Field id, std::vector<std::string> Draft::*member) {
    m.*member = MergeSet(base.*member, theirs.*member, ours.*member);
    if (m.*member != ours.*member) result.updated.push_back(std::string(FieldInfoOf(id).cli));
  };
  list(Field::kSizes, &Draft::sizes);
  list(Field::kColors, &Draft::colors);
  list(Field::kTags, &Draft::tags);
  return result;
}

ordered_json ToJson(const SyncResult& result) {
  ordered_json merged = DraftToJson(result.merged);
  merged["sold_out"] = result.sold_out;
  ordered_json conflicts = ordered_json::array();
  for (const SyncConflict& c : result.conflicts) {
    conflicts.push_back(
        ordered_json{{"field", c.field}, {"base", c.base}, {"theirs", c.theirs}, {"ours", c.ours}});
  }
  ordered_json out;
  out["merged"] = std::move(merged);
  out["conflicts"] = std::move(conflicts);
  out["updated"] = result.updated;
  return out;
}

}  // namespace vendly
