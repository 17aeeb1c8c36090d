// Running the real symptomdb binary from tests: one-shot commands with their
// output captured, and a server process that is stopped when the test ends.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace symptomdb::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary args...` to completion (no shell involved); stdin is empty.
CommandResult run(const std::vector<std::string>& argv);
// The same with `stdin_text` as the child's standard input (e.g. the
// password `symptomdb user add` reads).
CommandResult run(const std::vector<std::string>& argv, const std::string& stdin_text);

// The symptomdb binary under test ($SYMPTOMDB_TEST_BIN if set).
std::string binary();

class ServerProcess {
 public:
  // Starts `symptomdb serve --port 0 ...` with extra arguments and waits for
  // its "listening" line; throws if it does not come within the timeout.
  explicit ServerProcess(const std::vector<std::string>& extra_args,
                         std::chrono::seconds timeout = std::chrono::seconds(20));
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends SIGTERM and waits; returns the exit status (or -1 on timeout).
  int terminate(std::chrono::seconds timeout = std::chrono::seconds(15));
  // Everything the server wrote to stderr so far (the access log).
  std::string log() const;

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string err_path_;
  std::uint16_t port_ = 0;
  bool exited_ = false;
};

}  // namespace symptomdb::test
