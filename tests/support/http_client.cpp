#include "support/http_client.hpp"

#include <utility>  // Boost 1.74's asio needs std::exchange declared first

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace symptomdb::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// With SYMPTOMDB_API_LOG set (CTest sets it), every answer from the JSON API,
// /healthz and /infobutton is appended to that file as one JSON line, so
// tests/api/validate.mjs can check each against docs/openapi.json: the
// description cannot drift from what the server really sends.
void record(const std::string& method, const std::string& target, const HttpResponse& r) {
  const char* log = std::getenv("SYMPTOMDB_API_LOG");
  if (!log || !*log || method == "HEAD" || r.status == 304) return;
  // A gzip body is the same document compressed (the reader tests check that
  // it inflates to the plain one); the plain answers are what is validated.
  if (!r.header("content-encoding").empty()) return;
  const std::string path = target.substr(0, target.find('?'));
  if (!path.starts_with("/api/") && path != "/healthz" && path != "/infobutton") return;
  nlohmann::json line = {{"method", method},
                         {"target", target},
                         {"status", r.status},
                         {"content_type", r.header("content-type")},
                         {"body", r.body}};
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // One write() to an O_APPEND file: lines from tests running in parallel
  // do not interleave.
  const int fd = ::open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  [[maybe_unused]] const auto n = ::write(fd, text.data(), text.size());
  ::close(fd);
}

}  // namespace

HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const std::map<std::string, std::string>& headers,
                          const std::string& body) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::user_agent, "symptomdb-tests");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  // A server may answer (413, say) and close before a large body is sent;
  // the write then fails, but the answer is still there to read.
  beast::error_code write_ec;
  http::write(stream, req, write_ec);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    out.headers[name] = std::string(f.value());
    if (name == "set-cookie") out.set_cookies.emplace_back(f.value());
  }
  out.body = std::move(res.body());
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  record(method, target, out);
  return out;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes, int timeout_ms) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::milliseconds(timeout_ms));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  // Blocking reads below: bound them with a socket receive timeout.
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  beast::error_code ec;
  asio::write(stream.socket(), asio::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  while (true) {
    const auto n = stream.socket().read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

std::string url_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string form_encode(const Form& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out.push_back('&');
    out += url_encode(k) + "=" + url_encode(v);
  }
  return out;
}

std::string csrf_field(const std::string& html) {
  static const std::string marker = "name=\"csrf\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  const auto end = html.find('"', start);
  return end == std::string::npos ? "" : html.substr(start, end - start);
}

std::string set_cookie_header(const HttpResponse& r, const std::string& name) {
  for (const auto& c : r.set_cookies)
    if (c.rfind(name + "=", 0) == 0) return c;
  return "";
}

HttpResponse Client::request(const std::string& method, const std::string& target,
                             const std::map<std::string, std::string>& headers,
                             const std::string& body) {
  auto h = headers;
  if (!h.count("Cookie") && !jar_.empty()) h["Cookie"] = cookie_header();
  auto r = http_request(port_, method, target, h, body);
  for (const auto& c : r.set_cookies) {
    const auto semi = c.find(';');
    const std::string pair = c.substr(0, semi);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    std::string attrs = semi == std::string::npos ? "" : c.substr(semi);
    std::transform(attrs.begin(), attrs.end(), attrs.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    if (value.empty() || attrs.find("max-age=0") != std::string::npos)
      jar_.erase(name);
    else
      jar_[name] = value;
  }
  if (r.header("content-type").rfind("text/html", 0) == 0) {
    if (auto t = csrf_field(r.body); !t.empty()) csrf_ = t;
  }
  return r;
}

HttpResponse Client::post_form(const std::string& target, const Form& fields,
                               std::map<std::string, std::string> headers) {
  headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  return request("POST", target, headers, form_encode(fields));
}

HttpResponse Client::post_json(const std::string& target, const std::string& json,
                               std::map<std::string, std::string> headers) {
  headers.emplace("Content-Type", "application/json");
  return request("POST", target, headers, json);
}

std::optional<std::string> Client::cookie(const std::string& name) const {
  auto it = jar_.find(name);
  if (it == jar_.end()) return std::nullopt;
  return it->second;
}

std::string Client::cookie_header() const {
  std::string out;
  for (const auto& [k, v] : jar_) {
    if (!out.empty()) out += "; ";
    out += k + "=" + v;
  }
  return out;
}

}  // namespace symptomdb::test
