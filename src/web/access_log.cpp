#include "web/access_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace symptomdb::web {
namespace {

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  return fmt::format("{:%FT%T}.{:03d}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                     static_cast<int>(ms.count()));
}

}  // namespace

AccessLog::AccessLog(std::FILE* out) : out_(out), last_flush_(std::chrono::steady_clock::now()) {}

AccessLog::~AccessLog() { flush(); }

void AccessLog::write(const AccessRecord& r) {
  if (!out_) return;
  nlohmann::json j = {{"ts", timestamp()},       {"type", "access"},   {"id", r.request_id},
                      {"remote", r.remote},      {"method", r.method}, {"target", r.target},
                      {"status", r.status},      {"bytes", r.bytes},
                      {"ms", static_cast<double>(static_cast<long>(r.duration_ms * 1000)) / 1000},
                      {"ua", r.user_agent}};
  // Request targets come from the network: never let invalid UTF-8 throw here.
  emit(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void AccessLog::event(std::string_view name, std::string_view detail) {
  if (!out_) return;
  nlohmann::json j = {{"ts", timestamp()}, {"type", "event"}, {"event", name}, {"detail", detail}};
  emit(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  flush();
}

void AccessLog::emit(const std::string& line) {
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
