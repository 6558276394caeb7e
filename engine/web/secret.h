#pragma once
// The secrets of the web workplace, through libsodium: passwords as Argon2id strings
// (crypto_pwhash_str, with its salt and cost inside), and 256-bit random tokens that the
// store keeps only as their SHA-256.
#include <string>
#include <string_view>

namespace jiandu::web {

// Argon2id at libsodium's interactive cost (64 MiB, 2 passes): about 0.1 s per login.
std::string hash_password(std::string_view password);
bool check_password(const std::string& hash, std::string_view password);
// Spends the time a check would, for a login that does not exist (no timing difference).
void dummy_password_check(std::string_view password);

// 32 random bytes as 64 hex digits.
std::string random_token();
// The token as the store keeps it.
std::string token_hash(std::string_view token);
// Equal in constant time (CSRF tokens).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace jiandu::web
