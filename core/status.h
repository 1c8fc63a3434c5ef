// Status: the error value that crosses module boundaries.
//
// Error policy (docs/architecture.md): expected failures (a file that does not
// parse, a key that is absent, a question we cannot read) are returned as a
// Status; exceptions are reserved for what ends the request (allocation
// failure, a bug caught by the standard library); programmer errors are
// asserts.
#pragma once

#include <string>
#include <utility>

namespace trialgraph {

class Status {
 public:
  //! The kinds of failure callers branch on. Values are not persisted.
  enum class Code { kOk, kNotFound, kInvalidArgument, kCorruption, kIOError, kNotSupported };

  //! A success value.
  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status NotSupported(std::string msg) { return Status(Code::kNotSupported, std::move(msg)); }

  //! True when the operation succeeded.
  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  Code code() const { return code_; }
  //! The human-readable reason; empty on success.
  const std::string& message() const { return message_; }
  //! "NotFound: reason" style text for logs and CLI errors.
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

inline std::string Status::ToString() const {
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: return "not found: " + message_;
    case Code::kInvalidArgument: return "invalid argument: " + message_;
    case Code::kCorruption: return "corruption: " + message_;
    case Code::kIOError: return "I/O error: " + message_;
    case Code::kNotSupported: return "not supported: " + message_;
  }
  return message_;
}

}  // namespace trialgraph
