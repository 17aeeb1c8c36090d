// A minimal HTTP/1.1 client for tests, over Boost.Beast, plus a raw-bytes
// sender for requests no well-behaved client would make.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace symptomdb::test {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
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

}  // namespace symptomdb::test
