// --trusted-proxy: forwarded headers are believed only from the site's own
// proxies, and only as far as the nearest address that is not one of them.
#include "web/proxy.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace symptomdb::web {
namespace {

TEST(TrustedProxies, NetworksAndSingleAddresses) {
  const TrustedProxies p({"10.0.0.0/8", "192.168.1.7", "fd00::/8"});
  EXPECT_TRUE(p.trusts("10.1.2.3"));
  EXPECT_TRUE(p.trusts("::ffff:10.1.2.3"));  // an IPv4 peer on a dual-stack socket
  EXPECT_FALSE(p.trusts("11.0.0.1"));
  EXPECT_TRUE(p.trusts("192.168.1.7"));
  EXPECT_FALSE(p.trusts("192.168.1.8"));
  EXPECT_TRUE(p.trusts("fd12::1"));
  EXPECT_FALSE(p.trusts("fe80::1"));
  EXPECT_FALSE(p.trusts("not an address"));
  const TrustedProxies odd({"172.16.0.0/12"});
  EXPECT_TRUE(odd.trusts("172.31.255.255"));
  EXPECT_FALSE(odd.trusts("172.32.0.0"));
}

TEST(TrustedProxies, RefusesWhatIsNotANetwork) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0/8", "proxy", "10.0.0.0/8x", "::/129", ""})
    EXPECT_THROW(TrustedProxies({bad}), std::invalid_argument) << bad;
}

TEST(TrustedProxies, ClientAddressComesFromTrustedPeersOnly) {
  const TrustedProxies none;
  EXPECT_EQ(none.client_address("203.0.113.9", "1.2.3.4"), "203.0.113.9");
  const TrustedProxies p({"127.0.0.1", "10.0.0.0/8"});
  // Straight from a client: its header proves nothing.
  EXPECT_EQ(p.client_address("203.0.113.9", "1.2.3.4"), "203.0.113.9");
  // Through our proxy: the address it saw.
  EXPECT_EQ(p.client_address("127.0.0.1", "198.51.100.4"), "198.51.100.4");
  // A client that forges an entry gets the one our proxy appended.
  EXPECT_EQ(p.client_address("127.0.0.1", "6.6.6.6, 198.51.100.4"), "198.51.100.4");
  // Two of our proxies in a row are skipped.
  EXPECT_EQ(p.client_address("127.0.0.1", "198.51.100.4, 10.0.0.5"), "198.51.100.4");
  // No header, or garbage in it: the peer.
  EXPECT_EQ(p.client_address("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(p.client_address("127.0.0.1", "1.2.3.4, junk"), "127.0.0.1");
}

TEST(TrustedProxies, SchemeIsBelievedFromProxiesWhenTheyAreConfigured) {
  EXPECT_EQ(TrustedProxies().scheme("203.0.113.9", "https"), "https");
  const TrustedProxies p({"127.0.0.1"});
  EXPECT_EQ(p.scheme("127.0.0.1", "https"), "https");
  EXPECT_EQ(p.scheme("203.0.113.9", "https"), "");
}

}  // namespace
}  // namespace symptomdb::web
