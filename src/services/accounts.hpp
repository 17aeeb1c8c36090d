// Readers' accounts as rules over the store: signing in (with throttling per
// account and per address, and one answer for every kind of failure),
// registering a reader (name and password rules, no name that reads as one
// of the site's authors) and changing a password (which ends the account's
// other sessions). Password hashing is given in (libsodium's argon2id in
// the server), so these rules depend on no crypto library.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/account.hpp"
#include "services/clock.hpp"
#include "services/outcome.hpp"
#include "store/store.hpp"

namespace symptomdb::services {

enum class AccountError {
  throttled,          // too many failed sign-ins; retry_after says for how long
  wrong_credentials,  // unknown user, wrong password or disabled: never said which
  invalid,            // a registration or new password breaks a rule (the message says which)
  wrong_password,     // the current password given for a change is wrong
};

template <class T>
using AccountOutcome = Outcome<T, AccountError>;

struct PasswordHashing {
  std::function<std::string(std::string_view password)> hash;
  std::function<bool(const std::string& hash, std::string_view password)> verify;
};

struct SignInPolicy {
  std::int64_t window = 15 * 60;  // seconds failures are counted over
  int per_account = 5;            // failures per account within the window
  int per_address = 20;           // failures per address within the window
};

class AccountService {
 public:
  AccountService(store::Store& store, PasswordHashing hashing, SignInPolicy policy = {},
                 Clock clock = {});

  AccountOutcome<User> sign_in(std::string_view username, std::string_view password,
                               std::string_view address) const;
  // A new reader; `display_name` empty means the username. `again` is the
  // password typed a second time.
  AccountOutcome<User> register_reader(std::string_view username, std::string_view display_name,
                                       std::string_view password, std::string_view again) const;
  // Sets a new password and ends every session of the account (the caller
  // starts a fresh one for the reader who changed it).
  AccountOutcome<Done> change_password(const User& user, std::string_view current,
                                       std::string_view fresh) const;

 private:
  store::Store& store_;
  PasswordHashing hashing_;
  SignInPolicy policy_;
  Clock clock_;
  std::string dummy_hash_;  // verified against when there is no account, to keep timing alike
};

}  // namespace symptomdb::services
