// Readers rating authors: one rating of 1 to 5 stars per reader and author
// (rating again replaces the earlier one), never of oneself (an account
// that writes as an author profile cannot rate that profile).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "core/account.hpp"
#include "services/outcome.hpp"
#include "store/store.hpp"

namespace symptomdb::services {

enum class RatingError {
  author_not_found,
  self_rating,
  bad_stars,  // not a whole number from 1 to 5
};

template <class T>
using RatingOutcome = Outcome<T, RatingError>;

// How many readers gave 1, 2, ... 5 stars ([0] is one star).
struct RatingDistribution {
  std::array<std::int64_t, 5> by_stars{};
  std::int64_t total() const;
};

struct RatingResult {
  AuthorProfile author;  // with the rating summary after the change
  int stars = 0;         // the reader's rating, as stored
};

class RatingService {
 public:
  // `changed` is called after every rating (to drop cached pages).
  explicit RatingService(store::Store& store, std::function<void()> changed = {})
      : store_(store), changed_(std::move(changed)) {}

  std::optional<AuthorProfile> author(std::string_view slug) const;
  // Empty when `reader` may rate `author`, else why not.
  std::optional<Refusal<RatingError>> may_rate(const AuthorProfile& author,
                                               const User& reader) const;
  // The reader's current rating of the author, if any.
  std::optional<int> rating_by(const AuthorProfile& author, const User& reader) const;
  RatingDistribution distribution(const AuthorProfile& author) const;

  // Rates the author `stars` (wide, so that no out-of-range number is
  // narrowed into range before it is checked).
  RatingOutcome<RatingResult> rate(std::string_view author_slug, const User& reader,
                                   std::int64_t stars) const;

 private:
  store::Store& store_;
  std::function<void()> changed_;
};

}  // namespace symptomdb::services
