// What the server serves: a snapshot plus every page and JSON document that
// depends only on it, rendered once when the snapshot is built. Serving an
// article is then a hash lookup and a write, as fast as a static file.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/snapshot.hpp"

namespace symptomdb::web {

struct RenderedPage {
  std::string html;
  std::string json;
  std::string etag;  // strong validator over both bodies
};

class Site {
 public:
  explicit Site(std::vector<Article> articles);

  const Snapshot& snapshot() const { return snapshot_; }
  const RenderedPage* article(std::string_view slug) const;
  const std::string& home_html() const { return home_html_; }
  const std::string& conditions_json() const { return conditions_json_; }
  const std::string& articles_json() const { return articles_json_; }
  const std::string& etag() const { return etag_; }  // of the whole site (home, lists)

 private:
  Snapshot snapshot_;
  std::unordered_map<std::string, RenderedPage> pages_;
  std::string home_html_;
  std::string conditions_json_;
  std::string articles_json_;
  std::string etag_;
};

}  // namespace symptomdb::web
