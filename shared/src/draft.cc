#include "vendly/draft.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <utility>

#include "json_amount.h"
#include "vendly/money.h"
#include "vendly/normalize.h"

namespace vendly {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Short user text quoted in a message; long or broken text is not repeated back.
std::string Quote(std::string_view text) {
  if (text.size() > 24 || !IsValidUtf8(text)) return "This value";
  return "\"" + std::string(text) + "\"";
}

// Drops the ASCII control characters a seller cannot see or type (NUL, ESC, DEL, ...); tabs and
// line breaks stay for the whitespace rules.
std::string WithoutControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const unsigned char b = static_cast<unsigned char>(c);
    if ((b < 0x20 && !(b >= '\t' && b <= '\r')) || b == 0x7F) continue;
    out += c;
  }
  return out;
}

std::vector<std::string> WithoutControls(const std::vector<std::string>& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const std::string& entry : list) out.push_back(WithoutControls(entry));
  return out;
}

std::string NormalizeDescription(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      lines.push_back(CollapseWhitespace(text.substr(start, i - start)));  // also drops '\r'
      start = i + 1;
    }
  }
  std::string out;
  bool blank_pending = false;
  for (const std::string& line : lines) {
    if (line.empty()) {
      blank_pending = !out.empty();
      continue;
    }
    if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
    blank_pending = false;
    out += line;
  }
  return out;
}

std::string NormalizeCategory(std::string_view text) {
  std::string collapsed = CollapseWhitespace(text);
  const std::string lower = AsciiLower(collapsed);
  for (const char* category : kCategories) {
    if (lower == AsciiLower(category)) return category;
  }
  return collapsed;
}

std::string NormalizeTag(std::string_view text) {
  const std::string tag = AsciiLower(CollapseWhitespace(text));
  // "# #sale" is "sale": hashes and the spaces between them all go.
  const std::size_t start = tag.find_first_not_of("# ");
  return start == std::string::npos ? "" : tag.substr(start);
}

std::vector<std::string> NormalizeTags(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const std::string& value : values) {
    std::string tag = NormalizeTag(value);
    if (!tag.empty() && seen.insert(tag).second) out.push_back(std::move(tag));
  }
  return out;
}

// --- JSON reading

// "The name", "The old price": the field's subject in a message, by either of its keys.
std::string Label(std::string_view field) {
  const FieldInfo* info = FieldByCliKey(field);
  if (info == nullptr) info = FieldByApiKey(field);
  return info ? std::string(info->subject) : "This field";
}

FieldError WrongType(std::string_view field, std::string_view expected) {
  return {std::string(field), "wrong_type",
          Label(field) + " must be " + std::string(expected) + "."};
}

using Kind = FieldKind;

// Reads `value` into `*out`; false when its type does not fit `kind`. null is handled by the
// callers.
bool ReadText(const json& value, std::string* out) {
  if (!value.is_string()) return false;
  *out = value.get<std::string>();
  return true;
}
bool ReadAmount(const json& value, std::optional<double>* out) {
  if (!value.is_number()) return false;
  *out = value.get<double>();
  return true;
}
bool ReadList(const json& value, std::vector<std::string>* out) {
  if (!value.is_array()) return false;
  std::vector<std::string> list;
  list.reserve(std::min<std::size_t>(value.size(), 1024));
  for (const json& entry : value) {
    if (!entry.is_string()) return false;
    list.push_back(entry.get<std::string>());
  }
  *out = std::move(list);
  return true;
}

// Where a field (registry.h) lives in a Draft: exactly one member pointer is set, by its kind.
struct FieldSlot {
  const FieldInfo& info;
  std::string Draft::*text;
  std::optional<double> Draft::*amount;
  std::vector<std::string> Draft::*list;
};

