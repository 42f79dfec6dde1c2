// Embind bindings of the catalog core: JSON strings in, JSON strings out, no class handles for the
// dashboard to delete. Every function here forwards to vendly/api.h, so the browser prints exactly the
// bytes the native CLI prints for the same input.
#include <emscripten/bind.h>

#include <string>

#include "vendly/api.h"

namespace {

std::string ExtractJson(const std::string& line) { return vendly::ExtractJsonLine(line); }
std::string ParsePriceJson(const std::string& line) { return vendly::ParsePriceJsonLine(line); }

}  // namespace

EMSCRIPTEN_BINDINGS(vendly_catalog) {
  emscripten::function("extractJson", &ExtractJson);
  emscripten::function("parsePriceJson", &ParsePriceJson);
}
