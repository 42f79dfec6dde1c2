#include "post_reader.h"

#include <cstring>
#include <string>

#include "json_text.h"

namespace vendly::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  char buf[4];
  std::size_t n = 0;
  if (cp < 0x80) {
    buf[n++] = static_cast<char>(cp);
  } else if (cp < 0x800) {
    buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
    buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
    buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    buf[n++] = static_cast<char>(0xF0 | (cp >> 18));
    buf[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
  out->append(buf, n);
}

// The digits of the midpoint between DBL_MAX and 2^1024 (an integer of 309 digits): a decimal at
// least this large rounds to infinity, which nlohmann reports as "number overflow".
constexpr std::string_view kOverflowDigits =
    "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775"
    "8720709633028641669288791094655554785194040263065748867150582068190890200070838367627385484581"
    "7711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699"
    "508093042880177904174497792";

// True when the JSON number [int_begin, end) (sign already skipped; `frac` and `exp` point at its
// '.' and 'e'/'E' or are null) is finite as a double. Exact, with no strtod and so no locale.
bool FiniteDouble(const char* int_begin, const char* int_end, const char* frac_end,
                  const char* exp_begin, const char* end) {
  // Exponent, clamped far beyond any double (clamping keeps huge exponents from overflowing).
  long long exponent = 0;
  if (exp_begin != nullptr) {
    const char* e = exp_begin + 1;
    bool negative = false;
    if (*e == '+' || *e == '-') negative = *e++ == '-';
    for (; e < end; ++e) {
      if (exponent < 1000000000) exponent = exponent * 10 + (*e - '0');
    }
    if (negative) exponent = -exponent;
  }
  // The significant digits, and the power of ten of the first one.
  std::string digits;
  long long first_power = 0;
  bool seen = false;
  const long long int_digits = int_end - int_begin;
  for (const char* d = int_begin; d < int_end; ++d) {
    if (!seen && *d == '0') continue;
    if (!seen) first_power = int_digits - (d - int_begin) - 1;
    seen = true;
    digits.push_back(*d);
  }
  if (frac_end != int_end) {
    for (const char* d = int_end + 1; d < frac_end; ++d) {
      if (!seen && *d == '0') continue;
      if (!seen) first_power = -(d - int_end);
      seen = true;
      digits.push_back(*d);
    }
  }
  if (!seen) return true;  // zero
  const long long power = first_power + exponent;
  if (power < 308) return true;
  if (power > 308) return false;
  for (std::size_t i = 0; i < digits.size() || i < kOverflowDigits.size(); ++i) {
    const char a = i < digits.size() ? digits[i] : '0';
    const char b = i < kOverflowDigits.size() ? kOverflowDigits[i] : '0';
    if (a != b) return a < b;
  }
  return false;  // exactly the midpoint: rounds to even, which is infinity
}

class Reader {
 public:
  Reader(std::string_view line, PostLine* out)
      : p_(line.data()), end_(line.data() + line.size()), out_(out) {}

  PostLineStatus Run();

 private:
  void SkipWhitespace() {
    // Most gaps are one space or none ("key": value, ...): those take two tests.
    if (p_ < end_ && *p_ == ' ') ++p_;
    if (p_<end_&& static_cast<unsigned char>(*p_)> ' ') return;
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  // A string from its opening quote. Decodes into `*out` when it is not null.
  bool String(std::string* out);
  // A key at the given depth and the ':' after it; sets `*key` to its PostKey for depth 1.
  bool Key(std::size_t depth, int* key);
  // A number; sets `*field` when it is not null.
  bool Number(PostField* field);
  bool Literal(std::string_view text) {
    if (static_cast<std::size_t>(end_ - p_) < text.size() ||
        std::memcmp(p_, text.data(), text.size()) != 0) {
      return false;
    }
    p_ += text.size();
    return true;
  }

  const char* p_;
  const char* end_;
  PostLine* out_;
};

bool Reader::String(std::string* out) {
  ++p_;  // the opening quote
  const char* run = p_;
  while (p_ < end_) {
    p_ = SkipPlainJsonBytes(p_, end_);
    if (p_ == end_) break;
    const unsigned char c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      if (out != nullptr) out->append(run, static_cast<std::size_t>(p_ - run));
      ++p_;
      return true;
    }
    if (c == '\\') {
      if (out != nullptr) out->append(run, static_cast<std::size_t>(p_ - run));
      if (end_ - p_ < 2) return false;
      const char e = p_[1];
      p_ += 2;
      char plain = 0;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          plain = e;
          break;
        case 'b':
          plain = '\b';
          break;
        case 'f':
          plain = '\f';
          break;
        case 'n':
          plain = '\n';
          break;
        case 'r':
          plain = '\r';
          break;
        case 't':
          plain = '\t';
          break;
        case 'u': {
          auto hex4 = [&](uint32_t* value) {
            if (end_ - p_ < 4) return false;
            uint32_t v = 0;
            for (int k = 0; k < 4; ++k) {
              const int h = HexValue(p_[k]);
              if (h < 0) return false;
              v = v << 4 | static_cast<uint32_t>(h);
            }
            p_ += 4;
            *value = v;
            return true;
          };
          uint32_t cp = 0;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            // A high surrogate must be followed by an escaped low one.
            uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          if (out != nullptr) AppendUtf8(cp, out);
          run = p_;
          continue;
        }
        default:
          return false;
      }
      if (out != nullptr) out->push_back(plain);
      run = p_;
      continue;
    }
    if (c < 0x20) return false;
    const std::size_t n = Utf8SequenceAt(p_, end_);
    if (n == 0) return false;
    p_ += n;
  }
  return false;
}

