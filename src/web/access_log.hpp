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
  // Writes to `out`; nullptr disables logging. With a `path` (the file `out`
  // was opened from), the log owns `out` and reopen() can start a new file
  // at that path; without one, `out` is not owned.
  explicit AccessLog(std::FILE* out, std::string path = "");
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(const AccessRecord& r);
  // Free-form server events ("listening", "snapshot rebuilt") in the same format.
  void event(std::string_view name, std::string_view detail);
  void flush();
  // Closes the file and opens `path` again (appending), for logrotate: after
  // it renames the file, SIGHUP makes the server write to a new one. Keeps
  // the old file and returns false when the path cannot be opened (or the
  // log has no path).
  bool reopen();

 private:
  void emit(std::string_view line);
  std::FILE* out_;
  std::string path_;  // non-empty: out_ is ours, opened from this path
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_flush_;
};

}  // namespace symptomdb::web
