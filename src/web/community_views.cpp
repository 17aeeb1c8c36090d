#include "web/community_views.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <ctime>

#include "web/http_util.hpp"
#include "web/pages.hpp"

namespace symptomdb::web {
namespace {

using nlohmann::json;

std::string when(std::int64_t t) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(static_cast<std::time_t>(t)));
}

// The badge shown beside a name: roles come from the account, never from
// what someone typed as their name.
std::string_view role_badge(Role role) {
  switch (role) {
    case Role::author:
      return "Author";
    case Role::editor:
      return "Editor";
    case Role::admin:
      return "Admin";
    case Role::reader:
      break;
  }
  return "";
}

// One line of a comment as parts: text, and http(s) URLs as links.
json line_parts(std::string_view line) {
  json parts = json::array();
  std::string text;
  auto flush = [&] {
    if (!text.empty()) parts.push_back({{"text", std::move(text)}});
    text.clear();
  };
  std::size_t i = 0;
  while (i < line.size()) {
    if (line.compare(i, 7, "http://") == 0 || line.compare(i, 8, "https://") == 0) {
      std::size_t end = i;
      while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end])) &&
             line[end] != '<' && line[end] != '>' && line[end] != '"')
        ++end;
      // A sentence's full stop or a closing bracket is not part of the link.
      while (end > i && std::string_view(".,;:!?)]'").find(line[end - 1]) != std::string_view::npos)
        --end;
      flush();
      parts.push_back({{"link", std::string(line.substr(i, end - i))}});
      i = end;
      continue;
    }
    text.push_back(line[i]);
    ++i;
  }
  flush();
  return parts;
}

std::string average_text(double average) {
  return fmt::format("{:.1f}", average);
}

}  // namespace

json comment_text_view(std::string_view text) {
  // Paragraphs end at a run of two or more line breaks, lines at one.
  json paragraphs = json::array();
  json lines = json::array();
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = text.find('\n', start);
    const std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    lines.push_back({{"parts", line_parts(line)}});
    if (nl == std::string_view::npos) break;
    std::size_t next = nl + 1;
    if (next < text.size() && text[next] == '\n') {
      while (next < text.size() && text[next] == '\n') ++next;
      paragraphs.push_back({{"lines", std::move(lines)}});
      lines = json::array();
    }
    start = next;
  }
  paragraphs.push_back({{"lines", std::move(lines)}});
  return {{"paragraphs", std::move(paragraphs)}};
}

std::string comment_html(std::string_view text) {
  return render_fragment("comment_text", comment_text_view(text));
}

json comment_json(const Comment& c) {
  const json parent = c.parent_id ? json(*c.parent_id) : json(nullptr);
  if (c.deleted)
    return {{"id", c.id},          {"deleted", true},
            {"author", nullptr},   {"parent", parent},
            {"body", ""},          {"html", "<p class=\"comment-deleted\">Comment deleted</p>"},
            {"status", "deleted"}, {"created_at", c.created_at},
            {"edited_at", nullptr}};
  return {{"id", c.id},
          {"author", c.author_name},
          {"author_role", to_string(c.author_role)},
          {"parent", parent},
          {"body", c.body},
          {"html", comment_html(c.body)},
          {"status", to_string(c.status)},
          {"created_at", c.created_at},
          {"edited_at", c.edited_at ? json(*c.edited_at) : json(nullptr)}};
}

namespace {

std::string render_comment(const services::CommentService& service, const Comment& c,
                           const std::vector<Comment>& replies, const CommentSectionView& section,
                           const std::optional<Session>& reader, bool reply) {
  std::string replies_html;
  for (const auto& r : replies) {
    replies_html += render_comment(service, r, {}, section, reader, true);
    replies_html += '\n';
  }
  json v = {{"id", c.id},
            {"reply", reply},
            {"deleted", c.deleted},
            {"replies_html", std::move(replies_html)}};
  if (!c.deleted) {
    v.update(comment_text_view(c.body));
    v["author"] = c.author_name;
    v["badge"] = role_badge(c.author_role);
    v["datetime"] = fmt::format("{:%FT%TZ}", fmt::gmtime(static_cast<std::time_t>(c.created_at)));
    v["when"] = when(c.created_at);
    v["edited"] = c.edited_at.has_value();
  }
  if (reader && !c.deleted) {
    const auto may = service.rights(c, reader->user, reply);
    v["signed_in"] = true;
    v["slug"] = section.slug;
    v["csrf"] = reader->csrf_token;
    v["max_length"] = service.policy().max_length;
    v["can_reply"] = may.reply;
    v["can_edit"] = may.edit;
    if (may.edit) v["body"] = c.body;
    json buttons = json::array();
    if (may.remove) buttons.push_back({{"action", "delete"}, {"label", "Delete"}});
    if (may.report) buttons.push_back({{"action", "report"}, {"label", "Report"}});
    if (may.hide) buttons.push_back({{"action", "hide"}, {"label", "Hide"}});
    v["buttons"] = std::move(buttons);
  }
  return render_fragment("comment", v, {"comment_text"});
}

}  // namespace

