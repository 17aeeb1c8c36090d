// Route-table entries for the feature modules whose handlers still sort out
// their own addresses and methods (accounts, comments, editorial, the
// checker), and the fragment renderers of their per-reader page parts.
//
// Transitional: each feature replaces its function here by precise entries
// (RouteTable::get/post with Needs) registered from its own module, and then
// deletes its function from this file. See /work/web-core-api.md.
#pragma once

#include "web/pipeline.hpp"

namespace symptomdb::web {

class Accounts;
class Comments;

void add_account_routes(RouteTable& table, const Accounts& accounts);
void add_comment_routes(RouteTable& table, const Comments& comments);
void add_check_routes(RouteTable& table);

}  // namespace symptomdb::web
