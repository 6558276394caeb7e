#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace jiandu {

// SHA-256 of `data`, as 64 lowercase hex digits (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view data);

// The same over text given in pieces: what sha256_hex gives for the pieces joined, without
// joining them (a checkpoint's checksum covers megabytes of state and findings).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  Sha256& add(std::string_view piece);
  std::string hex();  // once, at the end

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

}  // namespace jiandu
