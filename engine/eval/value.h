#pragma once
#include <atomic>
// Run-time values of expressions, and the event record they read.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/timestamp.h"
#include "eval/attrs.h"

namespace jiandu::eval {

// One event as the run streams it. Attributes are decoded on first use only, once.
struct Event {
  int64_t seq = 0;
  std::string id;
  Timestamp ts;
  Date date;                               // local
  const std::string* type_name = nullptr;  // interned: one string per event type per run
  int org = -1;                            // index in the OrgGraph
  int person = -1;
  std::string ref;
  bool has_ref = false;
  const Attrs& attrs() const;  // throws EvalFault on attrs that are not a flat JSON object
  const std::string& attrs_text() const { return attrs_text_; }
  // The attributes' JSON text; what was decoded from the text before is forgotten (only while
  // no other thread holds the event).
  void set_attrs(std::string_view text) {
    attrs_text_.assign(text);
    decoded_.store(Decoded::not_yet, std::memory_order_relaxed);
  }
  Event() = default;
  // A copy has the text and decodes it again when asked (the decoded state is not shared).
  Event(const Event& o) { *this = o; }
  Event& operator=(const Event& o) {
    seq = o.seq, id = o.id, ts = o.ts, date = o.date, type_name = o.type_name;
    org = o.org, person = o.person, ref = o.ref, has_ref = o.has_ref;
    set_attrs(o.attrs_text_);
    return *this;
  }

 private:
  // Decodes the attributes (a bad text is remembered, and attrs() throws it each time). Once
  // per event whichever threads share it: the first to ask decodes, one asking meanwhile
  // waits for it — so attributes no rule reads are never decoded.
  void decode_attrs() const;
  enum class Decoded : uint8_t { not_yet, decoding, ok, bad };
  std::string attrs_text_;
  mutable Attrs attrs_;
  mutable std::atomic<Decoded> decoded_{Decoded::not_yet};
  mutable std::string bad_;  // why the text is refused
};

// A period of a periodic or chain rule.
struct Period {
  int64_t index = 0;
  Date start, end, due;
  std::string label;  // 2025-07, 2025-Q3, 2025-H2, 2025, 2025-W07
};

struct OrgRef {
  int index;
};
struct PersonRef {
  int index;
};
struct Null {};

struct Value;
using List = std::shared_ptr<const std::vector<Value>>;

struct Value
    : std::variant<Null, bool, int64_t, double, std::string, Date, Timestamp, List, const Event*, OrgRef, PersonRef, const Period*> {
  using variant::variant;
  bool is_null() const { return std::holds_alternative<Null>(*this); }
};

// A fault in the data while evaluating (an attribute that is not what the catalog says, a
// division by zero): counted against the rule, never a crash.
struct EvalFault : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace jiandu::eval
