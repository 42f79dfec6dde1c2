// A small streaming JSON writer for the core's hot output path (one result line per caption): it
// appends straight to a string, where building an nlohmann value and dumping it cost more than the
// extraction itself. Strings are escaped as JSON requires and invalid UTF-8 is replaced by U+FFFD,
// so any caption gives valid JSON. Deterministic: the same bytes natively and in WASM.
#ifndef VENDLY_SRC_JSON_WRITER_H_
#define VENDLY_SRC_JSON_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vendly::internal {

class JsonWriter {
 public:
  // Appends to *out, which must outlive the writer.
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // An object key (plain ASCII, written as is); the value written next belongs to it.
  void Key(std::string_view key);

  void String(std::string_view s);
  void Int(long long v);
  void Bool(bool v);
  void Null();
  // A money amount as AmountJson writes it: whole amounts as integers, others in shortest form,
  // null when absent or not finite.
  void Amount(const std::optional<double>& amount);
  // A score in [0, 1] rounded to three decimals, written like "0.94", "1.0", "0.0".
  void Score(double score);

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();

  std::string* out_;
  // One bit per open container: set once it holds a value, so the next one needs a comma. 64 levels
  // is more than any output of the core nests.
  uint64_t has_value_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

// Appends `s` as a quoted JSON string (see JsonWriter::String).
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_JSON_WRITER_H_
