// The JSON shape of extraction results: the one place that fixes its keys and their order.
#include "json_writer.h"
#include "vendly/extract.h"

namespace vendly {
namespace {

using internal::JsonWriter;

void WriteStrings(JsonWriter& w, const std::vector<std::string>& items) {
  w.BeginArray();
  for (const std::string& s : items) w.String(s);
  w.EndArray();
}

void WriteSpans(JsonWriter& w, const std::vector<Span>& spans) {
  w.BeginArray();
  for (const Span& s : spans) w.Span(s.begin, s.end);
  w.EndArray();
}

void WriteProduct(JsonWriter& w, const Product& p) {
  w.BeginObject();
  w.Key("name"), w.String(p.name);
  w.Key("description"), w.String(p.description);
  w.Key("price"), w.Amount(p.price);
  w.Key("currency"), w.String(p.currency);
  w.Key("compare_at_price"), w.Amount(p.old_price);
  w.Key("category"), w.String(p.category);
  w.Key("sizes"), WriteStrings(w, p.sizes);
  w.Key("colors"), WriteStrings(w, p.colors);
  w.Key("tags"), WriteStrings(w, p.tags);
  w.Key("sold_out"), w.Bool(p.sold_out);
  w.Key("confidence"), w.Score(p.confidence);

  const FieldScores& f = p.field_confidence;
  w.Key("field_confidence");
  w.BeginObject();
  w.Key("name"), w.Score(f.name);
  w.Key("price"), w.Score(f.price);
  w.Key("currency"), w.Score(f.currency);
  w.Key("compare_at_price"), w.Score(f.old_price);
  w.Key("category"), w.Score(f.category);
  w.Key("sizes"), w.Score(f.sizes);
  w.Key("colors"), w.Score(f.colors);
  w.EndObject();

  const FieldEvidence& e = p.evidence;
  w.Key("evidence");
  w.BeginObject();
  w.Key("name"), WriteSpans(w, e.name);
  w.Key("price"), WriteSpans(w, e.price);
  w.Key("currency"), WriteSpans(w, e.currency);
  w.Key("compare_at_price"), WriteSpans(w, e.old_price);
  w.Key("category"), WriteSpans(w, e.category);
  w.Key("sizes"), WriteSpans(w, e.sizes);
  w.Key("colors"), WriteSpans(w, e.colors);
  w.EndObject();
  w.EndObject();
}

void WriteExtraction(JsonWriter& w, const Extraction& x) {
  w.BeginObject();
  w.Key("id"), w.String(x.id);
  w.Key("is_product"), w.Bool(x.is_product);
  if (!x.is_product && !x.reason.empty()) w.Key("reason"), w.String(x.reason);
  w.Key("products");
  w.BeginArray();
  for (const Product& p : x.products) WriteProduct(w, p);
  w.EndArray();
  w.EndObject();
}

// Past this size the buffer of ToJsonLine is freed after the line: one huge caption is not kept.
constexpr std::size_t kKeptBuffer = 1 << 16;

}  // namespace

const char* const kCategories[9] = {
    "Fashion & Apparel",      "Electronics & Gadgets", "Home & Living",
    "Beauty & Personal Care", "Food & Beverages",      "Sports & Fitness",
    "Books & Media",          "Toys & Games",          "Other"};

std::string ToJsonLine(const Extraction& x) {
  // Written into this thread's buffer, kept from line to line, then copied out at its size: a
  // string grown to fit would be zero-filled before every byte is written.
  thread_local std::string buffer;
  std::string out;
  {
    JsonWriter w(&buffer, JsonWriter::Scratch{});
    WriteExtraction(w, x);
    out.assign(buffer.data(), w.size());
  }
  if (buffer.size() > kKeptBuffer) std::string().swap(buffer);
  return out;
}

nlohmann::ordered_json ToJson(const Extraction& x) {
  return nlohmann::ordered_json::parse(ToJsonLine(x), nullptr, /*allow_exceptions=*/false);
}

}  // namespace vendly
