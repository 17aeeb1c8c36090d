#include "app/condition_warmer.hpp"

#include <chrono>
#include <utility>

namespace symptomdb::app {

ConditionWarmer::ConditionWarmer(Built built) : built_(std::move(built)) {
  thread_ = std::thread([this] { run(); });
}

ConditionWarmer::~ConditionWarmer() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
    next_.reset();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ConditionWarmer::warm(std::shared_ptr<const web::Site> site) {
  {
    std::lock_guard lock(mutex_);
    next_ = std::move(site);
  }
  wake_.notify_all();
}

void ConditionWarmer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return done_ || next_; });
    if (done_) return;
    auto site = std::move(next_);
    next_.reset();
    lock.unlock();
    const auto started = std::chrono::steady_clock::now();
    try {
      site->conditions();  // a check that came first builds it; this waits for that
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
              .count();
      if (built_) built_(*site, ms, {});
    } catch (const std::exception& e) {
      // The next check tries again (std::call_once); the server keeps going.
      if (built_) built_(*site, 0, e.what());
    }
    // The site (and an older one it replaced) may be freed here, off the
    // request threads.
    site.reset();
    lock.lock();
  }
}

}  // namespace symptomdb::app
