// What the server serves: a snapshot plus the pages and JSON documents that
// depend only on it. Each is rendered the first time it is asked for and
// kept for the life of the snapshot, so serving an article is then a lookup
// and a write, as fast as a static file, while start-up stays quick even
// with tens of thousands of articles.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "checker/conditions.hpp"
#include "checker/warning_signs.hpp"
#include "engine/snapshot.hpp"
#include "infobutton/resolver.hpp"
#include "qa/engine.hpp"
#include "web/pages.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::web {

struct RenderedPage {
  std::string html;
  std::string json;
  std::string etag;  // strong validator over both bodies
};

class Site {
 public:
  // `symptoms` is the symptom checker's data, or null when no HPO data has
  // been imported; it outlives many sites (articles change more often).
  explicit Site(std::vector<Article> articles,
                std::shared_ptr<const SymptomData> symptoms = nullptr);

  const Snapshot& snapshot() const { return *snapshot_; }
  const qa::Engine& engine() const { return *engine_; }
  const std::shared_ptr<const SymptomData>& symptoms() const { return symptoms_; }
  const CheckerLinks& links() const { return links_; }
  // Condition profiles of this snapshot's articles (the description
  // checker), built on first use: over all of MedQuAD they take seconds of
  // CPU, which neither start-up nor each rebuild after a write should pay
  // on the thread that publishes. The server builds them on a thread of
  // their own as soon as a site is published (app::ConditionWarmer); a
  // caller that comes first waits for that build rather than starting one.
  const checker::ConditionModel& conditions() const;
  // The warning signs the articles state (triage), built with conditions().
  const checker::WarningSigns& warning_signs() const;
  // Whether conditions() is built (so returns at once).
  bool conditions_ready() const { return conditions_ready_.load(std::memory_order_acquire); }
  // Null when there is no such article. Thread-safe; renders on first use.
  std::shared_ptr<const RenderedPage> article(std::string_view slug) const;
  const std::string& home_html() const { return home_html_; }
  const std::string& conditions_json() const { return conditions_json_; }
  const std::string& articles_json() const { return articles_json_; }
  const std::string& etag() const { return etag_; }  // of the whole site (home, lists)
  // Code lookups for /infobutton, built on first use (most sites never get
  // an Infobutton request, and the HPO cross-reference index is not free).
  const infobutton::Resolver& infobutton() const;

 private:
  std::vector<CheckerEntry> checker_entries(std::size_t article) const;

  std::shared_ptr<const Snapshot> snapshot_;
  std::unique_ptr<qa::Engine> engine_;
  std::shared_ptr<const SymptomData> symptoms_;
  CheckerLinks links_;
  mutable std::once_flag conditions_once_;
  mutable std::unique_ptr<const checker::ConditionModel> conditions_;
  mutable std::unique_ptr<const checker::WarningSigns> warning_signs_;
  mutable std::atomic<bool> conditions_ready_{false};
  // One slot per article (snapshot order), filled on first request. Two
  // threads may render the same page at once; both results are identical.
  mutable std::vector<std::atomic<std::shared_ptr<const RenderedPage>>> pages_;
  std::string home_html_;
  std::string conditions_json_;
  std::string articles_json_;
  std::string etag_;
  mutable std::once_flag infobutton_once_;
  mutable std::unique_ptr<const infobutton::Resolver> infobutton_;
};

}  // namespace symptomdb::web
