// Where a caption writes a currency word beside its amount: "Ksh 2,500" (before), "45,000 Frw" and
// "20 bob" (after), "Ksh2,500" and "N3,500" (glued before the digits). The words and the ISO code
// each stands for live in one registry, money.cc's mark table; this says only where a caption may
// put them, for the tokeniser (text.cc) and the caption's money reader (prices.cc).
#ifndef VENDLY_SRC_CAPTION_MARKS_H_
#define VENDLY_SRC_CAPTION_MARKS_H_

#include <cstdint>

#include "lexicon.h"

namespace vendly::internal {

enum CaptionMarkPlace : uint8_t {
  kMarkBefore = 1,  // "Ksh 2,500", "USh 95,000"
  kMarkAfter = 2,   // "68,000 ksh", "45,000 Frw", "20 bob", "3,500 naira"
  kMarkGlued = 4,   // split off the digits it is glued to: "Ksh2,500", "N3,500", "Rwf15,000"
};

// The CaptionMarkPlace bits of a lower-case word; 0 when captions never use it as a currency mark.
uint8_t CaptionMarkPlaces(HashedWord lower_word);

// Every caption mark with its places (for tables derived from the registry at start-up).
const WordMap<uint8_t>& CaptionMarkTable();

}  // namespace vendly::internal

#endif  // VENDLY_SRC_CAPTION_MARKS_H_