bool Reader::Key(std::size_t depth, int* key) {
  if (p_ == end_ || *p_ != '"') return false;
  if (depth != 1) {
    if (!String(nullptr)) return false;
  } else {
    // Keys without escapes (all real ones) are compared in place.
    const char* begin = p_ + 1;
    if (!String(nullptr)) return false;
    std::string_view name(begin, static_cast<std::size_t>(p_ - 1 - begin));
    std::string decoded;
    if (name.find('\\') != std::string_view::npos) {
      p_ = begin - 1;
      String(&decoded);
      name = decoded;
    }
    *key = name == "id"               ? kPostId
           : name == "caption"        ? kPostCaption
           : name == "store_currency" ? kPostStoreCurrency
           : name == "media_type"     ? kPostMediaType
           : name == "children"       ? kPostChildren
                                      : -1;
  }
  SkipWhitespace();
  if (p_ == end_ || *p_ != ':') return false;
  ++p_;
  return true;
}

bool Reader::Number(PostField* field) {
  const bool negative = *p_ == '-';
  if (negative) ++p_;
  const char* int_begin = p_;
  if (p_ == end_ || !IsDigit(*p_)) return false;
  if (*p_++ != '0') {
    while (p_ < end_ && IsDigit(*p_)) ++p_;
  }
  const char* int_end = p_;
  const char* frac_end = int_end;
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (p_ == end_ || !IsDigit(*p_)) return false;
    while (p_ < end_ && IsDigit(*p_)) ++p_;
    frac_end = p_;
  }
  const char* exp_begin = nullptr;
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    exp_begin = p_++;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
    if (p_ == end_ || !IsDigit(*p_)) return false;
    while (p_ < end_ && IsDigit(*p_)) ++p_;
  }
  if (frac_end == int_end && exp_begin == nullptr) {
    // An integer is read as one when it fits (unsigned without a sign, long long with one), as
    // nlohmann's strtoull/strtoll do; else it is a double like any other number.
    const std::string_view digits(int_begin, static_cast<std::size_t>(int_end - int_begin));
    const std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
    if (digits.size() < limit.size() || (digits.size() == limit.size() && digits <= limit)) {
      if (field != nullptr) {
        uint64_t magnitude = 0;
        for (char d : digits) magnitude = magnitude * 10 + static_cast<uint64_t>(d - '0');
        field->kind = PostField::kInteger;
        if (negative) {
          // -2^63 has no positive counterpart: negate in unsigned arithmetic.
          const long long value = magnitude == 0 ? 0 : static_cast<long long>(0 - magnitude);
          field->integer = value;
          field->text = std::to_string(value);
        } else {
          field->integer = magnitude > static_cast<uint64_t>(INT64_MAX)
                               ? INT64_MAX
                               : static_cast<long long>(magnitude);
          field->text = std::to_string(magnitude);
        }
      }
      return true;
    }
  }
  if (!FiniteDouble(int_begin, int_end, frac_end, exp_begin, p_)) return false;
  if (field != nullptr) {
    field->kind = PostField::kOther;
    field->text.clear();
    field->integer = 0;
  }
  return true;
}

