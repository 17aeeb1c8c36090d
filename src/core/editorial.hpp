// The editorial workflow's vocabulary: an article being worked on (a draft),
// its revisions and the review decisions on it. Authors write, editors
// review and publish; every save is a revision kept for the history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace symptomdb {

// draft -> in_review (the author submits) -> published (an editor approves),
// or in_review -> draft (an editor returns it with a note). Editing a
// published article puts it back in draft; the live copy stays until the
// next approval.
enum class DraftState { draft, in_review, published };

std::string_view to_string(DraftState state);
std::optional<DraftState> draft_state_from_string(std::string_view s);
// "Draft", "In review", "Published": for pages.
std::string_view state_label(DraftState state);

struct Draft {
  std::string slug;
  std::string title;  // of the latest revision
  DraftState state = DraftState::draft;
  std::int64_t owner_id = 0;
  std::string owner_name;                       // the owner's display name
  std::optional<std::int64_t> owner_author_id;  // the owner's author profile, if linked
  std::string created_at, updated_at;           // ISO 8601 UTC
  std::int64_t latest = 0;                      // ordinal of the latest revision
  std::string last_note;                        // the last review decision's note, if any
};

struct Revision {
  std::int64_t id = 0;
  std::string slug;
  std::int64_t ordinal = 0;  // 1, 2, ... per article
  std::string markdown;      // the native format: what the editor edits
  std::int64_t author_id = 0;
  std::string author_name;
  std::string created_at;  // ISO 8601 UTC
  std::string note;
  DraftState state = DraftState::draft;  // the draft's state when it was saved
};

enum class ReviewAction { submitted, approved, returned };
std::string_view to_string(ReviewAction action);

struct ReviewEvent {
  std::int64_t id = 0;
  std::string slug;
  std::int64_t ordinal = 0;  // the revision it was about
  ReviewAction action = ReviewAction::submitted;
  std::int64_t user_id = 0;
  std::string user_name;
  std::string note;
  std::string created_at;
};

}  // namespace symptomdb
