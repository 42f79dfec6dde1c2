// Specification units: the words that make the number before them a measure or a specification,
// never a price ("7200 DPI", "100W", "20000mAh", "2 litres", "43 inch", "8GB", "600 watts"). One
// lexicon, consulted wherever a number is weighed as a price: by the caption reader (prices.cc) and
// by the price-string reader (money.cc, which holds the table).
#ifndef VENDLY_SRC_SPEC_UNITS_H_
#define VENDLY_SRC_SPEC_UNITS_H_

#include "lexicon.h"

namespace vendly::internal {

// True when the lower-case word is a unit of measure or specification: memory and storage (gb, tb),
// power and charge (w, watts, mah, va), frequency and speed (hz, mbps, rpm, dpi, fps), length and
// screen size (cm, inch), weight and volume (kg, g, ml, l, litres).
bool IsSpecUnit(HashedWord lower_word);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_SPEC_UNITS_H_
