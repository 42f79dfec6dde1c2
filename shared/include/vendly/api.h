// The JSON-string face of the core: one function per operation, JSON text in, JSON text out. The CLI and
// the WASM module both call these and nothing else, so the browser and the server print the same bytes
// for the same input. None of them throws; bad input gives a JSON error object.
#ifndef VENDLY_API_H_
#define VENDLY_API_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace vendly {

// One post line {"id","caption","store_currency","media_type","children"} (other fields ignored) ->
// one result line (extract.h ToJson), without a trailing newline. A line that is not a JSON object, or whose
// fields have the wrong types, gives {"error":"...","line":N}; `line_number` 0 leaves "line" out.
std::string ExtractJsonLine(std::string_view line, std::size_t line_number = 0);

// One line {"price_raw","currency_raw","decimal_separator"} -> {"amount": number|null,
// "currency": ISO code|null}. Errors as above.
std::string ParsePriceJsonLine(std::string_view line, std::size_t line_number = 0);

}  // namespace vendly

#endif  // VENDLY_API_H_
