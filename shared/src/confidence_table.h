// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Written from tests/fixtures/captions-dev.jsonl by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: dev products per class [289, 147, 192, 8, 3, 0, 2, 4]
constexpr double kStructure[8] = {0.99998, 0.99996, 0.99997, 0.99948,
                                  0.99912, 0.99845, 0.99897, 0.99923};
// name: dev products per class [60, 213, 74, 6, 149, 110, 27, 6]
constexpr double kName[8] = {0.99759, 0.99929, 0.94674, 0.78454,
                             0.97938, 0.93724, 0.86598, 0.58454};
// price: dev products per class [26, 13, 248, 58, 287, 13]
constexpr double kPrice[6] = {0.99979, 0.99964, 0.99998, 0.9999, 0.99998, 0.99964};
// currency: dev products per class [248, 397]
constexpr double kCurrency[2] = {0.99998, 0.99998};
// compare_at_price: dev products per class [601, 44]
constexpr double kCompareAt[2] = {0.99999, 0.99987};
// category: dev products per class [1, 0, 17, 14, 613]
constexpr double kCategory[5] = {0.79629, 0.99536, 0.99912, 0.99897, 0.99835};
// sizes: dev products per class [518, 127]
constexpr double kSizes[2] = {0.99996, 0.98459};
// colors: dev products per class [491, 114, 40]
constexpr double kColors[3] = {0.99998, 0.9999, 0.97699};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
