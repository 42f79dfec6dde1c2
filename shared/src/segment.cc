#include "segment.h"

#include <string>
#include <utility>

#include "category.h"
#include "lexicon.h"
#include "naming.h"
#include "variants.h"

namespace vendly::internal {
namespace {

const WordSet& ContactWords() {
  static constexpr std::string_view kWords[] = {
      "whatsapp", "call",    "piga",     "dm",       "inbox",    "till",      "paybill",
      "mpesa",    "m-pesa",  "momo",     "link",     "tupo",     "tuko",      "tunapatikana",
      "location", "located", "find",     "visit",    "contact",  "wa",        "sms",
      "text",     "tel",     "phone",    "lipa",     "order",    "orders",    "pm",
      "shop",     "pickup",  "deliver",  "delivery", "tunatuma", "tunafanya", "oda",
      "ship",     "ships",   "shipping", "pay",      "payment",  "dms"};
  static const WordSet k(kWords);
  return k;
}

const WordSet& AskWords() {
  static constexpr std::string_view kWords[] = {"dm",       "inbox",   "ask",     "chat",   "call",
                                                "whatsapp", "contact", "text",    "pm",     "dms",
                                                "enquire",  "inquire", "request", "message"};
  static const WordSet k(kWords);
  return k;
}

const WordSet& CueWords() {
  static constexpr std::string_view kWords[] = {
      "price",        "prices",     "bei",       "was",       "now",       "only",     "each",
      "per",          "from",       "kuanzia",   "starting",  "at",        "for",      "sasa",
      "kabla",        "before",     "initially", "tu",        "cost",      "costs",    "going",
      "just",         "retail",     "ni",        "any",       "all",       "both",     "also",
      "with",         "plus",       "depending", "kulingana", "on",        "size",     "quality",
      "zamani",       "bob",        "ksh",       "kes",       "kshs",      "sh",       "shs",
      "ugx",          "ush",        "tsh",       "tzs",       "rwf",       "frw",      "ngn",
      "usd",          "k",          "shipping",  "included",  "inclusive", "delivery", "free",
      "installation", "negotiable", "ono"};
  static const WordSet k(kWords);
  return k;
}

// Words that open a line describing the item rather than naming it: "Fits a 15 inch laptop",
// "Perfect for coffee lovers", "Comes with a charger", "Inafaa kila siku".
const WordSet& DescriptionStarters() {
  static constexpr std::string_view kWords[] = {"fits",  "perfect",  "ideal",  "suitable",
                                                "comes", "designed", "keeps",  "holds",
                                                "works", "inafaa",   "inakaa", "inatoshea"};
  static const WordSet k(kWords);
  return k;
}

// True when the first word of line `li` opens a description (DescriptionStarters).
bool OpensDescription(const Text& t, const Line& line) {
  for (uint32_t i = line.first; i < line.last; ++i) {
    const Token& tok = t.tokens[i];
    if (tok.kind == TokenKind::kWord) return DescriptionStarters().Contains(t.Word(tok));
    if (tok.kind != TokenKind::kEmoji && tok.kind != TokenKind::kPunct) return false;
  }
  return false;
}

bool IsBulletPunct(std::string_view r) {
  return r == "-" || r == "*" || r == ">" || r == "\xE2\x80\xA2" || r == "\xC2\xB7" ||
         r == "\xE2\x80\x93" || r == "\xE2\x80\x94" || r == "\xE2\x97\x8F" || r == "\xE2\x96\xAA";
}

// Words a number counts the capacity of an item in: "4 person tent", "3 seater sofa".
const WordSet& CapacityWords() {
  static constexpr std::string_view kWords[] = {
      "person", "persons", "people", "seater", "seaters", "burner", "burners", "tier",
      "tiers",  "door",    "doors",  "inch",   "inches",  "plates", "litres",  "liters"};
  static const WordSet k(kWords);
  return k;
}

}  // namespace

bool HasItemWords(const Text& t, uint32_t first, uint32_t last) {
  for (uint32_t i = first; i < last; ++i) {
    const Token& tok = t.tokens[i];
    if (tok.kind != TokenKind::kWord) continue;
    if (i > first && !tok.space_before && t.tokens[i - 1].kind == TokenKind::kNumber) continue;
    if (tok.end - tok.begin < 2 || tok.has_digit) continue;
    uint32_t end = 0;
    if (IsLetterSizeAt(t, i, last, &end)) continue;
    const HashedWord w = t.Word(tok);
    if (IsNameFiller(w) || IsUnitNoun(w) || CueWords().Contains(w) || IsMoneyWord(w) ||
        IsBundleWord(w)) {
      continue;
    }
    // A capacity counted by the number before it ("6 person at 8,500", "3 seater - 45,000") is an
    // option of the item, not an item.
    if (i > first && t.tokens[i - 1].kind == TokenKind::kNumber && CapacityWords().Contains(w)) {
      continue;
    }
    // Plain colours alone ("Black - 1,500") are variants; "Chocolate 1kg" is an item.
    if (IsColorWord(w) && !IsAmbiguousColorWord(w)) continue;
    return true;
  }
  return false;
}

const Name& TitleScores(const Text& t, Segmentation* seg, uint32_t li) {
  if (seg->title_done[li] == 0) {
    seg->title_names[li] = ChooseBestName(t, seg->lines[li].content_first, seg->lines[li].last);
    seg->title_done[li] = 1;
  }
  return seg->title_names[li];
}

const Name& TitleName(const Text& t, Segmentation* seg, uint32_t li) {
  TitleScores(t, seg, li);
  if (seg->title_done[li] == 1) {
    SpellName(t, &seg->title_names[li]);
    seg->title_done[li] = 2;
  }
  return seg->title_names[li];
}

Name TakeItemName(const Text& t, Segmentation* seg, uint32_t li) {
  ItemName(t, seg, li);
  seg->item_done[li] = 0;  // a later ItemName builds it again
  return std::move(seg->item_names[li]);
}

const Name& ItemName(const Text& t, Segmentation* seg, uint32_t li) {
  if (!seg->item_done[li]) {
    seg->item_names[li] = BuildBestName(t, seg->lines[li].name_first, seg->lines[li].name_last);
    seg->item_done[li] = 1;
  }
  return seg->item_names[li];
}

namespace {

// True when tokens [first, last) read "<item words> [-|:] <amount> [mark|each]".
bool IsPricedItemChunk(const Text& t, uint32_t first, uint32_t last) {
  static constexpr std::string_view kTailWords[] = {"bob",  "ksh",  "kshs", "kes", "sh",  "shs",
                                                    "each", "only", "tu",   "ugx", "tzs", "tsh",
                                                    "rwf",  "frw",  "ngn",  "usd"};
  static const WordSet kTail(kTailWords);
  uint32_t end = last;
  while (end > first && (t.tokens[end - 1].kind == TokenKind::kEmoji ||
                         (t.tokens[end - 1].kind == TokenKind::kWord &&
                          kTail.Contains(t.Word(t.tokens[end - 1]))))) {
    --end;
  }
  if (end <= first || t.tokens[end - 1].kind != TokenKind::kNumber) return false;
  uint32_t amount = end - 1;
  // The amount is no unit and has at least two digits ("24" in "FIFA 24" is the name's).
  std::string_view raw = t.Raw(t.tokens[amount]);
  if (raw.size() < 2) return false;
  uint32_t name_end = amount;
  while (name_end > first &&
         (IsDash(t, t.tokens[name_end - 1]) || t.Punct(t.tokens[name_end - 1]) == ':' ||
          t.tokens[name_end - 1].kind == TokenKind::kCurrency ||
          (t.tokens[name_end - 1].kind == TokenKind::kWord &&
           kTail.Contains(t.Word(t.tokens[name_end - 1]))))) {
    --name_end;
  }
  return name_end > first && HasItemWords(t, first, name_end);
}

}  // namespace

void SplitItemLines(Text* text) {
  Text& t = *text;
  std::vector<Line> lines;
  lines.reserve(t.lines.size());
  std::vector<uint32_t> cuts;  // token index of each separating comma of the line
  for (const Line& line : t.lines) {
    // Comma chunks of the line.
    // A fee line keeps its clauses together: "Delivery within Lagos N2k, outside Lagos N4.5k".
    static constexpr std::string_view kFeeWordList[] = {
        "delivery", "deliveries", "shipping", "deposit",      "fee",    "fees",   "transport",
        "courier",  "postage",    "rider",    "installation", "pickup", "usafiri"};
    static const WordSet kFeeWords(kFeeWordList);
    cuts.clear();
    bool fee = false;
    for (uint32_t i = line.first; i < line.last; ++i) {
      const Token& tok = t.tokens[i];
      char p = t.Punct(tok);
      // A slash or bar between spaces separates items too; "S/M" and "8/256" do not.
      bool spaced = (p == '/' || p == '|') && tok.space_before && i + 1 < line.last &&
                    t.tokens[i + 1].space_before;
      if (p == ',' || p == ';' || spaced) cuts.push_back(i);
      if (t.tokens[i].kind == TokenKind::kWord && kFeeWords.Contains(t.Word(t.tokens[i]))) {
        fee = true;
      }
    }
    if (fee) cuts.clear();
    int qualifying = 0;
    uint32_t start = line.first;
    for (std::size_t c = 0; c <= cuts.size(); ++c) {
      uint32_t stop = c < cuts.size() ? cuts[c] : line.last;
      if (IsPricedItemChunk(t, start, stop)) ++qualifying;
      start = stop + 1;
    }
    if (cuts.empty() || qualifying < 2 || qualifying + 1 < static_cast<int>(cuts.size() + 1)) {
      lines.push_back(line);
      continue;
    }
    start = line.first;
    for (std::size_t c = 0; c <= cuts.size(); ++c) {
      uint32_t stop = c < cuts.size() ? cuts[c] : line.last;
      Line part;
      part.first = start;
      part.last = stop;
      part.begin = start < stop ? t.tokens[start].begin : line.begin;
      part.end = start < stop ? t.tokens[stop - 1].end : part.begin;
      lines.push_back(part);
      start = stop + 1;
    }
  }
  if (lines.size() == t.lines.size()) return;
  t.lines = std::move(lines);
  for (uint32_t li = 0; li < t.lines.size(); ++li) {
    for (uint32_t i = t.lines[li].first; i < t.lines[li].last; ++i) t.tokens[i].line = li;
  }
  // The separating commas keep the line of the chunk before them.
  for (uint32_t li = 0; li + 1 < t.lines.size(); ++li) {
    for (uint32_t i = t.lines[li].last; i < t.lines[li + 1].first; ++i) t.tokens[i].line = li;
  }
}

void ReadMenuPrices(const Text& t, std::vector<Money>* money) {
  constexpr int kMinRows = 2;
  // The separator before the amount of a menu row, or nullptr.
  // A row whose amount is read again needs a word of the lexicons; one already priced does not.
  auto row_separator = [&](const Money& m, bool known_item) -> const Token* {
    if (m.amount <= 0 || m.first_token == 0) return nullptr;
    const Line& line = t.lines[m.line];
    // Nothing but emojis after the amount.
    for (uint32_t i = m.last_token; i < line.last; ++i) {
      if (t.tokens[i].kind != TokenKind::kEmoji) return nullptr;
    }
    // A dash, colon, '=', '@' or dot leader before it, item words before that.
    const uint32_t sep = m.first_token - 1;
    const int start = RowSeparatorStart(t, static_cast<int>(sep), static_cast<int>(line.first));
    if (start < 0) return nullptr;
    const Token& st = t.tokens[sep];
    const uint32_t words_end = static_cast<uint32_t>(start);
    if (!HasItemWords(t, line.first, words_end) || HasSizeCue(t, line.first, line.last)) {
      return nullptr;
    }
    if (!known_item) return &st;
    for (uint32_t i = line.first; i < words_end; ++i) {
      int weight = 0;
      if (t.tokens[i].kind != TokenKind::kWord) continue;
      const HashedWord w = t.Word(t.tokens[i]);
      if (LookupCategoryWord(w, &weight) >= 0 || !TranslateSwahili(w.text).empty()) return &st;
    }
    return nullptr;
  };
  // Read again: an amount too small for a bare price, or one glued to its item by a typographic
  // dash ("Chapati–20": no model number is written with an en or em dash).
  auto rescuable = [&](const Money& m, const Token& sep) {
    if (m.role != MoneyRole::kNotPrice) return false;
    if (m.reason == NotPriceReason::kSmall) return true;
    return m.reason == NotPriceReason::kModel && IsDash(t, sep) && t.Punct(sep) != '-';
  };
  // Most posts have no amount to read again: answer them without looking at their lines. A row's
  // amount follows a separator (RowSeparatorStart).
  bool candidate = false;
  int separated = 0;
  for (const Money& m : *money) {
    if (m.first_token == 0) continue;
    const int before = static_cast<int>(m.first_token) - 1;
    if (RowSeparatorStart(t, before, static_cast<int>(t.lines[m.line].first)) < 0) continue;
    ++separated;
    candidate =
        candidate || (m.role == MoneyRole::kNotPrice &&
                      (m.reason == NotPriceReason::kSmall || m.reason == NotPriceReason::kModel));
  }
  if (!candidate || separated < kMinRows) return;
  int rows = 0;
  bool any = false;
  for (const Money& m : *money) {
    if (m.role != MoneyRole::kPrice && m.role != MoneyRole::kNotPrice) continue;
    const Token* sep = row_separator(m, m.role != MoneyRole::kPrice);
    if (sep == nullptr) continue;
    bool again = rescuable(m, *sep);
    if (again || m.role == MoneyRole::kPrice) ++rows;
    any = any || again;
  }
  if (rows < kMinRows || !any) return;
  for (Money& m : *money) {
    const Token* sep = row_separator(m, true);
    if (sep == nullptr || !rescuable(m, *sep)) continue;
    m.role = MoneyRole::kPrice;
    m.reason = NotPriceReason::kNone;
    m.strength = 2;
  }
}

Segmentation SegmentPost(const Text& t, const std::vector<Money>& money) {
  Segmentation seg;
  const uint32_t n_lines = static_cast<uint32_t>(t.lines.size());
  seg.lines.resize(n_lines);
  seg.title_names.resize(n_lines);
  seg.item_names.resize(n_lines);
  seg.title_done.assign(n_lines, 0);
  seg.item_done.assign(n_lines, 0);
  std::size_t money_at = 0;
  for (uint32_t li = 0; li < n_lines; ++li) {
    const Line& line = t.lines[li];
    LineInfo& info = seg.lines[li];
    info.last = line.last;
    info.empty = line.first == line.last;
    if (info.empty) continue;
    // List marker.
    uint32_t i = line.first;
    bool hashtags_only = true;
    for (uint32_t k = line.first; k < line.last; ++k) {
      TokenKind kind = t.tokens[k].kind;
      if (kind != TokenKind::kHashtag && kind != TokenKind::kMention && kind != TokenKind::kEmoji &&
          kind != TokenKind::kPunct) {
        hashtags_only = false;
        break;
      }
    }
    info.hashtags_only = hashtags_only;
    while (i < line.last) {
      const Token& tok = t.tokens[i];
      if (tok.kind == TokenKind::kKeycap) {
        info.list_marker = true;
        ++i;
        continue;
      }
      if (tok.kind == TokenKind::kEmoji) {
        info.list_marker = true;
        ++i;
        continue;
      }
      if (tok.kind == TokenKind::kPunct && IsBulletPunct(t.Raw(tok))) {
        info.list_marker = true;
        ++i;
        continue;
      }
      if (tok.kind == TokenKind::kNumber && i == line.first && i + 1 < line.last &&
          t.Raw(tok).size() <= 2 && !t.tokens[i + 1].space_before &&
          (t.Punct(t.tokens[i + 1]) == '.' || t.Punct(t.tokens[i + 1]) == ')')) {
        info.list_marker = true;
        i += 2;
        continue;
      }
      break;
    }
    info.content_first = i;
    // Cues.
    bool ask = false, price_word = false, phone = false, contact_word = false;
    for (uint32_t k = line.first; k < line.last; ++k) {
      const Token& tok = t.tokens[k];
      if (tok.kind != TokenKind::kWord) continue;
      std::string_view w = t.Lower(tok);
      const HashedWord word = t.Word(tok);
      if (AskWords().Contains(word)) ask = true;
      if (w == "price" || w == "prices" || w == "bei" || w == "pricing" || w == "quote" ||
          w == "quotation") {
        price_word = true;
      }
      if (ContactWords().Contains(word)) contact_word = true;
      if (w == "sold") info.sold = true;
      if (w == "colour" || w == "colours" || w == "color" || w == "colors" || w == "rangi" ||
          w == "shades") {
        info.color_cue = true;
      }
      if ((w == "request" || w == "vary" || w == "varies") && price_word) info.dm_for_price = true;
    }
    info.size_cue = HasSizeCue(t, line.first, line.last);
    // `money` is in caption order: walk it alongside the lines.
    while (money_at < money.size() && money[money_at].line < li) ++money_at;
    std::size_t line_money_end = money_at;
    while (line_money_end < money.size() && money[line_money_end].line == li) ++line_money_end;
    for (std::size_t m = money_at; m < line_money_end; ++m) {
      const Money& mo = money[m];
      // Model numbers ("Latitude 7490") are kept with the name, not the prices.
      if (mo.role == MoneyRole::kPrice && mo.strength > 0)
        info.prices.push_back(static_cast<int>(m));
      if (mo.role == MoneyRole::kOldPrice) info.olds.push_back(static_cast<int>(m));
      if (mo.reason == NotPriceReason::kPhone) phone = true;
    }
    if (ask && price_word) info.dm_for_price = true;
    bool priced = !info.prices.empty() || !info.olds.empty();
    if (!priced) {
      for (std::size_t m = money_at; m < line_money_end; ++m) {
        if (money[m].reason == NotPriceReason::kFee) info.fee = true;
      }
    }
    // The name part of a price line: before its first price, else after its last.
    if (priced) {
      uint32_t first_money = line.last, last_money = line.first;
      for (int m : info.prices) {
        first_money = std::min(first_money, money[m].first_token);
        last_money = std::max(last_money, money[m].last_token);
      }
      for (int m : info.olds) {
        first_money = std::min(first_money, money[m].first_token);
        last_money = std::max(last_money, money[m].last_token);
      }
      info.name_first = info.content_first;
      info.name_last = std::max(info.content_first, first_money);
      if (!HasItemWords(t, info.name_first, info.name_last) && last_money < line.last) {
        info.name_first = last_money;
        info.name_last = line.last;
      }
    } else {
      info.name_first = info.content_first;
      info.name_last = line.last;
    }
    info.has_content = HasItemWords(t, info.name_first, info.name_last);
    if (!priced) info.contact = phone || (contact_word && !info.has_content);
  }

  // Item lines: price lines with item words, and list lines with item words but no price ("4.
  // Chunky sneakers - DM for price") when other list lines are priced.
  std::vector<uint32_t> item_lines;
  std::vector<std::string> keys;
  auto key_of = [&](const LineInfo& info) {
    std::string key;
    for (uint32_t k = info.name_first; k < info.name_last; ++k) {
      const Token& tok = t.tokens[k];
      if (tok.kind == TokenKind::kNumber && k > info.name_first &&
          t.tokens[k - 1].kind == TokenKind::kWord &&
          (k + 1 >= info.name_last || t.tokens[k + 1].kind != TokenKind::kWord ||
           t.tokens[k + 1].space_before)) {
        key += t.Raw(tok);  // a model number: "Toast 20" and "Toast 10" are two items
        key += ' ';
        continue;
      }
      if (tok.kind != TokenKind::kWord) continue;
      if (k > info.name_first && !tok.space_before && t.tokens[k - 1].kind == TokenKind::kNumber) {
        continue;
      }
      const HashedWord w = t.Word(tok);
      if (!tok.has_digit && (IsNameFiller(w) || IsUnitNoun(w))) continue;
      key += w.text;
      key += ' ';
    }
    return key;
  };
  bool any_list_priced = false;
  for (uint32_t li = 0; li < n_lines; ++li) {
    const LineInfo& info = seg.lines[li];
    if (info.has_content && !info.prices.empty() && info.list_marker) any_list_priced = true;
  }
  for (uint32_t li = 0; li < n_lines; ++li) {
    const LineInfo& info = seg.lines[li];
    bool priced = !info.prices.empty() || !info.olds.empty();
    bool list_unpriced = !priced && info.list_marker && info.has_content && any_list_priced &&
                         (info.dm_for_price || info.sold);
    if ((priced && info.has_content) || list_unpriced) {
      item_lines.push_back(li);
      keys.push_back(key_of(info));
    }
  }
  bool distinct = false;
  for (std::size_t k = 1; k < keys.size(); ++k) distinct = distinct || keys[k] != keys[0];

  // The title line: the most item-like line before `limit`.
  auto best_title = [&](uint32_t limit) -> int {
    int best = -1, best_score = -1;
    for (uint32_t li = 0; li < limit && li < n_lines; ++li) {
      const LineInfo& info = seg.lines[li];
      if (info.empty || info.hashtags_only || info.contact || info.fee) continue;
      const Name& name = TitleScores(t, &seg, li);
      if (name.word_count == 0) continue;
      int score = name.Score() + (info.size_cue || info.color_cue ? -3 : 0) +
                  (OpensDescription(t, t.lines[li]) ? -3 : 0);
      if (score > best_score) {
        best = static_cast<int>(li);
        best_score = score;
      }
    }
    return best;
  };

  uint32_t first_item = item_lines.empty() ? n_lines : item_lines[0];
  bool nameless_before = false;
  uint32_t first_nameless = n_lines;
  for (uint32_t li = 0; li < first_item; ++li) {
    const LineInfo& info = seg.lines[li];
    if (!info.prices.empty() && !info.has_content) {
      nameless_before = true;
      first_nameless = std::min(first_nameless, li);
    }
  }
  int header_title = nameless_before ? best_title(first_nameless) : -1;
  bool header_is_item = header_title >= 0 &&
                        TitleScores(t, &seg, static_cast<uint32_t>(header_title)).item_score >= 2;

  if (distinct || (item_lines.size() == 1 && nameless_before && header_is_item)) {
    seg.multi = true;
    seg.header_line = best_title(first_item);
    std::vector<bool> used(n_lines, false);
    if (nameless_before && header_title >= 0) {
      Segment s;
      s.title_item = true;
      s.name_line = header_title;
      for (uint32_t li = 0; li < first_item; ++li) {
        if (!seg.lines[li].prices.empty() || !seg.lines[li].olds.empty()) {
          s.lines.push_back(li);
          used[li] = true;
        }
      }
      seg.items.push_back(std::move(s));
    }
    for (std::size_t k = 0; k < item_lines.size(); ++k) {
      uint32_t li = item_lines[k];
      uint32_t next = k + 1 < item_lines.size() ? item_lines[k + 1] : n_lines;
      Segment s;
      s.name_line = static_cast<int>(li);
      s.lines.push_back(li);
      used[li] = true;
      for (uint32_t lj = li + 1; lj < next; ++lj) {
        const LineInfo& info = seg.lines[lj];
        if ((!info.prices.empty() || !info.olds.empty()) && !info.has_content) {
          s.lines.push_back(lj);
          used[lj] = true;
        }
      }
      if (seg.lines[li].list_marker) seg.list_layout = true;
      seg.items.push_back(std::move(s));
    }
    for (uint32_t li = 0; li < n_lines; ++li) {
      const LineInfo& info = seg.lines[li];
      if (used[li] || info.empty || info.hashtags_only || info.contact || info.fee) continue;
      seg.shared_lines.push_back(li);
    }
    return seg;
  }

  // One item: every useful line is its; the name comes from the item line when it names the item
  // well, else from the most item-like line before the first price.
  Segment s;
  s.lines.reserve(n_lines);
  uint32_t first_priced = n_lines;
  for (uint32_t li = 0; li < n_lines; ++li) {
    const LineInfo& info = seg.lines[li];
    if (!info.prices.empty() || !info.olds.empty()) first_priced = std::min(first_priced, li);
    if (info.empty || info.hashtags_only) continue;
    if ((info.contact || info.fee) && info.prices.empty()) continue;
    s.lines.push_back(li);
  }
  int title = best_title(first_priced == n_lines ? n_lines : first_priced);
  if (!item_lines.empty()) {
    const Name& item_name = ItemName(t, &seg, item_lines[0]);
    int title_score = -1;
    if (title >= 0) {
      title_score = TitleScores(t, &seg, static_cast<uint32_t>(title)).item_score;
    }
    if (title < 0 || (item_name.item_score >= 2 && item_name.item_score >= title_score) ||
        (title_score <= 0 && !item_name.text.empty())) {
      title = static_cast<int>(item_lines[0]);
    }
  }
  if (title < 0) title = best_title(n_lines);
  s.name_line = title;
  s.title_item = true;
  seg.items.push_back(std::move(s));
  return seg;
}

}  // namespace vendly::internal
