#include "base/sha256.h"

#include <openssl/evp.h>

#include "base/error.h"

namespace jiandu {
namespace {

// Fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up again on every digest,
// which cost more than hashing a trail entry (every audit re-hashes the whole trail).
const EVP_MD* md() {
  static EVP_MD* const m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return m;
}

std::string hex_of(const unsigned char* digest, unsigned len) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, md(), nullptr);
  return hex_of(digest, len);
}

struct Sha256::Ctx {
  EVP_MD_CTX* c = EVP_MD_CTX_new();
  ~Ctx() { EVP_MD_CTX_free(c); }
};

Sha256::Sha256() : ctx_(std::make_unique<Ctx>()) {
  if (!ctx_->c || EVP_DigestInit_ex(ctx_->c, md(), nullptr) != 1) throw Error("SHA-256 is not available (OpenSSL)");
}
Sha256::~Sha256() = default;

Sha256& Sha256::add(std::string_view piece) {
  EVP_DigestUpdate(ctx_->c, piece.data(), piece.size());
  return *this;
}

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_->c, digest, &len);
  return hex_of(digest, len);
}

}  // namespace jiandu
