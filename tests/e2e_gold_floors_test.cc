// End-to-end: `trialgraph eval tests/gold` must not fall below the recorded
// floors (tests/gold/floors.tsv), field by field and in total. The floors are
// the scores reached when they were recorded, less a small margin; raise them
// when extraction improves, never lower them to let a change through.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.h"

namespace trialgraph::testing {
namespace {

using nlohmann::json;

struct Floor {
  double precision = 0, recall = 0;
};

// field -> floor; "TOTAL" is the micro average.
std::map<std::string, Floor> ReadFloors(const std::string& path) {
  std::map<std::string, Floor> floors;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string name;
    Floor f;
    if (fields >> name >> f.precision >> f.recall) floors[name] = f;
  }
  return floors;
}

void ExpectAtLeast(const std::string& field, const json& score, const Floor& floor, const json& report) {
  EXPECT_GE(score["precision"].get<double>(), floor.precision)
      << field << " precision fell below its floor; false positives:\n" << report["false_positives"].dump(1);
  EXPECT_GE(score["recall"].get<double>(), floor.recall) << field << " recall fell below its floor; misses:\n"
                                                         << report["misses"].dump(1);
}

TEST(E2eGoldFloors, EveryFieldHoldsItsFloor) {
  const std::string gold = std::string(TRIALGRAPH_SOURCE_DIR) + "/tests/gold";
  std::map<std::string, Floor> floors = ReadFloors(gold + "/floors.tsv");
  ASSERT_TRUE(floors.count("TOTAL")) << "no TOTAL floor in " << gold << "/floors.tsv";
  CommandResult r = RunCommand(Binary() + " eval " + gold + " --docs " + Shared("data") + " --json");
  ASSERT_EQ(r.status, 0) << r.out;
  json report = json::parse(r.out);
  for (const auto& [field, score] : report["fields"].items()) {
    auto floor = floors.find(field);
    // A field the gold starts to score needs a recorded floor.
    ASSERT_NE(floor, floors.end()) << field << " has no floor in floors.tsv";
    ExpectAtLeast(field, score, floor->second, report);
  }
  ExpectAtLeast("TOTAL", report["total"], floors.at("TOTAL"), report);
}

}  // namespace
}  // namespace trialgraph::testing
