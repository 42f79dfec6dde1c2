#include "vendly/registry.h"

#include "vendly/extract.h"
#include "vendly/money.h"

namespace vendly {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const std::vector<FieldInfo> kFields = {
    {Field::kName, "name", "name", "name", "Product name", "The name", FieldKind::kText, true, true,
     true, kMaxNameLength, 0},
    {Field::kDescription, "description", "description", "description", "Description",
     "The description", FieldKind::kText, false, false, true, kMaxDescriptionLength, 0},
    {Field::kPrice, "price", "price", "price", "Price", "The price", FieldKind::kAmount, false,
     true, true, 0, 0},
    {Field::kCurrency, "currency", "currency", "currency", "Currency", "The currency",
     FieldKind::kText, true, true, true, 3, 0},
    {Field::kOldPrice, "oldPrice", "compare_at_price", "compareAtPrice", "Old price",
     "The old price", FieldKind::kAmount, false, true, true, 0, 0},
    {Field::kCategory, "category", "category", "category", "Category", "The category",
     FieldKind::kText, true, true, true, 0, 0},
    {Field::kSizes, "sizes", "sizes", "sizes", "Sizes", "Sizes", FieldKind::kList, false, true,
     false, kMaxSizeLength, kMaxListEntries},
    {Field::kColors, "colors", "colors", "colors", "Colours", "Colours", FieldKind::kList, false,
     true, false, kMaxColorLength, kMaxListEntries},
    {Field::kTags, "tags", "tags", "tags", "Tags", "Tags", FieldKind::kList, false, false, false,
     kMaxTagLength, kMaxListEntries},
};

// The other keys of the core's JSON whose API spelling differs.
constexpr std::string_view kOtherKeys[][2] = {
    {"sold_out", "soldOut"},     {"field_confidence", "fieldConfidence"},
    {"is_product", "isProduct"}, {"store_currency", "storeCurrency"},
    {"media_type", "mediaType"},
};

const char* KindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::kText:
      return "text";
    case FieldKind::kAmount:
      return "amount";
    case FieldKind::kList:
      return "list";
  }
  return "text";
}

json RenameField(const json& value) {
  if (!value.is_string()) return ToApiJson(value);
  const FieldInfo* f = FieldByCliKey(value.get_ref<const std::string&>());
  return f ? json(std::string(f->api)) : value;
}

}  // namespace

const std::vector<std::string_view>& StoreCurrencies() {
  static const std::vector<std::string_view> kCurrencies = KnownCurrencies();
  return kCurrencies;
}

const std::vector<FieldInfo>& Fields() { return kFields; }

const FieldInfo& FieldInfoOf(Field field) { return kFields[static_cast<std::size_t>(field)]; }

const FieldInfo* FieldByCliKey(std::string_view cli_key) {
  for (const FieldInfo& f : kFields)
    if (f.cli == cli_key) return &f;
  return nullptr;
}

const FieldInfo* FieldByApiKey(std::string_view api_key) {
  for (const FieldInfo& f : kFields)
    if (f.api == api_key) return &f;
  return nullptr;
}

std::string_view ApiKey(std::string_view cli_key) {
  if (const FieldInfo* f = FieldByCliKey(cli_key)) return f->api;
  for (const auto& key : kOtherKeys)
    if (key[0] == cli_key) return key[1];
  return cli_key;
}

json ToApiJson(const json& in) {
  if (in.is_array()) {
    json out = json::array();
    for (const json& v : in) out.push_back(ToApiJson(v));
    return out;
  }
  if (!in.is_object()) return in;
  json out = json::object();
  for (auto it = in.begin(); it != in.end(); ++it) {
    const std::string key(ApiKey(it.key()));
    if (it.key() == "field") {
      out[key] = RenameField(it.value());
    } else if (it.key() == "updated" && it.value().is_array()) {
      json list = json::array();
      for (const json& v : it.value()) list.push_back(RenameField(v));
      out[key] = std::move(list);
    } else {
      out[key] = ToApiJson(it.value());
    }
  }
  return out;
}

ordered_json ConstantsJson() {
  ordered_json fields = ordered_json::array();
  for (const FieldInfo& f : kFields) {
    ordered_json o;
    o["id"] = f.id_text;
    o["cli"] = f.cli;
    o["api"] = f.api;
    o["title"] = f.title;
    o["kind"] = KindName(f.kind);
    o["required"] = f.required;
    o["scored"] = f.scored;
    o["conflicts"] = f.conflicts;
    o["maxLength"] = f.max_length;
    o["maxEntries"] = f.max_entries;
    fields.push_back(std::move(o));
  }
  ordered_json keys = ordered_json::object();
  for (const auto& key : kOtherKeys) keys[std::string(key[0])] = key[1];

  ordered_json limits;
  limits["nameMax"] = kMaxNameLength;
  limits["descriptionMax"] = kMaxDescriptionLength;
  limits["listEntriesMax"] = kMaxListEntries;
  limits["slugMax"] = kMaxSlugLength;
  limits["priceMax"] = kMaxPrice;
  limits["emailMin"] = kMinEmailLength;
  limits["emailMax"] = kMaxEmailLength;
  limits["passwordMin"] = kMinPasswordLength;
  limits["passwordMax"] = kMaxPasswordLength;
  limits["storeNameMax"] = kMaxStoreNameLength;

  ordered_json thresholds;
  thresholds["autoApproveDefault"] = kDefaultAutoApproveThreshold;
  thresholds["highConfidence"] = kHighConfidence;

  ordered_json drafts;
  drafts["lifetimeDays"] = kDraftLifetimeDays;
  drafts["expiringSoonHours"] = kDraftExpiringSoonHours;

  ordered_json currencies = ordered_json::array();
  for (std::string_view c : StoreCurrencies()) currencies.push_back(c);
  ordered_json categories = ordered_json::array();
  for (const char* c : kCategories) categories.push_back(c);

  ordered_json out;
  out["fields"] = std::move(fields);
  out["keys"] = std::move(keys);
  out["limits"] = std::move(limits);
  out["thresholds"] = std::move(thresholds);
  out["drafts"] = std::move(drafts);
  out["currencies"] = std::move(currencies);
  out["defaultCurrency"] = kDefaultStoreCurrency;
  out["categories"] = std::move(categories);
  return out;
}

}  // namespace vendly
