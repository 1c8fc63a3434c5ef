// Numbers as abstracts write them: digits, decimals, spelled-out numbers
// ("Forty-eight", "One hundred forty-nine") and Unicode signs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace trialgraph::ingest {

//! The value of a spelled-out English number ("twelve", "forty-eight",
//! "one hundred forty-nine"), case-insensitive; nullopt if `words` is not one.
std::optional<double> ParseSpelledNumber(std::string_view words);

//! A regular-expression alternation (no group) matching one number word
//! from one to ninety-nine, lower case: "seven", "nineteen", "forty-eight", "forty eight".
std::string NumberWordAlternation();

//! The value of a decimal number written with digits ("7.4", "1,000", "0.41", ".05"); nullopt for
//! anything else, or a number no double holds.
std::optional<double> ParseDecimal(std::string_view digits);

}  // namespace trialgraph::ingest
