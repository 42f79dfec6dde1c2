#include "variants.h"

#include <algorithm>

#include "category.h"
#include "lexicon.h"
#include "vendly/normalize.h"
#include "vocabulary.h"

namespace vendly::internal {
namespace {

[[gnu::always_inline]] inline const WordSet& SizeCueWords() {
  static constexpr std::string_view kWords[] = {"size", "sizes", "sizez", "saizi",
                                                "saiz", "waist", "sz",    "sizing"};
  static const WordSet k(kWords);
  return k;
}

// The letter sizes a caption word may be (vocabulary.h).
[[gnu::always_inline]] inline const WordSet& LetterSizes() {
  static const WordSet k = [] {
    std::vector<std::string_view> words(std::begin(kCaptionSizeCodes), std::end(kCaptionSizeCodes));
    for (const SizeWord& s : kSizeWords) {
      if (s.in_captions) words.push_back(s.word);
    }
    return WordSet(words);
  }();
  return k;
}

// The colour words a caption word may be, with their catalog spelling (vocabulary.h).
[[gnu::always_inline]] inline const WordMap<const ColorWord*>& CaptionColors() {
  static const WordMap<const ColorWord*> k = [] {
    std::vector<std::pair<std::string_view, const ColorWord*>> entries;
    for (const ColorWord& c : kColorWords) {
      if (c.use != ColorUse::kSpellingOnly) entries.emplace_back(c.word, &c);
    }
    return WordMap<const ColorWord*>(entries);
  }();
  return k;
}

// Nouns that make the colour word before them part of a name, not a colour ("red velvet", "black
// forest", "brown sugar", "Black Friday").
const WordSet& ColorCompoundHeads() {
  static constexpr std::string_view kWords[] = {
      "velvet",   "forest",  "sugar",   "pepper", "tea",   "rice",  "bread",  "label",   "friday",
      "hibiscus", "sun",     "juice",   "beans",  "bean",  "onion", "onions", "lentils", "wine",
      "board",    "panther", "widow",   "market", "money", "seed",  "seeds",  "skin",    "soap",
      "magic",    "chilli",  "pudding", "tie",    "card",  "coast", "horse",  "range",   "moon",
      "dates",    "heads",   "head",    "lion",   "eagle", "grass"};
  static const WordSet k(kWords);
  return k;
}

// Brands and named products that start with a colour word ("Blue Band", "Red Bull", "Silver Crest",
// "Black Opium"): the colour word names the brand, not the item's colour, even in a Title Case or
// upper-case line where capitals tell nothing.
const WordSet& ColorBrandPhrases() {
  static constexpr std::string_view kWords[] = {
      "blue band",    "red bull",     "silver crest", "silver star", "white musk", "black opium",
      "golden penny", "white cap",    "black label",  "red label",   "blue label", "green label",
      "white star",   "blue ribbon",  "white rose",   "red rose",    "black cat",  "white house",
      "blue bird",    "green valley", "white wash",   "black pearl", "red sea",    "black diamond",
      "silver spoon", "gold leaf",    "blue sky",     "red tomato",  "green apple"};
  static const WordSet k(kWords);
  return k;
}

// True when the colour word at `k` is part of a brand name: glued to a brand with '+'
// ("Black+Decker"), a known colour brand ("Blue Band"), or the first of a run of capitalised words
// that are no item words, in a line that goes on in lower case ("Black Opium perfume 90ml",
// "Silver Crest blender"): a proper name before its item noun.
bool IsBrandColor(const Text& t, uint32_t k, uint32_t line_end) {
  const Token& tok = t.tokens[k];
  auto word_at = [&](uint32_t j) { return j < line_end && t.tokens[j].kind == TokenKind::kWord; };
  // "Black+Decker": a '+' glued on both sides to words.
  auto glued_plus = [&](uint32_t p) {
    return p < line_end && t.Punct(t.tokens[p]) == '+' && !t.tokens[p].space_before &&
           p + 1 < line_end && !t.tokens[p + 1].space_before;
  };
  if (glued_plus(k + 1) && word_at(k + 2) && !IsColorWord(t.Word(t.tokens[k + 2]))) return true;
  if (k >= 2 && glued_plus(k - 1) && word_at(k - 2) && !IsColorWord(t.Word(t.tokens[k - 2]))) {
    return true;
  }
  if (!word_at(k + 1) || !t.tokens[k + 1].space_before) return false;
  const Token& next = t.tokens[k + 1];
  std::string_view w = t.Lower(tok);
  std::string_view n = t.Lower(next);
  if (w.size() + n.size() < 40) {
    char buf[48];
    std::size_t len = 0;
    for (char c : w) buf[len++] = c;
    buf[len++] = ' ';
    for (char c : n) buf[len++] = c;
    if (ColorBrandPhrases().Contains(std::string_view(buf, len))) return true;
  }
  // A capitalised run: "Black Opium perfume".
  if (!tok.upper_initial || !next.upper_initial || next.has_digit) return false;
  const HashedWord nw = t.Word(next);
  if (IsColorWord(nw)) return false;
  uint32_t se = 0;
  if (IsLetterSizeAt(t, k + 1, line_end, &se)) return false;
  int weight = 0;
  if (LookupCategoryWord(nw, &weight) >= 0) return false;
  if (word_at(k + 2) && LookupCategoryPhrase(nw, t.Lower(t.tokens[k + 2]), &weight) >= 0) {
    return false;
  }
  // The line goes on in lower case after the run (a Title Case line tells nothing).
  uint32_t j = k + 2;
  while (word_at(j) && t.tokens[j].upper_initial) ++j;
  for (; j < line_end; ++j) {
    const Token& after = t.tokens[j];
    if (after.kind != TokenKind::kWord || after.has_digit || after.end - after.begin < 3) continue;
    return !after.upper_initial;
  }
  return false;
}

const WordSet& ColorCueWords() {
  static constexpr std::string_view kWords[] = {
      "colour",    "colours", "color", "colors",     "rangi",     "shade", "shades",
      "available", "comes",   "both",  "colourways", "colorways", "in"};
  static const WordSet k(kWords);
  return k;
}

// Evidence spans are capped: a long caption that repeats its sizes needs no thousand spans.
void PushSpan(std::vector<Span>* spans, Span s) {
  if (spans->size() >= 32) return;
  if (spans->empty()) spans->reserve(8);
  spans->push_back(s);
}

bool IsListSeparator(const Text& t, const Token& tok) {
  char p = t.Punct(tok);
  if (p == ',' || p == '/' || p == '&' || p == '|' || p == ';') return true;
  if (tok.kind == TokenKind::kWord) {
    std::string_view w = t.Lower(tok);
    return w == "and" || w == "na" || w == "or" || w == "au";
  }
  return false;
}

bool IsRangeSeparator(const Text& t, const Token& tok) {
  if (IsDash(t, tok)) return true;
  if (tok.kind == TokenKind::kWord) {
    std::string_view w = t.Lower(tok);
    return w == "to" || w == "hadi" || w == "mpaka";
  }
  return false;
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (std::find(v->begin(), v->end(), s) != v->end()) return;
  if (v->empty()) v->reserve(8);
  v->push_back(std::move(s));
}

void AddSizes(std::string_view written, Span span, Variants* out) {
  for (std::string& s : NormalizeSize(written)) AddUnique(&out->sizes, std::move(s));
  PushSpan(&out->size_spans, span);
}

// A numeric clothing or shoe size token: one or two digits (1-60).
bool IsNumericSizeAt(const Text& t, uint32_t i, uint32_t last) {
  if (i >= last || t.tokens[i].kind != TokenKind::kNumber) return false;
  std::string_view raw = t.Raw(t.tokens[i]);
  if (raw.size() > 2) return false;
  for (char c : raw) {
    if (c < '0' || c > '9') return false;
  }
  // A glued unit ("10kg", "5ml") makes it a capacity.
  if (i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord && !t.tokens[i + 1].space_before) {
    return false;
  }
  return true;
}

// Reads one size element at `i` (number or letter size, with a "UK"/"EU" prefix skipped). Returns
// the end of the element or `i` when there is none; `*written` gets its text.
uint32_t ReadElement(const Text& t, uint32_t i, uint32_t last, bool numeric_ok,
                     std::string* written) {
  if (i < last && t.tokens[i].kind == TokenKind::kWord) {
    std::string_view w = t.Lower(t.tokens[i]);
    if ((w == "uk" || w == "eu" || w == "us" || w == "euro") && i + 1 < last &&
        IsNumericSizeAt(t, i + 1, last)) {
      ++i;
    }
  }
  uint32_t end = 0;
  if (IsLetterSizeAt(t, i, last, &end)) {
    written->assign(t.raw.substr(t.tokens[i].begin, t.tokens[end - 1].end - t.tokens[i].begin));
    return end;
  }
  if (numeric_ok && IsNumericSizeAt(t, i, last)) {
    written->assign(t.Raw(t.tokens[i]));
    return i + 1;
  }
  return i;
}

// Reads a size list from `i`: elements joined by list separators or ranges. `spaced_ok` lets
// whitespace alone separate elements (after a size cue: "Sizez M L XL"). Returns the end and the
// count of elements read.
uint32_t ReadSizeList(const Text& t, uint32_t i, uint32_t last, bool numeric_ok, bool spaced_ok,
                      Variants* out, int* count) {
  *count = 0;
  std::string a, b;
  uint32_t j = i;
  while (j < last) {
    uint32_t e = ReadElement(t, j, last, numeric_ok, &a);
    if (e == j) break;
    uint32_t span_begin = t.tokens[j].begin;
    uint32_t span_end = t.tokens[e - 1].end;
    // Range: "37-44", "S - XXL", "40 hadi 45".
    bool ranged = false;
    if (e < last && IsRangeSeparator(t, t.tokens[e])) {
      uint32_t e2 = ReadElement(t, e + 1, last, numeric_ok, &b);
      // Numbers pair with numbers, letter sizes with letter sizes ("M - 3XL" is letters).
      auto numeric = [](const std::string& x) {
        return !x.empty() &&
               std::all_of(x.begin(), x.end(), [](char c) { return c >= '0' && c <= '9'; });
      };
      bool a_num = numeric(a);
      bool b_num = e2 > e + 1 && numeric(b);
      if (e2 > e + 1 && a_num == b_num) {
        AddSizes(a + "-" + b, Span{span_begin, t.tokens[e2 - 1].end}, out);
        *count += 2;
        e = e2;
        ranged = true;
      }
    }
    if (!ranged) {
      AddSizes(a, Span{span_begin, span_end}, out);
      ++*count;
    }
    j = e;
    if (j < last && IsListSeparator(t, t.tokens[j])) {
      ++j;
      continue;
    }
    if (spaced_ok && j < last) continue;
    break;
  }
  return j;
}

}  // namespace

bool IsLetterSizeAt(const Text& t, uint32_t i, uint32_t last, uint32_t* end) {
  if (i >= last) return false;
  const Token& tok = t.tokens[i];
  if (tok.kind == TokenKind::kWord && LetterSizes().Contains(t.Word(tok))) {
    // "M-Pesa", "S/o": a single letter glued to more letters is no size.
    if (i + 2 < last && t.Lower(tok).size() == 1 && !t.tokens[i + 1].space_before &&
        t.Punct(t.tokens[i + 1]) == '-' && t.tokens[i + 2].kind == TokenKind::kWord &&
        !t.tokens[i + 2].space_before && !LetterSizes().Contains(t.Word(t.tokens[i + 2]))) {
      return false;
    }
    *end = i + 1;
    return true;
  }
  // "3XL", "2XL": a digit glued to "xl".
  if (tok.kind == TokenKind::kNumber && i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord &&
      !t.tokens[i + 1].space_before) {
    std::string_view d = t.Raw(tok);
    std::string_view w = t.Lower(t.tokens[i + 1]);
    if (d.size() == 1 && d[0] >= '2' && d[0] <= '6' && (w == "xl" || w == "x")) {
      *end = i + 2;
      return true;
    }
  }
  return false;
}

bool IsColorWord(HashedWord w) { return CaptionColors().Find(w) != nullptr; }

bool IsAmbiguousColorWord(HashedWord w) {
  const ColorWord* const* c = CaptionColors().Find(w);
  return c != nullptr && (*c)->use == ColorUse::kInContext;
}

bool HasSizeCue(const Text& t, uint32_t first, uint32_t last) {
  for (uint32_t i = first; i < last; ++i) {
    if (t.tokens[i].kind == TokenKind::kWord && SizeCueWords().Contains(t.Word(t.tokens[i]))) {
      return true;
    }
  }
  return false;
}

namespace {
// Words that head a line of flavours or scents ("Flavours:", "Ladha:").
const WordSet& FlavourCueWords() {
  static constexpr std::string_view kWords[] = {"flavours", "flavors", "flavour", "flavor",
                                                "ladha",    "scents",  "scent",   "fragrances"};
  static const WordSet k(kWords);
  return k;
}
}  // namespace

void ReadVariants(const Text& t, uint32_t first, uint32_t last, bool loose_colors, Variants* out) {
  // Lines are handled one at a time so a colour cue applies to its own line.
  uint32_t i = first;
  while (i < last) {
    uint32_t line_end = std::min(last, t.lines[t.tokens[i].line].last);
    uint32_t line_start = i;
    bool color_cue = false;
    // "Flavours: vanilla, chocolate, red velvet": a flavour list names no colour but plain ones.
    const bool flavour_line = line_start < line_end &&
                              t.tokens[line_start].kind == TokenKind::kWord &&
                              FlavourCueWords().Contains(t.Word(t.tokens[line_start]));
    for (uint32_t k = line_start; k < line_end; ++k) {
      if (t.tokens[k].kind == TokenKind::kWord && ColorCueWords().Contains(t.Word(t.tokens[k]))) {
        std::string_view w = t.Lower(t.tokens[k]);
        // "in" only counts before a colour ("available in black", "also in red").
        if (w == "in") {
          if (k + 1 < line_end && t.tokens[k + 1].kind == TokenKind::kWord &&
              IsColorWord(t.Word(t.tokens[k + 1]))) {
            color_cue = true;
          }
          continue;
        }
        color_cue = true;
      }
    }
    for (uint32_t k = line_start; k < line_end; ++k) {
      const Token& tok = t.tokens[k];
      if (tok.kind == TokenKind::kWord) {
        std::string_view w = t.Lower(tok);
        // One size.
        if ((w == "free" || w == "one") && k + 1 < line_end &&
            (t.Lower(t.tokens[k + 1]) == "size" ||
             (t.Punct(t.tokens[k + 1]) == '-' && k + 2 < line_end &&
              t.Lower(t.tokens[k + 2]) == "size"))) {
          uint32_t e = t.Lower(t.tokens[k + 1]) == "size" ? k + 2 : k + 3;
          AddUnique(&out->sizes, "One Size");
          PushSpan(&out->size_spans, Span{tok.begin, t.tokens[e - 1].end});
          k = e - 1;
          continue;
        }
        if (w == "freesize" || w == "onesize") {
          AddUnique(&out->sizes, "One Size");
          PushSpan(&out->size_spans, Span{tok.begin, tok.end});
          continue;
        }
        const HashedWord word = t.Word(tok);
        if (SizeCueWords().Contains(word)) {
          uint32_t j = k + 1;
          while (j < line_end && (t.Punct(t.tokens[j]) == ':' || t.Punct(t.tokens[j]) == '-' ||
                                  t.Lower(t.tokens[j]) == "from" || t.Lower(t.tokens[j]) == "ni" ||
                                  t.Lower(t.tokens[j]) == "kuanzia")) {
            ++j;
          }
          int count = 0;
          uint32_t e =
              ReadSizeList(t, j, line_end, /*numeric_ok=*/true, /*spaced_ok=*/true, out, &count);
          if (count > 0) {
            k = e - 1;
            continue;
          }
        }
        // A size system's prefix before a numeric size is a cue of its own when a list or a range
        // follows: "UK 8, UK 10, UK 12", "EU 40 - 43".
        if ((w == "uk" || w == "eu" || w == "us" || w == "euro") &&
            IsNumericSizeAt(t, k + 1, line_end)) {
          Variants tmp;
          int count = 0;
          uint32_t e =
              ReadSizeList(t, k, line_end, /*numeric_ok=*/true, /*spaced_ok=*/false, &tmp, &count);
          if (count >= 2) {
            for (std::string& s : tmp.sizes) AddUnique(&out->sizes, std::move(s));
            for (Span s : tmp.size_spans) PushSpan(&out->size_spans, s);
            k = e - 1;
            continue;
          }
        }
        // A colour.
        const ColorWord* const* color = CaptionColors().Find(word);
        bool plain = color != nullptr && (*color)->use == ColorUse::kAnywhere;
        bool ambiguous = color != nullptr && (*color)->use == ColorUse::kInContext && !flavour_line;
        if (plain || ambiguous) {
          // Multi-word colours.
          const HashedWord next = k + 1 < line_end && t.tokens[k + 1].kind == TokenKind::kWord
                                      ? t.Word(t.tokens[k + 1])
                                      : HashedWord(std::string_view());
          if (w == "navy" && next.text == "blue") {
            AddUnique(&out->colors, "navy");
            PushSpan(&out->color_spans, Span{tok.begin, t.tokens[k + 1].end});
            k += 1;
            continue;
          }
          if (ColorCompoundHeads().Contains(next)) {
            ++k;
            continue;
          }
          if (IsBrandColor(t, k, line_end)) continue;
          // Adjacent to another colour through a list separator ("pink, beige", "black/white").
          bool listed = false;
          if (k + 2 < line_end && IsListSeparator(t, t.tokens[k + 1]) &&
              t.tokens[k + 2].kind == TokenKind::kWord && IsColorWord(t.Word(t.tokens[k + 2]))) {
            listed = true;
          }
          if (k >= line_start + 2 && IsListSeparator(t, t.tokens[k - 1]) &&
              t.tokens[k - 2].kind == TokenKind::kWord && IsColorWord(t.Word(t.tokens[k - 2]))) {
            listed = true;
          }
          // "Quilted shoulder bag cream 2,800": an ambiguous colour right after an item noun.
          bool after_noun = false;
          if (ambiguous && loose_colors && k > line_start &&
              t.tokens[k - 1].kind == TokenKind::kWord) {
            int weight = 0;
            after_noun = LookupCategoryWord(t.Word(t.tokens[k - 1]), &weight) >= 0 && weight >= 3;
          }
          bool ok = color_cue || listed || after_noun || (plain && loose_colors);
          if (!ok) continue;
          // The word's catalog spelling, as NormalizeColor gives it.
          AddUnique(&out->colors, std::string((*color)->canonical));
          PushSpan(&out->color_spans, Span{tok.begin, tok.end});
          if (color_cue) out->explicit_colors = true;
          continue;
        }
        if (w == "multi" && k + 2 < line_end && t.Punct(t.tokens[k + 1]) == '-' &&
            (t.Lower(t.tokens[k + 2]) == "colour" || t.Lower(t.tokens[k + 2]) == "color" ||
             t.Lower(t.tokens[k + 2]) == "coloured")) {
          AddUnique(&out->colors, "multicolor");
          PushSpan(&out->color_spans, Span{tok.begin, t.tokens[k + 2].end});
          k += 2;
          continue;
        }
      }
      // Letter-size lists without a cue: "(S, M, L)", "S/M - 1,200", "XL - 2,200", "XL-XXL: 3,200".
      uint32_t se = 0;
      if (IsLetterSizeAt(t, k, line_end, &se)) {
        Variants tmp;
        int count = 0;
        uint32_t e =
            ReadSizeList(t, k, line_end, /*numeric_ok=*/false, /*spaced_ok=*/false, &tmp, &count);
        // "Available in S M L XL": three letter sizes or more apart by spaces alone are a list.
        if (count < 2) {
          Variants spaced;
          int spaced_count = 0;
          uint32_t spaced_end = ReadSizeList(t, k, line_end, /*numeric_ok=*/false,
                                             /*spaced_ok=*/true, &spaced, &spaced_count);
          if (spaced_count >= 3) {
            tmp = std::move(spaced);
            count = spaced_count;
            e = spaced_end;
          }
        }
        bool in_parens = k > line_start && t.Punct(t.tokens[k - 1]) == '(';
        bool at_line_start = k == line_start ||
                             (k == line_start + 1 && t.tokens[line_start].kind != TokenKind::kWord);
        bool then_price = e < line_end && (IsDash(t, t.tokens[e]) || t.Punct(t.tokens[e]) == ':');
        std::string_view w = t.Lower(tok);
        bool single_letter_word = count == 1 && (w == "s" || w == "m" || w == "l");
        // "(small purse)": size words need a list or a cue; codes ("(M, L)") do not.
        if (count == 1 && (w == "small" || w == "medium" || w == "large")) in_parens = false;
        if ((count >= 2 && !single_letter_word) || (count >= 2 && (in_parens || then_price)) ||
            (count >= 1 && (in_parens || (at_line_start && then_price)))) {
          for (std::string& s : tmp.sizes) AddUnique(&out->sizes, std::move(s));
          for (Span s : tmp.size_spans) PushSpan(&out->size_spans, s);
          k = e - 1;
          continue;
        }
      }
    }
    i = line_end;
  }
}

}  // namespace vendly::internal
