// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Written from tests/fixtures/captions-dev.jsonl by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: dev products per class [305, 147, 200, 8, 3, 0, 2, 4]
constexpr double kStructure[8] = {0.99996, 0.99992, 0.99504, 0.99901,
                                  0.9983,  0.99702, 0.99801, 0.99851};
// name: dev products per class [65, 215, 74, 6, 157, 117, 28, 6]
constexpr double kName[8] = {0.99775, 0.99473, 0.94673, 0.78448, 0.99282, 0.92434, 0.8389, 0.68448};
// price: dev products per class [26, 13, 269, 60, 287, 13]
constexpr double kPrice[6] = {0.9998, 0.99965, 0.99998, 0.99991, 0.99998, 0.99965};
// currency: dev products per class [269, 399]
constexpr double kCurrency[2] = {0.99998, 0.99999};
// compare_at_price: dev products per class [622, 46]
constexpr double kCompareAt[2] = {0.99999, 0.99988};
// category: dev products per class [0, 0, 20, 21, 627]
constexpr double kCategory[5] = {0.99851, 0.99851, 0.99975, 0.99976, 0.99999};
// sizes: dev products per class [541, 127]
constexpr double kSizes[2] = {0.99997, 0.9846};
// colors: dev products per class [512, 114, 42]
constexpr double kColors[3] = {0.99998, 0.9999, 0.978};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
