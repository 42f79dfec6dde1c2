// The second-opinion merge (vendly/second_opinion.h): field values are carried as JSON in the CLI's
// spelling, so one comparison and one record serve every field.
#include "vendly/second_opinion.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "vendly/money.h"
#include "vendly/normalize.h"

namespace vendly {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr Field kScored[] = {Field::kName,     Field::kPrice, Field::kCurrency, Field::kOldPrice,
                             Field::kCategory, Field::kSizes, Field::kColors};

std::string Folded(std::string_view s) { return AsciiLower(CollapseWhitespace(s)); }

json Amount(double v) {
  if (std::fabs(v) < 1e15 && v == std::floor(v)) return static_cast<long long>(v);
  return v;
}

std::optional<std::string> Text(const json& in) {
  if (!in.is_string()) return std::nullopt;
  std::string s = CollapseWhitespace(in.get<std::string>());
  if (s.empty()) return std::nullopt;
  return s;
}

std::string QuoteOf(const json& in) {
  auto it = in.find("quote");
  return it != in.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json* ValueOf(const json& item, std::string_view key) {
  auto field = item.find(std::string(key));
  if (field == item.end() || !field->is_object()) return nullptr;
  auto value = field->find("value");
  return value == field->end() ? nullptr : &*value;
}

std::optional<Quoted<std::string>> QuotedText(const json& item, std::string_view key) {
  const json* v = ValueOf(item, key);
  if (v == nullptr) return std::nullopt;
  std::optional<std::string> text = Text(*v);
  if (!text) return std::nullopt;
  return Quoted<std::string>{*text, QuoteOf(item[std::string(key)])};
}

std::optional<Quoted<double>> QuotedAmount(const json& item, std::string_view key) {
  const json* v = ValueOf(item, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  const double amount = v->get<double>();
  if (!std::isfinite(amount) || amount <= 0 || amount > kMaxPrice) return std::nullopt;
  return Quoted<double>{amount, QuoteOf(item[std::string(key)])};
}

std::optional<Quoted<std::vector<std::string>>> QuotedList(const json& item, std::string_view key,
                                                           bool sizes) {
  const json* v = ValueOf(item, key);
  if (v == nullptr || !v->is_array()) return std::nullopt;
  std::vector<std::string> raw;
  for (const json& e : *v) {
    if (e.is_string()) raw.push_back(e.get<std::string>());
  }
  std::vector<std::string> list = sizes ? NormalizeSizes(raw) : NormalizeColors(raw);
  if (list.empty()) return std::nullopt;
  return Quoted<std::vector<std::string>>{list, QuoteOf(item[std::string(key)])};
}

std::optional<std::string> Category(const json& in) {
  std::optional<std::string> text = Text(in);
  if (!text) return std::nullopt;
  for (const char* c : kCategories) {
    if (Folded(c) == Folded(*text)) return std::string(c);
  }
  return std::nullopt;
}

std::string_view Key(Field f) { return FieldInfoOf(f).cli; }

json ListJson(const std::vector<std::string>& list) { return list.empty() ? json() : json(list); }

json EngineValue(const Product& p, Field f) {
  switch (f) {
    case Field::kName:
      return p.name.empty() ? json() : json(p.name);
    case Field::kPrice:
      return p.price ? Amount(*p.price) : json();
    case Field::kCurrency:
      return p.currency.empty() ? json() : json(p.currency);
    case Field::kOldPrice:
      return p.old_price ? Amount(*p.old_price) : json();
    case Field::kCategory:
      return p.category.empty() ? json() : json(p.category);
    case Field::kSizes:
      return ListJson(p.sizes);
    case Field::kColors:
      return ListJson(p.colors);
    default:
      return json();
  }
}

template <typename T>
json QuotedJson(const std::optional<Quoted<T>>& q, std::string* quote) {
  if (!q) return json();
  *quote = q->quote;
  if constexpr (std::is_same_v<T, double>) {
    return Amount(q->value);
  } else {
    return json(q->value);
  }
}

// The model's value of `f` (null when none) and its quote; category needs none.
json ModelValue(const ModelItem& m, Field f, std::string* quote, bool* needs_quote) {
  *needs_quote = f != Field::kCategory;
  switch (f) {
    case Field::kName:
      return QuotedJson(m.name, quote);
    case Field::kPrice:
      return QuotedJson(m.price, quote);
    case Field::kCurrency:
      return QuotedJson(m.currency, quote);
    case Field::kOldPrice:
      return QuotedJson(m.old_price, quote);
    case Field::kCategory:
      return m.category ? json(*m.category) : json();
    case Field::kSizes:
      return QuotedJson(m.sizes, quote);
    case Field::kColors:
      return QuotedJson(m.colors, quote);
    default:
      return json();
  }
}

std::set<std::string> FoldedSet(const json& list) {
  std::set<std::string> out;
  for (const json& e : list) out.insert(Folded(e.get<std::string>()));
  return out;
}

// Names agree when one contains the other (a model often drops or adds a word like "Ladies");
// amounts within half a cent; lists as sets; other text case- and whitespace-insensitively.
bool Same(Field f, const json& a, const json& b) {
  switch (f) {
    case Field::kPrice:
    case Field::kOldPrice:
      return std::fabs(a.get<double>() - b.get<double>()) < 0.005;
    case Field::kSizes:
    case Field::kColors:
      return FoldedSet(a) == FoldedSet(b);
    case Field::kName: {
      const std::string x = Folded(a.get<std::string>()), y = Folded(b.get<std::string>());
      return x.find(y) != std::string::npos || y.find(x) != std::string::npos;
    }
    default:
      return Folded(a.get<std::string>()) == Folded(b.get<std::string>());
  }
}

double* ScoreOf(FieldScores* s, Field f) {
  switch (f) {
    case Field::kName:
      return &s->name;
    case Field::kPrice:
      return &s->price;
    case Field::kCurrency:
      return &s->currency;
    case Field::kOldPrice:
      return &s->old_price;
    case Field::kCategory:
      return &s->category;
    case Field::kSizes:
      return &s->sizes;
    default:
      return &s->colors;
  }
}

std::vector<std::string> Strings(const json& list) { return list.get<std::vector<std::string>>(); }

// The model's value taken where the engine had none.
void TakeModelValue(Product* p, Field f, const json& v) {
  switch (f) {
    case Field::kName:
      p->name = v.get<std::string>();
      break;
    case Field::kPrice:
      p->price = v.get<double>();
      break;
    case Field::kCurrency:
      p->currency = v.get<std::string>();
      break;
    case Field::kOldPrice:
      p->old_price = v.get<double>();
      break;
    case Field::kCategory:
      p->category = v.get<std::string>();
      break;
    case Field::kSizes:
      p->sizes = Strings(v);
      break;
    default:
      p->colors = Strings(v);
      break;
  }
}

double Agreed(double c) {
  const double raised = c + (1 - c) / 2;
  // Never lower than the engine's own score: agreement only adds.
  return std::max(c, std::min(raised, c <= kFragileCeiling ? kFragileCeiling : kAgreeCeiling));
}

FieldOpinion Weigh(const Product& engine, const ModelItem& model, Field f,
                   std::string_view caption) {
  FieldOpinion o;
  o.field = f;
  FieldScores scores = engine.field_confidence;
  o.engine_confidence = *ScoreOf(&scores, f);
  o.confidence = o.engine_confidence;
  o.engine_value = EngineValue(engine, f);
  bool needs_quote = true;
  json model_value = ModelValue(model, f, &o.quote, &needs_quote);
  if (!model_value.is_null() && needs_quote && !QuoteInCaption(o.quote, caption)) {
    o.dropped = true;
    o.model_value = std::move(model_value);
    return o;
  }
  if (model_value.is_null()) return o;
  o.model_value = model_value;
  if (o.engine_value.is_null()) {
    o.source = OpinionSource::kModel;
    o.confidence = kModelOnlyConfidence;
  } else if (Same(f, o.engine_value, model_value)) {
    o.source = OpinionSource::kBoth;
    o.confidence = Agreed(o.engine_confidence);
  } else {
    o.disputed = true;
    o.confidence = std::min(o.engine_confidence, kDisputedCeiling);
  }
  return o;
}

double ProductConfidence(const Product& engine, const std::vector<FieldOpinion>& fields) {
  double p = engine.confidence;
  double ceiling = std::max(engine.confidence,
                            engine.confidence <= kFragileCeiling ? kFragileCeiling : kAgreeCeiling);
  for (const FieldOpinion& o : fields) {
    if (o.engine_confidence > 0) p *= o.confidence / o.engine_confidence;
    if (o.disputed || o.source == OpinionSource::kModel) ceiling = std::min(ceiling, o.confidence);
  }
  return std::max(0.0, std::min(p, ceiling));
}

}  // namespace

const char* OpinionSourceName(OpinionSource source) {
  switch (source) {
    case OpinionSource::kModel:
      return "model";
    case OpinionSource::kBoth:
      return "both";
    default:
      return "engine";
  }
}

ModelItem ModelItemFromJson(const json& in) {
  ModelItem m;
  if (!in.is_object()) return m;
  m.name = QuotedText(in, Key(Field::kName));
  m.price = QuotedAmount(in, Key(Field::kPrice));
  m.currency = QuotedText(in, Key(Field::kCurrency));
  if (m.currency) {
    m.currency->value = AsciiUpper(m.currency->value);
    if (!IsKnownCurrency(m.currency->value)) m.currency.reset();
  }
  m.old_price = QuotedAmount(in, Key(Field::kOldPrice));
  auto category = in.find("category");
  if (category != in.end()) m.category = Category(*category);
  m.sizes = QuotedList(in, Key(Field::kSizes), /*sizes=*/true);
  m.colors = QuotedList(in, Key(Field::kColors), /*sizes=*/false);
  return m;
}

ModelAnswer ModelAnswerFromJson(const json& in) {
  ModelAnswer a;
  if (!in.is_object()) return a;
  auto is_product = in.find("is_product");
  if (is_product != in.end() && is_product->is_boolean()) a.is_product = is_product->get<bool>();
  auto items = in.find("items");
  if (items == in.end() || !items->is_array()) return a;
  for (const json& item : *items) a.items.push_back(ModelItemFromJson(item));
  return a;
}

bool QuoteInCaption(std::string_view quote, std::string_view caption) {
  const std::string q = Folded(quote);
  return !q.empty() && Folded(caption).find(q) != std::string::npos;
}

SecondOpinion MergeSecondOpinion(const Product& engine, const ModelItem* model,
                                 std::string_view caption) {
  SecondOpinion out;
  out.product = engine;
  const ModelItem none;
  for (Field f : kScored) {
    FieldOpinion o = Weigh(engine, model != nullptr ? *model : none, f, caption);
    if (o.source == OpinionSource::kModel) TakeModelValue(&out.product, f, o.model_value);
    *ScoreOf(&out.product.field_confidence, f) = o.confidence;
    if (o.disputed && f == Field::kPrice) out.price_disputed = true;
    out.fields.push_back(std::move(o));
  }
  out.product.confidence = ProductConfidence(engine, out.fields);
  return out;
}

std::vector<SecondOpinion> MergeSecondOpinions(const Extraction& extraction,
                                               const ModelAnswer& answer,
                                               std::string_view caption) {
  std::vector<SecondOpinion> out;
  for (std::size_t i = 0; i < extraction.products.size(); ++i) {
    const ModelItem* item = i < answer.items.size() ? &answer.items[i] : nullptr;
    out.push_back(MergeSecondOpinion(extraction.products[i], item, caption));
  }
  return out;
}

bool MayAutoApprove(const SecondOpinion& merged, double threshold) {
  return !merged.price_disputed && merged.product.confidence >= threshold;
}

std::optional<AiMode> ParseAiMode(std::string_view name) {
  if (name == "off") return AiMode::kOff;
  if (name == "unsure") return AiMode::kUnsure;
  if (name == "all") return AiMode::kAll;
  return std::nullopt;
}

const char* AiModeName(AiMode mode) {
  switch (mode) {
    case AiMode::kUnsure:
      return "unsure";
    case AiMode::kAll:
      return "all";
    default:
      return "off";
  }
}

bool ShouldAskModel(AiMode mode, const Extraction& engine, double threshold) {
  if (mode == AiMode::kOff || !engine.is_product || engine.products.empty()) return false;
  if (mode == AiMode::kAll) return true;
  return std::any_of(engine.products.begin(), engine.products.end(),
                     [&](const Product& p) { return p.confidence < threshold; });
}

ordered_json ToJson(const SecondOpinion& merged) {
  Extraction wrapper;
  wrapper.is_product = true;
  wrapper.products.push_back(merged.product);
  ordered_json out = std::move(ToJson(wrapper)["products"][0]);
  ordered_json sources = ordered_json::object(), disputes = ordered_json::object();
  ordered_json dropped = ordered_json::array();
  for (const FieldOpinion& o : merged.fields) {
    const std::string key(Key(o.field));
    sources[key] = OpinionSourceName(o.source);
    if (o.disputed) {
      disputes[key] = {{"engine", o.engine_value}, {"model", o.model_value}, {"quote", o.quote}};
    }
    if (o.dropped) dropped.push_back(key);
  }
  out["sources"] = std::move(sources);
  out["disputes"] = std::move(disputes);
  out["dropped"] = std::move(dropped);
  out["price_disputed"] = merged.price_disputed;
  return out;
}

}  // namespace vendly
