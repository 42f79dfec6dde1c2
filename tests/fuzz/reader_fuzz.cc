// Differential fuzzer of the post-line reader (shared/src/post_reader.h) against nlohmann::json:
// for any bytes, both must agree on valid / invalid / not an object and on every field
// ExtractJsonLine reads. Each input is tried as a whole line, as the body of a caption string and
// as the value of a field, so plain-text seeds (the captions scripts/test seeds with) reach the
// reader's string and value paths too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "post_reader.h"

namespace {

using nlohmann::json;
using vendly::internal::PostField;
using vendly::internal::PostLine;
using vendly::internal::PostLineStatus;

// What nlohmann's DOM makes of a line, in the reader's terms.
PostLineStatus Reference(std::string_view line, PostLine* out) {
  *out = PostLine();
  const json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return PostLineStatus::kInvalidJson;
  if (!j.is_object()) return PostLineStatus::kNotObject;
  static const char* const kKeys[] = {"id", "caption", "store_currency", "media_type", "children"};
  for (int k = 0; k < vendly::internal::kPostKeyCount; ++k) {
    const auto it = j.find(kKeys[k]);
    if (it == j.end()) continue;
    PostField& f = out->fields[k];
    if (it->is_null()) {
      f.kind = PostField::kNull;
    } else if (it->is_string()) {
      f.kind = PostField::kString;
      f.text = it->get<std::string>();
    } else if (it->is_number_unsigned()) {
      const uint64_t v = it->get<uint64_t>();
      f.kind = PostField::kInteger;
      f.text = std::to_string(v);
      f.integer = v > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<long long>(v);
    } else if (it->is_number_integer()) {
      const int64_t v = it->get<int64_t>();
      f.kind = PostField::kInteger;
      f.text = std::to_string(v);
      f.integer = v;
    } else {
      f.kind = PostField::kOther;
    }
  }
  return PostLineStatus::kOk;
}

void Check(std::string_view line) {
  PostLine got, want;
  const PostLineStatus got_status = vendly::internal::ReadPostLine(line, &got);
  const PostLineStatus want_status = Reference(line, &want);
  bool same = got_status == want_status;
  if (same && got_status == PostLineStatus::kOk) {
    for (int k = 0; k < vendly::internal::kPostKeyCount; ++k) {
      const PostField& a = got.fields[k];
      const PostField& b = want.fields[k];
      same = same && a.kind == b.kind && a.text == b.text && a.integer == b.integer;
    }
  }
  if (!same) {
    std::fprintf(stderr, "reader and nlohmann disagree (%d vs %d) on %zu bytes\n",
                 static_cast<int>(got_status), static_cast<int>(want_status), line.size());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Check(bytes);
  Check(std::string(R"({"id":"f","caption":")") + std::string(bytes) + R"(","children":2})");
  Check(std::string(R"({"other":[1,{"x":null}],"caption":)") + std::string(bytes) + "}");
  return 0;
}