FieldSlot SlotOf(const FieldInfo& info) {
  switch (info.id) {
    case Field::kName:
      return {info, &Draft::name, nullptr, nullptr};
    case Field::kDescription:
      return {info, &Draft::description, nullptr, nullptr};
    case Field::kPrice:
      return {info, nullptr, &Draft::price, nullptr};
    case Field::kCurrency:
      return {info, &Draft::currency, nullptr, nullptr};
    case Field::kOldPrice:
      return {info, nullptr, &Draft::old_price, nullptr};
    case Field::kCategory:
      return {info, &Draft::category, nullptr, nullptr};
    case Field::kSizes:
      return {info, nullptr, nullptr, &Draft::sizes};
    case Field::kColors:
      return {info, nullptr, nullptr, &Draft::colors};
    case Field::kTags:
      return {info, nullptr, nullptr, &Draft::tags};
  }
  return {info, &Draft::name, nullptr, nullptr};
}

const char* Expected(Kind kind) {
  switch (kind) {
    case Kind::kText:
      return "text";
    case Kind::kAmount:
      return "a number";
    case Kind::kList:
      return "a list of text";
  }
  return "text";
}

// Reads one non-null value into its slot of `*draft`; false on a type mismatch (the draft is
// unchanged).
bool ReadSlot(const FieldSlot& slot, const json& value, Draft* draft) {
  switch (slot.info.kind) {
    case Kind::kText:
      return ReadText(value, &(draft->*slot.text));
    case Kind::kAmount:
      return ReadAmount(value, &(draft->*slot.amount));
    case Kind::kList:
      return ReadList(value, &(draft->*slot.list));
  }
  return false;
}

// The longest text an edit of `info` may hold: its registry limit, or for a text without one (the
// category) the longest of kCategories, since a longer value can be no category.
std::size_t EditLengthLimit(const FieldInfo& info) {
  if (info.max_length > 0) return info.max_length;
  std::size_t longest = 0;
  for (const char* category : kCategories)
    longest = std::max(longest, std::string_view(category).size());
  return longest;
}

// A too-long edit is refused when the body is read, so no draft stores more than its fields may
// hold: "too_long" for a text (or a list entry) past its limit, "too_many" for a list past
// max_entries. Amounts have no length. True when `value` is within the limits.
bool WithinEditLimits(const FieldInfo& info, const json& value, std::vector<FieldError>* errors) {
  const std::string field(info.cli);
  const std::size_t max_length = EditLengthLimit(info);
  if (info.kind == Kind::kText && value.is_string() &&
      Utf8Length(value.get_ref<const std::string&>()) > max_length) {
    errors->push_back(
        {field, "too_long",
         Label(field) + " is too long: keep it to " + std::to_string(max_length) + " characters."});
    return false;
  }
  if (info.kind != Kind::kList || !value.is_array()) return true;
  if (value.size() > info.max_entries) {
    errors->push_back({field, "too_many",
                       Label(field) + ": at most " + std::to_string(info.max_entries) +
                           " (there are " + std::to_string(value.size()) + ")."});
    return false;
  }
  for (const json& entry : value) {
    if (entry.is_string() && Utf8Length(entry.get_ref<const std::string&>()) > max_length) {
      errors->push_back(
          {field, "too_long",
           Label(field) + ": each entry at most " + std::to_string(max_length) + " characters."});
      return false;
    }
  }
  return true;
}

void ClearSlot(const FieldSlot& slot, Draft* draft) {
  switch (slot.info.kind) {
    case Kind::kText:
      (draft->*slot.text).clear();
      break;
    case Kind::kAmount:
      (draft->*slot.amount).reset();
      break;
    case Kind::kList:
      (draft->*slot.list).clear();
      break;
  }
}

// --- validation

void CheckText(std::string_view field, std::string_view value, std::size_t max_length,
               std::vector<FieldError>* errors) {
  if (!IsValidUtf8(value)) {
    errors->push_back({std::string(field), "invalid_utf8",
                       Label(field) + " has characters that cannot be shown; please retype it."});
    return;
  }
  const std::size_t length = Utf8Length(value);
  if (length > max_length) {
    errors->push_back({std::string(field), "too_long",
                       Label(field) + " is too long: keep it to " + std::to_string(max_length) +
                           " characters (it has " + std::to_string(length) + ")."});
  }
}

