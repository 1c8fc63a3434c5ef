// The trialgraph command line: subcommands over the ingest, query and core
// modules. No domain logic lives here.
#pragma once

namespace trialgraph::api {

//! Runs `trialgraph <subcommand> ...`; returns the process exit status:
//! 0 success, 1 some input failed (the rest was done), 2 usage error,
//! 3 the store could not be opened or read.
int RunCli(int argc, char** argv);

}  // namespace trialgraph::api
