// Lexicons: the small read-only word tables the extractor's rules are written in (cue words,
// colours, category words, filler). A table is a sorted array of string_views built once
// (function-local statics, so initialisation is thread-safe) and searched by binary search: no
// allocation per lookup, and the iteration order never depends on hashing, so the output is the
// same on every platform.
#ifndef VENDLY_SRC_LEXICON_H_
#define VENDLY_SRC_LEXICON_H_

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

namespace vendly::internal {

// A set of lower-case words.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  }
  bool Contains(std::string_view w) const {
    return std::binary_search(words_.begin(), words_.end(), w);
  }

 private:
  std::vector<std::string_view> words_;
};

// A map from lower-case words to values. Later duplicates of a key are ignored.
template <typename V>
class WordMap {
 public:
  WordMap(std::initializer_list<std::pair<std::string_view, V>> entries) : entries_(entries) {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }),
                   entries_.end());
  }
  // The value of `w`, or nullptr when it is not in the map.
  const V* Find(std::string_view w) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), w,
                               [](const auto& e, std::string_view k) { return e.first < k; });
    return it != entries_.end() && it->first == w ? &it->second : nullptr;
  }

 private:
  std::vector<std::pair<std::string_view, V>> entries_;
};

}  // namespace vendly::internal

#endif  // VENDLY_SRC_LEXICON_H_
