// Money: reading amounts and currencies out of text. Two readers share the number and currency
// rules here: ParsePriceString reads one price string as a web page shows it ("1.234,56 €",
// "$.75"), and the caption extractor finds every money mention in a caption (see extract.h).
#ifndef VENDLY_MONEY_H_
#define VENDLY_MONEY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vendly {

// The result of reading one price string. Both fields are nullopt when nothing was found.
struct ParsedPrice {
  std::optional<double> amount;
  // ISO 4217 code when the mark is known ("$" -> "USD"), else nullopt.
  std::optional<std::string> currency;
};

// Reads the amount of a price string. `currency_hint` is a separate text that may hold the currency
// mark (it may also be unrelated text: "Price:", "comprar"); `decimal_separator` forces the decimal
// mark when given ("." or ",", or another mark such as "€" in "1250€60"). Accepts every common
// grouping (1,500 1.500 1 500 1'500), decimals, k/M shorthand.
//
// When the string holds several numbers, the amount is the first one next to a currency mark (a
// range's start shares its end's mark: "From 26 to 50 €" -> 26), or the first number when none has
// a mark; a non-zero price after "now" beats an earlier one ("Was $120 Now $60" -> 60). Percentages
// ("40% OFF"), quantities with units ("2 Litre", "16.00 ft"), dates ("25-09", "July, 2004") and
// thresholds ("$49+") are no amounts. A string without digits that says "free" is 0. The amount is
// never negative.
//
// The hint never gives the amount, only the currency when price_raw shows none; currency is the ISO
// code of the mark by the amount, else of the first mark in price_raw, else in the hint, else
// nullopt.
ParsedPrice ParsePriceString(std::string_view price_raw,
                             std::optional<std::string_view> currency_hint = std::nullopt,
                             std::optional<std::string_view> decimal_separator = std::nullopt);

// Reads one written number: "2,500" "1.500" "1 500" "1'500" "12,99" "2.5k" "1.2M" "3.5m". With
// `decimal_separator` ('.' or ',') the decimal mark is forced; otherwise it is inferred (a mark
// followed by exactly three digits groups thousands, as East African captions write them). nullopt
// when `text` is not one number (stray letters, two numbers, nothing).
//
// Details: blanks around are ignored; group marks are ',' '.' spaces (also NBSP, thin and narrow
// spaces) and apostrophes ("1'500", "1’500"), in groups of three (or Indian 12,34,567); with both
// '.' and ',' the last one, written once, is the decimal mark; a single mark is decimal when it is
// followed by 1-2 or 4+ digits, comes after "0" or after space groups, or the number ends in k/M
// ("0.750", "1 234,567", "2.500k"); ".75" is 0.75. No sign, no trailing mark ("5." is nullopt).
// Never allocates; values too large to be finite are nullopt.
std::optional<double> ParseNumber(std::string_view text,
                                  std::optional<char> decimal_separator = std::nullopt);

// The ISO code a currency mark stands for ("Ksh" -> "KES", "USh" -> "UGX", "₦" -> "NGN"), given the
// store's home currency for ambiguous marks ("Sh", "Shs", "N"). nullopt when the text is no
// currency mark.
//
// Letters compare case-insensitively, except marks that would otherwise be words or units ("Ft" is
// forint, "ft" nothing; "N" and "R" only in capitals). "Sh", "Shs", "/=" and "/-" are the store's
// shilling in a KES, UGX or TZS store, else KES; "N" is NGN only in an NGN store; "kr" the store's
// krone, else SEK. An empty store means KES. Three-letter ISO codes are marks too ("usd"), but
// codes that are everyday words ("ALL", "TRY", "TOP") only in capitals. A closing dot is ignored
// ("Kshs.").
std::optional<std::string> CurrencyFromMark(std::string_view mark, std::string_view store_currency);

// True for the ISO codes the catalog accepts (KES UGX TZS RWF NGN USD EUR GBP and a few more).
bool IsKnownCurrency(std::string_view iso_code);
// Those codes, KES first (registry.h StoreCurrencies).
std::vector<std::string_view> KnownCurrencies();

}  // namespace vendly

#endif  // VENDLY_MONEY_H_
