// Lexicons: the small read-only word tables the extractor's rules are written in (cue words,
// colours, category words, filler). A table is an open-addressing hash table of string_views built
// once (function-local statics, so initialisation is thread-safe), so a lookup is one hash and
// usually one comparison, allocates nothing, and answers the same on every platform. Tables are
// only ever probed, never iterated, so no output depends on their layout.
#ifndef VENDLY_SRC_LEXICON_H_
#define VENDLY_SRC_LEXICON_H_

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vendly::internal {

namespace lexicon_detail {
inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
}  // namespace lexicon_detail

// The hash the tables are keyed by: at most three unaligned loads and two multiplies for the short
// words they hold. The value depends on the host's byte order; nothing but the probe order depends
// on it.
inline uint32_t WordHash(std::string_view s) {
  using lexicon_detail::Load32;
  using lexicon_detail::Load64;
  const char* p = s.data();
  const std::size_t n = s.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    a = Load64(p);
    b = Load64(p + n - 8);
    for (std::size_t i = 8; i + 8 < n; i += 8) a = (a ^ Load64(p + i)) * 0x9FB21C651E98DF25ull;
  } else if (n >= 4) {
    a = Load32(p);
    b = Load32(p + n - 4);
  } else if (n > 0) {
    a = static_cast<unsigned char>(p[0]) |
        static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
  }
  uint64_t h = (a ^ 0x9E3779B97F4A7C15ull) * 0xFF51AFD7ED558CCDull;
  h ^= (b + n) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  return static_cast<uint32_t>(h);
}

// A word with its WordHash, so one word is hashed once however many tables it is looked up in: the
// tokeniser hashes every word of a caption (Text::Word). Any string converts, hashed on the spot.
struct HashedWord {
  HashedWord(std::string_view w, uint32_t h) : text(w), hash(h) {}
  HashedWord(std::string_view w) : text(w), hash(WordHash(w)) {}         // NOLINT: implicit
  HashedWord(const char* w) : HashedWord(std::string_view(w)) {}         // NOLINT: implicit
  HashedWord(const std::string& w) : HashedWord(std::string_view(w)) {}  // NOLINT: implicit

  std::string_view text;
  uint32_t hash;
};

// a == b for the short words of the tables, compared inline (a hash match is nearly always the
// word itself, and a library memcmp call costs more than the comparison, in WASM most of all).
inline bool SameWord(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// The slot array shared by WordSet and WordMap: indexes into the owner's key list, each with its
// key's hash, so a probe compares words only when the hashes agree.
class HashSlots {
 protected:
  void Reserve(std::size_t keys) {
    std::size_t size = 16;
    while (size < keys * 3) size *= 2;
    mask_ = size - 1;
    slots_.assign(size, Slot{});
  }
  // Adds key number `index` unless an equal key is there. `key_at(i)` gives key number i.
  template <typename KeyAt>
  bool Insert(std::string_view key, int index, const KeyAt& key_at) {
    const uint32_t hash = WordHash(key);
    std::size_t i = hash & mask_;
    while (slots_[i].index >= 0) {
      if (slots_[i].hash == hash && key_at(slots_[i].index) == key) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = Slot{hash, index};
    return true;
  }
  // The index of `key`, or -1.
  template <typename KeyAt>
  int Lookup(HashedWord key, const KeyAt& key_at) const {
    std::size_t i = key.hash & mask_;
    while (slots_[i].index >= 0) {
      if (slots_[i].hash == key.hash && SameWord(key_at(slots_[i].index), key.text)) {
        return slots_[i].index;
      }
      i = (i + 1) & mask_;
    }
    return -1;
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    int index = -1;  // -1: empty
  };

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

// A set of lower-case words.
class WordSet : private HashSlots {
 public:
  WordSet(std::initializer_list<std::string_view> words) { Build(words); }
  explicit WordSet(const std::vector<std::string_view>& words) { Build(words); }
  // From a constant list. Tables live in small accessors (`static constexpr std::string_view
  // kWords[] = {...}; static const WordSet k(kWords);`): built out of line, once, so the accessor
  // the extractor calls for every word stays a guard check.
  template <std::size_t N>
  explicit WordSet(const std::string_view (&words)[N]) {
    BuildFrom(words, N);
  }
  bool Contains(HashedWord w) const {
    return Lookup(w, [this](int i) { return words_[i]; }) >= 0;
  }

 private:
  template <typename Words>
  void Build(const Words& words) {
    Reserve(words.size());
    auto key_at = [this](int i) { return words_[i]; };
    for (std::string_view w : words) {
      words_.push_back(w);
      if (!Insert(w, static_cast<int>(words_.size() - 1), key_at)) words_.pop_back();
    }
  }

  [[gnu::noinline]] void BuildFrom(const std::string_view* words, std::size_t n) {
    std::vector<std::string_view> list(words, words + n);
    Build(list);
  }

  std::vector<std::string_view> words_;
};

// A map from lower-case words to values. The first of duplicate keys wins.
template <typename V>
class WordMap : private HashSlots {
 public:
  WordMap(std::initializer_list<std::pair<std::string_view, V>> entries) { Build(entries); }
  explicit WordMap(const std::vector<std::pair<std::string_view, V>>& entries) { Build(entries); }
  // From a constant list, built out of line (see WordSet).
  template <std::size_t N>
  explicit WordMap(const std::pair<std::string_view, V> (&entries)[N]) {
    BuildFrom(entries, N);
  }
  // Calls f(key) for every key, in insertion order (for building derived tables at start-up).
  template <typename F>
  void ForEachKey(const F& f) const {
    for (const auto& e : entries_) f(e.first);
  }

  // The value of `w`, or nullptr when it is not in the map.
  const V* Find(HashedWord w) const {
    int i = Lookup(w, [this](int k) { return entries_[k].first; });
    return i < 0 ? nullptr : &entries_[i].second;
  }

 private:
  [[gnu::noinline]] void BuildFrom(const std::pair<std::string_view, V>* entries, std::size_t n) {
    std::vector<std::pair<std::string_view, V>> list(entries, entries + n);
    Build(list);
  }
  template <typename Entries>
  void Build(const Entries& entries) {
    Reserve(entries.size());
    auto key_at = [this](int i) { return entries_[i].first; };
    for (const auto& e : entries) {
      entries_.push_back(e);
      if (!Insert(e.first, static_cast<int>(entries_.size() - 1), key_at)) entries_.pop_back();
    }
  }

  std::vector<std::pair<std::string_view, V>> entries_;
};

}  // namespace vendly::internal

#endif  // VENDLY_SRC_LEXICON_H_
