#include "web/compress.hpp"
#include "text/lines.hpp"

#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace symptomdb::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The q value of one coding ("gzip;q=0.5" -> 0.5); 1 when none is given.
double quality(std::string_view params) {
  for (std::size_t at = params.find(';'); at != std::string_view::npos;
       at = params.find(';', at + 1)) {
    auto p = text::trim(params.substr(at + 1, params.find(';', at + 1) - at - 1));
    if (p.size() >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      try {
        return std::stod(std::string(p.substr(2)));
      } catch (const std::exception&) {
        return 0;  // unreadable: do not assume it is welcome
      }
    }
  }
  return 1;
}

}  // namespace

bool accepts_gzip(std::string_view header) {
  const std::string h = lower(header);
  double gzip_q = -1, any_q = -1;
  std::size_t start = 0;
  while (start <= h.size()) {
    auto end = h.find(',', start);
    if (end == std::string::npos) end = h.size();
    const std::string_view item = text::trim(std::string_view(h).substr(start, end - start));
    const std::string_view coding = text::trim(item.substr(0, item.find(';')));
    if (coding == "gzip" || coding == "x-gzip")
      gzip_q = quality(item);
    else if (coding == "*")
      any_q = quality(item);
    start = end + 1;
  }
  if (gzip_q >= 0) return gzip_q > 0;
  return any_q > 0;
}

bool compressible_type(std::string_view type) {
  const std::string t = lower(type.substr(0, type.find(';')));
  return t == "text/html" || t == "application/json" || t == "text/css" || t == "text/javascript" ||
         t == "application/javascript" || t == "text/plain" || t == "image/svg+xml" ||
         t == "application/problem+json";
}

std::string gzip(std::string_view data, int level) {
  z_stream z{};
  // 15 + 16: the largest window, with a gzip header and trailer.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const auto written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  out.resize(written);
  return out;
}

std::shared_ptr<const std::string> GzipCache::get(std::string_view body,
                                                  const std::shared_ptr<const void>& owner,
                                                  int level) {
  const Key key{body.data(), body.size()};
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) {
      // The same address under a live, identical owner is the same bytes; an
      // owner that has gone may have left its address to something else.
      const bool same =
          it->second.owner_id == owner.get() && (owner == nullptr || !it->second.owner.expired());
      if (same) return it->second.gz;
      entries_.erase(it);
    }
  }
  auto gz = std::make_shared<const std::string>(gzip(body, level));
  std::lock_guard lock(mutex_);
  if (entries_.size() >= 1024) entries_.clear();
  entries_[key] = Entry{owner, owner.get(), gz};
  return gz;
}

}  // namespace symptomdb::web
