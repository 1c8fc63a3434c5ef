// `trialgraph serve`: the JSON HTTP API over a store (docs/api.md).
#pragma once

#include <cstddef>
#include <string>

namespace trialgraph::api {

struct ServerOptions {
  std::string db;                    //!< store directory
  std::string ontology_dir;          //!< vocabularies
  std::string host = "127.0.0.1";    //!< loopback unless asked otherwise
  int port = 8080;
  int threads = 0;                   //!< worker threads, one per open connection; 0 = 64
  std::string write_token;           //!< writes are refused unless non-empty
  size_t max_body_bytes = 8u << 20;  //!< larger uploads get 413
  int timeout_seconds = 5;           //!< read and write timeouts per connection
  size_t max_limit = 1000;           //!< largest page of results
  size_t answer_cache_bytes = 64u << 20;  //!< serialised answers kept per snapshot; 0 = no cache
};

//! Serves until the process is stopped. Returns a process exit status
//! (non-zero when the store cannot be opened or the port cannot be bound).
int Serve(const ServerOptions& options);

}  // namespace trialgraph::api
