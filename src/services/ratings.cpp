#include "services/ratings.hpp"

#include <numeric>

namespace symptomdb::services {

std::int64_t RatingDistribution::total() const {
  return std::accumulate(by_stars.begin(), by_stars.end(), std::int64_t{0});
}

std::optional<AuthorProfile> RatingService::author(std::string_view slug) const {
  return store_.author(slug);
}

std::optional<Refusal<RatingError>> RatingService::may_rate(const AuthorProfile& author,
                                                            const User& reader) const {
  if (reader.author_id && *reader.author_id == author.id)
    return Refusal<RatingError>{RatingError::self_rating, "You cannot rate yourself."};
  return std::nullopt;
}

std::optional<int> RatingService::rating_by(const AuthorProfile& author, const User& reader) const {
  return store_.rating_by(author.id, reader.id);
}

RatingDistribution RatingService::distribution(const AuthorProfile& author) const {
  RatingDistribution d;
  d.by_stars = store_.rating_counts(author.id);
  return d;
}

RatingOutcome<RatingResult> RatingService::rate(std::string_view author_slug, const User& reader,
                                                std::int64_t stars) const {
  const auto profile = store_.author(author_slug);
  if (!profile)
    return Refusal<RatingError>{RatingError::author_not_found, "No author has this address."};
  if (auto refused = may_rate(*profile, reader)) return *refused;
  if (stars < 1 || stars > 5)
    return Refusal<RatingError>{RatingError::bad_stars, "A rating is 1 to 5 stars."};
  store_.rate_author(profile->id, reader.id, static_cast<int>(stars));
  if (changed_) changed_();
  return RatingResult{store_.author(author_slug).value_or(*profile), static_cast<int>(stars)};
}

}  // namespace symptomdb::services
