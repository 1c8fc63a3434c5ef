#include "api/cli.h"

int main(int argc, char** argv) { return trialgraph::api::RunCli(argc, argv); }
