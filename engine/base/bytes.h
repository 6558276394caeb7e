#pragma once
// A compact binary encoding for state the engine saves and reads back itself (the
// evaluation checkpoint): varints, length-prefixed strings, doubles bit for bit. A reader
// that runs off the end or meets a bad length throws CheckpointError: a damaged checkpoint is
// refused, never half-read.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "base/error.h"

namespace jiandu {

// Saved state that cannot be read back: damaged, cut short, or saved for something else.
// Whoever reads a checkpoint falls back on recomputing; any other Error stops the command.
class CheckpointError : public Error {
 public:
  explicit CheckpointError(const std::string& what) : Error("checkpoint: " + what) {}
};

class ByteWriter {
 public:
  void u64(uint64_t v) {
    while (v >= 0x80) {
      buf_.push_back(char(uint8_t(v) | 0x80));
      v >>= 7;
    }
    buf_.push_back(char(v));
  }
  void i64(int64_t v) { u64((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }  // zigzag: small negatives stay small
  void f64(double v) {
    uint64_t bits = std::bit_cast<uint64_t>(v);
    for (int i = 0; i < 8; ++i) buf_.push_back(char(uint8_t(bits >> (8 * i))));
  }
  void str(std::string_view s) {
    u64(s.size());
    buf_.append(s);
  }
  void boolean(bool b) { buf_.push_back(b ? 1 : 0); }

  const std::string& bytes() const { return buf_; }
  std::string take() { return std::move(buf_); }

 private:
  std::string buf_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  uint64_t u64() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = byte();
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    throw CheckpointError("a malformed number");
  }
  int64_t i64() {
    uint64_t v = u64();
    return int64_t(v >> 1) ^ -int64_t(v & 1);
  }
  double f64() {
    need(8);
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits |= uint64_t(uint8_t(data_[pos_++])) << (8 * i);
    return std::bit_cast<double>(bits);
  }
  std::string_view str() {
    uint64_t n = u64();
    need(n);
    auto s = data_.substr(pos_, size_t(n));
    pos_ += size_t(n);
    return s;
  }
  bool boolean() { return byte() != 0; }
  // A count of items to follow, each at least one byte: a damaged count cannot ask for
  // more memory than the data could hold.
  size_t count() {
    uint64_t n = u64();
    if (n > data_.size() - pos_) throw CheckpointError("a count beyond the data");
    return size_t(n);
  }
  bool done() const { return pos_ == data_.size(); }

 private:
  uint8_t byte() {
    need(1);
    return uint8_t(data_[pos_++]);
  }
  void need(uint64_t n) const {
    if (n > data_.size() - pos_) throw CheckpointError("the data ends early");
  }
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace jiandu
