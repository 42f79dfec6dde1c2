#include "vendly/api.h"

#include <nlohmann/json.hpp>

#include "vendly/extract.h"
#include "vendly/money.h"

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

std::string ExtractJsonLine(std::string_view line, std::size_t line_number) {
  json in = ParseObject(line);
  if (in.is_discarded()) return Error("invalid JSON", line_number);
  if (!in.is_object()) return Error("expected a JSON object", line_number);

  Post post;
  auto id = in.find("id");
  if (id != in.end()) {
    if (id->is_string()) {
      post.id = id->get<std::string>();
    } else if (id->is_number_integer()) {
      post.id = id->dump();
    } else if (!id->is_null()) {
      return Error("\"id\" must be a string", line_number);
    }
  }
  auto caption = in.find("caption");
  if (caption != in.end() && !caption->is_null()) {
    if (!caption->is_string()) return Error("\"caption\" must be a string or null", line_number);
    post.caption = caption->get<std::string>();
  }
  auto currency = in.find("store_currency");
  if (currency != in.end() && !currency->is_null()) {
    if (!currency->is_string()) return Error("\"store_currency\" must be a string", line_number);
    post.store_currency = currency->get<std::string>();
  }
  auto media_type = in.find("media_type");
  if (media_type != in.end() && !media_type->is_null()) {
    if (!media_type->is_string()) return Error("\"media_type\" must be a string", line_number);
    post.media_type = media_type->get<std::string>();
  }
  auto children = in.find("children");
  if (children != in.end() && !children->is_null()) {
    if (!children->is_number_integer()) return Error("\"children\" must be an integer", line_number);
    long long n = children->get<long long>();
    post.children = n < 0 ? 0 : (n > 1000 ? 1000 : static_cast<int>(n));
  }
  return Dump(ToJson(Extract(post)));
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
  if (!optional_string("price_raw", &raw)) return Error("\"price_raw\" must be a string", line_number);
  if (!optional_string("currency_raw", &currency_raw)) {
    return Error("\"currency_raw\" must be a string or null", line_number);
  }
  if (!optional_string("decimal_separator", &decimal)) {
    return Error("\"decimal_separator\" must be a string or null", line_number);
  }
  ParsedPrice parsed = ParsePriceString(
      raw.value_or(""),
      currency_raw ? std::optional<std::string_view>(*currency_raw) : std::nullopt,
      decimal ? std::optional<std::string_view>(*decimal) : std::nullopt);

  ordered_json out;
  out["amount"] = nullptr;
  if (parsed.amount) {
    double a = *parsed.amount;
    if (a == static_cast<double>(static_cast<long long>(a)) && a < 9e15 && a > -9e15) {
      out["amount"] = static_cast<long long>(a);
    } else {
      out["amount"] = a;
    }
  }
  out["currency"] = parsed.currency ? ordered_json(*parsed.currency) : ordered_json(nullptr);
  return Dump(out);
}

}  // namespace vendly
