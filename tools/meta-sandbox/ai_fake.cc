#include "ai_fake.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <vector>

namespace vendly::sandbox {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

json Quoted(const json& value, const std::string& quote) {
  return {{"value", value}, {"quote", quote}};
}

json Amount(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<long long>(v);
  return v;
}

// A marked price on a line: its amount, the text it was read from and its currency.
struct PriceToken {
  double amount = 0;
  std::string quote;
  std::string currency;  // "" for a mark that does not say
  std::string mark;      // the currency mark as written ("" for a bare 'k')
  size_t begin = 0;
};

struct Mark {
  const char* text;
  const char* currency;  // "" when the store's currency is meant
};
constexpr Mark kMarksBefore[] = {{"kshs", "KES"}, {"ksh", "KES"}, {"kes", "KES"},
                                 {"ugx", "UGX"},  {"tzs", "TZS"}, {"rwf", "RWF"},
                                 {"ngn", "NGN"},  {"usd", "USD"}, {"$", "USD"},
                                 {"shs", ""},     {"sh", ""},     {"\xE2\x82\xA6", "NGN"}};
constexpr Mark kMarksAfter[] = {{"/=", ""},     {"/-", ""},     {"bob", "KES"},
                                {"kes", "KES"}, {"ksh", "KES"}, {"ugx", "UGX"},
                                {"tzs", "TZS"}, {"usd", "USD"}, {"shs", ""}};

// The mark ending at `end` (one optional space before the number), or nullptr.
const Mark* MarkBefore(const std::string& lower, size_t end, size_t* mark_begin) {
  if (end > 0 && lower[end - 1] == ' ') --end;
  for (const Mark& m : kMarksBefore) {
    const size_t n = std::char_traits<char>::length(m.text);
    if (end < n || lower.compare(end - n, n, m.text) != 0) continue;
    if (end - n > 0 && IsAlnum(lower[end - n - 1]) && IsAlnum(m.text[0])) continue;
    *mark_begin = end - n;
    return &m;
  }
  return nullptr;
}

const Mark* MarkAfter(const std::string& lower, size_t begin, size_t* mark_end) {
  if (begin < lower.size() && lower[begin] == ' ') ++begin;
  for (const Mark& m : kMarksAfter) {
    const size_t n = std::char_traits<char>::length(m.text);
    if (lower.compare(begin, n, m.text) != 0) continue;
    if (begin + n < lower.size() && IsAlnum(lower[begin + n]) && IsAlnum(m.text[0])) continue;
    *mark_end = begin + n;
    return &m;
  }
  return nullptr;
}

// Reads "2,200", "2200", "1.500" (a thousands dot), "2.5" and "2.2k" from `i`.
double ReadNumber(const std::string& s, size_t* i, bool* thousands_k) {
  std::string digits;
  double fraction = 0, scale = 1;
  size_t j = *i;
  while (j < s.size() && IsDigit(s[j])) digits += s[j++];
  while (j + 3 < s.size() && (s[j] == ',' || s[j] == '.') && IsDigit(s[j + 1]) &&
         IsDigit(s[j + 2]) && IsDigit(s[j + 3]) && (j + 4 >= s.size() || !IsDigit(s[j + 4]))) {
    digits += s.substr(j + 1, 3);
    j += 4;
  }
  if (j + 1 < s.size() && s[j] == '.' && IsDigit(s[j + 1])) {
    ++j;
    while (j < s.size() && IsDigit(s[j])) {
      scale /= 10;
      fraction += (s[j++] - '0') * scale;
    }
  }
  *thousands_k =
      j < s.size() && (s[j] == 'k' || s[j] == 'K') && (j + 1 >= s.size() || !IsAlnum(s[j + 1]));
  if (*thousands_k) ++j;
  *i = j;
  if (digits.size() > 15) return 0;  // no price; a phone or order number
  double value = std::stod(digits) + fraction;
  return *thousands_k ? value * 1000 : value;
}

std::vector<PriceToken> PricesIn(const std::string& line) {
  std::vector<PriceToken> out;
  const std::string lower = Lower(line);
  for (size_t i = 0; i < line.size();) {
    if (!IsDigit(line[i]) ||
        (i > 0 && (IsAlnum(line[i - 1]) || line[i - 1] == '.' || line[i - 1] == ','))) {
      ++i;
      continue;
    }
    const size_t start = i;
    bool k = false;
    const double amount = ReadNumber(line, &i, &k);
    size_t begin = start, end = i;
    const Mark* before = MarkBefore(lower, start, &begin);
    const Mark* after = before == nullptr ? MarkAfter(lower, i, &end) : nullptr;
    if (before == nullptr && after == nullptr && !k) continue;
    if (before == nullptr) begin = start;
    PriceToken t;
    t.amount = amount;
    t.begin = begin;
    t.quote = line.substr(begin, end - begin);
    const Mark* mark = before != nullptr ? before : after;
    if (mark != nullptr) {
      t.currency = mark->currency;
      t.mark = before != nullptr ? line.substr(begin, std::char_traits<char>::length(mark->text))
                                 : line.substr(end - std::char_traits<char>::length(mark->text),
                                               std::char_traits<char>::length(mark->text));
    }
    if (amount > 0) out.push_back(t);
  }
  return out;
}

json PriceItem(const PriceToken& price, const std::string& store_currency) {
  json item = {{"price", Quoted(Amount(price.amount), price.quote)},
               {"compare_at_price", nullptr},
               {"category", nullptr},
               {"sizes", nullptr},
               {"colors", nullptr}};
  if (!price.mark.empty()) {
    const std::string code = price.currency.empty() ? store_currency : price.currency;
    if (!code.empty()) item["currency"] = Quoted(code, price.mark);
  }
  return item;
}

// "Sizes: S, M, L" -> the list and the line; nothing for ranges ("37-44"), which a model might
// spell differently.
json ListLine(const std::vector<std::string>& lines, std::initializer_list<const char*> heads) {
  for (const std::string& raw : lines) {
    const std::string line = Trim(raw);
    const std::string lower = Lower(line);
    for (const char* head : heads) {
      const size_t n = std::char_traits<char>::length(head);
      if (lower.compare(0, n, head) != 0) continue;
      json values = json::array();
      for (const std::string& part : Split(line.substr(n), ',')) {
        const std::string v = Trim(part);
        if (v.empty() || v.find('-') != std::string::npos) return nullptr;
        values.push_back(v);
      }
      return values.empty() ? json(nullptr) : Quoted(values, line);
    }
  }
  return nullptr;
}

// The name left of " - ", numbering ("1. ", "2) ") stripped.
std::string NameOf(const std::string& left) {
  std::string name = Trim(left);
  size_t i = 0;
  while (i < name.size() && IsDigit(name[i])) ++i;
  if (i > 0 && i + 1 < name.size() && (name[i] == '.' || name[i] == ')') && name[i + 1] == ' ')
    name = Trim(name.substr(i + 1));
  return name;
}

std::string FindFolded(const std::string& caption, const std::vector<std::string>& spellings) {
  const std::string lower = Lower(caption);
  for (const std::string& s : spellings) {
    if (!s.empty() && lower.find(Lower(s)) != std::string::npos) return s;
  }
  return "";
}

std::vector<std::string> AmountSpellings(double amount) {
  std::vector<std::string> out;
  const long long whole = static_cast<long long>(amount);
  if (static_cast<double>(whole) != amount) {
    out.push_back(nlohmann::json(amount).dump());
    return out;
  }
  std::string plain = std::to_string(whole), grouped = plain;
  for (int i = static_cast<int>(grouped.size()) - 3; i > 0; i -= 3) grouped.insert(i, ",");
  out = {grouped, plain};
  std::string dotted = grouped;
  std::replace(dotted.begin(), dotted.end(), ',', '.');
  if (dotted != plain) out.push_back(dotted);
  if (whole >= 1000 && whole % 100 == 0) {
    const long long k = whole / 1000, rest = (whole % 1000) / 100;
    out.push_back(std::to_string(k) + (rest ? "." + std::to_string(rest) : "") + "k");
  }
  return out;
}

std::vector<std::string> CurrencyMarks(const std::string& code) {
  if (code == "KES") return {"KES", "Kshs", "Ksh", "bob", "/="};
  if (code == "UGX") return {"UGX", "Ushs", "shs", "/="};
  if (code == "TZS") return {"TZS", "Tsh", "/="};
  if (code == "RWF") return {"RWF", "Frw"};
  if (code == "NGN") return {"NGN", "\xE2\x82\xA6", "naira"};
  if (code == "USD") return {"USD", "$"};
  return {code};
}

// The caption line holding most of the name's keywords (at least one), or "".
std::string NameQuote(const std::string& caption, const json& product) {
  std::vector<std::string> words;
  for (const json& w : product.value("name_keywords", json::array()))
    if (w.is_string()) words.push_back(Lower(w.get<std::string>()));
  if (words.empty() && product.value("name", json()).is_string())
    for (const std::string& w : Split(product["name"].get<std::string>(), ' '))
      if (w.size() >= 3) words.push_back(Lower(w));
  std::string best;
  size_t best_hits = 0;
  for (const std::string& line : Split(caption, '\n')) {
    const std::string lower = Lower(line);
    size_t hits = 0;
    for (const std::string& w : words) hits += lower.find(w) != std::string::npos ? 1 : 0;
    if (hits > best_hits) best_hits = hits, best = Trim(line);
  }
  return best;
}

json QuotedList(const std::string& caption, const json& list) {
  if (!list.is_array() || list.empty()) return nullptr;
  std::vector<std::string> values;
  for (const json& v : list)
    if (v.is_string()) values.push_back(v.get<std::string>());
  const std::string quote = FindFolded(caption, values);
  return quote.empty() ? json(nullptr) : Quoted(values, quote);
}

json LabelItem(const std::string& caption, const json& p) {
  json item = {{"compare_at_price", nullptr},
               {"category", p.value("category", json())},
               {"sizes", QuotedList(caption, p.value("sizes", json()))},
               {"colors", QuotedList(caption, p.value("colors", json()))}};
  if (p.value("name", json()).is_string()) {
    const std::string quote = NameQuote(caption, p);
    if (!quote.empty()) item["name"] = Quoted(p["name"], quote);
  }
  for (const char* key : {"price", "compare_at_price"}) {
    const json v = p.value(key, json());
    if (!v.is_number()) continue;
    const std::string quote = FindFolded(caption, AmountSpellings(v.get<double>()));
    if (!quote.empty()) item[key] = Quoted(v, quote);
  }
  if (p.value("currency", json()).is_string()) {
    const std::string code = p["currency"].get<std::string>();
    const std::string quote = FindFolded(caption, CurrencyMarks(code));
    if (!quote.empty()) item["currency"] = Quoted(code, quote);
  }
  return item;
}

}  // namespace

