#include "vendly/api.h"

#include <nlohmann/json.hpp>
#include <string>

#include "confidence.h"
#include "json_amount.h"
#include "post_reader.h"
#include "vendly/draft.h"
#include "vendly/extract.h"
#include "vendly/money.h"
#include "vendly/normalize.h"
#include "vendly/registry.h"
#include "vendly/second_opinion.h"
#include "vendly/sync.h"

namespace vendly {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Serialises without ever throwing: invalid UTF-8 that reached a string is replaced, not fatal.
std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string Error(std::string_view message, std::size_t line_number) {
  ordered_json e;
  e["error"] = message;
  if (line_number > 0) e["line"] = line_number;
  return Dump(e);
}

// Parses a line into a JSON object without exceptions; nullopt-like discarded value on failure.
json ParseObject(std::string_view line) {
  json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  return j;
}

}  // namespace

namespace {

// Reads a post line into *post; "" when it reads, else the error line.
std::string ReadPost(std::string_view line, std::size_t line_number, Post* out) {
  using internal::PostField;
  internal::PostLine read;
  switch (internal::ReadPostLine(line, &read)) {
    case internal::PostLineStatus::kInvalidJson:
      return Error("invalid JSON", line_number);
    case internal::PostLineStatus::kNotObject:
      return Error("expected a JSON object", line_number);
    case internal::PostLineStatus::kOk:
      break;
  }

  Post& post = *out;
  const PostField& id = read.fields[internal::kPostId];
  if (id.kind == PostField::kString || id.kind == PostField::kInteger) {
    post.id = id.text;
  } else if (id.kind != PostField::kAbsent && id.kind != PostField::kNull) {
    return Error("\"id\" must be a string", line_number);
  }
  struct {
    internal::PostKey key;
    std::string* out;
    const char* error;
  } const strings[] = {
      {internal::kPostCaption, &post.caption, "\"caption\" must be a string or null"},
      {internal::kPostStoreCurrency, &post.store_currency, "\"store_currency\" must be a string"},
      {internal::kPostMediaType, &post.media_type, "\"media_type\" must be a string"},
  };
  for (const auto& s : strings) {
    PostField& f = read.fields[s.key];
    if (f.kind == PostField::kString) {
      *s.out = std::move(f.text);
    } else if (f.kind != PostField::kAbsent && f.kind != PostField::kNull) {
      return Error(s.error, line_number);
    }
  }
  const PostField& children = read.fields[internal::kPostChildren];
  if (children.kind == PostField::kInteger) {
    post.children = children.integer < 0
                        ? 0
                        : (children.integer > 1000 ? 1000 : static_cast<int>(children.integer));
  } else if (children.kind != PostField::kAbsent && children.kind != PostField::kNull) {
    return Error("\"children\" must be an integer", line_number);
  }
  return std::string();
}

}  // namespace

std::string ExtractJsonLine(std::string_view line, std::size_t line_number) {
  Post post;
  std::string error = ReadPost(line, line_number, &post);
  if (!error.empty()) return error;
  return ToJsonLine(Extract(post));
}

std::string ExtractFeaturesJsonLine(std::string_view line, std::size_t line_number) {
  Post post;
  std::string error = ReadPost(line, line_number, &post);
  if (!error.empty()) return error;
  std::vector<internal::ConfidenceFeatures> features;
  Extraction x = internal::ExtractWithFeatures(post, &features);
  ordered_json out = ToJson(x);
  ordered_json& products = out["products"];
  for (std::size_t k = 0; k < features.size() && k < products.size(); ++k) {
    products[k]["features"] = ordered_json::parse(internal::FeaturesJson(features[k]));
  }
  return Dump(out);
}

