// Money: reading amounts and currencies out of text. Two readers share the number and currency rules here:
// ParsePriceString reads one price string as a web page shows it ("1.234,56 €", "$.75"), and the caption
// extractor finds every money mention in a caption (see extract.h).
#ifndef VENDLY_MONEY_H_
#define VENDLY_MONEY_H_

#include <optional>
#include <string>
#include <string_view>

namespace vendly {

// The result of reading one price string. Both fields are nullopt when nothing was found.
struct ParsedPrice {
  std::optional<double> amount;
  std::optional<std::string> currency;  // ISO 4217 code when the mark is known ("$" -> "USD"), else nullopt
};

// Reads the amount of a price string. `currency_hint` is a separate text that may hold the currency mark
// (it may also be unrelated text: "Price:", "comprar"); `decimal_separator` forces the decimal mark when
// given ("." or ","). Accepts every common grouping (1,500 1.500 1 500 1'500), decimals, k/M shorthand.
ParsedPrice ParsePriceString(std::string_view price_raw,
                             std::optional<std::string_view> currency_hint = std::nullopt,
                             std::optional<std::string_view> decimal_separator = std::nullopt);

// Reads one written number: "2,500" "1.500" "1 500" "1'500" "12,99" "2.5k" "1.2M" "3.5m". With
// `decimal_separator` ('.' or ',') the decimal mark is forced; otherwise it is inferred (a mark followed by
// exactly three digits groups thousands, as East African captions write them). nullopt when `text` is not
// one number (stray letters, two numbers, nothing).
std::optional<double> ParseNumber(std::string_view text, std::optional<char> decimal_separator = std::nullopt);

// The ISO code a currency mark stands for ("Ksh" -> "KES", "USh" -> "UGX", "₦" -> "NGN"), given the
// store's home currency for ambiguous marks ("Sh", "Shs", "N"). nullopt when the text is no currency mark.
std::optional<std::string> CurrencyFromMark(std::string_view mark, std::string_view store_currency);

// True for the ISO codes the catalog accepts (KES UGX TZS RWF NGN USD EUR GBP and a few more).
bool IsKnownCurrency(std::string_view iso_code);

}  // namespace vendly

#endif  // VENDLY_MONEY_H_
