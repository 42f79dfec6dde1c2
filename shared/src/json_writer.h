// A small streaming JSON writer for the core's hot output path (one result line per caption): it
// writes straight into a string's buffer, where building an nlohmann value and dumping it cost more
// than the extraction itself. Strings are escaped as JSON requires and invalid UTF-8 is replaced by
// U+FFFD, so any caption gives valid JSON. Deterministic: the same bytes natively and in WASM.
#ifndef VENDLY_SRC_JSON_WRITER_H_
#define VENDLY_SRC_JSON_WRITER_H_

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace vendly::internal {

class JsonWriter {
 public:
  // Appends to *out, which must outlive the writer. While the writer works, *out holds spare bytes
  // past the JSON: read it only after Finish() (or the writer's end).
  explicit JsonWriter(std::string* out, std::size_t expected_size = 256);
  // Writes from the start of *buffer, whose bytes are all room, and never trims it: a buffer kept
  // from one line to the next is then neither reallocated nor zero-filled again. The JSON is the
  // first size() bytes of *buffer.
  struct Scratch {};
  JsonWriter(std::string* buffer, Scratch);
  ~JsonWriter() { Finish(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Trims *out to the JSON written so far (not a Scratch buffer). The writer may go on writing
  // afterwards.
  void Finish() {
    if (!scratch_) out_->resize(size_);
  }
  // The bytes of JSON written so far.
  std::size_t size() const { return size_; }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // An object key (plain ASCII, written as is); the value written next belongs to it.
  // Inlined, so the copy of a key known at compile time is a few moves, not a library call.
  [[gnu::always_inline]] void Key(std::string_view key) {
    BeforeValue();
    char* w = Room(key.size() + 3);
    *w++ = '"';
    std::memcpy(w, key.data(), key.size());
    w += key.size();
    *w++ = '"';
    *w++ = ':';
    size_ += key.size() + 3;
    after_key_ = true;
  }

  void String(std::string_view s) {
    BeforeValue();
    WriteString(s);
  }
  void Int(long long v);
  void Bool(bool v) {
    BeforeValue();
    Put(v ? std::string_view("true") : std::string_view("false"));
  }
  void Null() {
    BeforeValue();
    Put("null");
  }
  // A money amount as AmountJson writes it: whole amounts as integers, others in shortest form,
  // null when absent or not finite.
  void Amount(const std::optional<double>& amount);
  // A score in [0, 1] rounded to three decimals, written like "0.94", "1.0", "0.0".
  void Score(double score);
  // The array [begin,end] (an evidence span).
  void Span(uint32_t begin, uint32_t end);

 private:
  friend void AppendJsonString(std::string_view s, std::string* out);

  // A pointer to at least `n` writable bytes at the end of the JSON; valid until the next call.
  char* Room(std::size_t n) {
    if (out_->size() - size_ < n) Grow(n);
    return &(*out_)[size_];
  }
  void Grow(std::size_t n);
  void Put(std::string_view s) {
    std::memcpy(Room(s.size()), s.data(), s.size());
    size_ += s.size();
  }
  void Put(char c) {
    *Room(1) = c;
    ++size_;
  }
  void WriteString(std::string_view s);

  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0) {
      const uint64_t bit = uint64_t{1} << ((depth_ - 1) & 63);
      if (has_value_ & bit) Put(',');
      has_value_ |= bit;
    }
  }
  void Open(char c) {
    BeforeValue();
    Put(c);
    ++depth_;
    has_value_ &= ~(uint64_t{1} << ((depth_ - 1) & 63));
  }
  void Close(char c) {
    Put(c);
    if (depth_ > 0) --depth_;
  }

  std::string* out_;
  std::size_t size_;  // the bytes of *out_ written; out_->size() is what is allocated
  // One bit per open container: set once it holds a value, so the next one needs a comma. 64 levels
  // is more than any output of the core nests.
  uint64_t has_value_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
  bool scratch_ = false;
};

// Appends `s` as a quoted JSON string (see JsonWriter::String).
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_JSON_WRITER_H_
