#include "app/server_assembly.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "ingest/collect.hpp"

namespace symptomdb::app {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The access log "-" (stderr), "off" (none) or a file of ours, appended to
// and owned by the log (which reopens it on SIGHUP).
std::unique_ptr<web::AccessLog> open_access_log(const std::string& where) {
  if (where == "off") return std::make_unique<web::AccessLog>(nullptr);
  if (where == "-") {
    // Fully buffered: the log flushes itself at least once a second. The
    // buffer must outlive every write to stderr, hence static.
    static char buffer[1 << 16];
    std::setvbuf(stderr, buffer, _IOFBF, sizeof buffer);
    return std::make_unique<web::AccessLog>(stderr);
  }
  std::FILE* f = std::fopen(where.c_str(), "a");
  if (!f) throw std::runtime_error("cannot open access log '" + where + "'");
  return std::make_unique<web::AccessLog>(f, where);  // owns f from here on
}

}  // namespace

SnapshotRefresher::SnapshotRefresher(store::Store& store, double every_seconds, Rebuild rebuild,
                                     web::AccessLog& log, std::function<void()> signalled)
    : store_(store),
      every_seconds_(every_seconds),
      rebuild_(std::move(rebuild)),
      log_(log),
      on_signal_(std::move(signalled)),
      seen_(store.change_counter()) {
  poller_ = std::thread([this] { poll(); });
  if (auto w = store_.watch_changes())
    watcher_ = std::thread([this, w = std::move(w)]() mutable { watch(std::move(w)); });
}

SnapshotRefresher::~SnapshotRefresher() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  wake_.notify_all();
  if (poller_.joinable()) poller_.join();
  if (watcher_.joinable()) watcher_.join();
}

void SnapshotRefresher::poll() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::duration<double>(every_seconds_),
                   [&] { return done_ || signalled_; });
    if (done_) break;
    const bool told = std::exchange(signalled_, false);
    lock.unlock();
    if (told && on_signal_) on_signal_();
    try {
      if (const auto now = store_.change_counter(); now != seen_) {
        seen_ = now;
        rebuild_();
      }
    } catch (const std::exception& e) {
      log_.event("snapshot-error", e.what());  // keep serving the old snapshot
    }
    log_.flush();
    lock.lock();
  }
}

void SnapshotRefresher::watch(std::unique_ptr<store::ChangeWatch> w) {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (done_) return;
    }
    if (w->wait(std::chrono::milliseconds(250))) {
      std::lock_guard lock(mutex_);
      signalled_ = true;
      wake_.notify_all();
    }
  }
}

ServerAssembly::ServerAssembly(ServerConfig config)
    : config_(std::move(config)),
      store_(store::open_store(config_.db)),
      log_(open_access_log(config_.access_log)) {
  import_sample();
  accounts_ = std::make_unique<const web::Accounts>(*store_, generation_);
  comments_ = std::make_unique<const web::Comments>(*store_, config_.comments, generation_);
  // An approval on this server is a write on this connection, which the
  // change counter does not see: the editorial routes rebuild the site
  // themselves. The App exists before any request can call this.
  editorial_ = std::make_unique<const web::Editorial>(*store_, [this] { republish(false); });
  app_ = std::make_unique<web::App>(
      std::make_shared<const web::Site>(store_->load_articles(), load_symptoms(nullptr)),
      web::HealthInfo{config_.version, store_->schema_version()}, accounts_.get(), comments_.get(),
      editorial_.get());
  warmer_ = std::make_unique<ConditionWarmer>(
      [this](const web::Site& site, double ms, std::string_view error) {
        if (!error.empty()) {
          log_->event("condition-model-error", std::string(error));
          return;
        }
        log_->event("condition-model", fmt::format("{} condition profiles built in {:.0f} ms",
                                                   site.conditions().size(), ms));
        app_->release_checker_fallback();
      });
  warmer_->warm(app_->site());
  refresher_ = std::make_unique<SnapshotRefresher>(
      *store_, config_.refresh_seconds,
      [this] {
        const auto started = Clock::now();
        republish(true);
        log_->event("snapshot",
                    fmt::format("rebuilt with {} articles in {:.1f} ms",
                                app_->site()->snapshot().articles().size(), ms_since(started)));
      },
      *log_, [this] { generation_.fetch_add(1, std::memory_order_acq_rel); });
}

ServerAssembly::~ServerAssembly() {
  refresher_.reset();  // no rebuild may run while the rest goes away
  if (log_) log_->flush();
}

void ServerAssembly::run(const std::function<void(std::uint16_t)>& on_listening) {
  web::run_server(*app_, *log_, config_.http, on_listening);
}

void ServerAssembly::import_sample() {
  const std::string& dir = config_.sample_content_dir;
  if (dir.empty() || store_->count_articles() != 0) return;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    log_->event("sample-content", "no content folder at " + dir + "; starting empty");
    return;
  }
  const auto files = ingest::collect_files({dir}, ".md");
  const auto articles = ingest::parse_files(files, ingest::Format::markdown);
  store_->put_articles(articles);
  log_->event("sample-content", fmt::format("imported {} articles from {} into an empty database",
                                            articles.size(), dir));
}

std::shared_ptr<const web::SymptomData> ServerAssembly::load_symptoms(
    std::shared_ptr<const web::SymptomData> current) {
  if (current && current->stamp == store_->phenotype_stamp()) return current;
  const auto started = Clock::now();
  std::shared_ptr<const web::SymptomData> data;
  try {
    data = web::load_symptom_data(*store_);
  } catch (const std::exception& e) {
    // Articles are still worth serving; the checker says it is unavailable.
    log_->event("symptom-checker-error", e.what());
    return current;
  }
  if (data)
    log_->event("symptom-checker",
                fmt::format("HPO {} with annotations {}: {} diseases, built in {:.0f} ms",
                            data->hpo_version, data->annotations_version,
                            data->checker->disease_count(), ms_since(started)));
  return data;
}

void ServerAssembly::republish(bool reload_symptoms) {
  auto symptoms = app_->site()->symptoms();
  if (reload_symptoms) symptoms = load_symptoms(symptoms);
  // Under the lock: a load that began before an approval committed must not
  // be published after that approval's own.
  std::lock_guard lock(republish_mutex_);
  auto site = std::make_shared<const web::Site>(store_->load_articles(), symptoms);
  app_->publish(site);
  warmer_->warm(std::move(site));
}

}  // namespace symptomdb::app
