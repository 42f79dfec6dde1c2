// What the fuzz targets share: an invariant check that aborts (libFuzzer reports it with the
// input), and the split of one input into parts at 0xFF bytes, so one input can carry a body and
// headers.
#ifndef VENDLY_TESTS_FUZZ_SUPPORT_H_
#define VENDLY_TESTS_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace vendly::fuzz {

inline void Check(bool ok) {
  if (!ok) std::abort();
}

// Splits `data` at 0xFF bytes into exactly `n` parts (missing parts are empty; the last part keeps
// any further 0xFF bytes).
inline std::vector<std::string> Parts(std::string_view data, std::size_t n) {
  std::vector<std::string> parts(n);
  std::size_t k = 0;
  for (char c : data) {
    if (static_cast<unsigned char>(c) == 0xFF && k + 1 < n) {
      ++k;
    } else {
      parts[k] += c;
    }
  }
  return parts;
}

}  // namespace vendly::fuzz

#endif  // VENDLY_TESTS_FUZZ_SUPPORT_H_