json ComputedAnswer(const std::string& caption, const std::string& store_currency) {
  const std::vector<std::string> lines = Split(caption, '\n');
  json items = json::array();
  for (const std::string& line : lines) {
    const size_t dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    const std::vector<PriceToken> prices = PricesIn(line.substr(dash + 3));
    const std::string name = NameOf(line.substr(0, dash));
    if (prices.empty() || name.empty()) continue;
    json item = PriceItem(prices[0], store_currency);
    item["name"] = Quoted(name, name);
    const std::string lower = Lower(line);
    if (prices.size() > 1 && lower.find("was") != std::string::npos)
      item["compare_at_price"] = Quoted(Amount(prices[1].amount), prices[1].quote);
    items.push_back(item);
  }
  if (items.empty()) {
    for (const std::string& line : lines) {
      if (Lower(line).find("deliver") != std::string::npos) continue;
      const std::vector<PriceToken> prices = PricesIn(line);
      if (prices.empty()) continue;
      items.push_back(PriceItem(prices[0], store_currency));
      break;
    }
  }
  if (items.size() == 1) {
    items[0]["sizes"] = ListLine(lines, {"sizes:", "size:", "saizi:"});
    items[0]["colors"] = ListLine(lines, {"colours:", "colors:", "colour:", "color:", "rangi:"});
  }
  return {{"is_product", !items.empty()}, {"items", items}};
}

