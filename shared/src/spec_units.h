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
// screen size (cm, inch), weight and volume (kg, g, ml, l, litres) and the quantity units below.
bool IsSpecUnit(HashedWord lower_word);

// True when the lower-case word is a unit a seller sells by, in English or Swahili: weight and
// volume (gram/gramu, kg/kilo, ml/mililita, litre/lita) and the local measures and packs (debe,
// gunia, pakiti, trei). The number beside one, before it or after it, is a quantity, never a price
// ("Kilo 5 - 1 200", "Gramu 250 - 9 000", "2 debe 24,000"); and a row holding only such a unit,
// its number and a price is an option of an item, naming none ("Lita 1 - 250", "Debe 1 - 12,000").
// Single letters (g, l, m) are left out: "L 2,500" is a letter size and its price.
bool IsQuantityUnit(HashedWord lower_word);

}  // namespace vendly::internal

#endif  // VENDLY_SRC_SPEC_UNITS_H_
