// The Beast server: one connection's life (read with limits and timeouts,
// App::handle, write, keep-alive) and the listener with graceful shutdown.
// Over 400 lines with a reason: both halves share the Beast types and the
// shared state (options, counters, the App), and the state machine of one
// connection reads best in one place.
#include "web/server.hpp"

#include "web/compress.hpp"

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including
// <utility>; GCC 12 no longer pulls it in transitively.
#include <utility>

#include <fmt/format.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "store/store.hpp"
#include "web/proxy.hpp"

namespace symptomdb::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Smaller bodies gain too little from gzip to be worth the CPU; level 6 is
// zlib's default balance of size and speed (figures in bench/http/README.md).
constexpr std::size_t kMinCompressBytes = 512;
constexpr int kGzipLevel = 6;

struct Shared {
  App& app;
  AccessLog& log;
  const ServerOptions& options;
  asio::thread_pool& slow_pool;  // requests with Needs::off_io_threads
  std::string id_prefix;         // random per process, so ids from several nodes do not collide
  TrustedProxies proxies;
  std::atomic<std::uint64_t> next_id{0};
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  GzipCache gzip_cache{};
};

// The target of a request line in raw bytes ("POST /api/v1/x HTTP/1.1"),
// for answering a request the parser gave up on before it had the target
// (headers too large): so an error under /api/ is still JSON.
std::string raw_target(std::string_view bytes) {
  bytes = bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192));
  const auto line_end = bytes.find_first_of("\r\n");
  const std::string_view line = bytes.substr(0, line_end);
  const auto sp = line.find(' ');
  if (sp == std::string_view::npos) return "";
  std::string_view target = line.substr(sp + 1);
  return std::string(target.substr(0, target.find(' ')));
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(shared_.options.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    stream_.expires_after(std::chrono::seconds(shared_.options.idle_timeout_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof)
      return close();
    start_ = std::chrono::steady_clock::now();
    accept_encoding_.clear();
    gz_validator_ = false;
    Request req;
    req.request_id = fmt::format("{}-{:06d}", shared_.id_prefix, ++shared_.next_id);
    if (ec) {
      // Malformed or oversized request: answer once, then close.
      int status = 400;
      std::string code = "bad_request", message = "The request could not be read.";
      if (ec == http::error::body_limit) {
        status = 413, code = "body_too_large", message = "The request body is too large.";
      } else if (ec == http::error::header_limit) {
        status = 431, code = "headers_too_large", message = "The request headers are too large.";
      }
      req.method = "?";
      // The parser fills in the request line before it reads the fields,
      // so the target is known for a bad Content-Length or a body over the
      // limit; for headers over the limit it is read from the raw bytes.
      const auto& partial = parser_->get();
      req.target = std::string(partial.target());
      if (req.target.empty()) {
        const auto data = buffer_.data();
        req.target =
            raw_target(std::string_view(static_cast<const char*>(data.data()), data.size()));
      }
      req.accept = std::string(partial[http::field::accept]);
      req.forwarded_proto =
          shared_.proxies.scheme(remote_, std::string(partial["X-Forwarded-Proto"]));
      keep_alive_ = false;
      return respond(req, shared_.app.error(req, status, code, message));
    }
    const auto& msg = parser_->get();
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.accept = std::string(msg[http::field::accept]);
    req.if_none_match = std::string(msg[http::field::if_none_match]);
    // A validator we sent with a gzip body names the same representation
    // the application knows, without the "-gz" we added (see respond()).
    gz_validator_ = req.if_none_match.ends_with("-gz\"");
    if (gz_validator_) req.if_none_match.erase(req.if_none_match.size() - 4, 3);
    accept_encoding_ = std::string(msg[http::field::accept_encoding]);
    req.cookie = std::string(msg[http::field::cookie]);
    req.content_type = std::string(msg[http::field::content_type]);
    req.csrf_header = std::string(msg["X-CSRF-Token"]);
    req.forwarded_proto = shared_.proxies.scheme(remote_, std::string(msg["X-Forwarded-Proto"]));
    req.origin = std::string(msg["Origin"]);
    req.host = std::string(msg[http::field::host]);
    req.forwarded_host = std::string(msg["X-Forwarded-Host"]);
    req.remote = shared_.proxies.client_address(remote_, std::string(msg["X-Forwarded-For"]));
    req.body = msg.body();
    user_agent_ = std::string(msg[http::field::user_agent]);
    req.user_agent = user_agent_;
    keep_alive_ = msg.keep_alive() && !shared_.stopping;
    head_ = msg.method() == http::verb::head;
    version_ = msg.version();
    ++shared_.in_flight;
    counted_ = true;
    if (shared_.app.runs_off_io_threads(req)) {
      // Run on the pool, answer back on this connection's own thread.
      asio::post(shared_.slow_pool, [self = shared_from_this(), req = std::move(req)]() mutable {
        Response res = self->answer(req);
        const auto ex = self->stream_.get_executor();
        asio::post(ex, [self = std::move(self), req = std::move(req),
                        res = std::move(res)]() mutable { self->respond(req, std::move(res)); });
      });
      return;
    }
    respond(req, answer(req));
  }

  // The application's response, or the error that stands for it.
  Response answer(const Request& req) {
    Response res;
    try {
      res = shared_.app.handle(req);
    } catch (const store::StoreUnavailable& e) {
      // The database is down or restarting: nothing was changed and the same
      // request can work again shortly, which 503 tells clients and proxies.
      shared_.log.event("store-unavailable", req.request_id + ": " + e.what());
      res = shared_.app.error(req, 503, "store_unavailable",
                              "The database is unreachable just now. Please try again shortly.");
      res.headers.emplace_back("Retry-After", "5");
    } catch (const std::exception& e) {
      shared_.log.event("error", req.request_id + ": " + e.what());
      res = shared_.app.error(req, 500, "internal_error",
                              "Something went wrong on our side. The request id is in the log.");
    }
    return res;
  }

  void respond(const Request& req, Response res) {
    response_ = std::move(res);
    auto& r = reply_;
    r = {};
    r.version(version_);
    r.result(static_cast<http::status>(response_.status));
    r.set(http::field::server, "symptomdb");
    r.set(http::field::content_type, response_.content_type);
    r.set("X-Request-Id", req.request_id);
    r.set("X-Content-Type-Options", "nosniff");
    r.set("Referrer-Policy", "strict-origin-when-cross-origin");
    if (response_.content_type.starts_with("text/html"))
      r.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    // Served over HTTPS by a proxy that says so: browsers should never try
    // plain HTTP again (the proxy is trusted, as for the Secure cookie flag).
    if (req.forwarded_proto == "https") r.set("Strict-Transport-Security", "max-age=31536000");
    for (const auto& [k, v] : response_.headers) {
      if (k == "Set-Cookie")
        r.insert(k, v);  // one header line per cookie
      else
        r.set(k, v);
    }
    // Every 429 says when to come back; the handler's own value wins.
    if (response_.status == 429 && r.find("Retry-After") == r.end()) r.set("Retry-After", "60");
    std::string_view body = response_.payload();
    // gzip for text the client accepts it for. Every compressible response
    // says it varies by Accept-Encoding, compressed or not, so a shared
    // cache never hands a gzip body to a client that did not ask for one.
    if (compressible_type(response_.content_type) || response_.status == 304) {
      const std::string vary(r[http::field::vary]);
      if (vary.empty())
        r.set(http::field::vary, "Accept-Encoding");
      else if (vary.find("Accept-Encoding") == std::string::npos)
        r.set(http::field::vary, vary + ", Accept-Encoding");
    }
    gz_.reset();
    if (response_.status != 304 && response_.status != 204 && body.size() >= kMinCompressBytes &&
        compressible_type(response_.content_type) && accepts_gzip(accept_encoding_)) {
      if (response_.shared_body.data()) {
        gz_ = shared_.gzip_cache.get(body, response_.keep_alive, kGzipLevel);
      } else {
        gz_ = std::make_shared<const std::string>(gzip(body, kGzipLevel));
      }
      if (gz_->size() < body.size()) {
        body = *gz_;
        r.set(http::field::content_encoding, "gzip");
        // A strong validator names one representation: the gzip one gets its own.
        if (std::string etag(r[http::field::etag]); etag.size() >= 2 && etag.back() == '"') {
          etag.insert(etag.size() - 1, "-gz");
          r.set(http::field::etag, etag);
        }
      }
    }
    if (response_.status == 304) {
      // Confirms the representation the client has: the gzip one, if so.
      if (std::string etag(r[http::field::etag]);
          gz_validator_ && etag.size() >= 2 && etag.back() == '"') {
        etag.insert(etag.size() - 1, "-gz");
        r.set(http::field::etag, etag);
      }
      r.body() = {};
    } else {
      r.body() = head_ ? http::span_body<const char>::value_type{}
                       : http::span_body<const char>::value_type(body.data(), body.size());
    }
    r.keep_alive(keep_alive_);
    if (head_ && response_.status != 304)
      r.content_length(body.size());
    else
      r.prepare_payload();

    record_.target = req.target;
    record_.method = req.method;
    record_.request_id = req.request_id;
    record_.status = response_.status;
    record_.bytes = head_ ? 0 : body.size();
    // Logged as the response is handed to the socket, not when the write
    // completes: the client may read it before the completion runs on this
    // thread, and a SIGHUP it sends next (logrotate) is handled on the
    // accepting thread, so the line must already be in the file it rotates.
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
            .count();
    shared_.log.write({record_.request_id, remote_, record_.method, record_.target, record_.status,
                       record_.bytes, ms, user_agent_});
    http::async_write(stream_, r,
                      beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (counted_) {
      --shared_.in_flight;
      counted_ = false;
    }
    response_ = {};  // release the site this response pointed into
    gz_.reset();
    if (ec || !keep_alive_) return close();
    read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  struct Record {
    std::string request_id, method, target;
    int status = 0;
    std::size_t bytes = 0;
  };

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::span_body<const char>> reply_;
  Response response_;
  Record record_;
  std::string remote_, user_agent_, accept_encoding_;
  std::shared_ptr<const std::string> gz_;  // the gzip body being written, when there is one
  std::chrono::steady_clock::time_point start_;
  unsigned version_ = 11;
  bool keep_alive_ = true, head_ = false, counted_ = false, gz_validator_ = false;
};

// Accepts on its own io_context and thread, and hands each connection,
// round robin, to one of the workers' io_contexts, where it then lives. The
// acceptor used to live on the first worker: under load its accepts queued
// behind that worker's 64 busy connections, one accept per turn of the
// queue, so new connections waited up to seconds before their first request
// was even read (bench/README.md, "Search tails (branch qa-speed)").
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& accept_context, std::vector<asio::io_context*> workers,
           tcp::endpoint ep, Shared& shared)
      : workers_(std::move(workers)), acceptor_(accept_context), shared_(shared) {
    beast::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      throw std::runtime_error(fmt::format("cannot listen on {}:{}: {}", ep.address().to_string(),
                                           ep.port(), ec.message()));
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void start() { accept(); }
  void stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void accept() {
    auto& target = *workers_[next_++ % workers_.size()];
    acceptor_.async_accept(
        target, [self = shared_from_this(), &target](beast::error_code ec, tcp::socket socket) {
          if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
          if (!ec)
            asio::post(target, [s = std::make_shared<Session>(std::move(socket), self->shared_)] {
              s->start();
            });
          self->accept();
        });
  }

  std::vector<asio::io_context*> workers_;
  std::size_t next_ = 0;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

std::string random_prefix() {
  std::random_device rd;
  return fmt::format("{:06x}", rd() & 0xFFFFFF);
}

}  // namespace

void run_server(App& app, AccessLog& log, const ServerOptions& options,
                const std::function<void(std::uint16_t)>& on_listening) {
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const int slow_threads =
      options.slow_request_threads > 0
          ? options.slow_request_threads
          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
  asio::thread_pool slow_pool(static_cast<std::size_t>(slow_threads));
  Shared shared{
      app, log, options, slow_pool, random_prefix(), TrustedProxies(options.trusted_proxies)};

  beast::error_code ec;
  const auto address =
      asio::ip::make_address(options.host == "localhost" ? "127.0.0.1" : options.host, ec);
  if (ec) throw std::runtime_error("invalid --host address '" + options.host + "'");

  // One single-threaded io_context per thread: a connection lives on one
  // thread, so nothing is handed between threads mid-request and no strand
  // or lock is needed on the request path. Accepting, signals and the
  // shutdown drain have their own context on the calling thread, which
  // sleeps in epoll_wait except when a connection arrives.
  asio::io_context main(1);
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::io_context*> workers;
  for (int i = 0; i < threads; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    workers.push_back(contexts.back().get());
  }
  // Keeps worker loops running while they have no connection yet.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto* w : workers) guards.push_back(asio::make_work_guard(*w));
  auto listener =
      std::make_shared<Listener>(main, workers, tcp::endpoint(address, options.port), shared);
  listener->start();
  const std::uint16_t port = listener->port();

  // Graceful shutdown: stop accepting, then wait (bounded) for requests in
  // flight before stopping every loop.
  asio::signal_set signals(main, SIGINT, SIGTERM);
  asio::steady_timer drain(main);
  const auto stop_all = [&] {
    for (auto& c : contexts) c->stop();
    main.stop();
  };
  std::chrono::steady_clock::time_point deadline;
  std::function<void()> wait_drained = [&] {
    if (shared.in_flight == 0 || std::chrono::steady_clock::now() >= deadline) {
      log.event("stopped", fmt::format("in flight at stop: {}", shared.in_flight.load()));
      stop_all();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](beast::error_code) { wait_drained(); });
  };
  signals.async_wait([&](beast::error_code e, int sig) {
    if (e) return;
    log.event("shutdown", fmt::format("signal {}: no longer accepting", sig));
    shared.stopping = true;
    listener->stop();
    deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
    wait_drained();
  });

  // SIGHUP: logrotate has moved the access log; write to a new file.
  asio::signal_set hangup(main, SIGHUP);
  std::function<void()> wait_hangup = [&] {
    hangup.async_wait([&](beast::error_code e, int) {
      if (e) return;
      const bool ok = log.reopen();
      log.event("log-reopened", ok ? "on SIGHUP" : "SIGHUP: could not reopen the log file");
      wait_hangup();
    });
  };
  wait_hangup();

  log.event("listening", fmt::format("http://{}:{} with {} threads ({} for password hashing)",
                                     options.host, port, threads, slow_threads));
  if (on_listening) on_listening(port);

  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i)
    pool.emplace_back([&, i] {
      // Named, so that top -H, perf and the tests can tell the I/O threads apart.
      pthread_setname_np(pthread_self(), fmt::format("sdb-io-{}", i).c_str());
      contexts[static_cast<std::size_t>(i)]->run();
    });
  main.run();
  stop_all();
  for (auto& t : pool) t.join();
  // A request still on the pool finishes (a hash takes a fraction of a
  // second); those not started are dropped, as the loops that would answer
  // them have stopped.
  slow_pool.stop();
  slow_pool.join();
  log.flush();
}

}  // namespace symptomdb::web
