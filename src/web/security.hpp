// Secrets, done with libsodium: argon2id password hashes, random tokens
// for session ids and CSRF, and the hash under which a session id is
// stored.
#pragma once

#include <string>
#include <string_view>

namespace symptomdb::web {

// argon2id with libsodium's interactive limits (the recommended choice for
// logins). Throws std::runtime_error if memory for it cannot be had.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// 32 random bytes, URL-safe base64 without padding (43 characters).
std::string random_token();
// BLAKE2b-256 of a token, hex: what the store keeps instead of the token.
std::string token_hash(std::string_view token);
// Comparison whose time does not depend on where the strings differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace symptomdb::web