json AnswerFromLabels(const std::string& caption, const json& expected) {
  json items = json::array();
  if (expected.is_object()) {
    for (const json& p : expected.value("products", json::array()))
      if (p.is_object()) items.push_back(LabelItem(caption, p));
  }
  const bool is_product = expected.is_object() && expected.value("is_product", !items.empty());
  return {{"is_product", is_product}, {"items", items}};
}

json WithWrongPrices(json answer) {
  if (!answer.contains("items") || !answer["items"].is_array()) return answer;
  for (json& item : answer["items"]) {
    if (!item.is_object() || !item.contains("price") || !item["price"].is_object()) continue;
    json& price = item["price"];
    if (price.value("value", json()).is_number())
      price["value"] = Amount(price["value"].get<double>() * 10 + 100);
  }
  return answer;
}

json WithQuoteNotInCaption(json answer) {
  if (!answer.contains("items") || !answer["items"].is_array()) return answer;
  for (json& item : answer["items"]) {
    if (item.is_object()) item["price"] = Quoted(1500, "KES 1,500 (example)");
  }
  return answer;
}

std::optional<AiFault> AiFaultFromJson(const json& in, std::string* error) {
  static const std::set<std::string> kTypes = {
      "timeout", "status", "malformed_body", "malformed", "refusal", "bad_quote", "wrong_price"};
  AiFault f;
  f.type = in.value("type", "");
  if (!kTypes.count(f.type)) {
    *error =
        "type must be one of timeout, status, malformed_body, malformed, refusal, "
        "bad_quote, wrong_price";
    return std::nullopt;
  }
  f.provider = in.value("provider", "");
  if (!f.provider.empty() && f.provider != "openai" && f.provider != "gemini") {
    *error = "provider must be openai or gemini";
    return std::nullopt;
  }
  f.status = in.value("status", f.type == "status" ? 500 : 200);
  f.retry_after = in.value("retry_after", 0);
  f.delay_ms = in.value("delay_ms", static_cast<int64_t>(f.type == "timeout" ? 5000 : 0));
  f.count = in.value("count", static_cast<int64_t>(1));
  if (f.status < 200 || f.status > 599 || f.delay_ms < 0 || f.delay_ms > 120000 || f.count == 0 ||
      f.count < -1) {
    *error = "status must be 200..599, delay_ms 0..120000, count -1 (every call) or positive";
    return std::nullopt;
  }
  return f;
}

json AiFaultToJson(const AiFault& f) {
  return {{"id", f.id},
          {"type", f.type},
          {"provider", f.provider},
          {"status", f.status},
          {"retry_after", f.retry_after},
          {"delay_ms", f.delay_ms},
          {"count", f.count},
          {"fired", f.fired}};
}

json AiCallToJson(const AiCall& c) {
  return {{"provider", c.provider},
          {"model", c.model},
          {"caption", c.caption},
          {"store_currency", c.store_currency},
          {"structured", c.structured},
          {"prompt_has_rules", c.prompt_has_rules},
          {"image_mime", c.image_mime},
          {"image_bytes", c.image_bytes},
          {"fault", c.fault}};
}

}  // namespace vendly::sandbox
