#include "vendly/money.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace vendly
