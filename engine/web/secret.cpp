#include "web/secret.h"

#include <mutex>

#include <sodium.h>

#include "base/error.h"
#include "base/sha256.h"

namespace jiandu::web {

namespace {

void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw Error("libsodium could not be initialised");
  });
}

}  // namespace

std::string hash_password(std::string_view password) {
  init();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw Error("hashing the password ran out of memory");
  return out;
}

bool check_password(const std::string& hash, std::string_view password) {
  init();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void dummy_password_check(std::string_view password) {
  static const std::string dummy = hash_password("no account has this password");
  check_password(dummy, password);
}

std::string random_token() {
  init();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

bool same_secret(std::string_view a, std::string_view b) {
  init();
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace jiandu::web
