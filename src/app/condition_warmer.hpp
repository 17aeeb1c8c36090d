// Builds a published site's condition profiles (the description checker's
// model: seconds of CPU over all of MedQuAD) on a thread of its own, so that
// neither the first person to check symptoms after start nor the first after
// each content change pays for them on a request.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "web/site.hpp"

namespace symptomdb::app {

class ConditionWarmer {
 public:
  // `built` is called on the warmer's thread after each site's profiles are
  // built, with that site and the build's wall time in milliseconds, or with
  // the error's message when the build failed.
  using Built = std::function<void(const web::Site&, double ms, std::string_view error)>;
  explicit ConditionWarmer(Built built);
  // Waits for a build in progress (it cannot be interrupted), skips the rest.
  ~ConditionWarmer();
  ConditionWarmer(const ConditionWarmer&) = delete;
  ConditionWarmer& operator=(const ConditionWarmer&) = delete;

  // Builds this site's profiles soon. A site still waiting when a newer one
  // is given is skipped: nobody will check against it (App::checker_site).
  void warm(std::shared_ptr<const web::Site> site);

 private:
  void run();

  Built built_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const web::Site> next_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace symptomdb::app
