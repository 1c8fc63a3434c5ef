#include "ingest/numbers.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <utility>

namespace trialgraph::ingest {

namespace {

// English number words are closed grammar, not domain vocabulary.
constexpr std::array<std::pair<std::string_view, int>, 28> kNumberWords = {{
    {"zero", 0},     {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},      {"seven", 7},      {"eight", 8},      {"nine", 9},      {"ten", 10},      {"eleven", 11},
    {"twelve", 12},  {"thirteen", 13},  {"fourteen", 14},  {"fifteen", 15},  {"sixteen", 16},  {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},    {"thirty", 30},   {"forty", 40},    {"fifty", 50},
    {"sixty", 60},   {"seventy", 70},   {"eighty", 80},    {"ninety", 90},
}};

std::optional<int> WordValue(std::string_view word) {
  for (const auto& [name, value] : kNumberWords)
    if (name == word) return value;
  return std::nullopt;
}

}  // namespace

// Built from the same table ParseSpelledNumber reads, so the two never disagree.
std::string NumberWordAlternation() {
  std::string ones, teens, tens;  // 1-9, 10-19, 20-90
  for (const auto& [name, value] : kNumberWords) {
    if (value == 0) continue;
    std::string& list = value < 10 ? ones : value < 20 ? teens : tens;
    list += (list.empty() ? "" : "|") + std::string(name);
  }
  return "(?:(?:" + tens + ")(?:(?:-|\\s+)(?:" + ones + "))?|" + ones + "|" + teens + ")";
}

std::optional<double> ParseSpelledNumber(std::string_view words) {
  std::string lower;
  for (char c : words) lower.push_back(c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  int total = 0, current = 0;
  bool any = false;
  size_t pos = 0;
  while (pos < lower.size()) {
    size_t end = lower.find(' ', pos);
    if (end == std::string::npos) end = lower.size();
    std::string_view word(lower.data() + pos, end - pos);
    pos = end + 1;
    if (word.empty() || word == "and") continue;
    if (word == "hundred") {
      current = (current == 0 ? 1 : current) * 100;
    } else if (word == "thousand") {
      total += (current == 0 ? 1 : current) * 1000;
      current = 0;
    } else if (std::optional<int> v = WordValue(word)) {
      current += *v;
    } else {
      return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return static_cast<double>(total + current);
}

std::optional<double> ParseDecimal(std::string_view digits) {
  std::string clean;
  for (char c : digits) {
    if (c == ',') continue;
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
    clean.push_back(c);
  }
  if (clean.empty() || clean == "." || clean.find('.') != clean.rfind('.')) return std::nullopt;
  // from_chars, not stod: a number too large for a double ("999...9", 400
  // digits) is no value, not an exception that ends the ingest.
  double value = 0;
  auto [end, error] = std::from_chars(clean.data(), clean.data() + clean.size(), value);
  if (error != std::errc() || end != clean.data() + clean.size()) return std::nullopt;
  return value;
}

}  // namespace trialgraph::ingest
