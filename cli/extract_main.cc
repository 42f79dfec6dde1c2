// vendly-extract: the catalog core on the command line, one JSON line in, one JSON line out.
//
//   vendly-extract            posts   {"id","caption","store_currency","media_type","children"} ->
//   results vendly-extract --price    prices  {"price_raw","currency_raw","decimal_separator"} ->
//   {"amount","currency"}
//   vendly-extract --features posts -> results whose products carry their confidence features
//   vendly-extract --second-opinion  {"product","caption","model"} -> the merged product
//   (vendly/second_opinion.h)
//   vendly-extract --with-model  posts with "model" (the model's whole answer) -> results whose
//   products are merged with it and say whether they would be auto-approved
//   vendly-extract --constants  the registry (vendly/registry.h) as one JSON line
//
// A line that is not valid JSON gets {"error":"...","line":N} and the run goes on. Blank lines are
// skipped.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "vendly/api.h"

int main(int argc, char** argv) {
  bool price_mode = false, features_mode = false, opinion_mode = false, model_mode = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--constants") == 0) {
      std::cout << vendly::ConstantsJsonText() << "\n";  // the registry, for scripts/gen-constants
      return std::cout ? 0 : 1;
    } else if (std::strcmp(argv[i], "--price") == 0) {
      price_mode = true;
    } else if (std::strcmp(argv[i], "--features") == 0) {
      features_mode = true;
    } else if (std::strcmp(argv[i], "--second-opinion") == 0) {
      opinion_mode = true;
    } else if (std::strcmp(argv[i], "--with-model") == 0) {
      model_mode = true;
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << "usage: vendly-extract [--price | --features | --second-opinion | --with-model] "
                   "< lines.jsonl "
                   "> results.jsonl\n"
                   "       vendly-extract --constants   (the core's registry as one JSON line)\n";
      return 0;
    } else {
      std::cerr << "vendly-extract: unknown argument " << argv[i] << " (try --help)\n";
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  std::string line, out;
  std::size_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    out = model_mode      ? vendly::ExtractWithModelJsonLine(line, line_number)
          : opinion_mode  ? vendly::SecondOpinionJsonLine(line, line_number)
          : price_mode    ? vendly::ParsePriceJsonLine(line, line_number)
          : features_mode ? vendly::ExtractFeaturesJsonLine(line, line_number)
                          : vendly::ExtractJsonLine(line, line_number);
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    std::cout.put('\n');  // not appended: the line comes sized to its JSON
  }
  std::cout.flush();
  return std::cout ? 0 : 1;
}
