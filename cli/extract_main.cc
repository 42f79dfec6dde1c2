// vendly-extract: the catalog core on the command line, one JSON line in, one JSON line out.
//
//   vendly-extract            posts   {"id","caption","store_currency","media_type","children"} -> results
//   vendly-extract --price    prices  {"price_raw","currency_raw","decimal_separator"} -> {"amount","currency"}
//
// A line that is not valid JSON gets {"error":"...","line":N} and the run goes on. Blank lines are skipped.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "vendly/api.h"

namespace {

// Input and output go through 1 MiB blocks: a run is one pass over a large file, and line-sized
// reads and writes cost more than the work on short lines.
constexpr std::size_t kBlockBytes = 1 << 20;

// Writes `out` to stdout when it holds a block; false on a write error.
bool Drain(std::string* out, bool all) {
  if (out->size() < kBlockBytes && !(all && !out->empty())) return true;
  const bool ok = std::fwrite(out->data(), 1, out->size(), stdout) == out->size();
  out->clear();
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  bool price_mode = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--price") == 0) {
      price_mode = true;
    } else if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::cout << "usage: vendly-extract [--price] < lines.jsonl > results.jsonl\n";
      return 0;
    } else {
      std::cerr << "vendly-extract: unknown argument " << argv[i] << " (try --help)\n";
      return 2;
    }
  }
  std::string out;
  out.reserve(kBlockBytes + (kBlockBytes >> 2));
  std::vector<char> in(kBlockBytes);
  std::size_t filled = 0;  // bytes of `in` read and not yet handled
  std::size_t line_number = 0;
  bool ok = true;
  // One line: as std::getline gives it (a last line without '\n' included), '\r' trimmed.
  auto handle = [&](std::string_view line) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    out += price_mode ? vendly::ParsePriceJsonLine(line, line_number)
                      : vendly::ExtractJsonLine(line, line_number);
    out.push_back('\n');
    ok = Drain(&out, false) && ok;
  };
  for (;;) {
    if (filled == in.size()) in.resize(in.size() * 2);  // a line longer than the buffer
    const std::size_t n = std::fread(in.data() + filled, 1, in.size() - filled, stdin);
    if (n == 0) break;
    std::size_t start = 0;      // the first byte of the current line
    std::size_t from = filled;  // where to look for its end: the bytes before have no '\n'
    filled += n;
    while (const void* nl = std::memchr(in.data() + from, '\n', filled - from)) {
      const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nl) - in.data());
      handle(std::string_view(in.data() + start, end - start));
      start = from = end + 1;
    }
    std::memmove(in.data(), in.data() + start, filled - start);
    filled -= start;
  }
  if (filled > 0) handle(std::string_view(in.data(), filled));
  ok = Drain(&out, true) && ok;
  ok = std::fflush(stdout) == 0 && !std::ferror(stdout) && ok;
  return ok ? 0 : 1;
}
