// LISTEN/NOTIFY: every write transaction notifies kChangeChannel when it
// commits (PostgresStore::bump); a server's watch wakes its snapshot
// refresher, so a write on one node reaches the others within moments
// rather than at their next poll.
#include <libpq-fe.h>
#include <poll.h>

#include <thread>

#include "store/postgresql/postgresql_store.hpp"

namespace symptomdb::store {
namespace {

class PostgresChangeWatch final : public ChangeWatch {
 public:
  explicit PostgresChangeWatch(std::string url) : url_(std::move(url)) {}

  bool wait(std::chrono::milliseconds timeout) override {
    if (!conn_ || !conn_->ok()) {
      conn_.reset();
      try {
        conn_ = std::make_unique<pg::Connection>(url_);
        conn_->exec(std::string("LISTEN ") + kChangeChannel);
      } catch (const StoreError&) {
        // Still down: try again at the next call, after a pause.
        conn_.reset();
        std::this_thread::sleep_for(timeout);
        return false;
      }
      // Connected again (or for the first time): whatever was signalled
      // while there was no connection is unknown, so report a change.
      return true;
    }
    if (drain()) return true;
    pollfd fd{PQsocket(conn_->handle()), POLLIN, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
    if (ready <= 0) return false;
    if (PQconsumeInput(conn_->handle()) == 0) {
      conn_.reset();  // lost; reconnects (and reports a change) next time
      return false;
    }
    return drain();
  }

 private:
  // Takes every notification already received; true when there was one.
  bool drain() {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_->handle())) {
      any = true;
      PQfreemem(n);
    }
    return any;
  }

  std::string url_;
  std::unique_ptr<pg::Connection> conn_;
};

}  // namespace

std::unique_ptr<ChangeWatch> PostgresStore::watch_changes() {
  return std::make_unique<PostgresChangeWatch>(pool_.url());
}

}  // namespace symptomdb::store
