// The confidence table: per reading class, the probability that the seller accepts the
// field (kStructure: that the product is one the seller wants at all). Generated; do not edit.
// Written from tests/fixtures/captions-dev.jsonl by
//   python3 tests/extraction/calibrate.py --cli build/bin/vendly-extract
//     --fixtures tests/fixtures --write shared/src/confidence_table.h
// Classes and their use: confidence.cc.
#ifndef VENDLY_SRC_CONFIDENCE_TABLE_H_
#define VENDLY_SRC_CONFIDENCE_TABLE_H_

namespace vendly::internal::confidence_table {

// structure: dev products per class [262, 147, 178, 8, 3, 0, 2, 4]
constexpr double kStructure[8] = {0.99998, 0.99996, 0.99996, 0.99945,
                                  0.99906, 0.99835, 0.9989,  0.99917};
// name: dev products per class [60, 212, 67, 126, 105, 34]
constexpr double kName[6] = {0.99732, 0.99921, 0.91308, 0.9756, 0.93421, 0.75864};
// price: dev products per class [22, 1, 237, 58, 273, 13]
constexpr double kPrice[6] = {0.99975, 0.99868, 0.99997, 0.99989, 0.99998, 0.99961};
// currency: dev products per class [237, 367]
constexpr double kCurrency[2] = {0.99997, 0.99998};
// compare_at_price: dev products per class [560, 44]
constexpr double kCompareAt[2] = {0.99999, 0.99986};
// category: dev products per class [1, 0, 17, 13, 573]
constexpr double kCategory[5] = {0.79604, 0.99505, 0.99906, 0.99884, 0.99823};
// sizes: dev products per class [480, 124]
constexpr double kSizes[2] = {0.99996, 0.98422};
// colors: dev products per class [454, 114, 36]
constexpr double kColors[3] = {0.99997, 0.99989, 0.97467};

}  // namespace vendly::internal::confidence_table

#endif  // VENDLY_SRC_CONFIDENCE_TABLE_H_
