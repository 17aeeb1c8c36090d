// Which peers are the site's own reverse proxies (--trusted-proxy CIDR...),
// and so whose X-Forwarded-For and X-Forwarded-Proto are believed. Behind
// haproxy every request comes from haproxy's address: without this, sign-in
// throttling per address would count every visitor as one.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace symptomdb::web {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // Networks such as 10.0.0.0/8, fd00::/8, or single addresses (127.0.0.1).
  // Throws std::invalid_argument naming the entry that is not one.
  explicit TrustedProxies(const std::vector<std::string>& networks);

  bool empty() const { return nets_.empty(); }
  bool trusts(std::string_view address) const;
  // The client's address: the peer's own, unless the peer is a trusted
  // proxy; then the last X-Forwarded-For entry that is not one of ours
  // (entries further left were written by the client and prove nothing).
  std::string client_address(const std::string& peer, std::string_view forwarded_for) const;
  // X-Forwarded-Proto as the application should see it: without trusted
  // proxies configured, as sent (it only ever makes the sender's own cookies
  // Secure); with them, only from them.
  std::string scheme(const std::string& peer, std::string_view forwarded_proto) const;

 private:
  struct Net {
    std::array<unsigned char, 16> bytes{};  // IPv4 as v4-mapped IPv6
    int prefix = 0;                         // over the 128 bits
  };
  std::vector<Net> nets_;
};

}  // namespace symptomdb::web
