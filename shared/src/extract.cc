// Extract: the caption extractor's pipeline. Tokenise, find money, describe and segment the lines,
// then build each product (name, price, variants, category, tags, description) with confidences
// that auto- approve can trust, and decide whether the post offers anything at all.
#include "vendly/extract.h"

#include <algorithm>
#include <string>

#include "category.h"
#include "classify.h"
#include "confidence.h"
#include "lexicon.h"
#include "naming.h"
#include "prices.h"
#include "segment.h"
#include "spec_units.h"
#include "text.h"
#include "variants.h"

namespace vendly {
namespace {

using internal::LineInfo;
using internal::Money;
using internal::MoneyRole;
using internal::Segment;
using internal::Segmentation;
using internal::Text;
using internal::Token;
using internal::TokenKind;

constexpr std::size_t kMaxTags = 8;
constexpr std::size_t kMaxProducts = 40;            // no real post lists more; bounds the work
constexpr std::size_t kMaxDescriptionBytes = 2200;  // Instagram's own caption limit, in characters
constexpr std::size_t kMaxHashtagTags = 5;

struct PriceChoice {
  int price = -1;  // index into money
  int old = -1;
  int top_strength = -1;
  int candidates = 0;  // distinct amounts in the top tier
};

// The lowest selling price of the strongest tier among `prices`, and the highest old price.
PriceChoice ChoosePrice(const std::vector<Money>& money, const std::vector<int>& prices,
                        const std::vector<int>& olds) {
  PriceChoice c;
  // Strengths 2 and 3 are one tier: "Lita 1: Tsh 18,000 / Nusu lita: 10,000" is priced 10,000.
  auto tier = [&](int m) { return std::min(money[m].strength, 2); };
  for (int m : prices) c.top_strength = std::max(c.top_strength, money[m].strength);
  int top_tier = c.top_strength < 0 ? -1 : std::min(c.top_strength, 2);
  if (top_tier >= 1) {
    double last = -1;
    for (int m : prices) {
      if (tier(m) != top_tier) continue;
      if (money[m].amount != last) ++c.candidates;
      last = money[m].amount;
      if (c.price < 0 || money[m].amount < money[c.price].amount) c.price = m;
    }
  }
  for (int m : olds) {
    if (c.old < 0 || money[m].amount > money[c.old].amount) c.old = m;
  }
  if (c.old >= 0 && c.price >= 0 && money[c.old].amount <= money[c.price].amount) c.old = -1;
  return c;
}

// The currency bare amounts take: the store's, unless every written mark of a selling price names
// one other currency ("$" throughout a KES store's post).
std::string BareCurrency(const std::vector<Money>& money, const std::string& store) {
  std::string other;
  for (const Money& m : money) {
    if (m.role != MoneyRole::kPrice || !m.explicit_currency) continue;
    if (m.currency == store) return store;
    if (!other.empty() && other != m.currency) return store;
    other = m.currency;
  }
  return other.empty() ? store : other;
}

bool IsNoiseLine(const LineInfo& info) {
  return info.empty || info.hashtags_only || ((info.contact || info.fee) && info.prices.empty());
}

// The caption without contact lines and hashtag walls, lines trimmed. `keep` selects the lines (all
// when null): a list item is described by its own lines and the lines all items share.
std::string Describe(const Text& t, const Segmentation& seg, const std::vector<char>* keep) {
  std::string out;
  out.reserve(std::min(t.raw.size(), kMaxDescriptionBytes + 64));
  for (std::size_t li = 0; li < t.lines.size(); ++li) {
    if (keep != nullptr && !(*keep)[li]) continue;
    const LineInfo& info = seg.lines[li];
    if (info.empty || info.hashtags_only || info.contact) continue;
    const internal::Line& line = t.lines[li];
    // Trailing hashtags of a line go too.
    uint32_t last = line.last;
    while (last > line.first && t.tokens[last - 1].kind == TokenKind::kHashtag) --last;
    if (last == line.first) continue;
    uint32_t b = t.tokens[line.first].begin;
    uint32_t e = t.tokens[last - 1].end;
    if (!out.empty()) out += '\n';
    out.append(t.raw.substr(b, e - b));
    if (out.size() >= kMaxDescriptionBytes) break;
  }
  if (out.size() > kMaxDescriptionBytes) {
    std::size_t cut = kMaxDescriptionBytes;
    // Cut before a UTF-8 continuation byte, never inside a character.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

void AddTag(std::vector<std::string>* tags, std::string tag) {
  if (tag.empty() || tags->size() >= kMaxTags) return;
  if (std::find(tags->begin(), tags->end(), tag) != tags->end()) return;
  if (tags->empty()) tags->reserve(kMaxTags);
  tags->push_back(std::move(tag));
}

// Scores the words of tokens [first, last) into `scorer` with `weight`.
void ScoreWords(const Text& t, uint32_t first, uint32_t last, double weight,
                internal::CategoryScorer* scorer) {
  for (uint32_t i = first; i < last; ++i) {
    const Token& tok = t.tokens[i];
    if (tok.kind == TokenKind::kHashtag) {
      scorer->AddHashtag(t.Lower(tok).substr(1), weight);
      continue;
    }
    if (tok.kind != TokenKind::kWord) continue;
    std::string_view next;
    if (i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord) next = t.Lower(t.tokens[i + 1]);
    bool used_next = false;
    scorer->AddWord(t.Word(tok), next, weight, Span{tok.begin, tok.end}, &used_next);
    if (used_next) ++i;
  }
}

// Joins spans that follow each other on one line ("black, grey, maroon" is one highlight, not
// three): fewer, longer spans read better in the dashboard and cost less to serialise.
std::vector<Span> MergeSpans(const Text& t, const std::vector<Span>& spans) {
  std::vector<Span> out;
  out.reserve(spans.size());
  for (const Span& s : spans) {
    if (!out.empty() && s.begin >= out.back().end && s.begin - out.back().end <= 24) {
      // Same line only: no newline between the two.
      std::string_view gap = t.raw.substr(out.back().end, s.begin - out.back().end);
      if (gap.find('\n') == std::string_view::npos) {
        out.back().end = s.end;
        continue;
      }
    }
    out.push_back(s);
  }
  return out;
}

// In a list, an item named without its noun ("Vanilla 1kg - 1,800" under "Birthday cakes", "Afro
// kinky - 300" under "Braiding hair") takes the title's head noun: the title's last item word (or
// two-word phrase) that is no brand.
void InheritHeadNoun(const internal::Name& header, internal::Name* name) {
  static constexpr std::string_view kDescriptorsWords[] = {
      "chocolate", "vanilla", "strawberry", "mango", "passion",  "lemon",  "orange", "mint",
      "caramel",   "kinky",   "curly",      "curls", "straight", "wavy",   "afro",   "boho",
      "classic",   "regular", "mini",       "large", "small",    "medium", "plain",  "spicy"};
  static const internal::WordSet kDescriptors(kDescriptorsWords);
  const bool descriptor = !name->words.empty() && kDescriptors.Contains(name->words.back());
  const bool nounless = name->head_score < 2 || (name->word_count <= 2 && descriptor);
  if (!nounless || name->word_count >= 6 || header.words.empty()) return;
  // The header's display words, one per entry of header.words.
  std::vector<std::string_view> shown;
  std::string_view text = header.text;
  while (!text.empty()) {
    std::size_t sp = text.find(' ');
    shown.push_back(text.substr(0, sp));
    if (sp == std::string_view::npos) break;
    text.remove_prefix(sp + 1);
  }
  if (shown.size() != header.words.size()) return;
  for (std::size_t h = header.words.size(); h-- > 0;) {
    const std::string& w = header.words[h];
    if (internal::IsBrandWord(w)) continue;
    int weight = 0, phrase_weight = 0;
    int c = internal::LookupCategoryWord(w, &weight);
    bool phrase =
        h > 0 && internal::LookupCategoryPhrase(header.words[h - 1], w, &phrase_weight) >= 0;
    if (c < 0 && !phrase) continue;
    if (!phrase && weight < (name->head_score >= 2 ? 3 : 2)) continue;
    if (c == internal::kBooks) return;
    std::size_t from = phrase ? h - 1 : h;
    for (std::size_t k = from; k <= h; ++k) {
      if (std::find(name->words.begin(), name->words.end(), header.words[k]) != name->words.end()) {
        return;  // the name has it already
      }
    }
    if (name->word_count + static_cast<int>(h - from + 1) > 6) return;
    for (std::size_t k = from; k <= h; ++k) {
      name->text += ' ';
      name->text += shown[k];
      name->words.push_back(header.words[k]);
      name->spans.push_back(header.spans[k]);
      ++name->word_count;
    }
    name->head_score = phrase ? phrase_weight : weight;
    name->item_score += name->head_score;
    return;
  }
}

// Currencies whose prices run in hundreds and thousands: a one- or two-digit amount is a misread
// more often than a price.
bool ThousandsCurrency(std::string_view code) {
  return code == "KES" || code == "UGX" || code == "TZS" || code == "RWF" || code == "NGN";
}

double Clamp01(double v) { return v < 0 ? 0 : (v > 1 ? 1 : v); }

// A noun and its plural compare equal: "shirts"/"shirt", "dresses"/"dress", "hoodies"/"hoody".
std::string_view Singular(std::string_view w) {
  auto ends = [&](std::string_view s) {
    return w.size() > s.size() + 2 && w.substr(w.size() - s.size()) == s;
  };
  if (ends("sses") || ends("shes") || ends("ches") || ends("xes")) return w.substr(0, w.size() - 2);
  if (ends("s") && !ends("ss")) return w.substr(0, w.size() - 1);
  return w;
}

// Sizes that belong to one item of several, on a line shared by a list's items: "Sizes M-XL for the
// shirts, 30-34 for the trousers", "Sizes: shirts M-XL, trousers 30-34". The line is cut into
// clauses at ',', ';', '/', '|', '&', "and" and "na"; a clause names an item when one of its words
// (plural or not) is a word of that item's name line and of no other item's; a clause naming none
// belongs to the one before it (or, at the start, the next). When clauses name two items or more,
// each clause's sizes go to its item alone, read as if the clause followed a size cue. Returns
// false (and leaves `per_item` alone) when the line is not such a line.
bool ReadSizesPerItem(const Text& t, const Segmentation& seg, uint32_t li,
                      std::vector<internal::Variants>* per_item) {
  const LineInfo& info = seg.lines[li];
  if (!internal::HasSizeCue(t, info.content_first, info.last)) return false;
  const std::size_t n_items = seg.items.size();
  // The item a word names, or -1 (none) / -2 (several).
  auto item_of = [&](std::string_view w) {
    int found = -1;
    for (std::size_t k = 0; k < n_items; ++k) {
      const int nl = seg.items[k].name_line;
      if (nl < 0) continue;
      const internal::Line& line = t.lines[static_cast<uint32_t>(nl)];
      for (uint32_t j = line.first; j < line.last; ++j) {
        const Token& tok = t.tokens[j];
        if (tok.kind != TokenKind::kWord || tok.has_digit || tok.end - tok.begin < 3) continue;
        if (Singular(t.Lower(tok)) != w) continue;
        if (found >= 0 && found != static_cast<int>(k)) return -2;
        found = static_cast<int>(k);
        break;
      }
    }
    return found;
  };
  struct Clause {
    uint32_t first, last;
    int item;
  };
  std::vector<Clause> clauses;
  uint32_t start = info.content_first;
  for (uint32_t i = info.content_first; i <= info.last; ++i) {
    const char p = i < info.last ? t.Punct(t.tokens[i]) : '\0';
    const bool joiner = i < info.last && (t.Is(t.tokens[i], "and") || t.Is(t.tokens[i], "na"));
    if (i < info.last && p != ',' && p != ';' && p != '/' && p != '|' && p != '&' && !joiner) {
      continue;
    }
    Clause c{start, i, -1};
    for (uint32_t j = start; j < i && c.item != -2; ++j) {
      const Token& tok = t.tokens[j];
      if (tok.kind != TokenKind::kWord || tok.has_digit || tok.end - tok.begin < 3) continue;
      const int k = item_of(Singular(t.Lower(tok)));
      if (k == -1) continue;
      c.item = (c.item == -1 || c.item == k) ? k : -2;
    }
    if (c.item == -2) return false;
    clauses.push_back(c);
    start = i + 1;
  }
  int named = 0;
  std::vector<char> seen(n_items, 0);
  for (const Clause& c : clauses) {
    if (c.item >= 0 && !seen[static_cast<std::size_t>(c.item)]) {
      seen[static_cast<std::size_t>(c.item)] = 1;
      ++named;
    }
  }
  if (named < 2) return false;
  int owner = -1;
  for (const Clause& c : clauses) {
    if (c.item >= 0) {
      owner = c.item;
      break;
    }
  }
  per_item->resize(n_items);
  for (const Clause& c : clauses) {
    if (c.item >= 0) owner = c.item;
    if (c.first >= c.last) continue;
    // The clause's sizes after a cue, its other words left out: "trousers 30-34" reads as
    // "sizes 30-34".
    std::string text = "sizes";
    for (uint32_t j = c.first; j < c.last; ++j) {
      const Token& tok = t.tokens[j];
      uint32_t end = j;
      if (tok.kind == TokenKind::kWord && !tok.has_digit &&
          !internal::IsLetterSizeAt(t, j, c.last, &end)) {
        continue;
      }
      if (tok.space_before || j == c.first) text += ' ';
      text.append(t.Raw(tok));
    }
    Text clause;
    internal::Tokenise(text, &clause);
    internal::Variants v;
    internal::ReadVariants(clause, 0, static_cast<uint32_t>(clause.tokens.size()), false, &v);
    internal::Variants& out = (*per_item)[static_cast<std::size_t>(owner)];
    for (std::string& z : v.sizes) {
      if (std::find(out.sizes.begin(), out.sizes.end(), z) == out.sizes.end()) {
        out.sizes.push_back(std::move(z));
      }
    }
  }
  return true;
}

// This thread's Text for ExtractWithFeatures, left with no view of the caption afterwards. A
// nested use (none today) gets a Text of its own.
class ScratchText {
 public:
  ScratchText() : text_(InUse() ? own_ : Cache()) { InUse() = true; }
  ~ScratchText() {
    if (&text_ == &own_) return;
    text_.raw = std::string_view();
    if (text_.tokens.capacity() > kKeptTokens) text_ = Text();
    InUse() = false;
  }
  ScratchText(const ScratchText&) = delete;
  ScratchText& operator=(const ScratchText&) = delete;

  Text& text() { return text_; }

 private:
  static Text& Cache() {
    thread_local Text cache;
    return cache;
  }
  static bool& InUse() {
    thread_local bool in_use = false;
    return in_use;
  }
  // Past this many tokens (a caption of about 12 KB) the buffers are freed after the post.
  static constexpr std::size_t kKeptTokens = 4096;

  Text own_;
  Text& text_;
};

}  // namespace

namespace internal {

Extraction ExtractWithFeatures(const Post& post, std::vector<ConfidenceFeatures>* features) {
  Extraction x;
  x.id = post.id;
  const std::string store = post.store_currency.empty() ? std::string("KES") : post.store_currency;

  // The caption's tokens, in this thread's Text kept from post to post: its buffers are reused
  // instead of allocated for every caption (ScratchText gives up ones a huge caption grew).
  ScratchText scratch;
  Text& t = scratch.text();
  internal::Tokenise(post.caption, &t);
  internal::SplitItemLines(&t);
  std::vector<Money> money = internal::FindMoney(t, store);
  internal::ReadMenuPrices(t, &money);
  const std::string bare = BareCurrency(money, store);
  for (Money& m : money) {
    if (!m.explicit_currency) m.currency = bare;
  }
  Segmentation seg = internal::SegmentPost(t, money);
  internal::PostCues cues = internal::ReadPostCues(t);
  std::string description = seg.multi ? std::string() : Describe(t, seg, nullptr);

  std::vector<std::string> hashtags;
  for (const Token& tok : t.tokens) {
    if (tok.kind != TokenKind::kHashtag || hashtags.size() >= kMaxHashtagTags) continue;
    std::string tag(t.Lower(tok).substr(1));
    if (std::find(hashtags.begin(), hashtags.end(), tag) != hashtags.end()) continue;
    if (hashtags.empty()) hashtags.reserve(kMaxHashtagTags);
    hashtags.push_back(std::move(tag));
  }
  bool any_dm_for_price = false;
  for (const LineInfo& info : seg.lines) any_dm_for_price = any_dm_for_price || info.dm_for_price;

  const bool single = !seg.multi;
  bool all_items_priced = true;
  for (const Segment& s : seg.items) {
    bool priced = false;
    for (uint32_t li : s.lines) {
      for (int m : seg.lines[li].prices) priced = priced || money[m].strength >= 2;
    }
    all_items_priced = all_items_priced && priced;
  }
  int strongest_price = -1;
  bool strong_item = false;  // some product's name is clear enough to stand without a price
  int first_priced_line = -1;
  for (uint32_t li = 0; li < seg.lines.size() && first_priced_line < 0; ++li) {
    if (!seg.lines[li].prices.empty() || !seg.lines[li].olds.empty()) {
      first_priced_line = static_cast<int>(li);
    }
  }
  // What the lines shared by a list's items say, read once for all of them.
  internal::Variants shared_variants;
  internal::CategoryScorer shared_scorer;
  bool shared_sizes_named = false;  // a shared line with sizes also names an item (confidence.h)
  std::vector<internal::Variants> item_sizes;  // per item: sizes a shared line gave it alone
  if (!single) {
    for (uint32_t li : seg.shared_lines) {
      const LineInfo& info = seg.lines[li];
      const std::size_t sizes_before = shared_variants.sizes.size();
      internal::Variants line_variants;
      internal::ReadVariants(t, info.content_first, info.last, false, &line_variants);
      bool per_item = false;
      if (!line_variants.sizes.empty() && ReadSizesPerItem(t, seg, li, &item_sizes)) {
        line_variants.sizes.clear();
        per_item = true;
      }
      for (std::string& c : line_variants.colors) {
        if (std::find(shared_variants.colors.begin(), shared_variants.colors.end(), c) ==
            shared_variants.colors.end()) {
          shared_variants.colors.push_back(std::move(c));
        }
      }
      for (std::string& z : line_variants.sizes) {
        if (std::find(shared_variants.sizes.begin(), shared_variants.sizes.end(), z) ==
            shared_variants.sizes.end()) {
          shared_variants.sizes.push_back(std::move(z));
        }
      }
      shared_variants.explicit_colors =
          shared_variants.explicit_colors || line_variants.explicit_colors;
      ScoreWords(t, info.content_first, info.last, 0.5, &shared_scorer);
      if ((shared_variants.sizes.size() > sizes_before || per_item) && !shared_sizes_named) {
        internal::CategoryScorer line_scorer;
        ScoreWords(t, info.content_first, info.last, 1.0, &line_scorer);
        for (int c = 0; c < 9; ++c)
          shared_sizes_named = shared_sizes_named || line_scorer.Score(c) >= 2;
      }
    }
  }
  x.products.reserve(std::min(seg.items.size(), kMaxProducts));
  for (const Segment& s : seg.items) {
    if (s.name_line < 0) continue;
    if (x.products.size() >= kMaxProducts) break;
    internal::Name name = internal::TakeItemName(t, &seg, static_cast<uint32_t>(s.name_line));
    if (name.text.empty()) continue;
    const int own_word_count = name.word_count;
    // In a list, an item named without its noun ("Vanilla 1kg - 1,800" under "Birthday cakes")
    // takes the title's head noun.
    if (!single && !s.title_item && seg.header_line >= 0) {
      InheritHeadNoun(internal::TitleName(t, &seg, static_cast<uint32_t>(seg.header_line)), &name);
    }

    Product p;
    p.name = std::move(name.text);
    p.evidence.name = MergeSpans(t, name.spans);
    if (single) {
      p.description = std::move(description);  // a single-item post has one product
    } else {
      std::vector<char> keep(t.lines.size(), 0);
      for (uint32_t li : s.lines) keep[li] = 1;
      for (uint32_t li : seg.shared_lines) keep[li] = 1;
      keep[s.name_line] = 1;
      p.description = Describe(t, seg, &keep);
    }

    // Price.
    std::vector<int> prices, olds;
    for (uint32_t li : s.lines) {
      for (int m : seg.lines[li].prices) prices.push_back(m);
      for (int m : seg.lines[li].olds) olds.push_back(m);
    }
    PriceChoice pc = ChoosePrice(money, prices, olds);
    bool dm_for_price = false;
    for (uint32_t li : s.lines) dm_for_price = dm_for_price || seg.lines[li].dm_for_price;
    if (single) dm_for_price = any_dm_for_price;
    if (pc.price >= 0) {
      const Money& m = money[pc.price];
      p.price = m.amount;
      p.currency = m.currency;
      p.evidence.price.push_back(Span{m.begin, m.end});
      if (m.explicit_currency) p.evidence.currency.push_back(Span{m.begin, m.end});
      strongest_price = std::max(strongest_price, m.strength);
    } else {
      p.currency = store;
    }
    if (pc.old >= 0) {
      p.old_price = money[pc.old].amount;
      p.evidence.old_price.push_back(Span{money[pc.old].begin, money[pc.old].end});
    }

    // Category: the name's words weigh most (its head noun most of all), then the item's own lines,
    // then the post's other lines and hashtags.
    internal::CategoryScorer scorer;
    for (std::size_t k = 0; k < name.words.size(); ++k) {
      // "Toy phone", "Kids toy laptop": a toy of that kind, whatever its head names ("Toy Story
      // DVD" is a film).
      const bool toy =
          k + 2 == name.words.size() && (name.words[k] == "toy" || name.words[k] == "toys");
      bool head = k + 1 == name.words.size();
      std::string_view next =
          k + 1 < name.words.size() ? std::string_view(name.words[k + 1]) : std::string_view();
      bool used_next = false;
      scorer.AddWord(name.words[k], next, toy ? 8.0 : (head ? 4.0 : 2.0), name.spans[k],
                     &used_next);
      if (used_next) ++k;
    }
    double name_scores[9];
    for (int c = 0; c < 9; ++c) name_scores[c] = scorer.Score(c);
    std::vector<uint32_t> own_lines = s.lines;
    if (std::find(own_lines.begin(), own_lines.end(), static_cast<uint32_t>(s.name_line)) ==
        own_lines.end()) {
      own_lines.push_back(static_cast<uint32_t>(s.name_line));
    }
    for (uint32_t li : own_lines) {
      ScoreWords(t, seg.lines[li].content_first, seg.lines[li].last, 1.0, &scorer);
    }
    if (!single) scorer.Merge(shared_scorer);
    double word_scores[9];
    for (int c = 0; c < 9; ++c) word_scores[c] = scorer.Score(c);
    for (const std::string& tag : hashtags) scorer.AddHashtag(tag, single ? 1.0 : 0.5);
    double category_conf = 0;
    int category = scorer.Best(&category_conf);
    p.category = kCategories[category];
    p.evidence.category = scorer.Evidence(category, 2);  // the strongest come first

    // Sizes and colours: the item's lines, and in a list post the lines shared by all items.
    bool loose = category != internal::kFood && category != internal::kBooks;
    internal::Variants v;
    std::vector<uint32_t> variant_lines = single ? s.lines : own_lines;
    std::sort(variant_lines.begin(), variant_lines.end());
    int size_lines_numbers_unread = 0;  // numbers left unread on the lines sizes came from
    int unread_number_lines = 0;
    for (uint32_t li : variant_lines) {
      const LineInfo& info = seg.lines[li];
      if (IsNoiseLine(info)) continue;
      const std::size_t spans_before = v.size_spans.size();
      internal::ReadVariants(t, info.content_first, info.last, loose, &v);
      if (!info.prices.empty() || !info.olds.empty()) continue;
      if (v.size_spans.size() == spans_before && !info.size_cue) {
        // A line mostly of numbers (measures aside) that nothing was read from: sizes the reader
        // does not know ("UK 8, UK 10"), or a count or a grade; read, not guessed.
        int numbers = 0, words = 0;
        for (uint32_t i = info.content_first; i < info.last; ++i) {
          const Token& tok = t.tokens[i];
          words += tok.kind == TokenKind::kWord;
          if (tok.kind != TokenKind::kNumber) continue;
          // A number before a unit is a measure ("2 litres", "1500 W"), read for what it is.
          const bool measure =
              i + 1 < info.last && t.tokens[i + 1].kind == TokenKind::kWord &&
              internal::IsSpecUnit(HashedWord(t.Lower(t.tokens[i + 1]), t.tokens[i + 1].hash));
          numbers += !measure;
        }
        unread_number_lines +=
            numbers >= 2 && numbers >= words && static_cast<int>(li) != s.name_line;
        continue;
      }
      for (uint32_t i = info.content_first; i < info.last; ++i) {
        if (t.tokens[i].kind != TokenKind::kNumber) continue;
        bool read = false;
        for (std::size_t k = spans_before; k < v.size_spans.size() && !read; ++k) {
          read =
              v.size_spans[k].begin <= t.tokens[i].begin && t.tokens[i].end <= v.size_spans[k].end;
        }
        size_lines_numbers_unread += !read;
      }
    }
    if (!single) {
      for (const std::string& c : shared_variants.colors) {
        if (std::find(v.colors.begin(), v.colors.end(), c) == v.colors.end()) v.colors.push_back(c);
      }
      for (const std::string& z : shared_variants.sizes) {
        if (std::find(v.sizes.begin(), v.sizes.end(), z) == v.sizes.end()) v.sizes.push_back(z);
      }
      const std::size_t item = static_cast<std::size_t>(&s - seg.items.data());
      if (item < item_sizes.size()) {
        for (const std::string& z : item_sizes[item].sizes) {
          if (std::find(v.sizes.begin(), v.sizes.end(), z) == v.sizes.end()) v.sizes.push_back(z);
        }
      }
      v.explicit_colors = v.explicit_colors || shared_variants.explicit_colors;
    }
    const int size_spans = static_cast<int>(v.size_spans.size());
    p.sizes = std::move(v.sizes);
    p.colors = std::move(v.colors);
    p.evidence.sizes = MergeSpans(t, v.size_spans);
    p.evidence.colors = MergeSpans(t, v.color_spans);

    // Tags: hashtags, then the name's words.
    for (const std::string& tag : hashtags) AddTag(&p.tags, tag);
    for (const std::string& w : name.words) {
      if (w.size() < 3 || internal::IsUnitNoun(w) || (w[0] >= '0' && w[0] <= '9')) continue;
      std::string tag;
      for (char c : w) {
        if (c != '\'') tag += c;
      }
      AddTag(&p.tags, tag);
    }

    for (uint32_t li : s.lines) p.sold_out = p.sold_out || seg.lines[li].sold;
    if (single && cues.sold_out) p.sold_out = true;

    // Confidence: the probability that the seller accepts each field and the product unedited,
    // from what the reading looked like (confidence.h).
    internal::ConfidenceFeatures cf;
    if (pc.price >= 0) {
      const Money& m = money[pc.price];
      cf.price_strength = m.strength;
      cf.price_candidates = pc.candidates;
      cf.price_explicit = m.explicit_currency;
      cf.price_risky = m.risky;
      cf.price_tiny = m.tiny;
      // A one- or two-digit amount where prices run in thousands, or a one-digit one with no
      // currency mark anywhere: more often a spec, a model number or a count than a price.
      cf.price_small = (m.amount < 100 && ThousandsCurrency(m.currency)) ||
                       (m.amount < 10 && !m.explicit_currency);
    }
    cf.dm_for_price = pc.price < 0 && dm_for_price;
    if (pc.old >= 0) {
      cf.has_old = true;
      cf.old_risky = money[pc.old].risky;
    }
    cf.name_head = name.head_score;
    cf.name_item = name.item_score;
    cf.name_words = name.word_count;
    cf.name_translated = name.translated > 0;
    cf.name_rivals = name.rivals > 0;
    cf.name_inherited = name.word_count != own_word_count;
    // A one-item post whose name comes from a line after its price: no line before it named
    // anything, so the name is the best of what was left.
    cf.name_fallback = single && first_priced_line >= 0 && s.name_line > first_priced_line;
    cf.name_line = s.name_line;
    {
      // SplitItemLines cut the caption line in chunks: no newline between this line and the next.
      const std::size_t li = static_cast<std::size_t>(s.name_line);
      auto joined = [&](std::size_t a, std::size_t b) {
        return t.raw.substr(t.lines[a].end, t.lines[b].begin - t.lines[a].end).find('\n') ==
               std::string_view::npos;
      };
      cf.name_split =
          (li > 0 && joined(li - 1, li)) || (li + 1 < t.lines.size() && joined(li, li + 1));
    }
    cf.name_on_price_line = !seg.lines[s.name_line].prices.empty();
    for (const std::string& w : name.words) {
      bool digit = false;
      for (char c : w) digit = digit || (c >= '0' && c <= '9');
      int weight = 0;
      if (!digit && internal::LookupCategoryWord(w, &weight) < 0 && !internal::IsBrandWord(w) &&
          !internal::IsColorWord(w)) {
        ++cf.name_unknown;
      }
    }
    cf.name_number_first = !name.words.empty() && !name.words[0].empty() &&
                           name.words[0][0] >= '0' && name.words[0][0] <= '9';
    if (name.chunk_last > name.chunk_first) {
      const LineInfo& info = seg.lines[s.name_line];
      for (uint32_t i = info.content_first; i < info.last; ++i) {
        if (t.tokens[i].kind != TokenKind::kWord) continue;
        if (i < name.chunk_first || i >= name.chunk_last) ++cf.name_line_extra;
      }
    }
    for (uint32_t li = 0; li < seg.lines.size(); ++li) {
      const LineInfo& info = seg.lines[li];
      if (info.empty || info.hashtags_only || info.contact || info.fee) continue;
      ++cf.content_lines;
      if (!single || static_cast<int>(li) == s.name_line) continue;
      // Another line that names an item just as well makes the title choice a guess.
      const int other_score = internal::TitleScores(t, &seg, li).item_score;
      if (other_score >= 2) ++cf.name_others;
      if (other_score < 3 || cf.name_competing) continue;
      if (internal::TitleName(t, &seg, li).text != p.name) cf.name_competing = true;
    }
    cf.multi = !single;
    cf.list_layout = seg.list_layout;
    cf.all_priced = all_items_priced;
    cf.non_product_cue = !cues.non_product.empty();
    cf.category_score = category_conf;
    {
      double top = 0, second = 0;
      for (int c = 0; c < 9; ++c) {
        const double sc = scorer.Score(c);
        if (sc > top) {
          second = top;
          top = sc;
        } else if (sc > second) {
          second = sc;
        }
      }
      cf.category_margin = top > 0 ? (top - second) / top : 0;
      // The kind of evidence the category rests on: the name's head noun (or its last two words as
      // a phrase), a brand in the name, another word of the name, a word elsewhere in the item's
      // lines, only hashtags.
      int head_category = -1, weight = 0;
      const std::size_t nw = name.words.size();
      if (nw >= 2) {
        head_category =
            internal::LookupCategoryPhrase(name.words[nw - 2], name.words[nw - 1], &weight);
      }
      if (head_category < 0 && nw >= 1) {
        head_category = internal::LookupCategoryWord(name.words[nw - 1], &weight);
      }
      bool brand = false;
      for (std::size_t k = 0; k < nw; ++k) {
        const std::string& w = name.words[k];
        if (internal::LookupCategoryWord(w, &weight) == category) {
          brand = brand || internal::IsBrandWord(w);
          cf.category_name_weight = std::max(cf.category_name_weight, weight);
        }
        if (k + 1 < nw &&
            internal::LookupCategoryPhrase(w, name.words[k + 1], &weight) == category) {
          cf.category_name_weight = std::max(cf.category_name_weight, weight);
        }
      }
      cf.category_contested = internal::IsContestedCategoryName(name.words);
      cf.service = cues.service;
      using E = internal::CategoryEvidence;
      cf.category_evidence = top <= 0                    ? E::kNone
                             : head_category == category ? E::kHeadNoun
                             : brand                     ? E::kBrand
                             : name_scores[category] > 0 ? E::kNameWord
                             : word_scores[category] > 0 ? E::kCaptionWord
                                                         : E::kHashtagOnly;
    }
    cf.sizes = static_cast<int>(p.sizes.size());
    cf.sizes_shared = !single && !shared_variants.sizes.empty();
    cf.size_spans = size_spans;
    cf.sizes_shared_named = cf.sizes_shared && shared_sizes_named;
    cf.size_numbers_unread = size_lines_numbers_unread;
    cf.unread_number_lines = unread_number_lines;
    cf.fashion = category == internal::kFashion;
    {
      bool numeric = false, letter = false;
      for (const std::string& z : p.sizes) {
        const bool digit = !z.empty() && z[0] >= '0' && z[0] <= '9';
        numeric = numeric || digit;
        letter = letter || !digit;
      }
      cf.sizes_mixed = numeric && letter;
    }
    cf.colors = static_cast<int>(p.colors.size());
    cf.explicit_colors = v.explicit_colors;
    p.confidence = Clamp01(internal::ScoreConfidence(cf, &p.field_confidence));
    // Whether the post names its item clearly enough to be an offer without a price (below): a
    // strong head noun, or item words, less what puts the name in doubt.
    double name_strength = name.head_score >= 3 ? 0.95 : (name.item_score >= 2 ? 0.9 : 0.7);
    if (name.word_count < 2) name_strength -= 0.06;
    if (name.translated > 0) name_strength -= 0.07;
    if (name.rivals > 0) name_strength -= 0.06;
    if (cf.name_competing) name_strength -= 0.05;
    strong_item = strong_item || name_strength >= 0.85;
    if (features != nullptr) features->push_back(cf);
    x.products.push_back(std::move(p));
  }

  // Is it a product? A written price on a named item is strong evidence; without a price, the post
  // needs an order cue ("DM for price", "order now") and a clear item, and no non-product cue.
  bool any_price = strongest_price >= 1;
  bool is_product = false;
  if (!x.products.empty()) {
    if (any_price) {
      is_product = !(cues.hard && (strongest_price < 3 || cues.never_product));
    } else {
      // An explicit "DM for price" outweighs soft cues ("Good morning ... chat me up for price").
      bool blocked = any_dm_for_price ? cues.hard : !cues.non_product.empty();
      // A bare listing title ("Ladies Block Heels Brand New") offers its item too.
      bool title = single && !seg.items.empty() && seg.items[0].name_line >= 0 &&
                   internal::IsListingTitle(t, seg, static_cast<uint32_t>(seg.items[0].name_line));
      is_product = (any_dm_for_price || cues.order_cue || title) && strong_item && !blocked;
    }
  }
  if (!is_product) {
    x.products.clear();
    if (features != nullptr) features->clear();
    x.reason = cues.non_product.empty() ? "no item for sale" : std::string(cues.non_product);
  }
  x.is_product = is_product;
  return x;
}

}  // namespace internal

Extraction Extract(const Post& post) { return internal::ExtractWithFeatures(post, nullptr); }

}  // namespace vendly
