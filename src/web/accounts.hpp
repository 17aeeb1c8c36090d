// Accounts on the web: sign-in, registration, sign-out, password change,
// author profiles and ratings, with sessions in the store, CSRF tokens on
// every state-changing request and sign-in throttling. The routes here are
// tried before the read-only ones in routes.cpp.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "core/account.hpp"
#include "services/ratings.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

// Counts writes that change what every reader sees (ratings, comments), so
// pages rendered for signed-out readers can be kept until the next one.
using ContentGeneration = std::atomic<std::uint64_t>;

class Accounts {
 public:
  Accounts(store::Store& store, ContentGeneration& generation)
      : store_(store), generation_(generation), ratings_(store, [&generation] { ++generation; }) {}
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // The signed-in user's session, from the request's cookie.
  std::optional<Session> session_of(const Request& req) const;
  // Handles the account routes; nullopt when the path is not one of them.
  std::optional<Response> handle(const App& app, const Request& req, const Site& site) const;
  // Per-request parts of cached pages: the header's account links and the
  // "Rate author" block.
  std::string account_nav(const std::optional<Session>& s) const;
  // " · rated 4.5 of 5 (2 ratings)" for the byline; empty without ratings.
  std::string byline_rating(std::string_view author_slug) const;
  std::string rating_block(const std::optional<Session>& s, std::string_view author_slug,
                           std::string_view back_to) const;

 private:
  store::Store& store_;
  ContentGeneration& generation_;
  services::RatingService ratings_;
};

}  // namespace symptomdb::web
