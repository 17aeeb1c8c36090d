// Comments under articles: one level of replies, editing for a while,
// deleting one's own, reports, and a moderation queue for editors. Only
// plain text is accepted; it is escaped, with paragraphs and links made
// clickable (rel="nofollow ugc noopener"), and nothing else.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "core/account.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

struct CommentPolicy {
  std::int64_t hold_accounts_younger_than = 24 * 3600;  // seconds; 0 holds none
  std::size_t max_length = 2000;                        // characters (bytes of UTF-8)
  std::size_t per_window = 5;                           // comments per account...
  std::int64_t window = 10 * 60;                        // ...per this many seconds
  std::int64_t report_threshold = 3;                    // reports that hide a comment
  std::int64_t edit_window = 15 * 60;                   // seconds an author may edit
  std::size_t page_size = 20;
};

// Plain text -> safe HTML: escaped, paragraphs, auto-linked http(s) URLs.
std::string comment_html(std::string_view text);

class Comments {
 public:
  Comments(store::Store& store, CommentPolicy policy, std::atomic<std::uint64_t>& generation)
      : store_(store), policy_(policy), generation_(generation) {}

  std::optional<Response> handle(const App& app, const Request& req, const Site& site,
                                 const std::optional<Session>& session) const;
  // The comments section of an article page for this reader.
  std::string block(const std::optional<Session>& session, const Request& req,
                    std::string_view slug) const;

 private:
  std::string render_one(const Comment& c, const std::optional<Session>& s, std::string_view slug,
                         std::int64_t now, bool reply) const;
  store::Store& store_;
  CommentPolicy policy_;
  std::atomic<std::uint64_t>& generation_;  // bumped by every write
};

}  // namespace symptomdb::web
