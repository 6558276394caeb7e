// SHA-256: the trail's hash chain and the checkpoint's checksum rest on it; a checksum hashed
// in pieces must be the one hashed whole, or every stored checkpoint would read as damaged.
#include <catch2/catch.hpp>

#include "base/sha256.h"

using namespace jiandu;

TEST_CASE("sha256: the known digests, whole and in pieces", "[base][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256().hex() == sha256_hex(""));
  CHECK(Sha256().add("a").add("").add("bc").hex() == sha256_hex("abc"));
  std::string big;
  for (int i = 0; i < 100000; ++i) big += std::to_string(i) + ";";
  Sha256 h;
  for (size_t at = 0; at < big.size(); at += 997) h.add(std::string_view(big).substr(at, 997));
  CHECK(h.hex() == sha256_hex(big));
}
