#include "services/accounts.hpp"

#include <algorithm>
#include <vector>

#include "core/fold.hpp"
#include "core/slug.hpp"
#include "core/user_text.hpp"

namespace symptomdb::services {
namespace {

Refusal<AccountError> refuse(AccountError e, std::string message) {
  return {e, std::move(message)};
}

// Whether a name reads as the byline of one of the site's authors ("Erin
// Roe, MD" for author "Erin Roe"): its first words, as typed or as their
// look-alike skeletons, are an author profile's name.
bool names_an_author(store::Store& store, std::string_view name) {
  std::vector<std::string> typed;
  for (std::size_t i = 0; i < name.size();) {
    const auto end = std::min(name.find(' ', i), name.size());
    if (end > i) typed.emplace_back(name.substr(i, end - i));
    i = end + 1;
  }
  auto leads_with_author = [&](const std::vector<std::string>& words) {
    std::string joined;
    for (const auto& w : words) {
      joined += (joined.empty() ? "" : " ") + w;
      const std::string slug = slugify(joined);
      if (!slug.empty() && store.author(slug)) return true;
    }
    return false;
  };
  return leads_with_author(typed) || leads_with_author(display_name_words(name));
}

}  // namespace

AccountService::AccountService(store::Store& store, PasswordHashing hashing, SignInPolicy policy,
                               Clock clock)
    : store_(store),
      hashing_(std::move(hashing)),
      policy_(policy),
      clock_(clock ? std::move(clock) : Clock(unix_now)),
      dummy_hash_(hashing_.hash("not a password of anyone's")) {}

AccountOutcome<User> AccountService::sign_in(std::string_view username, std::string_view password,
                                             std::string_view address) const {
  const std::int64_t now = clock_();
  const std::string user_key = "user:" + fold_text(username);
  const std::string addr_key = "addr:" + std::string(address);
  if (store_.failures(user_key, now, policy_.window) >= policy_.per_account ||
      store_.failures(addr_key, now, policy_.window) >= policy_.per_address) {
    auto r = refuse(AccountError::throttled, "Too many attempts. Wait 15 minutes and try again.");
    r.retry_after = policy_.window;
    return r;
  }
  const auto found = username.size() <= 64 ? store_.find_user(username) : std::nullopt;
  // The same answer whether the account exists, is disabled or the password
  // is wrong; a dummy verification keeps the timing alike.
  const bool password_ok = hashing_.verify(found ? found->second : dummy_hash_, password);
  if (!found || !password_ok || found->first.disabled) {
    store_.record_failure(user_key, now, policy_.window);
    store_.record_failure(addr_key, now, policy_.window);
    return refuse(AccountError::wrong_credentials, "Wrong username or password.");
  }
  store_.clear_failures(user_key);
  return found->first;
}

AccountOutcome<User> AccountService::register_reader(std::string_view username,
                                                     std::string_view display_name,
                                                     std::string_view password,
                                                     std::string_view again) const {
  const std::string shown(display_name.empty() ? username : display_name);
  std::string problem = check_username(username);
  if (problem.empty()) problem = check_display_name(shown);
  if (problem.empty() && names_an_author(store_, shown))
    problem = "That name is an author's on this site. Choose another.";
  if (problem.empty()) problem = check_password(password, {std::string(username), shown});
  if (problem.empty() && password != again) problem = "The two passwords differ.";
  if (!problem.empty()) return refuse(AccountError::invalid, problem);
  User u;
  u.username = std::string(username);
  u.display_name = shown;
  u.role = Role::reader;
  try {
    u.id = store_.create_user(u, hashing_.hash(password));
  } catch (const store::AccountExists&) {
    return refuse(AccountError::invalid, "That username is taken.");
  } catch (const store::NameTaken&) {
    return refuse(AccountError::invalid,
                  "That name is taken, or looks too much like one that is. Choose another.");
  }
  return u;
}

AccountOutcome<Done> AccountService::change_password(const User& user, std::string_view current,
                                                     std::string_view fresh) const {
  const auto found = store_.find_user(user.username);
  if (!found || !hashing_.verify(found->second, current))
    return refuse(AccountError::wrong_password, "The current password is wrong.");
  if (auto problem = check_password(fresh, {user.username, user.display_name}); !problem.empty())
    return refuse(AccountError::invalid, problem);
  store_.set_password_hash(user.id, hashing_.hash(fresh));
  store_.delete_sessions_of(user.id, "");
  return Done{};
}

}  // namespace symptomdb::services
