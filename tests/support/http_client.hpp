// A minimal HTTP/1.1 client for tests, over Boost.Beast, plus a raw-bytes
// sender for requests no well-behaved client would make.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace symptomdb::test {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; the last of repeated ones
  std::vector<std::string> set_cookies;        // every Set-Cookie header, in order
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

HttpResponse http_request(std::uint16_t port, const std::string& method, const std::string& target,
                          const std::map<std::string, std::string>& headers = {},
                          const std::string& body = "");
inline HttpResponse http_get(std::uint16_t port, const std::string& target,
                             const std::map<std::string, std::string>& headers = {}) {
  return http_request(port, "GET", target, headers);
}

// Writes `bytes` to a fresh connection and returns everything read back
// until the server closes it (or the timeout passes).
std::string raw_exchange(std::uint16_t port, const std::string& bytes, int timeout_ms = 5000);

// application/x-www-form-urlencoded, as a browser sends a form: every byte
// outside A-Z a-z 0-9 - _ . ~ percent-encoded (so bytes that are not UTF-8
// go through unchanged), spaces as '+'.
using Form = std::vector<std::pair<std::string, std::string>>;
std::string form_encode(const Form& fields);
std::string url_encode(const std::string& text);

// The value of the first hidden `name="csrf"` field in an HTML page ("" if none).
std::string csrf_field(const std::string& html);

// The Set-Cookie header for `name` in a response, or "" when there is none.
std::string set_cookie_header(const HttpResponse& r, const std::string& name);

// A tiny browser: keeps cookies from Set-Cookie (no domain/path matching;
// everything here is one site), sends them back, and remembers the csrf
// field of the last page it got.
class Client {
 public:
  explicit Client(std::uint16_t port) : port_(port) {}

  // A "Cookie" entry in `headers` replaces the jar for that request.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = "");
  HttpResponse get(const std::string& target,
                   const std::map<std::string, std::string>& headers = {}) {
    return request("GET", target, headers);
  }
  HttpResponse post_form(const std::string& target, const Form& fields,
                         std::map<std::string, std::string> headers = {});
  HttpResponse post_json(const std::string& target, const std::string& json,
                         std::map<std::string, std::string> headers = {});

  std::optional<std::string> cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value) { jar_[name] = value; }
  void drop_cookie(const std::string& name) { jar_.erase(name); }
  std::string cookie_header() const;
  // The csrf field of the last HTML page this client fetched.
  const std::string& csrf() const { return csrf_; }
  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  std::map<std::string, std::string> jar_;
  std::string csrf_;
};

}  // namespace symptomdb::test
