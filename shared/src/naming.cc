#include "naming.h"

#include <algorithm>
#include <type_traits>

#include "category.h"
#include "lexicon.h"
#include "prices.h"
#include "spec_units.h"
#include "variants.h"

namespace vendly::internal {
namespace {

const WordSet& Filler() {
  static constexpr std::string_view kWords[] = {
      "new",         "arrivals",  "arrival",   "arrived",     "restocked", "restock",
      "restocking",  "available", "now",       "stock",       "instock",   "original",
      "originals",   "brand",     "sale",      "hot",         "offer",     "offers",
      "promo",       "latest",    "ziko",      "zipo",        "iko",       "sasa",
      "mpya",        "vipya",     "mapya",     "kali",        "poa",       "bei",
      "tu",          "super",     "best",      "quality",     "authentic", "our",
      "we",          "have",      "got",       "just",        "landed",    "alert",
      "collection",  "special",   "deals",     "deal",        "drop",      "weekend",
      "vibes",       "is",        "are",       "back",        "here",      "all",
      "only",        "today",     "this",      "week",        "fam",       "mzigo",
      "umeingia",    "imeingia",  "vimefika",  "imefika",     "grab",      "yours",
      "get",         "swipe",     "see",       "pick",        "what",      "you",
      "need",        "must",      "haves",     "must-haves",  "clearance", "discount",
      "price",       "prices",    "premium",   "affordable",  "cheap",     "nice",
      "beautiful",   "lovely",    "classy",    "trendy",      "stylish",   "mix",
      "match",       "nzuri",     "mazuri",    "bora",        "kabisa",    "sana",
      "hapa",        "leo",       "ofa",       "punguzo",     "imeingia",  "zimefika",
      "yetu",        "wetu",      "yako",      "your",        "my",        "in",
      "wholesale",   "retail",    "order",     "orders",      "ordering",  "dm",
      "call",        "whatsapp",  "inbox",     "shop",        "buy",       "selling",
      "sell",        "also",      "still",     "again",       "finally",   "guys",
      "ladies'",     "tuna",      "tunauza",   "uza",         "kuuza",     "kwa",
      "bei",         "like",      "very",      "so",          "too",       "much",
      "many",        "more",      "lots",      "plenty",      "kila",      "siku",
      "please",      "kindly",    "check",     "out",         "dont",      "don't",
      "miss",        "hurry",     "limited",   "pieces",      "piece",     "pcs",
      "set-up",      "update",    "first",     "come",        "people",    "bestseller",
      "bestselling", "selling",   "trending",  "favourite",   "favorite",  "sunday",
      "monday",      "tuesday",   "wednesday", "thursday",    "friday",    "saturday",
      "yes",         "oh",        "wow",       "omg",         "its",       "it's",
      "they",        "them",      "these",     "those",       "that",      "there",
      "been",        "was",       "were",      "will",        "be",        "can",
      "could",       "let",       "lets",      "let's",       "who",       "everyone",
      "everything",  "every",     "more",      "next",        "mtaani",    "haraka",
      "wahi",        "ndio",      "hii",       "hizi",        "hizo",      "used",
      "uk",          "ex-uk",     "per",       "each",        "kuanzia",   "starting",
      "ni",          "make",      "makes",     "making",      "clean",     "neat",
      "condition",   "excellent", "perfect",   "good",        "great",     "asubuhi",
      "jioni",       "usiku",     "mchana",    "refurbished", "sealed",    "yameingia",
      "zipo",        "deals",     "drip",      "get",         "cozy",      "here",
      "szn",         "season",    "mse",       "fiti",        "pekee",     "doh",
      "noma",        "zimeland",  "imeland",   "dukani",      "tumepokea", "mtumba",
      "mitumba",     "nshya",     "nziza",     "cyane",       "ennungi",   "nnungi",
      "empya",       "birungi",   "nnyo",      "zokka",       "gusa",      "free",
      "jipya",       "kipya",     "kuna",      "mtu",         "wangu",     "yangu",
      "rada",        "ngori"};
  static const WordSet k(kWords);
  return k;
}

// Words after which the name ends ("Atomic Habits by James Clear", "Official shirts for men").
const WordSet& StopWords() {
  static constexpr std::string_view kWords[] = {
      "with",      "for",      "by",       "from",      "at",       "in",           "na",
      "available", "ziko",     "zipo",     "iko",       "now",      "kutoka",       "only",
      "each",      "per",      "@",        "price",     "bei",      "was",          "is",
      "are",       "kwa",      "imeingia", "umeingia",  "vimefika", "tunapatikana", "tuko",
      "tupo",      "delivery", "that",     "which",     "order",    "call",         "dm",
      "to",        "starting", "going",    "costs",     "cost",     "at",           "if",
      "when",      "who",      "because",  "so",        "but",      "yenye",        "zenye",
      "kama",      "then",     "inspired", "restocked", "restock",  "back",         "like",
      "our",       "your",     "my"};
  static const WordSet k(kWords);
  return k;
}

const WordSet& SwahiliConnectors() {
  // Swahili; then the Luganda and Kinyarwanda forms ("engatto za bakyala", "ibikombe bya icyayi").
  static constexpr std::string_view kWords[] = {"ya",  "za",  "la",  "wa",  "cha", "vya",
                                                "kwa", "pa",  "bya", "kya", "lya", "gwa",
                                                "lwa", "cya", "rya", "rwa", "bwa", "twa"};
  static const WordSet k(kWords);
  return k;
}

const WordSet& UnitNouns() {
  static constexpr std::string_view kWords[] = {
      "jar",       "jars",      "bucket",    "buckets", "pack",    "packs",   "packet",  "bunch",
      "piece",     "pieces",    "pair",      "pairs",   "bottle",  "bottles", "tin",     "sachet",
      "carton",    "dozen",     "wholesale", "retail",  "kipande", "vipande", "kimoja",  "moja",
      "seti",      "nusu",      "robo",      "per",     "each",    "one",     "any",     "both",
      "all",       "for",       "from",      "at",      "only",    "price",   "prices",  "bei",
      "ni",        "kilo",      "kilos",     "lita",    "litre",   "litres",  "liter",   "liters",
      "size",      "sizes",     "sizez",     "kg",      "g",       "ml",      "l",       "tu",
      "was",       "now",       "before",    "kabla",   "sasa",    "@",       "plate",   "cup",
      "roll",      "tray",      "crate",     "sack",    "bag-of",  "kila",    "the",     "a",
      "an",        "and",       "or",        "na",      "au",      "kwa",     "to",      "hadi",
      "is",        "it",        "its",       "ya",      "za",      "la",      "wa",      "zote",
      "set",       "sets",      "unit",      "units",   "cost",    "costs",   "pc",      "pcs",
      "inch",      "inches",    "cm",        "mm",      "m",       "ft",      "uk",      "eu",
      "free",      "small",     "medium",    "large",   "big",     "mini",    "regular", "half",
      "quarter",   "full",      "single",    "double",  "family",  "kubwa",   "ndogo",   "kati",
      "xl",        "xxl",       "xs",        "s",       "waist",   "length",  "ea",      "pp",
      "original",  "depending", "kulingana", "on",      "quality", "new",     "old",     "zamani",
      "initially", "instead",   "of",        "box",     "boxes",   "kit",     "bale",    "yard",
      "yards",     "metre",     "metres",    "meter",   "meters",  "doti",    "jozi"};
  static const WordSet k(kWords);
  return k;
}

// Plural nouns catalogs keep plural (pairs and mass nouns).
const WordSet& KeepPlural() {
  static constexpr std::string_view kWords[] = {
      "jeans",     "pants",      "trousers", "shorts",    "leggings", "gloves",     "earrings",
      "heels",     "boots",      "sneakers", "sandals",   "loafers",  "slippers",   "shoes",
      "cookies",   "blocks",     "bands",    "socks",     "boxers",   "sunglasses", "glasses",
      "earphones", "headphones", "airpods",  "earbuds",   "freepods", "crisps",     "groundnuts",
      "chops",     "curls",      "cloves",   "covers",    "slides",   "spices",     "nuts",
      "chips",     "beans",      "habits",   "flats",     "trainers", "dumbbells",  "weights",
      "clothes",   "pajamas",    "pyjamas",  "scissors",  "tights",   "joggers",    "sweatpants",
      "overalls",  "dungarees",  "crocs",    "vans",      "clarks",   "kids",       "mens",
      "womens",    "ladies",     "boys",     "girls",     "news",     "series",     "species",
      "bundles",   "lashes",     "nails",    "braids",    "oats",     "noodles",    "sweets",
      "brownies",  "fries",      "biscuits", "rolls",     "lentils",  "greens",     "cargos",
      "chinos",    "oxfords",    "brogues",  "stilettos", "mules",    "pumps",      "wedges",
      "kicks",     "bales",      "decants",  "vitenge",   "mandazi",  "samosas",    "dreadlocks",
      "locs",      "extensions", "weaves"};
  static const WordSet k(kWords);
  return k;
}

struct Translation {
  std::string_view english;
  bool head;  // an item noun (the phrase's head), not a qualifier
};

[[gnu::always_inline]] inline const WordMap<Translation>& Swahili() {
  static constexpr std::pair<std::string_view, Translation> kEntries[] = {
      {"magauni", {"dress", true}},
      {"gauni", {"dress", true}},
      {"viatu", {"shoes", true}},
      {"raba", {"sneakers", true}},
      {"mabegi", {"bag", true}},
      {"begi", {"bag", true}},
      {"mkoba", {"handbag", true}},
      {"mikoba", {"handbag", true}},
      {"pochi", {"purse", true}},
      {"mashati", {"shirt", true}},
      {"shati", {"shirt", true}},
      {"sabuni", {"soap", true}},
      {"asali", {"honey", true}},
      {"keki", {"cake", true}},
      {"kuku", {"chicken", true}},
      {"mapazia", {"curtains", true}},
      {"pazia", {"curtain", true}},
      {"mashuka", {"bedsheets", true}},
      {"sweta", {"sweater", true}},
      {"kofia", {"hat", true}},
      {"nguo", {"clothes", true}},
      {"spika", {"speaker", true}},
      {"simu", {"phone", true}},
      {"makochi", {"sofa", true}},
      {"kochi", {"sofa", true}},
      {"masufuria", {"sufuria", true}},
      {"mpira", {"football", true}},
      {"mipira", {"football", true}},
      {"pampu", {"pump", true}},
      {"chaja", {"charger", true}},
      {"viungo", {"spices", true}},
      {"mafuta", {"oil", true}},
      {"suruali", {"trousers", true}},
      {"mdalasini", {"cinnamon", true}},
      {"karafuu", {"cloves", true}},
      {"tangawizi", {"ginger", true}},
      {"mkate", {"bread", true}},
      {"kahawa", {"coffee", true}},
      {"juisi", {"juice", true}},
      {"samaki", {"fish", true}},
      {"nyama", {"meat", true}},
      {"mchele", {"rice", true}},
      {"sahani", {"plates", true}},
      {"vikombe", {"cups", true}},
      {"miwani", {"sunglasses", true}},
      {"pete", {"ring", true}},
      {"hereni", {"earrings", true}},
      {"mkufu", {"necklace", true}},
      {"blanketi", {"blanket", true}},
      {"mito", {"pillows", true}},
      {"viti", {"chairs", true}},
      {"kiti", {"chair", true}},
      {"meza", {"table", true}},
      {"kabati", {"wardrobe", true}},
      {"godoro", {"mattress", true}},
      {"taulo", {"towel", true}},
      {"vitabu", {"books", true}},
      {"kitabu", {"book", true}},
      {"vifaa", {"accessories", true}},
      {"belo", {"bale", true}},
      {"vitenge", {"kitenge", false}},
      {"nywele", {"hair", false}},
      {"wanaume", {"men's", false}},
      {"kiume", {"men's", false}},
      {"kike", {"ladies", false}},
      {"wanawake", {"ladies", false}},
      {"watoto", {"kids", false}},
      {"shule", {"school", false}},
      {"harusi", {"wedding", false}},
      {"mademu", {"ladies", false}},
      {"mvulana", {"boys", false}},
      {"wavulana", {"boys", false}},
      {"asili", {"natural", false}},
      {"safi", {"pure", false}},
      {"kubwa", {"large", false}},
      {"ndogo", {"small", false}},
      {"mdogo", {"small", false}},
      {"mkubwa", {"large", false}},
      {"mzima", {"whole", false}},
      {"kitanda", {"bed", false}},
      {"kisasa", {"modern", false}},
      {"unga", {"powder", false}},
      {"mgongoni", {"back", false}},
      {"safari", {"travel", false}},
      {"laini", {"soft", false}},
      {"moto", {"hot", false}},
      {"miguu", {"foot", false}},
      {"jikoni", {"kitchen", false}},
      {"mikono", {"hand", false}},
      {"ngozi", {"leather", false}},
      {"mbao", {"wooden", false}},
      {"plastiki", {"plastic", false}},
      {"kiwango", {"quality", false}},
      {"suti", {"suit", true}},
      {"manukato", {"perfume", true}},
      {"kiarabu", {"arabian", false}},
      {"wigi", {"wig", true}},
      {"mawigi", {"wigs", true}},
      {"fupi", {"short", false}},
      {"ndefu", {"long", false}},
      {"sketi", {"skirt", true}},
      {"seti", {"set", true}},
      {"mavazi", {"clothes", true}},
      {"vitenge", {"kitenge", false}},
      {"saa", {"watch", true}},
      {"mikanda", {"belts", true}},
      {"mkanda", {"belt", true}},
      {"soksi", {"socks", true}},
      {"jaketi", {"jacket", true}},
      {"koti", {"coat", true}},
      {"tai", {"tie", true}},
      {"marashi", {"perfume", true}},
      {"losheni", {"lotion", true}},
      {"krimu", {"cream", true}},
      {"sufuria", {"sufuria", true}},
      {"embe", {"mango", false}},
      {"maembe", {"mango", false}},
      {"nanasi", {"pineapple", false}},
      {"ndimu", {"lemon", false}},
      {"limau", {"lemon", false}},
      {"tikiti", {"watermelon", false}},
      // More Swahili and Sheng item words.
      {"vyombo", {"utensils", true}},
      {"kikombe", {"cup", true}},
      {"kapeti", {"carpet", true}},
      {"njumu", {"shoes", true}},
      {"mswaki", {"toothbrush", true}},
      {"maziwa", {"milk", true}},
      {"mayai", {"eggs", true}},
      {"maharagwe", {"beans", true}},
      {"chumvi", {"salt", true}},
      {"taa", {"lamp", true}},
      {"feni", {"fan", true}},
      {"ndoo", {"bucket", true}},
      {"birika", {"kettle", true}},
      {"friji", {"fridge", true}},
      {"mtoto", {"kids", false}},
      // Kinyarwanda (Rwanda): item nouns, then who they are for.
      {"inkweto", {"shoes", true}},
      {"ikanzu", {"dress", true}},
      {"amakanzu", {"dresses", true}},
      {"isaha", {"watch", true}},
      {"amasaha", {"watches", true}},
      {"igikapu", {"bag", true}},
      {"ibikapu", {"bags", true}},
      {"isakoshi", {"handbag", true}},
      {"amasakoshi", {"handbags", true}},
      {"ishati", {"shirt", true}},
      {"amashati", {"shirts", true}},
      {"ipantalo", {"trousers", true}},
      {"amapantalo", {"trousers", true}},
      {"umwenda", {"clothes", true}},
      {"imyenda", {"clothes", true}},
      {"ingofero", {"hat", true}},
      {"umukufi", {"necklace", true}},
      {"imikufi", {"necklaces", true}},
      {"impeta", {"ring", true}},
      {"amaherena", {"earrings", true}},
      {"umukandara", {"belt", true}},
      {"amasogisi", {"socks", true}},
      {"isabune", {"soap", true}},
      {"amavuta", {"oil", true}},
      {"ubuki", {"honey", true}},
      {"umuceri", {"rice", true}},
      {"ibishyimbo", {"beans", true}},
      {"ikawa", {"coffee", true}},
      {"icyayi", {"tea", true}},
      {"inkoko", {"chicken", true}},
      {"amagi", {"eggs", true}},
      {"umugati", {"bread", true}},
      {"igitabo", {"book", true}},
      {"ibitabo", {"books", true}},
      {"intebe", {"chair", true}},
      {"ameza", {"table", true}},
      {"igitanda", {"bed", true}},
      {"matela", {"mattress", true}},
      {"telefone", {"phone", true}},
      {"terefone", {"phone", true}},
      {"indobo", {"bucket", true}},
      {"isahani", {"plate", true}},
      {"amasahani", {"plates", true}},
      {"igikombe", {"cup", true}},
      {"ibikombe", {"cups", true}},
      {"abagore", {"ladies", false}},
      {"abadamu", {"ladies", false}},
      {"abagabo", {"men's", false}},
      {"abana", {"kids", false}},
      {"abakobwa", {"girls", false}},
      {"abahungu", {"boys", false}},
      {"gakondo", {"traditional", false}},
      // Luganda (Uganda).
      {"engatto", {"shoes", true}},
      {"essaati", {"shirt", true}},
      {"ssaati", {"shirt", true}},
      {"empale", {"trousers", true}},
      {"ekiteeteeyi", {"dress", true}},
      {"ebiteeteeyi", {"dresses", true}},
      {"ensawo", {"bag", true}},
      {"essaawa", {"watch", true}},
      {"enkofiira", {"hat", true}},
      {"omukuufu", {"necklace", true}},
      {"sabbuuni", {"soap", true}},
      {"omubisi", {"juice", true}},
      {"omuceere", {"rice", true}},
      {"ebijanjaalo", {"beans", true}},
      {"enkoko", {"chicken", true}},
      {"omugaati", {"bread", true}},
      {"ekitabo", {"book", true}},
      {"entebe", {"chair", true}},
      {"emmeeza", {"table", true}},
      {"ekitanda", {"bed", true}},
      {"essimu", {"phone", true}},
      {"ebikopo", {"cups", true}},
      {"ekikopo", {"cup", true}},
      {"amafuta", {"oil", true}},
      {"ssukaali", {"sugar", true}},
      {"ekibbo", {"basket", true}},
      {"omukeeka", {"mat", true}},
      {"emikeeka", {"mats", true}},
      {"bbulangiti", {"blanket", true}},
      {"abakyala", {"ladies", false}},
      {"bakyala", {"ladies", false}},
      {"abasajja", {"men's", false}},
      {"basajja", {"men's", false}},
      {"abaana", {"kids", false}},
      {"baana", {"kids", false}},
      {"abawala", {"girls", false}},
      {"abalenzi", {"boys", false}}};
  static const WordMap<Translation> k(kEntries);
  return k;
}

bool IsLowerAscii(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

// A word lower-cased (ASCII only) without allocating for the short words names are made of.
class AsciiLowerWord {
 public:
  explicit AsciiLowerWord(std::string_view word) {
    char* out = buffer_;
    if (word.size() > sizeof buffer_) {
      long_.resize(word.size());
      out = long_.data();
    }
    for (std::size_t i = 0; i < word.size(); ++i) {
      const char c = word[i];
      out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    view_ = std::string_view(out, word.size());
  }
  AsciiLowerWord(const AsciiLowerWord&) = delete;
  AsciiLowerWord& operator=(const AsciiLowerWord&) = delete;
  std::string_view view() const { return view_; }

 private:
  char buffer_[48];
  std::string long_;
  std::string_view view_;
};

// Upper-cases the first byte of `w` and each letter after an inner hyphen ("t-shirt" -> "T-Shirt").
void CapitaliseParts(char* w, std::size_t n) {
  if (w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
  for (std::size_t i = 1; i + 1 < n; ++i) {
    if (w[i] == '-' && w[i + 1] >= 'a' && w[i + 1] <= 'z')
      w[i + 1] = static_cast<char>(w[i + 1] - 32);
  }
}

// Appends one word in Title Case: all-lower words get a capital, ALL-CAPS words longer than four
// letters are shouted filler-case ("HANDBAGS" -> "Handbags"), mixed case ("iPhone", "CeraVe",
// "JBL") is kept.
void AppendTitleWord(std::string_view raw, bool first_word, std::string* out) {
  if (raw.empty()) return;
  static constexpr std::string_view kSmallWords[] = {"of", "and", "the", "a",
                                                     "an", "on",  "to",  "de"};
  static const WordSet kSmall(kSmallWords);
  const AsciiLowerWord lower(raw);
  if (!first_word && kSmall.Contains(lower.view())) {
    out->append(lower.view());
    return;
  }
  const std::size_t start = out->size();
  // "Non-stick" is lower-case after its capital: title-case each hyphen part too.
  if (IsLowerAscii(raw) || (raw[0] >= 'A' && raw[0] <= 'Z' && IsLowerAscii(raw.substr(1)))) {
    out->append(raw);
    CapitaliseParts(&(*out)[start], raw.size());
    return;
  }
  int letters = 0, upper = 0;
  for (char c : raw) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  if (upper == letters && letters > 4) {
    out->append(lower.view());
    CapitaliseParts(&(*out)[start], raw.size());
    return;
  }
  out->append(raw);
}

// How a plural head noun becomes singular when catalogs list it singular: drop the last `cut`
// bytes and append `add` (cut 0: it stays as it is).
struct SingularRule {
  std::size_t cut = 0;
  std::string_view add;
};

SingularRule SingularOf(std::string_view word) {
  const AsciiLowerWord lower_word(word);
  const std::string_view lower = lower_word.view();
  if (lower.size() < 4 || lower.back() != 's' || KeepPlural().Contains(lower) ||
      lower.find('\'') != std::string_view::npos) {
    return {};
  }
  // Hyphenated or model tokens keep their form: "T-Shirts" -> "T-Shirt" is fine, "A05s" is no
  // plural.
  for (char c : lower) {
    if (c >= '0' && c <= '9') return {};
  }
  if (lower[lower.size() - 2] == 's' || lower[lower.size() - 2] == 'u' ||
      lower[lower.size() - 2] == 'i') {
    // "dress", "bus", "chassis": not plurals, unless "-sses"/"-shes"/"-ches"/"-xes".
    return {};
  }
  const auto ends = [&](std::string_view suffix) {
    return lower.size() >= suffix.size() && lower.substr(lower.size() - suffix.size()) == suffix;
  };
  // "-ies": hoodies -> hoodie, but parties -> party.
  if (lower.size() > 4 && ends("ies")) {
    static constexpr std::string_view kIeNounsWords[] = {
        "hoodies", "cookies", "smoothies", "brownies", "beanies", "onesies",   "booties",
        "goodies", "selfies", "movies",    "pies",     "ties",    "lingeries", "scrunchies",
        "veggies", "kiddies", "rookies",   "aunties",  "zombies", "calories"};
    static const WordSet kIeNouns(kIeNounsWords);
    if (kIeNouns.Contains(lower)) return {1, ""};
    return {3, "y"};
  }
  if (lower.size() > 5 && ends("ives")) return {3, "fe"};  // knives -> knife
  if (lower.size() > 5 && ends("ves")) return {3, "f"};    // scarves -> scarf, shelves -> shelf
  if (lower.size() > 4 && ends("sses")) return {2, ""};
  if (lower.size() > 4 && (ends("ches") || ends("shes") || ends("xes"))) return {2, ""};
  // tomatoes -> tomato, potatoes -> potato, mangoes -> mango ("shoes" stays: KeepPlural).
  if (lower.size() > 5 && ends("toes")) return {2, ""};
  if (lower.size() > 5 && ends("goes")) return {2, ""};
  return {1, ""};
}

// Words read for one name at most: a name has six, the rest is a sentence.
constexpr std::size_t kMaxPieces = 12;

// One word of a name: views into the caption (or a static translation), so no allocation.
// Measure words a leading count belongs to in a name.
const WordSet& CountedWords() {
  static constexpr std::string_view kWords[] = {"inch",  "inches", "seater", "tier",
                                                "piece", "door",   "burner", "plate"};
  static const WordSet k(kWords);
  return k;
}

// 1 for a brand or model token (a capital or a digit in it): "Tecno", "A15", "iPhone".
int IsProper(std::string_view w) {
  for (char c : w) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) return 1;
  }
  return 0;
}

struct Piece {
  std::string_view text;
  std::string_view lower;
  uint32_t hash = 0;  // WordHash(lower), for the lexicon lookups
  Span span;
  bool connector = false;  // a Swahili connector ("ya", "za")
  bool translated_head = false;
  bool translated = false;  // from the Swahili table
  bool model = false;       // a model token: letters and digits in one word ("A70", "40i")

  HashedWord Word() const { return HashedWord(lower, hash); }
};

// A fixed-capacity list of pieces: a name reads at most kMaxPieces words, so no heap is needed.
class PieceList {
 public:
  // The pieces are left unconstructed until pushed (the lists are made and copied many times per
  // caption, and a piece is trivially copyable): only [0, size()) is ever read or copied.
  PieceList() {}
  PieceList(const PieceList& other) : n_(other.n_) {
    std::copy(other.begin(), other.end(), items_);
  }
  PieceList& operator=(const PieceList& other) {
    n_ = other.n_;
    std::copy(other.begin(), other.end(), items_);
    return *this;
  }
  ~PieceList() {}

  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  void clear() { n_ = 0; }
  void push_back(const Piece& p) {
    if (n_ < kCapacity) items_[n_++] = p;
  }
  void pop_back() { --n_; }
  Piece& back() { return items_[n_ - 1]; }
  const Piece& back() const { return items_[n_ - 1]; }
  Piece& operator[](std::size_t i) { return items_[i]; }
  const Piece& operator[](std::size_t i) const { return items_[i]; }
  Piece* begin() { return items_; }
  Piece* end() { return items_ + n_; }
  const Piece* begin() const { return items_; }
  const Piece* end() const { return items_ + n_; }
  // Drops the first `k` pieces.
  void DropFront(std::size_t k) {
    for (std::size_t i = k; i < n_; ++i) items_[i - k] = items_[i];
    n_ -= k;
  }

 private:
  static constexpr std::size_t kCapacity = kMaxPieces + 1;
  static_assert(std::is_trivially_copyable_v<Piece> && std::is_trivially_destructible_v<Piece>);
  union {
    Piece items_[kCapacity];
  };
  std::size_t n_ = 0;
};

// Words of a specification, never of a catalog name: "RAM", "SSD", "Core i5", "2.4GHz".
bool IsSpecWord(HashedWord w, std::string_view next) {
  static constexpr std::string_view kWords[] = {"ram",  "rom",       "ssd", "hdd",
                                                "emmc", "processor", "ghz", "mah"};
  static const WordSet k(kWords);
  if (k.Contains(w)) return true;
  if (w.text != "core" || next.size() != 2) return false;
  return (next[0] == 'i' || next[0] == 'm') && next[1] >= '3' && next[1] <= '9';
}

bool IsStopPunct(const Text& t, const Token& tok, uint32_t i, uint32_t last) {
  char p = t.Punct(tok);
  if (p == '(' || p == ')' || p == '!' || p == '?' || p == ':' || p == '|' || p == ',' ||
      p == ';' || p == '/' || p == '[' || p == '=' || p == '~') {
    return true;
  }
  if (p == '.' && (i + 1 >= last || t.tokens[i + 1].space_before)) return true;
  if (IsDash(t, tok) && (tok.space_before || (i + 1 < last && t.tokens[i + 1].space_before))) {
    return true;
  }
  std::string_view r = t.Raw(tok);
  // Typographic bullets and quotes end a name too.
  return r == "\xE2\x80\xA2" || r == "\xE2\x80\x9C" || r == "\xE2\x80\x9D" || r == "\"" || r == "'";
}

// The length of a Kinyarwanda or Luganda possessive glued to its noun, apostrophe included
// ("z'" of "z'abagore", "by'" of "by'abana", also with a typographic apostrophe), or 0.
std::size_t PossessivePrefix(std::string_view w) {
  static constexpr std::string_view kPrefixWords[] = {"z",  "y",  "w",  "k",  "g",  "by", "cy",
                                                      "ky", "ly", "ry", "rw", "bw", "gw", "tw"};
  static const WordSet kPrefixes(kPrefixWords);
  for (std::size_t n = 1; n <= 2 && n < w.size(); ++n) {
    std::size_t mark = 0;
    if (w[n] == '\'') {
      mark = 1;
    } else if (w.compare(n, 3, "\xE2\x80\x99") == 0) {
      mark = 3;
    }
    if (mark == 0) continue;
    if (w.size() < n + mark + 3 || !kPrefixes.Contains(w.substr(0, n))) return 0;
    return n + mark;
  }
  return 0;
}

// True when the hyphen at token `i` glues a model prefix, the last piece, to its number: "A-70",
// "SM-A155", "G-7": the prefix is at most three letters or holds a digit, the number is at most
// four bare digits glued on both sides, and nothing glued follows it.
bool IsModelHyphen(const Text& t, const PieceList* pieces, uint32_t i, uint32_t last) {
  const Token& tok = t.tokens[i];
  if (pieces->empty() || tok.space_before || i + 1 >= last) return false;
  const Piece& prev = pieces->back();
  const Token& nt = t.tokens[i + 1];
  if (prev.span.end != tok.begin || prev.connector || prev.translated) return false;
  if (IsMoneyWord(prev.Word())) return false;  // "Ksh-1500" is an amount
  if (nt.kind != TokenKind::kNumber || nt.space_before) return false;
  const std::string_view digits = t.Raw(nt);
  if (digits.size() > 4) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  if (i + 2 < last && !t.tokens[i + 2].space_before && t.tokens[i + 2].kind != TokenKind::kPunct) {
    return false;
  }
  bool digit = false;
  for (char c : prev.lower) digit = digit || (c >= '0' && c <= '9');
  return digit || prev.lower.size() <= 3;
}

// Collects the name pieces of [first, last).
// The last piece grows over the glue to the end of `next` ("Non" + "-stick", "A" + "-70").
void ExtendLastPiece(const Text& t, const Token& next, PieceList* pieces) {
  Piece& p = pieces->back();
  p.span.end = next.end;
  p.text = t.raw.substr(p.span.begin, p.span.end - p.span.begin);
  p.lower = std::string_view(t.lower).substr(p.span.begin, p.span.end - p.span.begin);
  p.hash = WordHash(p.lower);
}

// Collects from `first`; at a stop word after words that name no item it ends and sets `*restart`
// to where a second attempt may begin ("Glow up | with our organic shea butter").
void CollectFrom(const Text& t, uint32_t first, uint32_t last, PieceList* pieces,
                 uint32_t* restart) {
  *restart = last;
  int content = 0;
  for (uint32_t i = first; i < last && pieces->size() < kMaxPieces; ++i) {
    const Token& tok = t.tokens[i];
    switch (tok.kind) {
      case TokenKind::kEmoji:
      case TokenKind::kKeycap:
      case TokenKind::kHashtag:
      case TokenKind::kMention:
      case TokenKind::kCurrency:
      case TokenKind::kUnknown:
        if (content > 0 && tok.kind != TokenKind::kUnknown) return;
        continue;
      case TokenKind::kPunct: {
        if (content == 0) continue;
        // A hyphen or '+' glued between words joins them: "Non-stick", "Type-C", "T-shirts"; the
        // brands "Black+Decker", "Disney+".
        const char glue = t.Punct(tok);
        // Sheng's plural class prefix: "Ma-boots", "Ma-dress" name boots and dresses.
        if (glue == '-' && !tok.space_before && i + 1 < last && !t.tokens[i + 1].space_before &&
            t.tokens[i + 1].kind == TokenKind::kWord && !pieces->empty() &&
            pieces->back().lower == "ma" && pieces->back().span.end == tok.begin) {
          pieces->pop_back();
          --content;
          continue;
        }
        if ((glue == '-' || glue == '+') && !tok.space_before && i + 1 < last &&
            !t.tokens[i + 1].space_before && t.tokens[i + 1].kind == TokenKind::kWord &&
            !pieces->empty() && pieces->back().span.end == tok.begin) {
          ExtendLastPiece(t, t.tokens[++i], pieces);
          continue;
        }
        // A hyphen glued between a model prefix and its number joins them too: "Itel A-70",
        // "SM-A155"; a long word glued to an amount is a menu row ("Mishkaki-1000").
        if (glue == '-' && IsModelHyphen(t, pieces, i, last)) {
          ExtendLastPiece(t, t.tokens[++i], pieces);
          pieces->back().model = true;
          continue;
        }
        if (t.Punct(tok) == '&' || t.Punct(tok) == '+') continue;
        if (t.Punct(tok) == '\'' || t.Raw(tok) == "\xE2\x80\x99") continue;
        if (t.Punct(tok) == '"' && i > first && t.tokens[i - 1].kind == TokenKind::kNumber)
          continue;
        if (IsStopPunct(t, tok, i, last)) return;
        continue;
      }
      case TokenKind::kNumber: {
        std::string_view raw = t.Raw(tok);
        bool glued_word = i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord &&
                          !t.tokens[i + 1].space_before;
        if (glued_word) {
          // "100ml", "6kg", "8GB" are capacities (dropped); "40i", "250D", "4G" are model tokens.
          std::string_view w = t.Lower(t.tokens[i + 1]);
          static constexpr std::string_view kUnitsWords[] = {
              "ml",  "l",   "g",   "kg",  "gb",   "tb",  "mb", "mah", "mp",
              "w",   "pcs", "pc",  "pm",  "am",   "th",  "st", "nd",  "rd",
              "cm",  "mm",  "m",   "ft",  "inch", "hrs", "x",  "ltr", "litres",
              "kgs", "gm",  "gms", "ft.", "hz",   "v",   "kw", "hp",  "seater"};
          static const WordSet kUnits(kUnitsWords);
          if (kUnits.Contains(t.Word(t.tokens[i + 1])) || (w.size() > 1 && w[0] == 'x')) {
            ++i;
            continue;
          }
          if (content == 0 && w != "g" && w.size() <= 2) {
            // "4G router", "5G": keep as a model token.
          }
          Piece p;
          p.span = Span{tok.begin, t.tokens[i + 1].end};
          p.text = t.raw.substr(p.span.begin, p.span.end - p.span.begin);
          p.lower = std::string_view(t.lower).substr(p.span.begin, p.span.end - p.span.begin);
          p.hash = WordHash(p.lower);
          // "40i", "13C" name a model; "20A", "12V" are measures (amps, volts, watts).
          p.model = !(w.size() == 1 && (w[0] == 'a' || w[0] == 'v' || w[0] == 'w')) &&
                    !IsSpecUnit(t.Word(t.tokens[i + 1]));
          pieces->push_back(std::move(p));
          ++content;
          ++i;
          continue;
        }
        // "2 litre cooking oil", "Pishori rice 5 kg", "500 ml body lotion": a capacity written
        // apart from its number is dropped like a glued one ("100ml"); a count before its measure
        // word stays ("55 inch", "3 seater").
        if (i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord &&
            t.tokens[i + 1].space_before) {
          static constexpr std::string_view kSpacedUnitsWords[] = {
              "ml",     "l",    "g",     "kg",     "kgs",    "ltr",    "ltrs",  "litre",
              "litres", "lita", "liter", "liters", "gm",     "gms",    "gb",    "tb",
              "mb",     "mah",  "cm",    "mm",     "pcs",    "pc",     "kw",    "hz",
              "grams",  "kilo", "kilos", "ft",     "metres", "meters", "metre", "meter"};
          static const WordSet kSpacedUnits(kSpacedUnitsWords);
          const HashedWord unit = t.Word(t.tokens[i + 1]);
          if (!CountedWords().Contains(unit) && kSpacedUnits.Contains(unit)) {
            ++i;
            continue;
          }
        }
        // "100% cotton bedsheets": a share before the name's first word is a claim, skipped; one
        // after it ends the name ("Shea butter 100% natural").
        if (i + 1 < last && t.Punct(t.tokens[i + 1]) == '%') {
          if (content > 0) return;
          ++i;
          continue;
        }
        // "8/256", "4/64", "8+128": RAM and storage, a spec, end the name.
        if (i + 1 < last && t.Punct(t.tokens[i + 1]) == '/' && !t.tokens[i + 1].space_before)
          return;
        // "2 in 1", "3 in 1": a feature, not a model number.
        if (content > 0 && i + 2 < last && t.Is(t.tokens[i + 1], "in") &&
            t.tokens[i + 2].kind == TokenKind::kNumber) {
          return;
        }
        if (i + 2 < last && t.Punct(t.tokens[i + 1]) == '+' && !t.tokens[i + 1].space_before &&
            !t.tokens[i + 2].space_before && t.tokens[i + 2].kind == TokenKind::kNumber) {
          return;
        }
        // A number right after a word is a model number ("iPhone 13", "Air Force 1", "Flip 6");
        // a year or a number starting the name is not.
        bool after_word = i > first && t.tokens[i - 1].kind == TokenKind::kWord && content > 0;
        bool grouped =
            raw.find(',') != std::string_view::npos || raw.find('.') != std::string_view::npos;
        bool year = raw.size() == 4 && (raw.rfind("19", 0) == 0 || raw.rfind("20", 0) == 0);
        // "50 inch smart TV", "4 tier shoe rack", "5 seater sofa": a count before its measure word.
        bool measure_next = i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord &&
                            CountedWords().Contains(t.Word(t.tokens[i + 1]));
        if ((after_word || measure_next) && !grouped && !year && raw.size() <= 5) {
          Piece p;
          p.text = raw;
          p.lower = raw;
          p.hash = WordHash(raw);
          p.span = Span{tok.begin, tok.end};
          pieces->push_back(std::move(p));
          continue;
        }
        if (content > 0 && !year) return;
        continue;
      }
      case TokenKind::kWord: {
        // "Size 40-45 Nike Air Force 1", "Sizes M-XL hoodies": sizes before the name's first word
        // are variants, skipped with their cue.
        // After the name's words a list of letter sizes ends it: "T-shirts M,L,XL,XXL"...
        if (content > 0) {
          uint32_t end = 0;
          if (IsLetterSizeAt(t, i, last, &end) && end + 1 < last &&
              (t.Punct(t.tokens[end]) == ',' || t.Punct(t.tokens[end]) == '/') &&
              IsLetterSizeAt(t, end + 1, last, &end)) {
            return;
          }
          // ... or three written apart: "Hoodies S M L".
          uint32_t run = i;
          int sizes = 0;
          while (run < last && IsLetterSizeAt(t, run, last, &end)) {
            run = end;
            ++sizes;
          }
          if (sizes >= 3) return;
        }
        // ... and so does a size system before its numbers: "Official shoes Euro 38-42", "Heels UK
        // 5".
        if (content > 0 && i + 1 < last && t.tokens[i + 1].kind == TokenKind::kNumber &&
            (t.Is(tok, "euro") || t.Is(tok, "eu") || t.Is(tok, "uk"))) {
          return;
        }
        // After the name's words a size cue ends it: "Oversized hoodies sizes M-XL".
        // ("Plus size dresses", "Queen size bed" keep theirs: no size follows.)
        if (content > 0 && HasSizeCue(t, i, i + 1) && i + 1 < last) {
          uint32_t end = 0;
          const Token& nt = t.tokens[i + 1];
          if (nt.kind == TokenKind::kNumber || t.Punct(nt) == ':' ||
              IsLetterSizeAt(t, i + 1, last, &end)) {
            return;
          }
        }
        if (content == 0 && HasSizeCue(t, i, i + 1)) {
          uint32_t j = i + 1;
          uint32_t end = 0;
          // A number glued to a word ("6x6", "10kg") is read by the number case below.
          auto glued = [&](uint32_t k) {
            return k + 1 < last && t.tokens[k + 1].kind == TokenKind::kWord &&
                   !t.tokens[k + 1].space_before;
          };
          while (j < last &&
                 ((t.tokens[j].kind == TokenKind::kNumber && !glued(j)) || IsDash(t, t.tokens[j]) ||
                  t.Punct(t.tokens[j]) == ',' || t.Punct(t.tokens[j]) == ':' ||
                  t.Punct(t.tokens[j]) == '/' || t.Is(t.tokens[j], "to") ||
                  t.Is(t.tokens[j], "hadi") || IsLetterSizeAt(t, j, last, &end))) {
            ++j;
          }
          if (j > i + 1) {
            i = j - 1;
            continue;
          }
        }
        // "Robo kilo ya njugu", "Nusu lita": how much is sold, before the name's first word.
        if (content == 0 && i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord &&
            IsFractionWord(t.Word(tok)) && IsQuantityUnit(t.Word(t.tokens[i + 1]))) {
          ++i;
          continue;
        }
        std::string_view w = t.Lower(tok);
        HashedWord word = t.Word(tok);
        uint32_t word_begin = tok.begin;
        // Kinyarwanda and Luganda glue the possessive to the noun it governs ("inkweto
        // z'abagore", "essaati z'abasajja"): a connector, then that noun.
        if (const std::size_t cut = PossessivePrefix(w); cut > 0) {
          if (content > 0) {
            Piece c;
            c.lower = w.substr(0, cut);
            c.hash = WordHash(c.lower);
            c.connector = true;
            c.span = Span{tok.begin, static_cast<uint32_t>(tok.begin + cut)};
            pieces->push_back(c);
          }
          w = w.substr(cut);
          word = HashedWord(w);
          word_begin = static_cast<uint32_t>(tok.begin + cut);
        }
        std::string_view next_word = i + 1 < last && t.tokens[i + 1].kind == TokenKind::kWord
                                         ? t.Lower(t.tokens[i + 1])
                                         : std::string_view();
        // A specification ends the name: "HP EliteBook 840 G5 Core i5 8GB RAM 256GB SSD".
        if (content > 0 && IsSpecWord(word, next_word)) return;
        bool stop = StopWords().Contains(word);
        if (w == "made") {
          stop = next_word == "in" || next_word == "by" || next_word == "with" ||
                 next_word == "to" || next_word == "from" || next_word == "of" ||
                 next_word == "locally";
        }
        if (content > 0 && stop) {
          // Words before the stop that name no item ("Glow up with our organic shea butter") are
          // dropped and the name starts again after the stop word.
          int score = 0;
          for (std::size_t k = 0; k < pieces->size(); ++k) {
            int wgt = 0;
            if (k + 1 < pieces->size() &&
                LookupCategoryPhrase((*pieces)[k].Word(), (*pieces)[k + 1].lower, &wgt) >= 0) {
              score += wgt;
              ++k;
              continue;
            }
            if (LookupCategoryWord((*pieces)[k].Word(), &wgt) >= 0) score += wgt;
          }
          // A capitalised title before the stop stays ("Things Fall Apart by Chinua Achebe").
          bool title_case = pieces->size() >= 2;
          for (const Piece& q : *pieces) {
            title_case = title_case && !q.text.empty() && q.text[0] >= 'A' && q.text[0] <= 'Z';
          }
          if (score >= 2 || title_case) return;
          *restart = i + 1;
          return;
        }
        if (stop) continue;
        if (Filler().Contains(word)) {
          // A filler word inside a known phrase or before a model token stays: "New Balance 550",
          // "All Star", "Hot 40i".
          bool keep = false;
          if (!next_word.empty()) {
            int wgt = 0;
            keep = LookupCategoryPhrase(word, next_word, &wgt) >= 0;
          }
          if (!keep && tok.upper_initial && i + 1 < last && t.tokens[i + 1].has_digit &&
              content > 0) {
            keep = true;
          }
          if (!keep) continue;
        }
        Piece p;
        p.lower = w;
        p.hash = word.hash;
        const Translation* tr = Swahili().Find(word);
        if (SwahiliConnectors().Contains(word)) {
          if (content == 0) continue;
          p.connector = true;
        } else if (tr != nullptr) {
          p.text = tr->english;  // lower-case; Title Case comes at the end
          p.lower = tr->english;
          p.hash = WordHash(p.lower);
          p.translated_head = tr->head;
          p.translated = true;
        } else {
          p.text = t.raw.substr(word_begin, tok.end - word_begin);
          p.model = tok.has_digit;  // "A70", "S10", "G5"
        }
        p.span = Span{word_begin, tok.end};
        pieces->push_back(std::move(p));
        if (!pieces->back().connector) ++content;
        continue;
      }
    }
  }
}

int PiecesScore(const PieceList& pieces) {
  int score = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    int wgt = 0;
    if (k + 1 < pieces.size() &&
        LookupCategoryPhrase(pieces[k].Word(), pieces[k + 1].lower, &wgt) >= 0) {
      score += wgt;
      ++k;
      continue;
    }
    if (LookupCategoryWord(pieces[k].Word(), &wgt) >= 0) score += wgt;
  }
  return score;
}

// Collects the name pieces of [first, last). When the words before a stop name no item, the words
// after it get a chance, and win only when they name an item better ("Glow up with our organic shea
// butter" -> "Organic Shea Butter", but "Fresh tilapia from Lake Victoria" -> "Fresh Tilapia").
void Collect(const Text& t, uint32_t first, uint32_t last, PieceList* pieces) {
  uint32_t restart = last;
  CollectFrom(t, first, last, pieces, &restart);
  if (restart >= last) return;
  PieceList second;
  uint32_t again = last;
  CollectFrom(t, restart, last, &second, &again);
  if (PiecesScore(second) > PiecesScore(*pieces) || pieces->empty()) *pieces = second;
}

}  // namespace

bool IsNameFiller(HashedWord w) { return Filler().Contains(w); }
bool IsUnitNoun(HashedWord w) { return UnitNouns().Contains(w) || IsQuantityUnit(w); }

std::string_view TranslateSwahili(std::string_view w) {
  const Translation* tr = Swahili().Find(w);
  return tr ? tr->english : std::string_view();
}

namespace {

// Reads, reorders and trims the name words of [first, last) into `words`; false when none.
bool IsCountPiece(const Piece& p) {
  if (p.model || p.lower.empty()) return false;
  for (char c : p.lower) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// How much is sold is no name word in a Swahili phrase: a measure ("kilo", "lita", "gunia", "pea")
// and a count after a connector or beside a measure ("Ndoo ya maji lita 20", "Chupi za kike pack ya
// 5", "Dagaa wa Mwanza kilo"). Only when the phrase has a connector: "Puzzle 1000" keeps its
// number.
void DropSwahiliQuantities(PieceList* pieces) {
  bool connector = false;
  for (const Piece& p : *pieces) connector = connector || p.connector;
  if (!connector) return;
  auto measure = [](const Piece& p) {
    return !p.connector && (IsQuantityUnit(p.Word()) || p.lower == "pea" || p.lower == "doti" ||
                            p.lower == "jozi" || p.lower == "chupa");
  };
  PieceList kept;
  const std::size_t n = pieces->size();
  for (std::size_t k = 0; k < n; ++k) {
    const Piece& p = (*pieces)[k];
    const bool count =
        IsCountPiece(p) && ((k > 0 && ((*pieces)[k - 1].connector || measure((*pieces)[k - 1]))) ||
                            (k + 1 < n && measure((*pieces)[k + 1])));
    if (count || measure(p)) continue;
    kept.push_back(p);
  }
  bool named = false;
  for (const Piece& p : kept) named = named || !p.connector;
  if (named) *pieces = kept;
}

bool Assemble(const Text& t, uint32_t first, uint32_t last, PieceList& words) {
  words.clear();
  if (first >= last) return false;
  // An English gloss in parentheses after Swahili words wins: "Pochi ndogo (small purse)".
  uint32_t open = last, close = last;
  bool swahili_before = false;
  for (uint32_t i = first; i < last; ++i) {
    if (t.Punct(t.tokens[i]) == '(') {
      open = i;
      break;
    }
    if (t.tokens[i].kind == TokenKind::kWord) {
      const HashedWord word = t.Word(t.tokens[i]);
      if (Swahili().Find(word) || SwahiliConnectors().Contains(word)) swahili_before = true;
    }
  }
  if (open < last && swahili_before) {
    for (uint32_t i = open + 1; i < last; ++i) {
      if (t.Punct(t.tokens[i]) == ')') {
        close = i;
        break;
      }
    }
    if (close < last) {
      int score = 0;
      for (uint32_t i = open + 1; i < close; ++i) {
        if (t.Punct(t.tokens[i]) == ',') {
          score = -100;
          break;
        }
        int wgt = 0;
        if (t.tokens[i].kind == TokenKind::kWord &&
            LookupCategoryWord(t.Word(t.tokens[i]), &wgt) >= 0) {
          score += wgt;
        }
      }
      if (score > 0) {
        first = open + 1;
        last = close;
      }
    }
  }

  PieceList pieces;
  Collect(t, first, last, &pieces);
  DropSwahiliQuantities(&pieces);
  // Trailing connectors and small words go.
  while (!pieces.empty() && (pieces.back().connector || pieces.back().lower == "of" ||
                             pieces.back().lower == "and" || pieces.back().lower == "the" ||
                             pieces.back().lower == "a" || pieces.back().lower == "&")) {
    pieces.pop_back();
  }
  // Trailing colours and a size after the head noun are variants, not the name: "Gaming Chair Red
  // Black", "Ladies Handbag Brown", "Air Force 1 White Size 42".
  auto item_before = [&](std::size_t end) {
    for (std::size_t k = 0; k < end; ++k) {
      int wgt = 0;
      if (LookupCategoryWord(pieces[k].Word(), &wgt) >= 0 && wgt >= 2) return true;
    }
    return false;
  };
  while (pieces.size() > 1) {
    const Piece& p = pieces.back();
    bool number = !p.lower.empty() && p.lower[0] >= '0' && p.lower[0] <= '9';
    bool size = number && pieces.size() > 2 && pieces[pieces.size() - 2].lower == "size";
    std::size_t drop = size ? 2 : 1;
    bool color = !size && !p.translated && IsColorWord(p.Word()) && !IsAmbiguousColorWord(p.Word());
    if ((!size && !color) || !item_before(pieces.size() - drop)) break;
    for (std::size_t k = 0; k < drop; ++k) pieces.pop_back();
  }
  if (pieces.empty()) return false;

  // Swahili order: "HEAD ya QUALIFIER" -> "QUALIFIER HEAD" when the head was translated. Groups are
  // the runs between connectors, as [begin, end) ranges of `flat`.
  PieceList flat;
  std::size_t group_begin[kMaxPieces + 2], group_end[kMaxPieces + 2];
  std::size_t groups = 1;
  group_begin[0] = 0;
  for (const Piece& p : pieces) {
    if (p.connector) {
      group_end[groups - 1] = flat.size();
      group_begin[groups++] = flat.size();
      continue;
    }
    flat.push_back(p);
  }
  group_end[groups - 1] = flat.size();
  bool swahili_head = group_end[0] > group_begin[0] && !flat.empty() && flat[0].translated_head;
  // "Vitenge shirts za wanaume": a group of translated qualifiers after a connector goes first.
  bool qualifier_tail = false;
  if (!swahili_head && groups > 1) {
    qualifier_tail = true;
    for (std::size_t k = group_end[0]; k < flat.size(); ++k) {
      qualifier_tail = qualifier_tail && flat[k].translated;
    }
  }
  // "Dresses za kitenge", "Sneakers za Nike": an English head noun alone before a connector is
  // qualified by the words after it, which go first ("Kitenge Dresses").
  if (!swahili_head && !qualifier_tail && groups == 2 && group_end[0] == 1 && !flat[0].translated &&
      flat.size() - group_end[0] <= 2) {
    int wgt = 0;
    bool plain_tail = true;
    for (std::size_t k = group_end[0]; k < flat.size(); ++k) {
      const std::string_view w = flat[k].lower;
      plain_tail = plain_tail && !flat[k].model && !w.empty() && !(w[0] >= '0' && w[0] <= '9');
    }
    qualifier_tail = plain_tail && LookupCategoryWord(flat[0].Word(), &wgt) >= 0 && wgt >= 2;
  }
  PieceList ordered;
  const std::size_t head_end = group_end[0];
  if ((swahili_head || qualifier_tail) && groups > 1) {
    for (std::size_t g = groups; g-- > 1;) {
      for (std::size_t k = group_begin[g]; k < group_end[g]; ++k) ordered.push_back(flat[k]);
    }
    if (swahili_head) {
      // The head's own qualifiers follow it in Swahili ("Pochi ndogo"): put them first.
      for (std::size_t k = 1; k < head_end; ++k) ordered.push_back(flat[k]);
      ordered.push_back(flat[0]);
    } else {
      for (std::size_t k = 0; k < head_end; ++k) ordered.push_back(flat[k]);
    }
  } else if (swahili_head && head_end > 1) {
    for (std::size_t k = 1; k < head_end; ++k) ordered.push_back(flat[k]);
    ordered.push_back(flat[0]);
    for (std::size_t k = head_end; k < flat.size(); ++k) ordered.push_back(flat[k]);
  } else {
    ordered = flat;
  }
  for (const Piece& p : ordered) {
    // A repeat is dropped ("Men's ... Men's"), a doubled word kept ("Chin Chin").
    bool dup = false;
    for (std::size_t k = 0; k + 1 < words.size(); ++k) dup = dup || words[k].lower == p.lower;
    if (!words.empty() && words.back().lower == p.lower && p.translated) dup = true;
    if (!dup && !p.text.empty()) words.push_back(p);
  }
  // At most six words: keep the last ones, where English heads are.
  if (words.size() > 6) words.DropFront(words.size() - 6);
  // Leading small words go too ("the" stays only in titles such as "The Pearl").
  // A name never starts with a preposition either ("Buy 2 get 1 free on all lipsticks").
  while (words.size() > 1 &&
         (words[0].lower == "and" || words[0].lower == "of" || words[0].lower == "on" ||
          words[0].lower == "for" || words[0].lower == "with" || words[0].lower == "to")) {
    words.DropFront(1);
  }
  return !words.empty();
}

// The scores of a name's words (item_score, head_score, proper, counts), before any text is built.
void ScoreNameWords(const PieceList& words, Name* out) {
  for (std::size_t k = 0; k < words.size(); ++k) {
    int wgt = 0;
    if (k + 1 < words.size() &&
        LookupCategoryPhrase(words[k].Word(), words[k + 1].lower, &wgt) >= 0) {
      out->item_score += wgt;
      out->head_score = std::max(out->head_score, wgt);
      out->proper += IsProper(words[k].text) + IsProper(words[k + 1].text);
      ++k;
      continue;
    }
    if (LookupCategoryWord(words[k].Word(), &wgt) >= 0) {
      out->item_score += wgt;
      if (k + 1 == words.size()) out->head_score = wgt;
    }
    out->proper += IsProper(words[k].text) + (words[k].model ? 1 : 0);
  }
  out->word_count = static_cast<int>(words.size());
  for (const Piece& w : words) out->translated += w.translated ? 1 : 0;
}

// Builds the Title Case text, lower-case words and spans of `words` (the head made singular).
void Materialise(const PieceList& words, Name* out) {
  const Piece& head = words.back();
  const SingularRule text_rule = SingularOf(head.text);
  const SingularRule lower_rule = SingularOf(head.lower);
  std::size_t size = words.size();
  for (const Piece& p : words) size += p.text.size() + 2;
  out->text.reserve(size);
  out->words.reserve(words.size());
  out->spans.reserve(words.size());
  for (std::size_t k = 0; k + 1 < words.size(); ++k) {
    AppendTitleWord(words[k].text, k == 0, &out->text);
    out->text += ' ';
    out->words.emplace_back(words[k].lower);
    out->spans.push_back(words[k].span);
  }
  std::string head_text(head.text.substr(0, head.text.size() - text_rule.cut));
  head_text.append(text_rule.add);
  AppendTitleWord(head_text, words.size() == 1, &out->text);
  out->words.emplace_back(head.lower.substr(0, head.lower.size() - lower_rule.cut));
  out->words.back().append(lower_rule.add);
  out->spans.push_back(head.span);
}

// The boundaries of the chunks BuildBestName chooses among: emojis (not before a gloss), colons,
// bars, exclamation and question marks, sentence ends.
bool IsChunkBoundary(const Text& t, uint32_t i, uint32_t last) {
  if (i == last) return true;
  const Token& tok = t.tokens[i];
  char p = t.Punct(tok);
  // An emoji before a parenthesis keeps the gloss with its words: "Sabuni ya asili 🌼 (soap)".
  bool gloss_next = i + 1 < last && t.Punct(t.tokens[i + 1]) == '(';
  return (tok.kind == TokenKind::kEmoji && !gloss_next) || p == ':' || p == '|' || p == '!' ||
         p == '?' || (p == '.' && (i + 1 >= last || t.tokens[i + 1].space_before));
}

}  // namespace

Name BuildName(const Text& t, uint32_t first, uint32_t last) {
  Name out;
  PieceList words;
  if (!Assemble(t, first, last, words)) return out;
  ScoreNameWords(words, &out);
  Materialise(words, &out);
  return out;
}

namespace {

// ChooseBestName, also giving the winner's words (`*best_words`).
Name ChooseBest(const Text& t, uint32_t first, uint32_t last, PieceList* best_words) {
  // Chunks are scored without building their text.
  Name best;
  PieceList words;
  int best_score = -1;
  int item_chunks = 0;
  uint32_t chunk = first;
  for (uint32_t i = first; i <= last; ++i) {
    if (!IsChunkBoundary(t, i, last)) continue;
    // A chunk that opens with "for" says what the item is for ("Bagless vacuum cleaner 1200W 🧹
    // for carpets and sofas"): it names the item only when no chunk before it did.
    const bool purpose =
        i > chunk && t.Is(t.tokens[chunk], "for") && best_score >= 0 && best.item_score >= 2;
    if (i > chunk && !purpose && Assemble(t, chunk, i, words)) {
      Name scores;
      ScoreNameWords(words, &scores);
      if (scores.item_score >= 2) ++item_chunks;
      if (scores.Score() > best_score) {
        best_score = scores.Score();
        best = scores;
        best.chunk_first = chunk;
        best.chunk_last = i;
        *best_words = words;
      }
    }
    chunk = i + 1;
  }
  if (best_score < 0) return Name();
  // Other chunks that also name an item make the choice less certain.
  best.rivals = item_chunks - (best.item_score >= 2 ? 1 : 0);
  return best;
}

}  // namespace

Name ChooseBestName(const Text& t, uint32_t first, uint32_t last) {
  PieceList best_words;
  return ChooseBest(t, first, last, &best_words);
}

void SpellName(const Text& t, Name* name) {
  if (name->word_count == 0 || !name->text.empty()) return;
  PieceList words;
  if (Assemble(t, name->chunk_first, name->chunk_last, words)) Materialise(words, name);
}

Name BuildBestName(const Text& t, uint32_t first, uint32_t last) {
  PieceList words;
  Name name = ChooseBest(t, first, last, &words);
  if (name.word_count > 0) Materialise(words, &name);
  return name;
}

}  // namespace vendly::internal
