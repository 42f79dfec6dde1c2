#include "vendly/money.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

namespace vendly {
namespace {

// ---- ParseNumber
// ------------------------------------------------------------------------------------

TEST(Money, ReadsPlainIntegers) {
  EXPECT_EQ(ParseNumber("2500"), 2500.0);
  EXPECT_EQ(ParseNumber("0"), 0.0);
  EXPECT_EQ(ParseNumber("  750 "), 750.0);
}

TEST(Money, ReadsThousandsGroupedByOneMark) {
  EXPECT_EQ(ParseNumber("2,500"), 2500.0);
  EXPECT_EQ(ParseNumber("1.500"), 1500.0);
  EXPECT_EQ(ParseNumber("1,500,000"), 1500000.0);
  EXPECT_EQ(ParseNumber("1.500.000"), 1500000.0);
  EXPECT_EQ(ParseNumber("1 500"), 1500.0);
  EXPECT_EQ(ParseNumber("1'500"), 1500.0);
  EXPECT_EQ(ParseNumber("1\xE2\x80\x99"
                        "500"),
            1500.0);  // U+2019 apostrophe
}

TEST(Money, ReadsUnicodeSpacesAsGroupMarks) {
  EXPECT_EQ(ParseNumber("1\xC2\xA0"
                        "500"),
            1500.0);  // NBSP
  EXPECT_EQ(ParseNumber("1\xE2\x80\x89"
                        "500"),
            1500.0);  // thin space
  EXPECT_EQ(ParseNumber("12\xE2\x80\xAF"
                        "500,50"),
            12500.5);  // narrow NBSP, decimal comma
  EXPECT_EQ(ParseNumber("\xC2\xA0"
                        "300\xC2\xA0"),
            300.0);
}

TEST(Money, ReadsDecimalWhenOneOrTwoDigitsFollow) {
  EXPECT_EQ(ParseNumber("12,99"), 12.99);
  EXPECT_EQ(ParseNumber("12.5"), 12.5);
  EXPECT_EQ(ParseNumber("0.75"), 0.75);
  EXPECT_EQ(ParseNumber(".75"), 0.75);
  EXPECT_EQ(ParseNumber("3.14159"), 3.14159);
}

TEST(Money, ReadsDecimalAfterZeroOrLongFirstGroup) {
  EXPECT_EQ(ParseNumber("0.750"), 0.75);
  EXPECT_EQ(ParseNumber("12500.000"), 12500.0);
  EXPECT_EQ(ParseNumber("1 234,567"), 1234.567);
}

TEST(Money, ReadsBothMarksLastOneDecimal) {
  EXPECT_EQ(ParseNumber("12,500.50"), 12500.5);
  EXPECT_EQ(ParseNumber("1.234,56"), 1234.56);
  EXPECT_EQ(ParseNumber("1,234,567.8"), 1234567.8);
  EXPECT_EQ(ParseNumber("1.234.567,89"), 1234567.89);
}

TEST(Money, ReadsIndianLakhGrouping) {
  EXPECT_EQ(ParseNumber("1,00,000"), 100000.0);
  EXPECT_EQ(ParseNumber("12,34,567.50"), 1234567.5);
}

TEST(Money, ReadsKShorthand) {
  EXPECT_EQ(ParseNumber("2k"), 2000.0);
  EXPECT_EQ(ParseNumber("2.5k"), 2500.0);
  EXPECT_EQ(ParseNumber("2,5K"), 2500.0);
  EXPECT_EQ(ParseNumber("1.1k"), 1100.0);  // exact, not 1100.0000000000002
  EXPECT_EQ(ParseNumber("2.500k"), 2500.0);
}

TEST(Money, ReadsMillionShorthand) {
  EXPECT_EQ(ParseNumber("1.2M"), 1200000.0);
  EXPECT_EQ(ParseNumber("3.5m"), 3500000.0);
  EXPECT_EQ(ParseNumber("1M"), 1000000.0);
}

TEST(Money, ForcedDecimalSeparatorWins) {
  EXPECT_EQ(ParseNumber("1.500", '.'), 1.5);
  EXPECT_EQ(ParseNumber("1,500", ','), 1.5);
  EXPECT_EQ(ParseNumber("1.500", ','), 1500.0);
  EXPECT_EQ(ParseNumber("1.234,5", ','), 1234.5);
  EXPECT_EQ(ParseNumber("1,234.5", '.'), 1234.5);
  EXPECT_EQ(ParseNumber("2500", ','), 2500.0);
  EXPECT_EQ(ParseNumber("1.2.3", '.'), std::nullopt);
  EXPECT_EQ(ParseNumber("1,5", '.'), std::nullopt);
}

TEST(Money, RejectsWhatIsNotExactlyOneNumber) {
  EXPECT_EQ(ParseNumber(""), std::nullopt);
  EXPECT_EQ(ParseNumber("   "), std::nullopt);
  EXPECT_EQ(ParseNumber("abc"), std::nullopt);
  EXPECT_EQ(ParseNumber("12abc"), std::nullopt);
  EXPECT_EQ(ParseNumber("12 5"), std::nullopt);    // two numbers
  EXPECT_EQ(ParseNumber("1,50,0"), std::nullopt);  // no grouping at all
  EXPECT_EQ(ParseNumber("1..5"), std::nullopt);
  EXPECT_EQ(ParseNumber("1.5.5,5"), std::nullopt);
  EXPECT_EQ(ParseNumber("1,2.3,4"), std::nullopt);
  EXPECT_EQ(ParseNumber("5."), std::nullopt);
  EXPECT_EQ(ParseNumber(",500"), 0.5);  // a leading decimal mark is a decimal
  EXPECT_EQ(ParseNumber("1,"), std::nullopt);
  EXPECT_EQ(ParseNumber("-5"), std::nullopt);
  EXPECT_EQ(ParseNumber("k"), std::nullopt);
  EXPECT_EQ(ParseNumber("2kk"), std::nullopt);
  EXPECT_EQ(ParseNumber("1.5.00"), std::nullopt);
  EXPECT_EQ(ParseNumber("1\t500"), std::nullopt);
}

TEST(Money, HugeInputNeitherOverflowsNorCrashes) {
  const std::string thousand_digits(1000, '9');
  EXPECT_EQ(ParseNumber(thousand_digits), std::nullopt);  // not finite
  std::string grouped = "1";
  for (int i = 0; i < 100; ++i) grouped += ",000";
  EXPECT_DOUBLE_EQ(*ParseNumber(grouped), 1e300);  // beyond exact range: within 4 ulps
  std::string tiny = "0." + std::string(1000, '0') + "1";
  EXPECT_EQ(ParseNumber(tiny), 0.0);
  EXPECT_EQ(ParseNumber("12345678901234567890123"), 12345678901234567890123.0);
  EXPECT_EQ(ParseNumber(std::string(300, '0') + "7"), 7.0);
}

// ---- CurrencyFromMark
// -------------------------------------------------------------------------------

TEST(Money, KenyanMarksAreKes) {
  for (const char* mark :
       {"Ksh", "Kshs", "KSh", "KES", "kes", "Ks", "bob", "KSHS", "Kshs.", "ksh."}) {
    EXPECT_EQ(CurrencyFromMark(mark, "KES"), "KES") << mark;
    EXPECT_EQ(CurrencyFromMark(mark, "UGX"), "KES") << mark;
  }
}

TEST(Money, ShillingMarksFollowTheStore) {
  for (const char* mark : {"Sh", "Shs", "sh", "SHS", "Sh.", "/=", "/-"}) {
    EXPECT_EQ(CurrencyFromMark(mark, "KES"), "KES") << mark;
    EXPECT_EQ(CurrencyFromMark(mark, "UGX"), "UGX") << mark;
    EXPECT_EQ(CurrencyFromMark(mark, "TZS"), "TZS") << mark;
    EXPECT_EQ(CurrencyFromMark(mark, "NGN"), "KES") << mark;
    EXPECT_EQ(CurrencyFromMark(mark, ""), "KES") << mark;
  }
}

TEST(Money, UgandanTanzanianRwandanMarks) {
  for (const char* mark : {"UGX", "USh", "Ush", "ugx"})
    EXPECT_EQ(CurrencyFromMark(mark, "KES"), "UGX");
  for (const char* mark : {"TSh", "Tsh", "TZS"}) EXPECT_EQ(CurrencyFromMark(mark, "KES"), "TZS");
  for (const char* mark : {"RWF", "Frw", "FRw", "RF", "rwf"}) {
    EXPECT_EQ(CurrencyFromMark(mark, "KES"), "RWF") << mark;
  }
}

TEST(Money, NairaMarkNOnlyInNairaStore) {
  EXPECT_EQ(CurrencyFromMark("₦", "KES"), "NGN");
  EXPECT_EQ(CurrencyFromMark("NGN", "KES"), "NGN");
  EXPECT_EQ(CurrencyFromMark("N", "NGN"), "NGN");
  EXPECT_EQ(CurrencyFromMark("N", "KES"), std::nullopt);
  EXPECT_EQ(CurrencyFromMark("n", "NGN"), std::nullopt);
}

TEST(Money, DollarEuroPoundMarks) {
  for (const char* mark : {"$", "USD", "usd", "US$"})
    EXPECT_EQ(CurrencyFromMark(mark, "KES"), "USD");
  for (const char* mark : {"€", "EUR", "eur"}) EXPECT_EQ(CurrencyFromMark(mark, "KES"), "EUR");
  for (const char* mark : {"£", "GBP"}) EXPECT_EQ(CurrencyFromMark(mark, "KES"), "GBP");
  EXPECT_EQ(CurrencyFromMark("A$", ""), "AUD");
  EXPECT_EQ(CurrencyFromMark("AU$", ""), "AUD");
  EXPECT_EQ(CurrencyFromMark("C$", ""), "CAD");
  EXPECT_EQ(CurrencyFromMark("CA$", ""), "CAD");
  EXPECT_EQ(CurrencyFromMark("R$", ""), "BRL");
}

TEST(Money, WebShopMarks) {
  EXPECT_EQ(CurrencyFromMark("CHF", ""), "CHF");
  EXPECT_EQ(CurrencyFromMark("zł", ""), "PLN");
  EXPECT_EQ(CurrencyFromMark("Zł", ""), "PLN");
  EXPECT_EQ(CurrencyFromMark("zl", ""), "PLN");
  EXPECT_EQ(CurrencyFromMark("Kč", ""), "CZK");
  EXPECT_EQ(CurrencyFromMark("руб.", ""), "RUB");
  EXPECT_EQ(CurrencyFromMark("₽", ""), "RUB");
  EXPECT_EQ(CurrencyFromMark("¥", ""), "JPY");
  EXPECT_EQ(CurrencyFromMark("JPY", ""), "JPY");
  EXPECT_EQ(CurrencyFromMark("₹", ""), "INR");
  EXPECT_EQ(CurrencyFromMark("lei", ""), "RON");
  EXPECT_EQ(CurrencyFromMark("LEI", ""), "RON");
  EXPECT_EQ(CurrencyFromMark("Ft", ""), "HUF");
  EXPECT_EQ(CurrencyFromMark("TL", ""), "TRY");
  EXPECT_EQ(CurrencyFromMark("₺", ""), "TRY");
  EXPECT_EQ(CurrencyFromMark("R", "ZAR"), "ZAR");
  EXPECT_EQ(CurrencyFromMark("kr", ""), "SEK");
  EXPECT_EQ(CurrencyFromMark("kr", "NOK"), "NOK");
  EXPECT_EQ(CurrencyFromMark("kr.", "DKK"), "DKK");
  EXPECT_EQ(CurrencyFromMark("грн.", ""), "UAH");
  EXPECT_EQ(CurrencyFromMark("GH₵", ""), "GHS");
  EXPECT_EQ(CurrencyFromMark("FBu", ""), "BIF");
}

TEST(Money, UnitsAndWordsAreNoMarks) {
  for (const char* text : {"", " ", "ft", "km", "kg", "Price:", "comprar", "r", "all", "try", "top",
                           "pen", "XYZ", "12", "size"}) {
    EXPECT_EQ(CurrencyFromMark(text, "KES"), std::nullopt) << text;
  }
  EXPECT_EQ(CurrencyFromMark("TRY", ""), "TRY");  // the code in capitals is a mark
}

TEST(Money, KnownCurrencies) {
  for (const char* code : {"KES", "UGX", "TZS", "RWF", "NGN", "USD", "EUR", "GBP", "ZAR", "ETB",
                           "GHS", "BIF", "CDF", "SSP", "XOF", "XAF"}) {
    EXPECT_TRUE(IsKnownCurrency(code)) << code;
  }
  EXPECT_FALSE(IsKnownCurrency("kes"));
  EXPECT_FALSE(IsKnownCurrency("XYZ"));
  EXPECT_FALSE(IsKnownCurrency(""));
}

TEST(Money, EveryMarkGivesAKnownCurrency) {
  for (const char* mark : {"Ksh", "Sh", "USh", "TSh", "Frw", "₦",  "$",   "€",  "£",   "R$",
                           "zł",  "Kč", "руб", "¥",   "₹",   "kr", "lei", "Ft", "TL",  "R",
                           "A$",  "C$", "CHF", "Rp",  "₫",   "₪",  "RM",  "Br", "CFA", "FC"}) {
    auto iso = CurrencyFromMark(mark, "KES");
    ASSERT_TRUE(iso.has_value()) << mark;
    EXPECT_TRUE(IsKnownCurrency(*iso)) << mark << " -> " << *iso;
  }
}

// ---- ParsePriceString
// --------------------------------------------------------------------------------

std::optional<double> Amount(std::string_view raw, std::optional<std::string_view> decimal = {}) {
  return ParsePriceString(raw, std::nullopt, decimal).amount;
}

TEST(Money, PriceWithMarkBeforeOrAfter) {
  EXPECT_EQ(Amount("$14.99"), 14.99);
  EXPECT_EQ(Amount("1.234,56 €"), 1234.56);
  EXPECT_EQ(Amount("45,00 zł"), 45.0);
  EXPECT_EQ(Amount("R$260,00"), 260.0);
  EXPECT_EQ(Amount("KSh 2,500"), 2500.0);
  EXPECT_EQ(Amount("UGX 50,000/="), 50000.0);
  EXPECT_EQ(Amount("1500/-"), 1500.0);
  EXPECT_EQ(Amount("EUR29.66"), 29.66);
  EXPECT_EQ(Amount("469.00zł"), 469.0);
  EXPECT_EQ(Amount("TSh 10,000"), 10000.0);
  EXPECT_EQ(Amount("₦5,000"), 5000.0);
  EXPECT_EQ(Amount("1500 bob"), 1500.0);
}

TEST(Money, PriceKShorthandWithAGluedMarkAfter) {
  EXPECT_EQ(Amount("1.5kFrw"), 1500.0);
  EXPECT_EQ(Amount("2kbob"), 2000.0);
  EXPECT_EQ(Amount("3.5KTsh"), 3500.0);
  EXPECT_EQ(ParsePriceString("1.5kFrw").currency, "RWF");
  EXPECT_EQ(ParsePriceString("3.5kTsh").currency, "TZS");
  // "ksh" is a mark of its own: "2500ksh" is shillings as written.
  EXPECT_EQ(Amount("2500ksh"), 2500.0);
  EXPECT_EQ(Amount("2.50ksh"), 2.5);
  // After a single decimal the k is the shorthand: no shilling price has one decimal.
  EXPECT_EQ(Amount("2.5ksh"), 2500.0);
  EXPECT_EQ(ParsePriceString("2.5ksh").currency, "KES");
  EXPECT_FALSE(ParsePriceString("2kg").amount.has_value());
}

TEST(Money, PriceMarkWithAbbreviationDot) {
  EXPECT_EQ(ParsePriceString("Ksh. 1,500").currency, "KES");
  EXPECT_EQ(ParsePriceString("Ksh. 1,500").amount, 1500.0);
  EXPECT_EQ(ParsePriceString("Kshs.2,500").amount, 2500.0);
  EXPECT_EQ(ParsePriceString("Kshs.2,500").currency, "KES");
  EXPECT_EQ(ParsePriceString("Size 8. Ksh 1,500").amount, 1500.0);
}

TEST(Money, PriceCurrencyIsIsoCode) {
  EXPECT_EQ(ParsePriceString("$14.99").currency, "USD");
  EXPECT_EQ(ParsePriceString("9 800 Kč").currency, "CZK");
  EXPECT_EQ(ParsePriceString("Ksh 1,500").currency, "KES");
  EXPECT_EQ(ParsePriceString("NZD $100.70").currency, "NZD");
  EXPECT_EQ(ParsePriceString("$1,190.00 AUD").currency, "AUD");
  EXPECT_EQ(ParsePriceString("690,00", "€").currency, "EUR");  // from the hint
  EXPECT_EQ(ParsePriceString("28", "Price:").currency, std::nullopt);
  EXPECT_EQ(ParsePriceString("Type of Transfer *", "$").currency, "USD");
}

TEST(Money, PriceHintNeverGivesTheAmount) {
  EXPECT_EQ(ParsePriceString("39.95", "Price From £ 49.95").amount, 39.95);
  EXPECT_EQ(ParsePriceString("", "50").amount, std::nullopt);
}

TEST(Money, PriceWithWordsAround) {
  EXPECT_EQ(Amount("Běžná cena 9 800 Kč"), 9800.0);
  EXPECT_EQ(Amount("From $10"), 10.0);
  EXPECT_EQ(Amount("Price: $15.95/mo"), 15.95);
  EXPECT_EQ(Amount("Код товара: 884"), 884.0);
  EXPECT_EQ(Amount("$24.99 with card"), 24.99);
}

TEST(Money, PriceWithUnicodeSpaces) {
  EXPECT_EQ(Amount("1\xC2\xA0"
                   "298,00 \xE2\x82\xAC"),
            1298.0);
  EXPECT_EQ(Amount("$1\xE2\x80\xAF"
                   "298,00"),
            1298.0);
  EXPECT_EQ(Amount(": 3 250 000 \xE2\x82\xAC"), 3250000.0);
}

TEST(Money, PriceLeadingDecimalMark) {
  EXPECT_EQ(Amount("$.75"), 0.75);
  EXPECT_EQ(Amount(".75 €"), 0.75);
  EXPECT_EQ(Amount("$..75"), 0.75);
  EXPECT_EQ(Amount("$.750.30"), 750.3);  // junk before a whole number
  EXPECT_EQ(Amount("$.75,333"), 75333.0);
}

TEST(Money, PriceForcedDecimalSeparator) {
  EXPECT_EQ(Amount("$..75,333", "."), 0.75333);
  EXPECT_EQ(Amount("$..75,333", ","), 75.333);
  EXPECT_EQ(Amount(" 423.923 KD", "."), 423.923);
  EXPECT_EQ(Amount("1.500", "."), 1.5);
}

TEST(Money, EuroSignAsDecimalMark) {
  EXPECT_EQ(Amount("1250€600", "€"), 1250.6);
  EXPECT_EQ(Amount("1250€ 60", "€"), 1250.6);
  EXPECT_EQ(Amount("1250€ 600", "€"), 1250.0);
  EXPECT_EQ(Amount("35€ 99"), 35.99);
  EXPECT_EQ(Amount("35€99"), 35.99);
}

TEST(Money, PriceDecimalsAfterASpace) {
  EXPECT_EQ(Amount("$119. 95"), 119.95);
  EXPECT_EQ(Amount("1.837, 32 €"), 1837.32);
  EXPECT_EQ(Amount("118, 99 TL"), 118.99);
}

TEST(Money, PriceTrailingMarksAndDashes) {
  EXPECT_EQ(Amount("€ 610,"), 610.0);
  EXPECT_EQ(Amount("₤1700."), 1700.0);
  EXPECT_EQ(Amount("1.899,-"), 1899.0);
  EXPECT_EQ(Amount("50,- Kč"), 50.0);
  EXPECT_EQ(Amount("105. –"), 105.0);
  EXPECT_EQ(Amount("- $44.99"), 44.99);  // never negative
}

TEST(Money, PriceGroupingLikeParseNumber) {
  EXPECT_EQ(Amount("$699,000"), 699000.0);
  EXPECT_EQ(Amount("Rp 1.550.000"), 1550000.0);
  EXPECT_EQ(Amount("฿ 3.3900"), 3.39);
  EXPECT_EQ(Amount("CHF 1'049,95"), 1049.95);
  EXPECT_EQ(Amount("$6,200.00"), 6200.0);
  EXPECT_EQ(Amount("KSh 2.5k"), 2500.0);
}

TEST(Money, PriceFirstNumberNextToAMarkWins) {
  EXPECT_EQ(Amount("3 Ausgaben für nur 14,85 EUR"), 14.85);
  EXPECT_EQ(Amount("50 - $2.00 100 - $2.75 400 - $4.50"), 2.0);
  EXPECT_EQ(Amount("3,49 zł 1,75 zł"), 3.49);
  EXPECT_EQ(Amount("AED 8000 (USD 2179)"), 8000.0);
  EXPECT_EQ(Amount("Our Price 344.99 - 444.99"), 344.99);  // no mark: the first
}

TEST(Money, PriceRangeStartSharesTheMark) {
  EXPECT_EQ(Amount("From 26 to 50 €"), 26.0);
  EXPECT_EQ(Amount("1500 - 2500 KES"), 1500.0);
}

TEST(Money, PriceNowBeatsWas) {
  EXPECT_EQ(Amount("Buy Now - 2 Litre Was $120.00 Now $60.00"), 60.0);
  EXPECT_EQ(Amount("Was: $124.95 Now: $0.00"), 124.95);  // a zero "now" is no offer
}

TEST(Money, PriceIgnoresPercentagesUnitsDatesThresholds) {
  EXPECT_EQ(Amount("40% OFF"), std::nullopt);
  EXPECT_EQ(Amount("16.00 ft"), std::nullopt);
  EXPECT_EQ(Amount("1 Ft"), 1.0);  // forint, not feet
  EXPECT_EQ(Amount("July, 2004"), std::nullopt);
  EXPECT_EQ(Amount("15.08.2017"), std::nullopt);
  EXPECT_EQ(Amount("25-09"), std::nullopt);
  EXPECT_EQ(Amount("Free Shipping on Orders $49+."), std::nullopt);
  EXPECT_EQ(Amount("99,99 EUR (-30,00%)"), 99.99);
}

TEST(Money, PriceIgnoresPhoneNumbers) {
  EXPECT_EQ(Amount("Call 0712345678 price 1500"), 1500.0);
  EXPECT_EQ(Amount("254712345678"), std::nullopt);
  EXPECT_EQ(Amount("07 1500"), 1500.0);
  EXPECT_EQ(Amount("0.75"), 0.75);
  EXPECT_EQ(Amount("0,00 EUR"), 0.0);
  EXPECT_EQ(Amount("KSh 1500000000"), 1500000000.0);  // next to a mark it is a price
}

TEST(Money, PriceFreeIsZero) {
  EXPECT_EQ(Amount("Free!"), 0.0);
  EXPECT_EQ(Amount("No longer available"), std::nullopt);
  EXPECT_EQ(Amount(""), std::nullopt);
}

TEST(Money, PriceHugeOrHostileInputIsSafe) {
  EXPECT_EQ(Amount(std::string(1000, '9')), std::nullopt);
  std::string many;
  for (int i = 0; i < 200; ++i) many += "$1 ";
  EXPECT_EQ(Amount(many), 1.0);
  EXPECT_EQ(Amount(std::string("\xE2\x82", 2)), std::nullopt);  // truncated UTF-8
  EXPECT_EQ(Amount("1250\xE2\x82", "\xE2\x82"), 1250.0);
}

// ---- Regressions
// ------------------------------------------------------------------------------------

// "1 298,00 €" read as 298: a space group was not joined when decimals followed it.
TEST(Money, RegressionSpaceGroupFollowedByDecimals) {
  EXPECT_EQ(Amount("1 298,00 €"), 1298.0);
  EXPECT_EQ(Amount("Běžná cena 75 990,00 Kč"), 75990.0);
  EXPECT_EQ(Amount("10 990,00"), 10990.0);
}

// "3,990 Ft" gave no amount: "Ft" (forint) was taken for feet and the number dropped as a length.
TEST(Money, RegressionForintIsNoFeet) {
  EXPECT_EQ(Amount("3,990 Ft"), 3990.0);
  EXPECT_EQ(Amount("1 KM"), 1.0);  // convertible marks, not kilometres
  EXPECT_EQ(Amount("1 G$"), 1.0);  // Guyanese dollars, not grams
}

// A long run of '.' marks took quadratic time (1 MB: 264 s); each run is now looked at once.
TEST(Money, RegressionRunOfDotsIsLinear) {
  std::string dots(200000, '.');
  EXPECT_EQ(Amount(dots), std::nullopt);
  EXPECT_EQ(Amount(dots + "5"), std::nullopt);  // 200,000 marks make no price
  EXPECT_EQ(Amount(dots + " $..5"), 0.5);
}

// "1.1k" gave 1100.0000000000002 when the multiplier was applied after the decimals.
TEST(Money, RegressionShorthandIsExact) {
  EXPECT_EQ(ParseNumber("1.1k"), 1100.0);
  EXPECT_EQ(ParseNumber("0.3M"), 300000.0);
  EXPECT_EQ(Amount("Ksh 4.7k"), 4700.0);
}

TEST(Money, PriceSpaceGroupedWithLocalMarks) {
  EXPECT_EQ(ParsePriceString("TSh 45 000/=").amount, 45000.0);
  EXPECT_EQ(ParsePriceString("TSh 45 000/=").currency, "TZS");
  EXPECT_EQ(ParsePriceString("9 000 Frw").currency, "RWF");
  EXPECT_EQ(Amount("9 000 Frw"), 9000.0);
  EXPECT_EQ(Amount("Ksh 3\u00A0200"), 3200.0);
  EXPECT_EQ(Amount("12\u202F500 Rwf"), 12500.0);
  EXPECT_EQ(Amount("USh 1 200 000"), 1200000.0);
  EXPECT_EQ(Amount("2 500 bob"), 2500.0);
  // Not one number: a head of four digits, groups of two.
  EXPECT_EQ(Amount("0712 345 678"), std::nullopt);
  EXPECT_EQ(Amount("38 40 42"), 38.0);
}

TEST(Money, PriceStruckThroughIsTheOldOne) {
  EXPECT_EQ(Amount("~~4,000~~ 3,200"), 3200.0);
  EXPECT_EQ(Amount("~UGX 60,000~ now UGX 48,000"), 48000.0);
  EXPECT_EQ(Amount("4\u03360\u03360\u03360\u0336 3,200"), 3200.0);
  EXPECT_EQ(Amount("Ksh 5,000 \u274C Ksh 4,200 \u2705"), 4200.0);
  EXPECT_EQ(Amount("Now 3k (was 4.5k)"), 3000.0);
  // Only struck numbers: the struck price is all there is.
  EXPECT_EQ(Amount("~~4,000~~"), 4000.0);
  EXPECT_EQ(Amount("4\u03360\u03360\u03360\u0336"), 4000.0);
  // Tildes that strike nothing: a range, an estimate.
  EXPECT_EQ(Amount("500~800"), 500.0);
  EXPECT_EQ(Amount("~ 20 USD"), 20.0);
  EXPECT_EQ(Amount("~20 USD"), 20.0);
}

TEST(Money, PriceIgnoresSpecificationUnits) {
  EXPECT_EQ(Amount("7200 DPI"), std::nullopt);
  EXPECT_EQ(Amount("100W"), std::nullopt);
  EXPECT_EQ(Amount("1.8L"), std::nullopt);
  EXPECT_EQ(Amount("600 watts"), std::nullopt);
  EXPECT_EQ(Amount("300 Mbps"), std::nullopt);
  EXPECT_EQ(Amount("8+128"), std::nullopt);
  EXPECT_EQ(Amount("8+128 Ksh 14,999"), 14999.0);
  EXPECT_EQ(Amount("Power bank 20000mAh Ksh 2,500"), 2500.0);
  EXPECT_EQ(Amount("Blender 600 watts 4,500"), 4500.0);
  // A capital letter after a space may be a currency ("1 G" gourdes); glued, it is a unit.
  EXPECT_EQ(Amount("100 W"), 100.0);
}

}  // namespace
}  // namespace vendly
