// Accounts on the web: sign-in, registration, sign-out, password change,
// author profiles and "Rate author", as route-table entries that declare
// what they need (the request pipeline reads bodies, finds the session and
// checks CSRF tokens, for signed-out forms against a double-submit cookie)
// and call services::AccountService and services::RatingService, which
// hold the rules. Sessions live in the store under a hash of their id.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "core/account.hpp"
#include "services/accounts.hpp"
#include "services/ratings.hpp"
#include "store/store.hpp"
#include "web/pipeline.hpp"

namespace symptomdb::web {

// Counts writes that change what every reader sees (ratings, comments), so
// pages rendered for signed-out readers can be kept until the next one.
using ContentGeneration = std::atomic<std::uint64_t>;

class Accounts {
 public:
  Accounts(store::Store& store, ContentGeneration& generation);
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // The signed-in user's session, from the request's cookie.
  std::optional<Session> session_of(const Request& req) const;
  // The account and author routes, and the fragments of every page that
  // differ by reader: the header's account links ("account"), the "Rate
  // author" block ("rating") and the byline's rating ("byline-rating").
  void add_routes(RouteTable& table) const;

 private:
  Response login_page(Exchange& x) const;
  Response login(Exchange& x) const;
  Response register_page(Exchange& x) const;
  Response register_reader(Exchange& x) const;
  Response logout(Exchange& x) const;
  Response account_page(Exchange& x) const;
  Response change_password(Exchange& x) const;
  Response author(Exchange& x) const;
  Response rate(Exchange& x) const;
  // A fresh session for `user` (replacing the request's), as a cookie on `r`.
  void start_session(const Exchange& x, const User& user, Response& r) const;

  store::Store& store_;
  ContentGeneration& generation_;
  services::AccountService accounts_;
  services::RatingService ratings_;
};

}  // namespace symptomdb::web
