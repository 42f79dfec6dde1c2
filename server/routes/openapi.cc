// GET /api/openapi.json: the API's OpenAPI 3.1 document (http/openapi.h), public like the docs of
// any API: it names routes and shapes, never data.
#include "http/openapi.h"

#include <string>

#include "app/app.h"

namespace vendly::server {

void RegisterOpenApiRoutes(Router& router, App&) {
  router.Get("/api/openapi.json", Access::kPublic, [](RequestContext& ctx) {
    ctx.res.set_header("Cache-Control", "no-cache");
    ctx.res.set_content(std::string(OpenApiDocument()), "application/json");
  });
}

}  // namespace vendly::server
