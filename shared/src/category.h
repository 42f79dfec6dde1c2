// Category: which of the nine catalog categories (kCategories) an item belongs to, from weighted
// keyword lexicons in English, Swahili and Sheng (item nouns, brands, one- and two-word phrases)
// and from hashtag stems. The caller feeds words with a weight (the head noun of the item's name
// weighs most, the rest of the caption least) and reads the best category with a confidence that
// reflects the margin over the runner-up.
#ifndef VENDLY_SRC_CATEGORY_H_
#define VENDLY_SRC_CATEGORY_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "vendly/extract.h"

namespace vendly::internal {

enum CategoryIndex : int {
  kFashion = 0,
  kElectronics = 1,
  kHome = 2,
  kBeauty = 3,
  kFood = 4,
  kSports = 5,
  kBooks = 6,
  kToys = 7,
  kOther = 8,
};

// The category lexicon entry of a lower-case word or two-word phrase ("power bank"), trying the
// word without a plural ending too. Returns the category and sets `*weight` (1-3), or -1 when
// unknown.
int LookupCategoryWord(HashedWord lower_word, int* weight);

// True for brand names ("nike", "samsung", "cerave"): they tell the category but are no item noun.
bool IsBrandWord(HashedWord lower_word);

// True when a name's lower-case words (the head noun last) name an item sellers file under two
// categories alike: a fridge, freezer, microwave or washing machine (Home & Living here,
// Electronics to some), a scooter or a kids' bicycle (Sports & Fitness here, Toys & Games to some).
// Such a category is a choice, not a reading: the confidence keeps it below auto-approve.
bool IsContestedCategoryName(const std::vector<std::string>& words);

// LookupCategoryWord for the two-word phrase "a b", without allocating.
int LookupCategoryPhrase(HashedWord a, std::string_view b, int* weight);

class CategoryScorer {
 public:
  // Scores one word (or a two-word phrase when `next` is given and the phrase is known; then
  // `*used_next` is set) with the caller's weight; remembers `span` as evidence.
  void AddWord(HashedWord lower_word, std::string_view lower_next, double weight, Span span,
               bool* used_next);
  // Scores the stems found inside a hashtag ("#sneakerskenya" -> Fashion).
  void AddHashtag(std::string_view lower_tag, double weight);

  // Adds another scorer's scores and evidence.
  void Merge(const CategoryScorer& other);

  // The best category (kOther when nothing scored) and a confidence in [0, 1].
  int Best(double* confidence) const;
  // The first `max` evidence spans of category `c`.
  std::vector<Span> Evidence(int c, std::size_t max) const;
  double Score(int c) const { return scores_[c]; }

 private:
  static constexpr std::size_t kMaxEvidence = 32;  // spans kept; a long caption repeats itself
  std::array<double, 9> scores_{};
  // Kept in place (a scorer is made per product): the first evidence_count_ entries are used.
  struct CategorySpan {
    int category;
    Span span;
  };
  CategorySpan evidence_[kMaxEvidence];
  std::size_t evidence_count_ = 0;

  void AddEvidence(int c, Span span) {
    if (evidence_count_ < kMaxEvidence) evidence_[evidence_count_++] = CategorySpan{c, span};
  }
};

}  // namespace vendly::internal

#endif  // VENDLY_SRC_CATEGORY_H_
