// Helpers for end-to-end tests that run the real trialgraph binary.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include <sys/wait.h>

namespace trialgraph::testing {

//! Output and exit status of one command.
struct CommandResult {
  std::string out;
  int status = -1;
};

//! Runs `command` with /bin/sh, capturing standard output (stderr is appended when `with_stderr`).
inline CommandResult RunCommand(const std::string& command, bool with_stderr = false) {
  CommandResult result;
  FILE* pipe = popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

//! The binary under test, with the ontology of the source tree.
inline std::string Binary() { return std::string("TRIALGRAPH_ONTOLOGY=") + TRIALGRAPH_SOURCE_DIR + "/ontology " + TRIALGRAPH_BINARY; }

inline std::string Shared(const std::string& relative) { return std::string(TRIALGRAPH_SHARED_DIR) + "/" + relative; }

inline std::string Quote(const std::string& s) { return "'" + s + "'"; }

//! A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("trialgraph-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace trialgraph::testing

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include <httplib.h>

extern char** environ;

namespace trialgraph::testing {

//! A `trialgraph serve` child process on 127.0.0.1, stopped on destruction.
class ServerProcess {
 public:
  //! Starts the server on a free port; `extra` are further arguments.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra = {}) {
    for (int attempt = 0; attempt < 20 && !ready_; ++attempt) {
      port_ = 20000 + static_cast<int>(std::random_device()() % 30000);
      std::vector<std::string> args = {TRIALGRAPH_BINARY, "serve", "--db", db, "--port", std::to_string(port_),
                                       "--ontology", std::string(TRIALGRAPH_SOURCE_DIR) + "/ontology"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      if (posix_spawn(&pid_, TRIALGRAPH_BINARY, nullptr, nullptr, argv.data(), environ) != 0) return;
      ready_ = WaitUntilHealthy();
      if (!ready_) Stop();
    }
  }
  ~ServerProcess() { Stop(); }
  bool ready() const { return ready_; }
  int port() const { return port_; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(10, 0);
    return c;
  }

 private:
  bool WaitUntilHealthy() {
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;  // exited: the port was taken or the store failed
      }
      httplib::Client c("127.0.0.1", port_);
      if (auto res = c.Get("/healthz"); res && res->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  pid_t pid_ = -1;
  int port_ = 0;
  bool ready_ = false;
};

}  // namespace trialgraph::testing
