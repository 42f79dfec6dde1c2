// The registry: every name and number the core, the server and the dashboard must agree on, written
// once. The product fields with their two JSON spellings (the CLI's JSON lines, which the WASM face
// shares, and the HTTP API's camelCase), the limits of what a seller may type, the currencies a
// store may use, the confidence thresholds and the draft lifetime. The server reads it for its JSON
// and validation; the dashboard reads ConstantsJson() through the WASM module's constants() and
// through web/app/lib/registry.ts, which scripts/gen-constants writes from it (a test fails when
// that file is stale). Adding a field or a currency here changes all of them.
//
// Pure: no I/O, no exceptions.
#ifndef VENDLY_REGISTRY_H_
#define VENDLY_REGISTRY_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace vendly {

// --- Limits (code points for text, entries for lists)

// What a product draft may hold.
inline constexpr std::size_t kMaxNameLength = 120;
inline constexpr std::size_t kMaxDescriptionLength = 5000;
inline constexpr std::size_t kMaxListEntries = 40;  // sizes, colours and tags each
inline constexpr std::size_t kMaxSizeLength = 20;
inline constexpr std::size_t kMaxColorLength = 30;
inline constexpr std::size_t kMaxTagLength = 40;
inline constexpr std::size_t kMaxSlugLength = 80;
inline constexpr double kMaxPrice = 1e9;  // a seller's price above this is a typo (extra zeros)

// Sign-up and store settings (migrations/0001_accounts.sql checks the same bounds).
inline constexpr std::size_t kMinEmailLength = 3;
inline constexpr std::size_t kMaxEmailLength = 254;
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 200;
inline constexpr std::size_t kMaxStoreNameLength = 200;

// --- Thresholds

// A new store auto-approves drafts at least this confident (when it turns auto-approve on).
inline constexpr double kDefaultAutoApproveThreshold = 0.9;
// "High confidence" in the draft list: what the default setting would auto-approve.
inline constexpr double kHighConfidence = kDefaultAutoApproveThreshold;
// A reading fragile by construction (two candidate prices, a risky pattern, a name from a fallback
// line...) never scores above this, clearly below auto-approve (the printed score has three
// decimals). The engine caps at it (confidence.cc) and so does the second opinion
// (second_opinion.h).
inline constexpr double kFragileConfidenceCap = 0.85;
static_assert(kFragileConfidenceCap < kDefaultAutoApproveThreshold - 0.01,
              "the cap must stay below 0.9");
// Pending drafts expire this long after they are made (plan: "auto-delete after 7 days")...
inline constexpr int kDraftLifetimeDays = 7;
// ...and are listed as "expiring" in their last hours.
inline constexpr int kDraftExpiringSoonHours = 48;

// --- Currencies

// The currency a new store is offered first.
inline constexpr std::string_view kDefaultStoreCurrency = "KES";
// The ISO codes a store and a draft may use (IsKnownCurrency), the default first.
const std::vector<std::string_view>& StoreCurrencies();

// --- Fields

// The seller-facing fields of a product, in the order of a draft's JSON.
enum class Field {
  kName,
  kDescription,
  kPrice,
  kCurrency,
  kOldPrice,
  kCategory,
  kSizes,
  kColors,
  kTags
};

enum class FieldKind { kText, kAmount, kList };

struct FieldInfo {
  Field id;
  std::string_view
      id_text;             // the Field's name in the registry's JSON ("oldPrice"), spelling-neutral
  std::string_view cli;    // key in the CLI's JSON lines, Draft JSON and the WASM functions
  std::string_view api;    // key in the HTTP API and in sellerEdits
  std::string_view title;  // the form label ("Old price")
  std::string_view subject;  // the field in a message's first words ("The old price")
  FieldKind kind;
  bool required;            // a draft needs it; a null edit is "required", not "clear"
  bool scored;              // the extractor gives it a confidence and evidence spans
  bool conflicts;           // a sync merge can report it as a conflict (lists merge instead)
  std::size_t max_length;   // text or each list entry, in code points; 0: no limit here
  std::size_t max_entries;  // lists; 0 otherwise
};

// Every field, in Field order.
const std::vector<FieldInfo>& Fields();
const FieldInfo& FieldInfoOf(Field field);
// The field with that key; nullptr when there is none.
const FieldInfo* FieldByCliKey(std::string_view cli_key);
const FieldInfo* FieldByApiKey(std::string_view api_key);

// The API spelling of a key of the core's JSON: a field's api name, or the camelCase of the other
// keys the core writes ("sold_out" -> "soldOut", "field_confidence" -> "fieldConfidence"); any
// other key unchanged.
std::string_view ApiKey(std::string_view cli_key);

// `json` with every object key spelled for the HTTP API (ApiKey), at any depth; the value of a
// "field" key, and the entries of an "updated" list, name fields and are renamed the same way.
nlohmann::json ToApiJson(const nlohmann::json& json);

// The registry as one JSON object (the WASM module's constants(), web/app/lib/registry.ts):
// {"fields":[{"id","cli","api","title","kind","required","scored","conflicts","maxLength",
// "maxEntries"}], "keys":{cli: api for the other keys}, "limits":{...}, "thresholds":{...},
// "drafts":{"lifetimeDays","expiringSoonHours"}, "currencies":[...], "defaultCurrency",
// "categories":[...]}.
nlohmann::ordered_json ConstantsJson();

}  // namespace vendly

#endif  // VENDLY_REGISTRY_H_