void CheckAmount(std::string_view field, const std::optional<double>& amount,
                 std::vector<FieldError>* errors) {
  if (!amount) return;
  const std::string f(field);
  if (!std::isfinite(*amount)) {
    errors->push_back({f, "not_finite", Label(field) + " must be a number."});
  } else if (*amount <= 0) {
    errors->push_back(
        {f, "not_positive",
         Label(field) + " must be more than 0. Leave it empty for \"DM for price\"."});
  } else if (*amount > kMaxPrice) {
    errors->push_back(
        {f, "too_large", Label(field) + " looks too high; please check the number of zeros."});
  }
}

// `normalize` gives the spelling an entry must have; an entry spelled otherwise is
// "not_normalized".
template <typename Normalize>
void CheckList(std::string_view field, const std::vector<std::string>& list, std::size_t max_length,
               Normalize normalize, std::vector<FieldError>* errors) {
  const std::string f(field);
  if (list.size() > kMaxListEntries) {
    errors->push_back({f, "too_many",
                       Label(field) + ": at most " + std::to_string(kMaxListEntries) +
                           " (there are " + std::to_string(list.size()) + ")."});
  }
  std::set<std::string_view> seen;
  for (const std::string& entry : list) {
    if (!IsValidUtf8(entry)) {
      errors->push_back(
          {f, "invalid_utf8",
           Label(field) + " has characters that cannot be shown; please retype them."});
      return;
    }
    if (entry.empty()) {
      errors->push_back({f, "empty", Label(field) + " cannot have an empty entry."});
      return;
    }
    if (Utf8Length(entry) > max_length) {
      errors->push_back(
          {f, "too_long",
           Label(field) + ": each entry at most " + std::to_string(max_length) + " characters."});
      return;
    }
    if (!seen.insert(entry).second) {
      errors->push_back({f, "duplicate", Quote(entry) + " is listed twice."});
      return;
    }
    if (!normalize(entry)) {
      errors->push_back({f, "not_normalized", Quote(entry) + " is not written the catalog's way."});
      return;
    }
  }
}

// --- slugs

