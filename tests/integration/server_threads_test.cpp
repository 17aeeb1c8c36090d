// New connections must not depend on any one I/O thread being free. The
// acceptor used to live on the first I/O thread, so while that thread was
// busy (under 128 connections: 64 of them, each with a search to answer) new
// connections waited in the listen queue for seconds before their first
// request was read (bench/README.md, "Search tails (branch qa-speed)").
//
// The test stops one I/O thread of the real server at a time (ptrace stops
// a single thread, not the process) and checks that fresh connections are
// still answered by the other one. Which thread is an I/O thread is found
// by behaviour, not by name: the one that burns the CPU of a burst of
// requests sent over one keep-alive connection.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

// Boost 1.74's asio needs <utility> before it (see web/server.cpp).
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/stores.hpp"

namespace symptomdb::test {
namespace {

using Clock = std::chrono::steady_clock;

// utime + stime (clock ticks) of every thread of `pid`.
std::map<pid_t, long> thread_cpu(pid_t pid) {
  std::map<pid_t, long> out;
  for (const auto& e :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    std::ifstream in(e.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(stat.substr(close + 2));  // from field 3 (state) on
    std::string f;
    long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
      if (i == 14) utime = std::stol(f);
      if (i == 15) stime = std::stol(f);
    }
    out[static_cast<pid_t>(std::stoi(e.path().filename().string()))] = utime + stime;
  }
  return out;
}

// The thread that serves one connection: searches over a single fresh
// keep-alive connection until one thread has clearly used the CPU they take
// (0 when no single thread stands out).
pid_t thread_of_next_connection(const ServerProcess& server) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace http = beast::http;
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), server.port()));
  auto before = thread_cpu(server.pid());
  for (int i = 0; i < 50000; ++i) {
    http::request<http::empty_body> req{http::verb::get,
                                        "/search?q=muscle+weakness+" + std::to_string(i), 11};
    req.set(http::field::host, "t");
    stream.expires_after(std::chrono::seconds(10));
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    if (i % 100 != 99) continue;
    pid_t busiest = 0;
    long most = 0, total = 0;
    for (const auto& [tid, t] : thread_cpu(server.pid())) {
      const long d = t - (before.count(tid) ? before.at(tid) : 0);
      total += d;
      if (d > most) most = d, busiest = tid;
    }
    // Enough clock ticks to tell, nearly all of them on one thread. When
    // another thread of the server was busy too (work it does in the
    // background after start-up), count again from here.
    if (most >= 15) {
      if (most * 10 >= total * 8) return busiest;
      before = thread_cpu(server.pid());
    }
  }
  return 0;
}

// GET /healthz on a fresh connection; the status line, or "" when nothing
// came back within `timeout_ms` (plain sockets and poll: a connection to a
// stopped thread never answers, and must not hang the test).
std::string probe(std::uint16_t port, int timeout_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string got;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string req = "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
    if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size())) {
      const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
      char buf[512];
      while (got.find("\r\n") == std::string::npos && Clock::now() < deadline) {
        pollfd p{fd, POLLIN, 0};
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 0))) <= 0) break;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, static_cast<std::size_t>(n));
      }
    }
  }
  ::close(fd);
  return got.substr(0, got.find("\r\n"));
}

// Stops one thread of another process for as long as it lives.
class StoppedThread {
 public:
  explicit StoppedThread(pid_t tid) : tid_(tid) {
    if (ptrace(PTRACE_SEIZE, tid_, nullptr, nullptr) != 0) {
      error_ = std::strerror(errno);
      return;
    }
    int status = 0;
    if (ptrace(PTRACE_INTERRUPT, tid_, nullptr, nullptr) != 0 ||
        waitpid(tid_, &status, __WALL) != tid_) {
      error_ = std::strerror(errno);
      ptrace(PTRACE_DETACH, tid_, nullptr, nullptr);
      return;
    }
    stopped_ = true;
  }
  ~StoppedThread() {
    if (stopped_) ptrace(PTRACE_DETACH, tid_, nullptr, nullptr);
  }
  StoppedThread(const StoppedThread&) = delete;
  StoppedThread& operator=(const StoppedThread&) = delete;
  bool stopped() const { return stopped_; }
  const std::string& error() const { return error_; }

 private:
  pid_t tid_;
  bool stopped_ = false;
  std::string error_;
};

TEST(ServerThreads, NewConnectionsAreAnsweredWhileOneIoThreadIsStopped) {
  SYMPTOMDB_SKIP_WITHOUT(site_backend());
  const TestDatabase db(site_backend());
  ServerProcess server({"--db", db.location(), "--content", (source_dir() / "content").string(),
                        "--threads", "2", "--access-log", "off"});
  ASSERT_EQ(http_get(server.port(), "/healthz").status, 200);

  // Connections go round robin to the two I/O threads, so two consecutive
  // ones find both; each is stopped in turn.
  std::vector<pid_t> io_threads;
  for (int i = 0; i < 2; ++i) {
    const pid_t tid = thread_of_next_connection(server);
    ASSERT_NE(tid, 0) << "could not tell which thread served a connection";
    std::cout << "connection " << i << " served by thread " << tid << std::endl;
    if (std::find(io_threads.begin(), io_threads.end(), tid) == io_threads.end())
      io_threads.push_back(tid);
  }
  ASSERT_EQ(io_threads.size(), 2u) << "two connections in a row were served by one thread";

  for (const pid_t tid : io_threads) {
    StoppedThread stop(tid);
    if (!stop.stopped()) GTEST_SKIP() << "ptrace cannot stop a thread here: " << stop.error();
    // Two fresh connections at once: round robin gives one of them to the
    // thread still running, which must answer it although the other is
    // stopped.
    const auto sent = Clock::now();
    auto a = std::async(std::launch::async, [&] { return probe(server.port(), 3000); });
    auto b = std::async(std::launch::async, [&] { return probe(server.port(), 3000); });
    const std::string ra = a.get(), rb = b.get();
    const double waited = std::chrono::duration<double>(Clock::now() - sent).count();
    const bool answered = ra.starts_with("HTTP/1.1 200") || rb.starts_with("HTTP/1.1 200");
    std::cout << "thread " << tid << " stopped: a new connection answered: " << answered
              << " after " << waited << " s" << std::endl;
    EXPECT_TRUE(answered) << "with I/O thread " << tid << " stopped, no new connection was "
                          << "answered in " << waited << " s";
  }
  // Both threads run again: everything is answered.
  EXPECT_EQ(http_get(server.port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace symptomdb::test