PostLineStatus Reader::Run() {
  // A UTF-8 byte order mark may open the line (and only that).
  if (p_ < end_ && static_cast<unsigned char>(*p_) == 0xEF) {
    if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB ||
        static_cast<unsigned char>(p_[2]) != 0xBF) {
      return PostLineStatus::kInvalidJson;
    }
    p_ += 3;
  }
  // The open containers, '{' or '[' each: an explicit stack, so depth costs no call stack.
  std::string open;
  int key = -1;  // the PostKey the next value directly inside the top-level object belongs to
  bool top_is_object = false;
  for (;;) {
    // A value.
    SkipWhitespace();
    if (p_ == end_) return PostLineStatus::kInvalidJson;
    PostField* field = open.size() == 1 && key >= 0 ? &out_->fields[key] : nullptr;
    const char c = *p_;
    if (c == '{' || c == '[') {
      if (open.empty()) top_is_object = c == '{';
      if (field != nullptr) {
        field->kind = PostField::kOther;
        field->text.clear();
        field->integer = 0;
      }
      ++p_;
      open.push_back(c);
      SkipWhitespace();
      if (p_ == end_) return PostLineStatus::kInvalidJson;
      const bool empty = *p_ == (c == '{' ? '}' : ']');
      if (!empty) {
        if (c == '{') {
          if (!Key(open.size(), &key)) return PostLineStatus::kInvalidJson;
        }
        continue;
      }
      ++p_;
      open.pop_back();
    } else if (c == '"') {
      if (field != nullptr) {
        field->kind = PostField::kString;
        field->text.clear();
        field->integer = 0;
      }
      if (!String(field != nullptr ? &field->text : nullptr)) return PostLineStatus::kInvalidJson;
    } else if (c == '-' || IsDigit(c)) {
      if (!Number(field)) return PostLineStatus::kInvalidJson;
    } else {
      PostField::Kind kind = PostField::kOther;
      if (Literal("true") || Literal("false")) {
        kind = PostField::kOther;
      } else if (Literal("null")) {
        kind = PostField::kNull;
      } else {
        return PostLineStatus::kInvalidJson;
      }
      if (field != nullptr) {
        field->kind = kind;
        field->text.clear();
        field->integer = 0;
      }
    }
    // After a value: close containers, or a separator and the next value.
    for (;;) {
      SkipWhitespace();
      if (open.empty()) {
        // nlohmann reads a NUL byte as the end of the input.
        if (p_ != end_ && *p_ != '\0') return PostLineStatus::kInvalidJson;
        return top_is_object ? PostLineStatus::kOk : PostLineStatus::kNotObject;
      }
      if (p_ == end_) return PostLineStatus::kInvalidJson;
      const char s = *p_++;
      const bool object = open.back() == '{';
      if (s == ',') {
        if (object) {
          SkipWhitespace();
          if (!Key(open.size(), &key)) return PostLineStatus::kInvalidJson;
        }
        break;
      }
      if (s != (object ? '}' : ']')) return PostLineStatus::kInvalidJson;
      open.pop_back();
    }
  }
}

}  // namespace

PostLineStatus ReadPostLine(std::string_view line, PostLine* out) {
  *out = PostLine();
  return Reader(line, out).Run();
}

}  // namespace vendly::internal
