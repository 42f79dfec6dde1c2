#include "fields.h"

#include <cctype>

namespace vendly::sandbox {
namespace {

constexpr int kMaxDepth = 8;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  FieldParse Run() {
    FieldParse result;
    SkipSpace();
    if (pos_ == text_.size()) {
      result.ok = true;
      return result;
    }
    if (!ParseList(&result.fields, 0)) {
      result.error = error_;
      return result;
    }
    SkipSpace();
    if (pos_ != text_.size()) {
      Fail(std::string("Expected end of string instead of \"") + text_[pos_] + "\".");
      result.error = error_;
      result.fields.clear();
      return result;
    }
    result.ok = true;
    return result;
  }

 private:
  bool ParseList(std::vector<FieldNode>* out, int depth) {
    if (depth > kMaxDepth) return Fail("Field expansion is nested too deeply.");
    for (;;) {
      FieldNode node;
      if (!ParseItem(&node, depth)) return false;
      out->push_back(std::move(node));
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      return true;
    }
  }

  bool ParseItem(FieldNode* node, int depth) {
    SkipSpace();
    if (!ParseName(&node->name)) return false;
    SkipSpace();
    while (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      std::string modifier;
      if (!ParseName(&modifier)) return false;
      if (pos_ >= text_.size() || text_[pos_] != '(') return Fail("Expected \"(\".");
      size_t close = text_.find(')', pos_);
      if (close == std::string_view::npos) return Fail("Expected \")\".");
      std::string_view argument = text_.substr(pos_ + 1, close - pos_ - 1);
      if (modifier == "limit") {
        int value = 0;
        if (argument.empty() || argument.size() > 6) return Fail("Expected a number.");
        for (char c : argument) {
          if (!std::isdigit(static_cast<unsigned char>(c))) return Fail("Expected a number.");
          value = value * 10 + (c - '0');
        }
        node->limit = value;
      }
      pos_ = close + 1;
      SkipSpace();
    }
    if (pos_ < text_.size() && text_[pos_] == '{') {
      ++pos_;
      node->has_selection = true;
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      if (!ParseList(&node->selection, depth + 1)) return false;
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '}') return Fail("Expected \"}\".");
      ++pos_;
    }
    return true;
  }

  bool ParseName(std::string* name) {
    size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      ++pos_;
    }
    if (pos_ == start) {
      if (pos_ >= text_.size()) return Fail("Expected name instead of end of string.");
      return Fail(std::string("Expected name instead of \"") + text_[pos_] + "\".");
    }
    *name = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool Fail(const std::string& what) {
    error_ = "Syntax error \"" + what + "\" at character " + std::to_string(pos_) + ": " +
             std::string(text_);
    return false;
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::string error_;
};

}  // namespace

FieldParse ParseFields(std::string_view text) { return Parser(text).Run(); }

const FieldNode* FindField(const std::vector<FieldNode>& fields, std::string_view name) {
  for (const FieldNode& node : fields) {
    if (node.name == name) return &node;
  }
  return nullptr;
}

}  // namespace vendly::sandbox