// ASCII spelling of U+00C0..U+00FF; "" for the signs (× ÷) and spaces of that block.
const char* const kLatin1Folds[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// Latin Extended-A (U+0100..U+017F) folds by range: [first, last] -> spelling.
struct FoldRange {
  uint32_t first, last;
  const char* ascii;
};
const FoldRange kExtendedAFolds[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},  {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"},  {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

// Decodes the code point at text[*i] and advances *i; an invalid byte decodes as U+FFFD, one byte
// long.
uint32_t NextCodePoint(std::string_view text, std::size_t* i) {
  const unsigned char c = static_cast<unsigned char>(text[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  const std::size_t length = (c & 0xE0) == 0xC0   ? 2
                             : (c & 0xF0) == 0xE0 ? 3
                             : (c & 0xF8) == 0xF0 ? 4
                                                  : 0;
  if (length == 0 || text.size() - *i < length || !IsValidUtf8(text.substr(*i, length))) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = length == 2 ? (c & 0x1Fu) : length == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3Fu);
  }
  *i += length;
  return cp;
}

}  // namespace

Draft NormalizeDraft(const Draft& draft) {
  Draft out;
  out.name = CollapseWhitespace(WithoutControls(draft.name));
  out.description = NormalizeDescription(WithoutControls(draft.description));
  out.price = draft.price;
  out.currency = AsciiUpper(CollapseWhitespace(WithoutControls(draft.currency)));
  out.old_price = draft.old_price;
  out.category = NormalizeCategory(WithoutControls(draft.category));
  out.sizes = NormalizeSizes(WithoutControls(draft.sizes));
  out.colors = NormalizeColors(WithoutControls(draft.colors));
  out.tags = NormalizeTags(WithoutControls(draft.tags));
  return out;
}

Product ProductFromDraft(const Draft& draft) {
  Product p;
  p.name = draft.name;
  p.description = draft.description;
  p.price = draft.price;
  p.currency = draft.currency;
  p.old_price = draft.old_price;
  p.category = draft.category;
  p.sizes = draft.sizes;
  p.colors = draft.colors;
  p.tags = draft.tags;
  return p;
}

Draft DraftFromProduct(const Product& product) {
  Draft draft;
  draft.name = product.name;
  draft.description = product.description;
  draft.price = product.price;
  draft.currency = product.currency;
  draft.old_price = product.old_price;
  draft.category = product.category;
  draft.sizes = product.sizes;
  draft.colors = product.colors;
  draft.tags = product.tags;
  return NormalizeDraft(draft);
}

DraftResult ApplyEdits(const Draft& draft, const json& edits) {
  DraftResult result{draft, {}};
  if (!edits.is_object()) {
    result.errors.push_back({"", "not_an_object", "The changes could not be read."});
    return result;
  }
  Draft edited = draft;
  for (auto it = edits.begin(); it != edits.end(); ++it) {
    const std::string& key = it.key();
    const FieldInfo* info = FieldByApiKey(key);
    if (info == nullptr) {
      result.errors.push_back(
          {key, "unknown_field", Quote(key) + " is not a field of a product and was not saved."});
      continue;
    }
    const FieldSlot slot = SlotOf(*info);
    const std::string field(info->cli);
    const json& value = it.value();
    if (value.is_null()) {
      if (info->required) {
        result.errors.push_back({field, "required", Label(key) + " cannot be empty."});
      } else {
        ClearSlot(slot, &edited);
      }
      continue;
    }
    if (!WithinEditLimits(*info, value, &result.errors)) continue;
    if (!ReadSlot(slot, value, &edited)) {
      result.errors.push_back(WrongType(field, Expected(info->kind)));
    }
  }
  // Normalising a field never depends on another, so normalising all of them changes only edited
  // ones (the rest were normalised already, or are normalised now as the dashboard will show them).
  result.draft = NormalizeDraft(edited);
  return result;
}

std::vector<FieldError> ValidateDraft(const Draft& draft) {
  std::vector<FieldError> errors;
  if (CollapseWhitespace(draft.name).empty()) {
    errors.push_back({"name", "required", "Give the product a name."});
  } else {
    CheckText("name", draft.name, kMaxNameLength, &errors);
  }
  CheckText("description", draft.description, kMaxDescriptionLength, &errors);

  CheckAmount("price", draft.price, &errors);
  const std::size_t before = errors.size();
  const std::string old_price(FieldInfoOf(Field::kOldPrice).cli);
  CheckAmount(old_price, draft.old_price, &errors);
  if (draft.old_price && errors.size() == before) {
    if (!draft.price) {
      errors.push_back({old_price, "without_price",
                        "Add the price before an old price, or leave the old price empty."});
    } else if (std::isfinite(*draft.price) && *draft.old_price <= *draft.price) {
      errors.push_back({old_price, "not_above_price",
                        "The old price must be higher than the price, or leave it empty."});
    }
  }

  if (draft.currency.empty()) {
    errors.push_back({"currency", "required", "Choose a currency."});
  } else if (!IsKnownCurrency(draft.currency)) {
    errors.push_back({"currency", "unknown_currency",
                      Quote(draft.currency) + " is not a currency the catalog supports."});
  }

  if (CollapseWhitespace(draft.category).empty()) {
    errors.push_back({"category", "required", "Choose a category."});
  } else if (std::none_of(std::begin(kCategories), std::end(kCategories),
                          [&](const char* c) { return draft.category == c; })) {
    errors.push_back({"category", "unknown_category", "Choose one of the catalog's categories."});
  }

  CheckList(
      "sizes", draft.sizes, kMaxSizeLength,
      [](const std::string& s) { return NormalizeSize(s) == std::vector<std::string>{s}; },
      &errors);
  CheckList(
      "colors", draft.colors, kMaxColorLength,
      [](const std::string& c) { return NormalizeColor(c) == c; }, &errors);
  CheckList(
      "tags", draft.tags, kMaxTagLength, [](const std::string& t) { return NormalizeTag(t) == t; },
      &errors);
  return errors;
}

std::string_view EditKeyOfField(std::string_view draft_key) {
  const FieldInfo* info = FieldByCliKey(draft_key);
  return info ? info->api : std::string_view();
}

std::string_view FieldOfEditKey(std::string_view edit_key) {
  const FieldInfo* info = FieldByApiKey(edit_key);
  return info ? info->cli : std::string_view();
}

std::string Slugify(std::string_view name) {
  std::string slug;
  bool pending_dash = false;
  auto append = [&](std::string_view ascii) {
    if (ascii.empty()) {
      pending_dash = true;
      return;
    }
    if (pending_dash && !slug.empty()) slug += '-';
    pending_dash = false;
    slug += ascii;
  };
  // Long names are cut anyway: reading more than a few times the limit is wasted work.
  const std::string_view text =
      name.substr(0, std::min<std::size_t>(name.size(), 16 * kMaxSlugLength));
  for (std::size_t i = 0; i < text.size();) {
    const uint32_t cp = NextCodePoint(text, &i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c == '\'') continue;
      if (c >= 'A' && c <= 'Z') {
        const char lower = static_cast<char>(c - 'A' + 'a');
        append(std::string_view(&lower, 1));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        append(std::string_view(&c, 1));
      } else if (c == '&') {
        append("");
        append("and");
        append("");
      } else {
        append("");
      }
    } else if (cp == 0x2019 || cp == 0x2018 || (cp >= 0x300 && cp <= 0x36F)) {
      continue;  // typographic apostrophes ("men’s" -> "mens") and combining accents ("e" + U+0301)
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      append(kLatin1Folds[cp - 0xC0]);
    } else {
      const char* fold = "";
      for (const FoldRange& range : kExtendedAFolds) {
        if (cp >= range.first && cp <= range.last) fold = range.ascii;
      }
      append(fold);
    }
  }
  if (slug.size() > kMaxSlugLength) {
    const std::size_t dash = slug.rfind('-', kMaxSlugLength);
    const bool cuts_word = slug[kMaxSlugLength] != '-';
    slug.resize(cuts_word && dash != std::string::npos && dash >= kMaxSlugLength / 2
                    ? dash
                    : kMaxSlugLength);
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  if (slug.empty()) return "product";
  return slug;
}

std::string UniqueSlug(std::string_view name, const std::vector<std::string>& taken) {
  const std::set<std::string_view> used(taken.begin(), taken.end());
  const std::string base = Slugify(name);
  if (used.count(base) == 0) return base;
  // At most taken.size() candidates can be used, so one of the first taken.size() + 1 is free.
  for (std::size_t n = 2; n <= taken.size() + 2; ++n) {
    const std::string suffix = "-" + std::to_string(n);
    std::string stem = base.substr(0, std::min(base.size(), kMaxSlugLength - suffix.size()));
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
    std::string candidate = stem + suffix;
    if (used.count(candidate) == 0) return candidate;
  }
  return base;  // not reached
}

DraftResult DraftFromJson(const json& in) {
  DraftResult result;
  if (!in.is_object()) {
    result.errors.push_back({"", "not_an_object", "The product could not be read."});
    return result;
  }
  for (const FieldInfo& info : Fields()) {
    const auto it = in.find(info.cli);
    if (it == in.end() || it->is_null()) continue;
    if (!ReadSlot(SlotOf(info), *it, &result.draft)) {
      result.errors.push_back(WrongType(info.cli, Expected(info.kind)));
    }
  }
  return result;
}

ordered_json DraftToJson(const Draft& draft) {
  ordered_json out;
  for (const FieldInfo& info : Fields()) {
    const FieldSlot slot = SlotOf(info);
    const std::string key(info.cli);
    switch (info.kind) {
      case Kind::kText:
        out[key] = draft.*slot.text;
        break;
      case Kind::kAmount:
        out[key] = internal::AmountJson(draft.*slot.amount);
        break;
      case Kind::kList:
        out[key] = draft.*slot.list;
        break;
    }
  }
  return out;
}

ordered_json ErrorsToJson(const std::vector<FieldError>& errors) {
  ordered_json out = ordered_json::array();
  for (const FieldError& e : errors) {
    out.push_back(ordered_json{{"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  return out;
}

}  // namespace vendly
