#include "core/editorial.hpp"

namespace symptomdb {

std::string_view to_string(DraftState state) {
  switch (state) {
    case DraftState::draft:
      return "draft";
    case DraftState::in_review:
      return "in_review";
    case DraftState::published:
      return "published";
  }
  return "draft";
}

std::optional<DraftState> draft_state_from_string(std::string_view s) {
  for (auto d : {DraftState::draft, DraftState::in_review, DraftState::published})
    if (to_string(d) == s) return d;
  return std::nullopt;
}

std::string_view state_label(DraftState state) {
  switch (state) {
    case DraftState::draft:
      return "Draft";
    case DraftState::in_review:
      return "In review";
    case DraftState::published:
      return "Published";
  }
  return "Draft";
}

std::string_view to_string(ReviewAction action) {
  switch (action) {
    case ReviewAction::submitted:
      return "submitted";
    case ReviewAction::approved:
      return "approved";
    case ReviewAction::returned:
      return "returned";
  }
  return "submitted";
}

}  // namespace symptomdb
