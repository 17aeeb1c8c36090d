#include "web/proxy.hpp"
#include "text/lines.hpp"

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <stdexcept>

namespace symptomdb::web {
namespace {

// The address as 16 bytes (IPv4 v4-mapped) and whether it was IPv4.
std::optional<std::pair<std::array<unsigned char, 16>, bool>> parse(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text::trim(text)), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped())
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  if (a.is_v4())
    return std::pair{
        boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, a.to_v4()).to_bytes(), true};
  return std::pair{a.to_v6().to_bytes(), false};
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& networks) {
  for (const auto& entry : networks) {
    const auto slash = entry.find('/');
    const auto addr = parse(std::string_view(entry).substr(0, slash));
    int prefix = -1;
    if (addr) {
      const int max = addr->second ? 32 : 128;
      if (slash == std::string::npos) {
        prefix = max;
      } else {
        try {
          std::size_t used = 0;
          prefix = std::stoi(entry.substr(slash + 1), &used);
          if (used != entry.size() - slash - 1 || prefix < 0 || prefix > max) prefix = -1;
        } catch (const std::exception&) {
          prefix = -1;
        }
      }
      if (prefix >= 0 && addr->second) prefix += 96;
    }
    if (prefix < 0)
      throw std::invalid_argument("--trusted-proxy: '" + entry +
                                  "' is not an address or network (like 10.0.0.0/8)");
    nets_.push_back({addr->first, prefix});
  }
}

bool TrustedProxies::trusts(std::string_view address) const {
  const auto a = parse(address);
  if (!a) return false;
  for (const auto& n : nets_) {
    int bits = n.prefix, i = 0;
    bool match = true;
    for (; bits >= 8 && match; bits -= 8, ++i) match = a->first[i] == n.bytes[i];
    if (match && bits > 0) {
      const auto mask = static_cast<unsigned char>(0xff << (8 - bits));
      match = (a->first[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           std::string_view forwarded_for) const {
  if (nets_.empty() || !trusts(peer)) return peer;
  // Right to left: each proxy appends the address it received from.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto entry = text::trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (entry.empty()) continue;
    if (!parse(entry)) return peer;  // garbage: trust nothing of it
    if (!trusts(entry)) return std::string(entry);
  }
  return peer;
}

std::string TrustedProxies::scheme(const std::string& peer,
                                   std::string_view forwarded_proto) const {
  if (nets_.empty() || trusts(peer)) return std::string(text::trim(forwarded_proto));
  return "";
}

}  // namespace symptomdb::web
