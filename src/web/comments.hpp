// The HTTP side of comments: article comment lists and forms, comment
// actions and the moderation page, adapted to services::CommentService
// (which holds every rule) and rendered from templates (community_views).
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "core/account.hpp"
#include "services/comments.hpp"
#include "store/store.hpp"
#include "web/routes.hpp"

namespace symptomdb::web {

using CommentPolicy = services::CommentPolicy;

class Comments {
 public:
  Comments(store::Store& store, CommentPolicy policy, std::atomic<std::uint64_t>& generation);

  std::optional<Response> handle(const App& app, const Request& req, const Site& site,
                                 const std::optional<Session>& session) const;
  // The comments section of an article page for this reader.
  std::string block(const std::optional<Session>& session, const Request& req,
                    std::string_view slug) const;

 private:
  services::CommentService service_;
};

}  // namespace symptomdb::web
