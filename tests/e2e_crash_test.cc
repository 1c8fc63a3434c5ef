// End-to-end crash safety: `trialgraph ingest` killed with SIGKILL at several
// points of a bulk run, then rerun, leaves the same graph as an
// uninterrupted run (same `check` digest, no violated invariant).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e_support.h"

namespace trialgraph::testing {
namespace {

using nlohmann::json;

// Starts `trialgraph ingest` in the background and returns its pid.
pid_t StartIngest(const std::string& db, const std::string& input) {
  std::vector<std::string> args = {TRIALGRAPH_BINARY, "ingest", "--db", db, "--jobs", "2", "--ontology",
                                   std::string(TRIALGRAPH_SOURCE_DIR) + "/ontology", input};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  posix_spawn(&pid, TRIALGRAPH_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// The `check` report, or a discarded value when no store could be opened
// (killed before RocksDB had written its first manifest).
json Check(const std::string& db) {
  return json::parse(RunCommand(Binary() + " check --json --db " + db).out, nullptr, false);
}

class CrashTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    // A generated corpus long enough (several seconds) to be killed mid-run.
    ASSERT_EQ(RunCommand("python3 " + std::string(TRIALGRAPH_SOURCE_DIR) + "/bench/generate_corpus.py " +
                         (*dir_ / "corpus") + " 4000 --per-file 400")
                  .status,
              0);
    ASSERT_EQ(RunCommand(Binary() + " ingest --db " + (*dir_ / "reference") + " " + (*dir_ / "corpus")).status, 0);
    reference_ = new json(Check(*dir_ / "reference"));
    ASSERT_TRUE((*reference_)["ok"].get<bool>());
  }
  static void TearDownTestSuite() {
    delete reference_;
    delete dir_;
  }
  static TempDir* dir_;
  static json* reference_;
};
TempDir* CrashTest::dir_ = nullptr;
json* CrashTest::reference_ = nullptr;

// Killed at several points, each followed by a rerun: the graph equals the uninterrupted one.
TEST_F(CrashTest, SigkillThenRerunEqualsUninterruptedRun) {
  int killed_mid_run = 0;
  for (int delay_ms : {150, 400, 800, 1500}) {
    std::string db = *dir_ / ("killed" + std::to_string(delay_ms));
    pid_t pid = StartIngest(db, *dir_ / "corpus");
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    killed_mid_run += WIFSIGNALED(status);
    json after_kill = Check(db);
    if (!after_kill.is_discarded()) EXPECT_TRUE(after_kill["ok"].get<bool>()) << "delay " << delay_ms;
    ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + (*dir_ / "corpus")).status, 0);
    json rerun = Check(db);
    EXPECT_TRUE(rerun["ok"].get<bool>());
    EXPECT_EQ(rerun["digest"], (*reference_)["digest"]) << "killed after " << delay_ms << " ms";
  }
  EXPECT_GE(killed_mid_run, 2) << "the corpus ingested too fast to be killed mid-run";
}

// Killed twice in a row on the same store, then completed.
TEST_F(CrashTest, RepeatedKillsOnOneStore) {
  std::string db = *dir_ / "twice";
  for (int delay_ms : {300, 700}) {
    pid_t pid = StartIngest(db, *dir_ / "corpus");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + (*dir_ / "corpus")).status, 0);
  EXPECT_EQ(Check(db)["digest"], (*reference_)["digest"]);
}

// SIGINT stops the run cleanly with exit status 130; a rerun completes it.
TEST_F(CrashTest, InterruptStopsCleanly) {
  std::string db = *dir_ / "interrupted";
  pid_t pid = StartIngest(db, *dir_ / "corpus");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) EXPECT_TRUE(WEXITSTATUS(status) == 130 || WEXITSTATUS(status) == 0);
  json after_interrupt = Check(db);
  if (!after_interrupt.is_discarded()) EXPECT_TRUE(after_interrupt["ok"].get<bool>());
  ASSERT_EQ(RunCommand(Binary() + " ingest --db " + db + " " + (*dir_ / "corpus")).status, 0);
  EXPECT_EQ(Check(db)["digest"], (*reference_)["digest"]);
}

}  // namespace
}  // namespace trialgraph::testing
