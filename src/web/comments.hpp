// The HTTP side of comments: an article's comments (page section, JSON
// list, posting), comment actions and the moderation page, as route-table
// entries that declare what they need (body, session, CSRF, role: the
// request pipeline does it) and call services::CommentService, which holds
// every rule. HTML comes from templates (community_views).
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "core/account.hpp"
#include "services/comments.hpp"
#include "store/store.hpp"
#include "web/pipeline.hpp"

namespace symptomdb::web {

using CommentPolicy = services::CommentPolicy;

class Comments {
 public:
  Comments(store::Store& store, CommentPolicy policy, std::atomic<std::uint64_t>& generation);

  // The comment routes and the "comments" fragment of article pages.
  void add_routes(RouteTable& table) const;
  // The comments section of an article page for this reader.
  std::string block(const std::optional<Session>& session, const Target& target,
                    std::string_view slug) const;

 private:
  enum class Action { edit, remove, report, hide, unhide, approve, reject };
  Response list(Exchange& x) const;
  Response post(Exchange& x) const;
  Response act(Exchange& x, Action action, std::string_view name) const;
  Response moderation(Exchange& x) const;

  services::CommentService service_;
};

}  // namespace symptomdb::web