std::string render_comments(const services::CommentService& service,
                            const services::CommentPage& page, const CommentSectionView& section,
                            const std::optional<Session>& reader) {
  json list = json::array();
  for (const auto& t : page.threads)
    list.push_back(
        {{"html", render_comment(service, t.comment, t.replies, section, reader, false)}});
  json v = {{"held", section.held},
            {"count", page.with_replies},
            {"one_comment", page.with_replies == 1},
            {"newest", section.newest_first},
            {"slug", section.slug},
            {"max_length", service.policy().max_length},
            {"comments", std::move(list)}};
  if (reader)
    v["csrf"] = reader->csrf_token;
  else
    v["sign_in_next"] = url_encode("/articles/" + std::string(section.slug) + "#comments");
  if (page.more)
    v["more_url"] = fmt::format("?order={}&page={}#comments",
                                section.newest_first ? "newest" : "oldest", section.page_no + 1);
  return render_fragment("comments", v);
}

std::string render_moderation(const std::vector<Comment>& queue, std::string_view csrf) {
  json list = json::array();
  for (const auto& c : queue) {
    json item = comment_text_view(c.body);
    item.update({{"id", c.id},
                 {"author", c.author_name},
                 {"slug", c.article_slug},
                 {"when", when(c.created_at)},
                 {"status", to_string(c.status)},
                 {"reason", c.held_reason},
                 {"reports", c.reports},
                 {"one_report", c.reports == 1}});
    list.push_back(std::move(item));
  }
  const json v = {{"comments", std::move(list)},
                  {"csrf", csrf},
                  {"actions",
                   {{{"action", "approve"}, {"label", "Approve"}},
                    {{"action", "reject"}, {"label", "Reject"}}}}};
  return render_fragment("moderation", v, {"comment_text"});
}

std::string render_account_nav(const std::optional<Session>& reader) {
  json v = json::object();
  if (reader)
    v = {{"name", reader->user.display_name},
         {"author", at_least(reader->user.role, Role::author)},
         {"editor", at_least(reader->user.role, Role::editor)}};
  return render_fragment("account_nav", v);
}

std::string render_byline_rating(const services::RatingService& ratings,
                                 std::string_view author_slug) {
  const auto profile = ratings.author(author_slug);
  if (!profile || profile->rating.count == 0) return "";
  return render_fragment("byline_rating", {{"average", average_text(profile->rating.average)},
                                           {"count", profile->rating.count},
                                           {"one_rating", profile->rating.count == 1}});
}

std::string render_rating_block(const services::RatingService& ratings,
                                std::string_view author_slug, const std::optional<Session>& reader,
                                std::string_view back_to, bool histogram) {
  const auto profile = ratings.author(author_slug);
  if (!profile) return render_fragment("rating", {{"no_profile", true}});
  json v = {{"name", profile->name}, {"slug", profile->slug}};
  if (profile->rating.count > 0) {
    v["count"] = profile->rating.count;
    v["one_rating"] = profile->rating.count == 1;
    v["average"] = average_text(profile->rating.average);
  }
  if (histogram && profile->rating.count > 0) {
    // Bars as each number of stars' share of all ratings, most stars first.
    const auto d = ratings.distribution(*profile);
    const auto total = std::max<std::int64_t>(d.total(), 1);
    json rows = json::array();
    for (int stars = 5; stars >= 1; --stars) {
      const auto n = d.by_stars[static_cast<std::size_t>(stars - 1)];
      const auto share = static_cast<double>(n) / static_cast<double>(total);
      rows.push_back({{"stars", stars},
                      {"one_star", stars == 1},
                      {"readers", n},
                      {"bar_width", std::lround(share * 100)},
                      {"percent", std::lround(share * 100)}});
    }
    v["histogram"] = std::move(rows);
  }
  if (!reader) {
    v["sign_in_next"] = url_encode(back_to);
  } else if (ratings.may_rate(*profile, reader->user)) {
    v["self"] = true;
  } else {
    const auto mine = ratings.rating_by(*profile, reader->user);
    v["csrf"] = reader->csrf_token;
    v["back_to"] = back_to;
    if (mine) v["mine"] = *mine;
    json choices = json::array();
    for (int i = 1; i <= 5; ++i)
      choices.push_back({{"value", i}, {"checked", mine == i}, {"one_star", i == 1}});
    v["choices"] = std::move(choices);
  }
  return render_fragment("rating", v);
}

}  // namespace symptomdb::web
