// HTTP response compression: gzip (RFC 1952, through zlib) for the text
// types the site serves, when the client's Accept-Encoding allows it.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace symptomdb::web {

// True when an Accept-Encoding header value accepts gzip: "gzip" or "*"
// listed without q=0 (a "gzip;q=0" refusal wins over "*").
bool accepts_gzip(std::string_view accept_encoding);

// Worth compressing: HTML, JSON, CSS, JavaScript, plain text and SVG.
bool compressible_type(std::string_view content_type);

// `data` as a gzip member; throws std::runtime_error if zlib fails.
std::string gzip(std::string_view data, int level = 6);

// The gzip form of bodies that are shared between requests (a rendered
// article, the home page, the stylesheet), made once and reused while what
// holds the body lives: compressing a 12 KB page on every request would cost
// more than serving it. Thread-safe; bounded (cleared when full).
class GzipCache {
 public:
  // `owner` keeps `body` alive and unchanged (null: the body lives as long as
  // the process, like the embedded static files).
  std::shared_ptr<const std::string> get(std::string_view body,
                                         const std::shared_ptr<const void>& owner, int level);

 private:
  struct Key {
    const char* data;
    std::size_t size;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<const void*>()(k.data) ^ (k.size * 0x9e3779b97f4a7c15ULL);
    }
  };
  struct Entry {
    std::weak_ptr<const void> owner;
    const void* owner_id = nullptr;
    std::shared_ptr<const std::string> gz;
  };
  std::mutex mutex_;
  std::unordered_map<Key, Entry, KeyHash> entries_;
};

}  // namespace symptomdb::web
