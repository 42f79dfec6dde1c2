// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Written from tests/fixtures/captions-dev.jsonl by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: dev products per class [282, 147, 181, 8, 3, 0, 2, 4]
constexpr double kStructure[8] = {0.99998, 0.99996, 0.99997, 0.99947,
                                  0.99909, 0.99841, 0.99894, 0.99921};
// name: dev products per class [60, 214, 63, 5, 143, 108, 28, 6]
constexpr double kName[8] = {0.99742, 0.99924, 0.93783, 0.75941,
                             0.97847, 0.93602, 0.83858, 0.58347};
// price: dev products per class [24, 8, 248, 58, 276, 13]
constexpr double kPrice[6] = {0.99977, 0.99947, 0.99997, 0.9999, 0.99998, 0.99963};
// currency: dev products per class [248, 379]
constexpr double kCurrency[2] = {0.99997, 0.99998};
// compare_at_price: dev products per class [583, 44]
constexpr double kCompareAt[2] = {0.99999, 0.99987};
// category: dev products per class [1, 0, 17, 13, 596]
constexpr double kCategory[5] = {0.79618, 0.99523, 0.99909, 0.99888, 0.9983};
// sizes: dev products per class [501, 126]
constexpr double kSizes[2] = {0.99996, 0.98447};
// colors: dev products per class [475, 114, 38]
constexpr double kColors[3] = {0.99997, 0.99989, 0.97589};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
