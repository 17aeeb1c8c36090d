// The time the services reason in: whole seconds since the Unix epoch, from
// a clock that tests replace (edit windows, rate limits, throttling).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace symptomdb::services {

using Clock = std::function<std::int64_t()>;

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace symptomdb::services
