// The running server as one object that owns its parts: the store, the
// access log, the accounts/comments/editorial features, the App with its
// route table, and the snapshot refresher (and, with PostgreSQL, the change
// watch) that rebuild the site when another process writes. Built in that
// order and torn down in reverse by the destructor: threads are stopped and
// joined before what they use goes away, the log is flushed and closed on
// every path, an exception half-way through construction included.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/condition_warmer.hpp"
#include "store/store.hpp"
#include "web/access_log.hpp"
#include "web/accounts.hpp"
#include "web/comments.hpp"
#include "web/editorial.hpp"
#include "web/routes.hpp"
#include "web/server.hpp"
#include "web/symptoms.hpp"

namespace symptomdb::app {

struct ServerConfig {
  std::string db = "symptomdb.db";  // a file path or a postgresql:// URL
  std::string access_log = "-";     // "-" = stderr, "off", or a file path
  std::string sample_content_dir;   // imported into an empty database; empty: none
  double refresh_seconds = 2.0;     // how often the store's change counter is polled
  web::CommentPolicy comments;      // moderation settings
  web::ServerOptions http;          // address, threads, limits, trusted proxies
  std::string version;              // reported by /healthz
};

// Rebuilds the site off the request threads when the store's change counter
// moves (an import by another process; with PostgreSQL a write on any node,
// signalled by the change watch), and swaps it into the App atomically.
// A signalled write may also be a comment or a rating on another node, which
// changes pages but not the snapshot (the change counter stays for those):
// `signalled` runs for every signal, so page caches start again, and only a
// moved counter costs a rebuild.
// Stops and joins its threads when destroyed.
class SnapshotRefresher {
 public:
  using Rebuild = std::function<void()>;
  SnapshotRefresher(store::Store& store, double every_seconds, Rebuild rebuild, web::AccessLog& log,
                    std::function<void()> signalled = {});
  ~SnapshotRefresher();
  SnapshotRefresher(const SnapshotRefresher&) = delete;
  SnapshotRefresher& operator=(const SnapshotRefresher&) = delete;

 private:
  void poll();
  void watch(std::unique_ptr<store::ChangeWatch> w);

  store::Store& store_;
  double every_seconds_;
  Rebuild rebuild_;
  web::AccessLog& log_;
  std::function<void()> on_signal_;
  std::uint64_t seen_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool signalled_ = false;
  std::thread poller_;
  std::thread watcher_;
};

class ServerAssembly {
 public:
  // Opens the store and the log, imports the sample content into an empty
  // database, loads the site. Throws (StoreError, ParseError,
  // std::runtime_error) when any of that fails; what was built is released.
  explicit ServerAssembly(ServerConfig config);
  ~ServerAssembly();
  ServerAssembly(const ServerAssembly&) = delete;
  ServerAssembly& operator=(const ServerAssembly&) = delete;

  // Serves until SIGTERM/SIGINT; `on_listening` gets the bound port.
  void run(const std::function<void(std::uint16_t)>& on_listening);

  web::App& app() { return *app_; }
  store::Store& store() { return *store_; }

 private:
  // The symptom checker's data, rebuilt only when its stamp moved (HPO
  // imports are rare); the current data when loading fails.
  std::shared_ptr<const web::SymptomData> load_symptoms(
      std::shared_ptr<const web::SymptomData> current);
  void import_sample();
  // Builds a site from the store and publishes it; one rebuild at a time,
  // so an older load never replaces a newer one.
  void republish(bool reload_symptoms);

  ServerConfig config_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<web::AccessLog> log_;
  web::ContentGeneration generation_{0};
  std::unique_ptr<const web::Accounts> accounts_;
  std::unique_ptr<const web::Comments> comments_;
  std::unique_ptr<const web::Editorial> editorial_;
  std::mutex republish_mutex_;
  std::unique_ptr<web::App> app_;
  std::unique_ptr<ConditionWarmer> warmer_;       // builds each published site's profiles
  std::unique_ptr<SnapshotRefresher> refresher_;  // last: stopped first
};

}  // namespace symptomdb::app
