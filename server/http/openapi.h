// The API's description: the OpenAPI 3.1 document of every route the server registers
// (server/http/openapi.json, embedded into the binary at build time, so what the server serves at
// GET /api/openapi.json is the checked-in file). tests/server/openapi_test.cc holds it to the
// router's routes and to the server's real answers.
#ifndef VENDLY_SERVER_HTTP_OPENAPI_H_
#define VENDLY_SERVER_HTTP_OPENAPI_H_

#include <string_view>

namespace vendly::server {

// The document's JSON text, as checked in. Static storage: the view never dangles.
std::string_view OpenApiDocument();

}  // namespace vendly::server

#endif  // VENDLY_SERVER_HTTP_OPENAPI_H_
