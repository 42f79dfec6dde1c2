// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Fitted on tests/fixtures/captions-calib.jsonl (posts the rules were not built on, weight 1)
// and tests/fixtures/captions-dev.jsonl (the posts they were shaped on, weight 0.25) by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: products per class, calib [215, 8, 111, 2, 3, 0, 2, 0], dev [342, 147, 214, 8, 4, 0,
// 2, 4]
constexpr double kStructure[8] = {0.99517, 0.99738, 0.89828, 0.74224,
                                  0.74224, 0.91881, 0.96953, 0.95117};
// name: products per class, calib [41, 44, 19, 3, 97, 76, 38, 5], dev [62, 216, 89, 8, 125, 148,
// 56, 17]
constexpr double kName[8] = {0.97491, 0.95859, 0.85857, 0.87668, 0.9794, 0.9276, 0.73698, 0.75702};
// price: products per class, calib [2, 1, 257, 15, 44, 4], dev [26, 13, 300, 62, 307, 13]
constexpr double kPrice[6] = {0.98785, 0.97883, 0.99563, 0.99621, 0.98808, 0.98611};
// currency: products per class, calib [257, 66], dev [300, 421]
constexpr double kCurrency[2] = {0.99964, 0.9993};
// compare_at_price: products per class, calib [300, 23], dev [675, 46]
constexpr double kCompareAt[2] = {0.99974, 0.99663};
// category: products per class, calib [207, 29, 58, 16, 8, 0, 5], dev [579, 56, 63, 12, 11, 0, 0]
constexpr double kCategory[7] = {0.97957, 0.99728, 0.9491, 0.65722, 0.60765, 0.91881, 0.29405};
// sizes: products per class, calib [264, 27, 26, 6], dev [582, 50, 53, 36]
constexpr double kSizes[4] = {0.99886, 0.93508, 0.99703, 0.99265};
// colors: products per class, calib [231, 13, 79], dev [559, 119, 43]
constexpr double kColors[3] = {0.99967, 0.99726, 0.95486};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
