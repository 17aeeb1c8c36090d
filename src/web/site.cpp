#include "web/site.hpp"

#include <fmt/format.h>

#include <functional>

#include "web/article_json.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {
namespace {

// FNV-1a: a cheap, stable fingerprint; ETags need change detection, not security.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

Site::Site(std::vector<Article> articles) : snapshot_(std::move(articles)) {
  nlohmann::json list = nlohmann::json::array();
  std::uint64_t site_hash = fnv1a("symptomdb");
  for (const auto& a : snapshot_.articles()) {
    RenderedPage p;
    p.html = render_article_page(a);
    p.json = article_json(a).dump();
    p.etag = fmt::format("\"{:016x}\"", fnv1a(p.json, fnv1a(p.html)));
    site_hash = fnv1a(p.etag, site_hash);
    pages_.emplace(a.slug, std::move(p));
    list.push_back({{"slug", a.slug},
                    {"title", a.title},
                    {"condition", a.condition.name},
                    {"sample", a.sample},
                    {"url", "/articles/" + a.slug}});
  }
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& c : snapshot_.conditions()) conditions.push_back(condition_json(c));
  conditions_json_ = nlohmann::json{{"count", conditions.size()}, {"conditions", conditions}}.dump();
  articles_json_ = nlohmann::json{{"count", list.size()}, {"articles", list}}.dump();
  home_html_ = render_home_page(snapshot_);
  etag_ = fmt::format("\"{:016x}\"", site_hash);
}

const RenderedPage* Site::article(std::string_view slug) const {
  auto it = pages_.find(std::string(slug));
  return it == pages_.end() ? nullptr : &it->second;
}

}  // namespace symptomdb::web
