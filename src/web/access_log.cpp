#include "web/access_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace symptomdb::web {
namespace {

// "2026-12-01T07:16:57.254Z". The date-time part is formatted once a
// second per thread; only the milliseconds change in between.
std::string timestamp() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  const std::time_t second = std::chrono::system_clock::to_time_t(now);
  if (second != cached_second) {
    cached = fmt::format("{:%FT%T}", fmt::gmtime(second));
    cached_second = second;
  }
  return fmt::format("{}.{:03d}Z", cached, static_cast<int>(ms.count()));
}

}  // namespace

AccessLog::AccessLog(std::FILE* out, std::string path)
    : out_(out),
      path_(out ? std::move(path) : std::string()),
      last_flush_(std::chrono::steady_clock::now()) {}

AccessLog::~AccessLog() {
  flush();
  if (!path_.empty() && out_) std::fclose(out_);
}

bool AccessLog::reopen() {
  if (path_.empty()) return false;
  std::FILE* fresh = std::fopen(path_.c_str(), "a");
  if (!fresh) return false;
  std::lock_guard lock(mutex_);
  std::fclose(out_);  // flushes what was buffered into the old (renamed) file
  out_ = fresh;
  last_flush_ = std::chrono::steady_clock::now();
  return true;
}

namespace {

// JSON string escaping for the few fields that come from the network. The
// access log is on the hot path, so it is written with fmt into a reused
// buffer rather than through a JSON object (a quarter of a request's cost).
void append_json_string(fmt::memory_buffer& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out.append(std::string_view("\\\""));
        break;
      case '\\':
        out.append(std::string_view("\\\\"));
        break;
      case '\n':
        out.append(std::string_view("\\n"));
        break;
      case '\r':
        out.append(std::string_view("\\r"));
        break;
      case '\t':
        out.append(std::string_view("\\t"));
        break;
      default:
        if (c < 0x20 || c == 0x7f || c >= 0x80) {
          // Control bytes, and every non-ASCII byte (which may not be valid
          // UTF-8 in a request line): written as \u00XX so the line stays JSON.
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

}  // namespace

void AccessLog::write(const AccessRecord& r) {
  if (!out_) return;
  thread_local fmt::memory_buffer line;
  line.clear();
  line.append(std::string_view("{\"ts\":\""));
  line.append(timestamp());
  line.append(std::string_view("\",\"type\":\"access\",\"id\":"));
  append_json_string(line, r.request_id);
  line.append(std::string_view(",\"remote\":"));
  append_json_string(line, r.remote);
  line.append(std::string_view(",\"method\":"));
  append_json_string(line, r.method);
  line.append(std::string_view(",\"target\":"));
  append_json_string(line, r.target);
  fmt::format_to(std::back_inserter(line),
                 ",\"status\":{},\"bytes\":{},\"ms\":{:.3f},\"ua\":", r.status, r.bytes,
                 r.duration_ms);
  append_json_string(line, r.user_agent);
  line.push_back('}');
  emit(std::string_view(line.data(), line.size()));
}

void AccessLog::event(std::string_view name, std::string_view detail) {
  if (!out_) return;
  nlohmann::json j = {{"ts", timestamp()}, {"type", "event"}, {"event", name}, {"detail", detail}};
  emit(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  flush();
}

void AccessLog::emit(std::string_view line) {
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fputc('\n', out_);
  const auto now = std::chrono::steady_clock::now();
  if (now - last_flush_ > std::chrono::seconds(1)) {
    std::fflush(out_);
    last_flush_ = now;
  }
}

void AccessLog::flush() {
  if (!out_) return;
  std::lock_guard lock(mutex_);
  std::fflush(out_);
  last_flush_ = std::chrono::steady_clock::now();
}

}  // namespace symptomdb::web
