// The Graph API `fields=` parameter: a comma-separated list of names, each optionally with
// modifiers such as
// `.limit(5)` and a nested selection in braces, e.g.
// `id,caption,children.limit(3){id,media_type,media_url}`. A pure parser: text in, tree or error
// out.
#ifndef VENDLY_SERVER_SANDBOX_FIELDS_H_
#define VENDLY_SERVER_SANDBOX_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vendly::sandbox {

struct FieldNode {
  std::string name;
  std::optional<int> limit;    // from `.limit(n)`
  bool has_selection = false;  // braces were given (possibly empty)
  std::vector<FieldNode> selection;
};

struct FieldParse {
  bool ok = false;
  std::vector<FieldNode> fields;  // empty when the text was empty
  std::string error;              // Meta-style: Syntax error "..." at character N: TEXT
};

// Parses `text`. Whitespace around names and punctuation is ignored; names are [A-Za-z0-9_]+;
// modifiers other than limit are accepted and ignored. Nesting deeper than 8 levels is an error.
FieldParse ParseFields(std::string_view text);

// The node named `name` in `fields`, or nullptr.
const FieldNode* FindField(const std::vector<FieldNode>& fields, std::string_view name);

}  // namespace vendly::sandbox

#endif  // VENDLY_SERVER_SANDBOX_FIELDS_H_
