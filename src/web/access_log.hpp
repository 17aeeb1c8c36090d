// Structured access log: one JSON object per line, written through a buffer
// and flushed at least once a second, so logging costs little under load.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace symptomdb::web {

struct AccessRecord {
  std::string_view request_id;
  std::string_view remote;
  std::string_view method;
  std::string_view target;
  int status = 0;
  std::size_t bytes = 0;
  double duration_ms = 0;
  std::string_view user_agent;
};

class AccessLog {
 public:
  // Writes to `out` (not owned); nullptr disables logging.
  explicit AccessLog(std::FILE* out);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(const AccessRecord& r);
  // Free-form server events ("listening", "snapshot rebuilt") in the same format.
  void event(std::string_view name, std::string_view detail);
  void flush();

 private:
  void emit(std::string_view line);
  std::FILE* out_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_flush_;
};

}  // namespace symptomdb::web
