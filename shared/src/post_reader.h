// Reading post lines: the strict JSON reader behind ExtractJsonLine. It validates the whole line as
// JSON exactly as nlohmann::json::parse does (RFC 8259, a leading UTF-8 BOM skipped, a NUL byte
// after the value ends the input, number overflow is an error) but decodes only the five fields the
// extractor reads, directly inside the top-level object; every other value is checked and skipped.
// Reading was a fifth of the CLI's time with nlohmann's lexer, which copies every byte of every
// string, the lines' large labelled fields included. tests/fuzz/reader_fuzz.cc holds it to
// nlohmann's behaviour.
#ifndef VENDLY_SRC_POST_READER_H_
#define VENDLY_SRC_POST_READER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace vendly::internal {

// The fields of a post line, in the order ExtractJsonLine checks them.
enum PostKey : int {
  kPostId,
  kPostCaption,
  kPostStoreCurrency,
  kPostMediaType,
  kPostChildren,
  kPostKeyCount
};

struct PostField {
  enum Kind : uint8_t {
    kAbsent,  // the key is not in the object
    kNull,
    kString,
    kInteger,  // a JSON number without fraction or exponent that fits 64 bits
    kOther,    // true, false, a number with a fraction or exponent (or too large), an array, an
               // object
  };
  Kind kind = kAbsent;
  std::string text;  // kString: the decoded value; kInteger: its decimal digits ("-0" gives "0")
  long long integer = 0;  // kInteger: the value, clamped to the range of long long
};

struct PostLine {
  PostField fields[kPostKeyCount];
};

enum class PostLineStatus {
  kOk,
  kInvalidJson,  // not one JSON value (what nlohmann::json::parse rejects)
  kNotObject,    // valid JSON whose value is not an object
};

// Reads `line` into `*out`. The last of duplicate keys wins, as in a JSON DOM. Keys are compared
// after unescaping ("\u0069d" is "id"). `*out` is meaningful only on kOk. Nesting depth is not
// limited and does not use the call stack.
PostLineStatus ReadPostLine(std::string_view line, PostLine* out);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_POST_READER_H_
