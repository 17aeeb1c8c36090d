// What a service operation gives back: the value it made, or a Refusal
// naming the rule that stopped it. Refusals are expected outcomes of user
// input (a comment too long, a rating of oneself), not failures of the
// program, so they are returned rather than thrown; exceptions stay for what
// the caller cannot act on (the store failing). The HTTP adapters map each
// error value to a status and an error code in one table per service.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace symptomdb::services {

template <class Error>
struct Refusal {
  Error error;
  std::string message;           // for the reader, in the site's words
  std::int64_t retry_after = 0;  // seconds, when waiting would help (rate limits)
};

template <class T, class Error>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}                   // NOLINT: implicit by design
  Outcome(Refusal<Error> refusal) : v_(std::move(refusal)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Refusal<Error>& refusal() const { return std::get<1>(v_); }

 private:
  std::variant<T, Refusal<Error>> v_;
};

// The value of an operation that makes nothing but a change.
struct Done {};

}  // namespace symptomdb::services
