// The HTTP/1.1 server: Boost.Beast over Asio, one io_context per I/O thread
// and one accepting thread, keep-alive, request size limits and timeouts, and graceful
// shutdown on SIGTERM/SIGINT (stop accepting, let in-flight requests finish).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "web/access_log.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int threads = 0;            // 0 = one per core
  // The pool for requests slow on purpose (Needs::off_io_threads: password
  // hashing). Bounded, as each argon2id hash takes 64 MiB and a core.
  int slow_request_threads = 0;  // 0 = half the cores, at least one
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  int idle_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;
  // Reverse proxies whose X-Forwarded-For/-Proto are believed (web/proxy.hpp).
  std::vector<std::string> trusted_proxies;
};

// Runs until SIGTERM/SIGINT. `on_listening` is called once with the bound
// port (useful with port 0). Throws std::runtime_error if it cannot listen.
void run_server(App& app, AccessLog& log, const ServerOptions& options,
                const std::function<void(std::uint16_t)>& on_listening);

}  // namespace symptomdb::web
