// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Written from tests/fixtures/captions-dev.jsonl by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: dev products per class [316, 147, 200, 8, 3, 0, 2, 4]
constexpr double kStructure[8] = {0.99917, 0.99823, 0.99059, 0.97237,
                                  0.942,   0.83197, 0.92571, 0.95244};
// name: dev products per class [63, 214, 75, 8, 117, 132, 55, 15]
constexpr double kName[8] = {0.99592, 0.9912, 0.9255, 0.6774, 0.99778, 0.94822, 0.79909, 0.73706};
// price: dev products per class [26, 13, 280, 60, 287, 13]
constexpr double kPrice[6] = {0.99043, 0.98187, 0.99906, 0.99572, 0.99909, 0.98187};
// currency: dev products per class [280, 399]
constexpr double kCurrency[2] = {0.99906, 0.99934};
// compare_at_price: dev products per class [633, 46]
constexpr double kCompareAt[2] = {0.99958, 0.99446};
// category: dev products per class [535, 54, 67, 12, 11, 0, 0]
constexpr double kCategory[7] = {0.99951, 0.99525, 0.99615, 0.98053, 0.97898, 0.83197, 0.83197};
// sizes: dev products per class [548, 48, 47, 36]
constexpr double kSizes[4] = {0.99654, 0.99468, 0.99457, 0.99298};
// colors: dev products per class [521, 115, 43]
constexpr double kColors[3] = {0.9995, 0.99774, 0.95764};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
