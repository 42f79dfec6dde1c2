// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Written from tests/fixtures/captions-dev.jsonl by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: dev products per class [223, 144, 178, 8, 3, 0, 2, 4]
constexpr double kStructure[8] = {0.99997, 0.99995, 0.99996, 0.99941,
                                  0.99899, 0.99823, 0.99882, 0.99911};
// name: dev products per class [60, 209, 67, 100, 94, 32]
constexpr double kName[6] = {0.99745, 0.99923, 0.9132, 0.9792, 0.93711, 0.77325};
// price: dev products per class [20, 1, 205, 55, 270, 11]
constexpr double kPrice[6] = {0.9997, 0.99858, 0.99997, 0.99988, 0.99997, 0.99953};
// currency: dev products per class [205, 357]
constexpr double kCurrency[2] = {0.99997, 0.99998};
// compare_at_price: dev products per class [530, 32]
constexpr double kCompareAt[2] = {0.99999, 0.9998};
// category: dev products per class [0, 0, 16, 13, 533]
constexpr double kCategory[5] = {0.99823, 0.99823, 0.99965, 0.99958, 0.99999};
// sizes: dev products per class [448, 114]
constexpr double kSizes[2] = {0.99995, 0.98287};
// colors: dev products per class [420, 107, 35]
constexpr double kColors[3] = {0.99997, 0.99987, 0.974};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
