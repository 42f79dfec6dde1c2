// Reading a request's JSON body, apart from the HTTP plumbing (http.h), so that the parsers of
// outside input build without sockets or a database and the fuzz targets (tests/fuzz) call the
// code the routes call.
#ifndef VENDLY_SERVER_JSON_BODY_H_
#define VENDLY_SERVER_JSON_BODY_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "app/status.h"

namespace vendly::server {

// `body` as a JSON object. Errors: 400 invalid_request for invalid UTF-8, malformed JSON, or a
// body that is not an object; 415 unsupported_media_type when `content_type` is multipart.
Result<nlohmann::json> ParseJsonBody(std::string_view body, std::string_view content_type);

// Typed field readers. A missing or mistyped field is 400 invalid_request naming the field.
Result<std::string> RequireString(const nlohmann::json& body, const char* field,
                                  std::size_t min_len, std::size_t max_len);
// Absent or null -> nullopt; present with another type -> error.
Result<std::optional<bool>> OptionalBool(const nlohmann::json& body, const char* field);

}  // namespace vendly::server

#endif  // VENDLY_SERVER_JSON_BODY_H_
