#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace symptomdb::test {
namespace {

pid_t spawn(const std::vector<std::string>& argv, int out_fd, int err_fd,
            const std::string& stdin_path = "/dev/null") {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
  return pid;
}

std::string temp_file(const std::string& stem) {
  std::string tmpl = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX")).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return tmpl;
}

}  // namespace

std::string binary() {
  // SYMPTOMDB_TEST_BIN points the suite at another build of the binary
  // (e.g. to check that a test fails without a fix).
  if (const char* other = std::getenv("SYMPTOMDB_TEST_BIN"); other && *other) return other;
  return SYMPTOMDB_BIN;
}

CommandResult run(const std::vector<std::string>& argv) {
  return run(argv, std::string());
}

CommandResult run(const std::vector<std::string>& argv, const std::string& stdin_text) {
  // Input and output go through files rather than pipes, so a chatty child
  // cannot block and nothing needs a writer thread.
  const auto in_path = temp_file("sdb-in");
  std::ofstream(in_path, std::ios::binary) << stdin_text;
  const auto out_path = temp_file("sdb-out"), err_path = temp_file("sdb-err");
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_TRUNC);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_TRUNC);
  const pid_t pid = spawn(argv, out_fd, err_fd, in_path);
  ::close(out_fd);
  ::close(err_fd);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream o(out_path), e(err_path);
  r.out.assign(std::istreambuf_iterator<char>(o), {});
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  std::filesystem::remove(in_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return r;
}

ServerProcess::ServerProcess(const std::vector<std::string>& extra, std::chrono::seconds timeout) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  err_path_ = temp_file("sdb-server-err");
  const int err_fd = ::open(err_path_.c_str(), O_WRONLY | O_TRUNC);
  std::vector<std::string> argv = {binary(), "serve", "--host", "127.0.0.1", "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  pid_ = spawn(argv, fds[1], err_fd);
  ::close(fds[1]);
  ::close(err_fd);
  out_fd_ = fds[0];

  // Wait for "listening on http://127.0.0.1:PORT/".
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  static const std::regex re(R"(listening on http://[^:]+:(\d+)/)");
  std::smatch m;
  while (!std::regex_search(seen, m, re)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{out_fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      terminate();
      throw std::runtime_error("server did not start in time; stdout: " + seen +
                               " stderr: " + log());
    }
    char buf[512];
    const ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n <= 0) {
      terminate();
      throw std::runtime_error("server exited before listening; stderr: " + log());
    }
    seen.append(buf, static_cast<std::size_t>(n));
  }
  port_ = static_cast<std::uint16_t>(std::stoi(m[1].str()));
}

int ServerProcess::terminate(std::chrono::seconds timeout) {
  if (exited_ || pid_ <= 0) return 0;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  exited_ = true;
  return -1;
}

std::string ServerProcess::log() const {
  std::ifstream in(err_path_);
  return {std::istreambuf_iterator<char>(in), {}};
}

ServerProcess::~ServerProcess() {
  terminate();
  if (out_fd_ >= 0) ::close(out_fd_);
  std::error_code ec;
  std::filesystem::remove(err_path_, ec);
}

}  // namespace symptomdb::test
