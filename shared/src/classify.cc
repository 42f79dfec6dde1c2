#include "classify.h"

#include "lexicon.h"

namespace vendly::internal {
namespace {

struct Cue {
  std::string_view reason;
  bool hard;
};

// Single words that mark a post as no product offer.
const WordMap<Cue>& CueWords() {
  static constexpr std::pair<std::string_view, Cue> kEntries[] = {
      {"giveaway", {"giveaway", true}},
      {"giveaways", {"giveaway", true}},
      {"winners", {"giveaway", true}},
      {"winner", {"giveaway", true}},
      {"hiring", {"job advert", true}},
      {"vacancy", {"job advert", true}},
      {"vacancies", {"job advert", true}},
      {"cv", {"job advert", true}},
      {"closed", {"announcement", true}},
      {"litafungwa", {"announcement", true}},
      {"tutafungua", {"announcement", true}},
      {"resume", {"announcement", true}},
      {"moved", {"announcement", true}},
      {"notice", {"announcement", true}},
      {"scam", {"announcement", true}},
      {"testimonial", {"testimonial", false}},
      {"review", {"testimonial", false}},
      {"reviews", {"testimonial", false}},
      {"feedback", {"testimonial", false}},
      {"ushuhuda", {"testimonial", false}},
      {"throwback", {"announcement", false}},
      {"tbt", {"announcement", false}},
      {"tgif", {"greeting", false}},
      {"mubarak", {"greeting", false}},
      {"merry", {"greeting", false}},
      {"christmas", {"greeting", false}},
      {"anniversary", {"announcement", false}},
      {"tuned", {"teaser", false}},
      {"dropping", {"teaser", false}},
      {"participate", {"giveaway", true}},
      {"asanteni", {"announcement", false}},
      {"webale", {"announcement", false}},
      {"relates", {"meme", false}},
      {"closing", {"announcement", false}},
      {"bedsitter", {"rent advert", true}},
      {"bedsitters", {"rent advert", true}},
      {"kupangisha", {"rent advert", true}},
      {"inapangishwa", {"rent advert", true}},
      {"zinapangishwa", {"rent advert", true}},
      {"ikodeshwa", {"rent advert", true}},
      {"gukodesha", {"rent advert", true}},
  };
  static const WordMap<Cue> k(kEntries);
  return k;
}

// Two-word phrases.
const WordMap<Cue>& CuePhrases() {
  static constexpr std::pair<std::string_view, Cue> kEntries[] = {
      {"giving away", {"giveaway", true}},
      {"to enter", {"giveaway", true}},
      {"we're hiring", {"job advert", true}},
      {"looking for", {"job advert", false}},
      {"good morning", {"greeting", false}},
      {"happy new", {"greeting", false}},
      {"happy monday", {"greeting", false}},
      {"happy holidays", {"greeting", false}},
      {"happy independence", {"greeting", false}},
      {"heri ya", {"greeting", false}},
      {"eid mubarak", {"greeting", false}},
      {"friday feeling", {"greeting", false}},
      {"weekend plans", {"greeting", false}},
      {"monday mood", {"greeting", false}},
      {"new location", {"announcement", true}},
      {"have moved", {"announcement", true}},
      {"price update", {"announcement", true}},
      {"prices will", {"announcement", true}},
      {"will be", {"announcement", false}},
      {"thank you", {"announcement", false}},
      {"customer review", {"testimonial", false}},
      {"happy client", {"testimonial", false}},
      {"stay tuned", {"teaser", false}},
      {"coming soon", {"teaser", false}},
      {"all gone", {"teaser", true}},
      {"sold out", {"teaser", false}},
      {"how to", {"announcement", false}},
      {"live on", {"announcement", false}},
      {"tag a", {"meme", false}},
      {"tag that", {"meme", false}},
      {"who else", {"meme", false}},
      {"me when", {"meme", false}},
      {"me waiting", {"meme", false}},
      {"packing orders", {"announcement", false}},
      {"ends tonight", {"announcement", false}},
      {"previous posts", {"announcement", false}},
      {"maoni ya", {"testimonial", false}},
      {"happy mashujaa", {"greeting", false}},
      {"happy madaraka", {"greeting", false}},
      {"madaraka day", {"greeting", false}},
      {"mashujaa day", {"greeting", false}},
      {"shop remains", {"announcement", false}},
      {"we resume", {"announcement", true}},
      {"be open", {"announcement", false}},
      {"fake account", {"announcement", true}},
      {"hamper worth", {"giveaway", true}},
      {"cut-off for", {"announcement", true}},
      {"order cut-off", {"announcement", true}},
      {"win a", {"giveaway", true}},
      {"lucky winners", {"giveaway", true}},
      {"restock in", {"teaser", false}},
      {"thank god", {"announcement", false}},
      {"years in", {"announcement", false}},
      {"since we", {"announcement", false}},
      {"are hiring", {"job advert", true}},
      {"now hiring", {"job advert", true}},
      {"to let", {"rent advert", true}},
      {"for rent", {"rent advert", true}},
  };
  static const WordMap<Cue> k(kEntries);
  return k;
}

// The first words of CuePhrases, derived once, so most words skip the phrase lookup.
const WordSet& CuePhraseStarters() {
  static const WordSet k = [] {
    std::vector<std::string_view> firsts;
    CuePhrases().ForEachKey([&](std::string_view key) {
      std::size_t space = key.find(' ');
      if (space != std::string_view::npos) firsts.push_back(key.substr(0, space));
    });
    return WordSet(firsts);
  }();
  return k;
}

const WordSet& OrderWords() {
  static constexpr std::string_view kWords[] = {
      "order",   "available", "restocked", "restock",  "menu",     "oda",  "dm",
      "inbox",   "instock",   "arrivals",  "selling",  "buy",      "grab", "shop",
      "tunauza", "imeingia",  "umeingia",  "vimefika", "zimefika", "sale"};
  static const WordSet k(kWords);
  return k;
}

// Words of a post that offers a service rather than an item: salons, repairs, tuition, cleaning,
// photography, hire, event tickets (English and Swahili). Words shared with items ("braiding
// hair", "installation" of a TV bought) are left out.
const WordSet& ServiceWords() {
  static constexpr std::string_view kWords[] = {
      "salon",       "salons",   "appointment", "appointments", "fumigation",  "fumigate",
      "tuition",     "tutoring", "tutor",       "tutors",       "photography", "photoshoot",
      "photoshoots", "repair",   "repairs",     "repairing",    "manicure",    "pedicure",
      "massage",     "services", "service",     "booking",      "bookings",    "ticket",
      "tickets",     "catering", "fundi",       "usafi",        "kusuka",      "upambaji",
      "plumbing",    "plumber",  "electrician", "mechanic",     "hire",        "lessons",
      "kukodisha"};
  static const WordSet k(kWords);
  return k;
}

// A "to let" that is no rent ("to let us know", "to let you").
bool LetsSomeone(const Text& t, std::size_t i) {
  if (i + 2 >= t.tokens.size()) return false;
  const Token& nt = t.tokens[i + 2];
  if (nt.kind != TokenKind::kWord) return false;
  const std::string_view w = t.Lower(nt);
  return w == "us" || w == "you" || w == "me" || w == "them" || w == "him" || w == "her" ||
         w == "everyone" || w == "our" || w == "your" || w == "the";
}

int Rank(std::string_view reason) {
  if (reason == "giveaway") return 6;
  if (reason == "job advert" || reason == "rent advert") return 5;
  if (reason == "announcement") return 4;
  if (reason == "testimonial") return 3;
  if (reason == "greeting") return 2;
  if (reason == "meme") return 2;
  if (reason == "teaser") return 1;
  return 0;
}

// Words that make a line a sentence, not a listing title: pronouns, verbs of talk, time words,
// greetings and thanks (English and Swahili).
const WordSet& SentenceWords() {
  static constexpr std::string_view kWords[] = {
      "i",         "i'm",    "im",       "we",      "we're",  "we've",     "our",      "us",
      "you",       "you're", "your",     "my",      "me",     "is",        "are",      "was",
      "were",      "will",   "be",       "been",    "have",   "has",       "had",      "this",
      "that",      "these",  "those",    "it",      "it's",   "its",       "they",     "them",
      "their",     "he",     "she",      "her",     "his",    "today",     "tomorrow", "tonight",
      "yesterday", "thank",  "thanks",   "please",  "kindly", "when",      "who",      "what",
      "why",       "how",    "if",       "because", "so",     "but",       "hi",       "hello",
      "hey",       "dear",   "welcome",  "happy",   "love",   "loving",    "mood",     "vibes",
      "feeling",   "inspo",  "ootd",     "blessed", "god",    "let's",     "lets",     "can't",
      "don't",     "do",     "does",     "did",     "should", "would",     "could",    "just",
      "about",     "tuna",   "tunauza",  "wetu",    "yetu",   "asante",    "asanteni", "karibu",
      "karibuni",  "leo",    "kesho",    "sana",    "habari", "jambo",     "mambo",    "niaje",
      "fam",       "guys",   "everyone", "friends", "family", "customers", "wateja",   "followers",
      "morning",   "night",  "week",     "month",   "year",   "weekend",   "here",     "there",
      "come",      "coming", "soon",     "check",   "see",    "look",      "looking",  "got",
      "get",       "wait",   "waiting",  "finally", "again",  "still"};
  static const WordSet k(kWords);
  return k;
}

constexpr int kMaxTitleWords = 14;  // words of the name line: a title, not a paragraph
constexpr int kMaxTitleLines = 3;   // the name line and at most two lines of qualities

}  // namespace

bool IsListingTitle(const Text& t, const Segmentation& seg, uint32_t name_line) {
  if (name_line >= seg.lines.size()) return false;
  int content_lines = 0;
  for (uint32_t li = 0; li < seg.lines.size(); ++li) {
    const LineInfo& info = seg.lines[li];
    if (info.empty || info.hashtags_only || info.contact) continue;
    if (++content_lines > kMaxTitleLines) return false;
    int words = 0;
    for (uint32_t i = t.lines[li].first; i < t.lines[li].last; ++i) {
      const Token& tok = t.tokens[i];
      if (tok.kind == TokenKind::kMention) return false;  // a shout-out, not a listing
      char p = t.Punct(tok);
      if (p == '?') return false;
      if (tok.kind != TokenKind::kWord) continue;
      if (SentenceWords().Contains(t.Word(tok))) return false;
      ++words;
    }
    if (li == name_line && words > kMaxTitleWords) return false;
    if (li != name_line && words > kMaxTitleWords / 2) return false;
  }
  return content_lines > 0;
}

PostCues ReadPostCues(const Text& t) {
  PostCues cues;
  int best = -1;
  auto take = [&](const Cue& c) {
    int r = Rank(c.reason) + (c.hard ? 10 : 0);
    if (r > best) {
      best = r;
      cues.non_product = c.reason;
    }
    cues.hard = cues.hard || c.hard;
  };
  const std::size_t n = t.tokens.size();
  char buf[64];
  for (std::size_t i = 0; i < n; ++i) {
    const Token& tok = t.tokens[i];
    if (tok.kind == TokenKind::kHashtag) {
      std::string_view tag = t.Lower(tok).substr(1);
      if (tag.find("giveaway") != std::string_view::npos) take(Cue{"giveaway", true});
      if (tag == "closed" || tag == "notice" || tag == "scamalert" || tag == "newlocation" ||
          tag == "hiring" || tag == "jobskenya" || tag == "testimonial") {
        take(Cue{tag == "testimonial" ? "testimonial" : "announcement", tag != "testimonial"});
      }
      continue;
    }
    if (tok.kind != TokenKind::kWord) continue;
    std::string_view w = t.Lower(tok);
    const HashedWord word = t.Word(tok);
    if (const Cue* c = CueWords().Find(word)) take(*c);
    if (OrderWords().Contains(word)) cues.order_cue = true;
    if (ServiceWords().Contains(word)) cues.service = true;
    if (w == "sold") cues.sold_out = true;
    if (i + 1 < n && CuePhraseStarters().Contains(word)) {
      const Token& nt = t.tokens[i + 1];
      if (nt.kind == TokenKind::kWord && nt.line == tok.line &&
          w.size() + (nt.end - nt.begin) < 60) {
        std::size_t len = 0;
        for (char c : w) buf[len++] = c;
        buf[len++] = ' ';
        for (char c : t.Lower(nt)) buf[len++] = c;
        const std::string_view phrase(buf, len);
        if (const Cue* c = CuePhrases().Find(phrase)) {
          if (phrase != "to let" || !LetsSomeone(t, i)) take(*c);
        }
      }
    }
  }
  cues.never_product = cues.non_product == "job advert" || cues.non_product == "rent advert";
  return cues;
}

}  // namespace vendly::internal
