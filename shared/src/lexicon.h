// Lexicons: the small read-only word tables the extractor's rules are written in (cue words,
// colours, category words, filler). A table is an open-addressing hash table of string_views built
// once (function-local statics, so initialisation is thread-safe) with a fixed word hash, so a
// lookup is one hash and usually one comparison, allocates nothing, and behaves the same on every
// platform. Tables are only ever probed, never iterated, so no output depends on their layout.
#ifndef VENDLY_SRC_LEXICON_H_
#define VENDLY_SRC_LEXICON_H_

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

namespace vendly::internal {

// The slot array shared by WordSet and WordMap: indexes into the owner's key list.
class HashSlots {
 public:
  // Eight bytes at a time with a multiply-xorshift mix: words are short, so this is one or two
  // steps. Byte order is assembled explicitly, so the value is the same on every platform.
  static uint32_t Hash(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    std::size_t i = 0;
    while (i < s.size()) {
      uint64_t chunk = 0;
      std::size_t n = s.size() - i < 8 ? s.size() - i : 8;
      for (std::size_t k = 0; k < n; ++k) {
        chunk |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
      }
      h = (h ^ chunk) * 0xFF51AFD7ED558CCDull;
      h ^= h >> 32;
      i += n;
    }
    return static_cast<uint32_t>(h);
  }

 protected:
  void Reserve(std::size_t keys) {
    std::size_t size = 16;
    while (size < keys * 3) size *= 2;
    mask_ = size - 1;
    slots_.assign(size, -1);
  }
  // Adds key number `index` unless an equal key is there. `key_at(i)` gives key number i.
  template <typename KeyAt>
  bool Insert(std::string_view key, int index, const KeyAt& key_at) {
    std::size_t i = Hash(key) & mask_;
    while (slots_[i] >= 0) {
      if (key_at(slots_[i]) == key) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = index;
    return true;
  }
  // The index of `key`, or -1.
  template <typename KeyAt>
  int Lookup(std::string_view key, const KeyAt& key_at) const {
    std::size_t i = Hash(key) & mask_;
    while (slots_[i] >= 0) {
      if (key_at(slots_[i]) == key) return slots_[i];
      i = (i + 1) & mask_;
    }
    return -1;
  }

 private:
  std::vector<int> slots_;
  std::size_t mask_ = 0;
};

// A set of lower-case words.
class WordSet : private HashSlots {
 public:
  WordSet(std::initializer_list<std::string_view> words) { Build(words); }
  explicit WordSet(const std::vector<std::string_view>& words) { Build(words); }
  bool Contains(std::string_view w) const {
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

  std::vector<std::string_view> words_;
};

// A map from lower-case words to values. The first of duplicate keys wins.
template <typename V>
class WordMap : private HashSlots {
 public:
  WordMap(std::initializer_list<std::pair<std::string_view, V>> entries) {
    Reserve(entries.size());
    auto key_at = [this](int i) { return entries_[i].first; };
    for (const auto& e : entries) {
      entries_.push_back(e);
      if (!Insert(e.first, static_cast<int>(entries_.size() - 1), key_at)) entries_.pop_back();
    }
  }
  // Calls f(key) for every key, in insertion order (for building derived tables at start-up).
  template <typename F>
  void ForEachKey(const F& f) const {
    for (const auto& e : entries_) f(e.first);
  }

  // The value of `w`, or nullptr when it is not in the map.
  const V* Find(std::string_view w) const {
    int i = Lookup(w, [this](int k) { return entries_[k].first; });
    return i < 0 ? nullptr : &entries_[i].second;
  }

 private:
  std::vector<std::pair<std::string_view, V>> entries_;
};

}  // namespace vendly::internal

#endif  // VENDLY_SRC_LEXICON_H_
