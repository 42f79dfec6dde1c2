#include "http/json_body.h"

#include "vendly/normalize.h"

namespace vendly::server {

using Json = nlohmann::json;

Result<Json> ParseJsonBody(std::string_view body, std::string_view content_type) {
  std::string type(content_type);
  for (char& c : type)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  // Lenient for curl's default form type; a multipart upload can never be a JSON body.
  if (type.rfind("multipart/", 0) == 0)
    return Status::UnsupportedMediaType("Content-Type must be application/json");
  if (!vendly::IsValidUtf8(body))
    return Status::InvalidRequest("the request body is not valid UTF-8");
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidRequest("the request body is not valid JSON");
  if (!parsed.is_object()) return Status::InvalidRequest("the request body must be a JSON object");
  return parsed;
}

Result<std::string> RequireString(const Json& body, const char* field, std::size_t min_len,
                                  std::size_t max_len) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null())
    return Status::InvalidRequest(std::string(field) + " is required");
  if (!it->is_string()) return Status::InvalidRequest(std::string(field) + " must be a string");
  std::string value = it->get<std::string>();
  std::size_t len = vendly::Utf8Length(value);
  if (len < min_len || len > max_len)
    return Status::InvalidRequest(std::string(field) + " must be " + std::to_string(min_len) +
                                  " to " + std::to_string(max_len) + " characters");
  return value;
}

Result<std::optional<bool>> OptionalBool(const Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) return Status::InvalidRequest(std::string(field) + " must be a boolean");
  return std::optional<bool>(it->get<bool>());
}

}  // namespace vendly::server