std::string ParsePriceJsonLine(std::string_view line, std::size_t line_number) {
  json in = ParseObject(line);
  if (in.is_discarded()) return Error("invalid JSON", line_number);
  if (!in.is_object()) return Error("expected a JSON object", line_number);

  auto optional_string = [&](const char* key, std::optional<std::string>* out) -> bool {
    auto it = in.find(key);
    if (it == in.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    *out = it->get<std::string>();
    return true;
  };
  std::optional<std::string> raw, currency_raw, decimal;
  if (!optional_string("price_raw", &raw))
    return Error("\"price_raw\" must be a string", line_number);
  if (!optional_string("currency_raw", &currency_raw)) {
    return Error("\"currency_raw\" must be a string or null", line_number);
  }
  if (!optional_string("decimal_separator", &decimal)) {
    return Error("\"decimal_separator\" must be a string or null", line_number);
  }
  ParsedPrice parsed =
      ParsePriceString(raw.value_or(""),
                       currency_raw ? std::optional<std::string_view>(*currency_raw) : std::nullopt,
                       decimal ? std::optional<std::string_view>(*decimal) : std::nullopt);

  ordered_json out;
  out["amount"] = internal::AmountJson(parsed.amount);
  out["currency"] = parsed.currency ? ordered_json(*parsed.currency) : ordered_json(nullptr);
  return Dump(out);
}

// --- Draft rules, merge and sync

namespace {

// An argument parsed as a JSON object, or the error text naming it.
struct ObjectArg {
  json value;
  std::string error;
};

ObjectArg ParseObjectArg(std::string_view text, std::string_view name, bool null_allowed = false) {
  ObjectArg arg{ParseObject(text), ""};
  if (arg.value.is_discarded()) {
    arg.error = std::string(name) + ": invalid JSON";
  } else if (!arg.value.is_object() && !(null_allowed && arg.value.is_null())) {
    arg.error = std::string(name) + ": expected a JSON object";
  }
  return arg;
}

// A Draft read from its argument; on a wrongly typed field, `error` says which (for arguments that
// have no error list of their own to report it in).
struct DraftArg {
  json object;
  DraftResult read;
  std::string error;
};

DraftArg ReadDraftArg(std::string_view text, std::string_view name) {
  DraftArg arg;
  ObjectArg object = ParseObjectArg(text, name);
  if (!object.error.empty()) {
    arg.error = std::move(object.error);
    return arg;
  }
  arg.object = std::move(object.value);
  arg.read = DraftFromJson(arg.object);
  if (!arg.read.errors.empty()) {
    arg.error = std::string(name) + ": " + arg.read.errors.front().message;
  }
  return arg;
}

void Append(std::vector<FieldError>* to, std::vector<FieldError> from) {
  to->insert(to->end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

std::string ApplyEditsJson(std::string_view draft_json, std::string_view edits_json) {
  ObjectArg draft_arg = ParseObjectArg(draft_json, "draft");
  if (!draft_arg.error.empty()) return Error(draft_arg.error, 0);
  ObjectArg edits_arg = ParseObjectArg(edits_json, "edits");
  if (!edits_arg.error.empty()) return Error(edits_arg.error, 0);

  DraftResult read = DraftFromJson(draft_arg.value);
  DraftResult edited = ApplyEdits(read.draft, edits_arg.value);
  std::vector<FieldError> errors = std::move(read.errors);
  Append(&errors, std::move(edited.errors));
  Append(&errors, ValidateDraft(edited.draft));

  ordered_json out;
  out["draft"] = DraftToJson(edited.draft);
  out["errors"] = ErrorsToJson(errors);
  return Dump(out);
}

std::string ValidateDraftJson(std::string_view draft_json) {
  ObjectArg draft_arg = ParseObjectArg(draft_json, "draft");
  if (!draft_arg.error.empty()) return Error(draft_arg.error, 0);
  DraftResult read = DraftFromJson(draft_arg.value);
  const Draft draft = NormalizeDraft(read.draft);
  std::vector<FieldError> errors = std::move(read.errors);
  Append(&errors, ValidateDraft(draft));

  ordered_json out;
  out["ok"] = errors.empty();
  out["errors"] = ErrorsToJson(errors);
  out["draft"] = DraftToJson(draft);
  return Dump(out);
}

std::string SlugifyJson(std::string_view name) {
  ordered_json out;
  out["slug"] = Slugify(name);
  return Dump(out);
}

std::string UniqueSlugJson(std::string_view name, std::string_view taken_json) {
  std::vector<std::string> taken;
  if (!CollapseWhitespace(taken_json).empty()) {
    json list = ParseObject(taken_json);
    if (list.is_discarded()) return Error("taken: invalid JSON", 0);
    if (!list.is_array() && !list.is_null()) return Error("taken: expected a JSON array", 0);
    if (list.is_array()) {
      for (const json& slug : list) {
        if (slug.is_string()) taken.push_back(slug.get<std::string>());
      }
    }
  }
  ordered_json out;
  out["slug"] = UniqueSlug(name, taken);
  return Dump(out);
}

std::string SecondOpinionJson(std::string_view core_product_json, std::string_view caption,
                              std::string_view model_item_json) {
  ObjectArg core_arg = ParseObjectArg(core_product_json, "core");
  if (!core_arg.error.empty()) return Error(core_arg.error, 0);
  ObjectArg model_arg = ParseObjectArg(model_item_json, "model", /*null_allowed=*/true);
  if (!model_arg.error.empty()) return Error(model_arg.error, 0);
  ProductResult core = ProductFromJson(core_arg.value);
  if (!core.errors.empty()) return Error("core: " + core.errors.front().message, 0);
  if (model_arg.value.is_null())
    return Dump(ToJson(MergeSecondOpinion(core.product, nullptr, caption)));
  const ModelItem item = ModelItemFromJson(model_arg.value);
  return Dump(ToJson(MergeSecondOpinion(core.product, &item, caption)));
}

std::string SecondOpinionJsonLine(std::string_view line, std::size_t line_number) {
  const json in = ParseObject(line);
  if (in.is_discarded()) return Error("invalid JSON", line_number);
  if (!in.is_object()) return Error("expected a JSON object", line_number);
  const auto caption = in.find("caption");
  if (caption == in.end() || !caption->is_string()) {
    return Error("\"caption\" must be a string", line_number);
  }
  const auto product = in.find("product");
  const auto model = in.find("model");
  return SecondOpinionJson(product == in.end() ? "null" : product->dump(),
                           caption->get<std::string>(), model == in.end() ? "null" : model->dump());
}

std::string ExtractWithModelJsonLine(std::string_view line, std::size_t line_number) {
  Post post;
  std::string error = ReadPost(line, line_number, &post);
  if (!error.empty()) return error;
  const json in = ParseObject(line);  // ReadPost read it: an object
  const auto model = in.find("model");
  if (model != in.end() && !model->is_null() && !model->is_object()) {
    return Error("\"model\" must be an object or null", line_number);
  }
  const ModelAnswer answer =
      model == in.end() ? ModelAnswer{} : ModelAnswerFromJson(*model);  // null: no items
  const Extraction extraction = Extract(post);
  ordered_json out = ToJson(extraction);
  ordered_json products = ordered_json::array();
  for (const SecondOpinion& merged : MergeSecondOpinions(extraction, answer, post.caption)) {
    ordered_json product = ToJson(merged);
    product["auto_approve"] = MayAutoApprove(merged, kDefaultAutoApproveThreshold);
    products.push_back(std::move(product));
  }
  out["products"] = std::move(products);
  return Dump(out);
}

std::string SyncMergeJson(std::string_view base_json, std::string_view theirs_json,
                          std::string_view ours_json) {
  DraftArg base = ReadDraftArg(base_json, "base");
  if (!base.error.empty()) return Error(base.error, 0);
  DraftArg theirs = ReadDraftArg(theirs_json, "theirs");
  if (!theirs.error.empty()) return Error(theirs.error, 0);
  DraftArg ours = ReadDraftArg(ours_json, "ours");
  if (!ours.error.empty()) return Error(ours.error, 0);

  bool sold_out = false;
  const auto it = theirs.object.find("sold_out");
  if (it != theirs.object.end() && !it->is_null()) {
    if (!it->is_boolean()) return Error("theirs: \"sold_out\" must be true or false", 0);
    sold_out = it->get<bool>();
  }
  return Dump(ToJson(SyncMerge(base.read.draft, theirs.read.draft, ours.read.draft, sold_out)));
}

std::string ConstantsJsonText() { return Dump(ConstantsJson()); }

}  // namespace vendly
