#pragma once
// Evaluates checked expressions over a frame of root values (event, org, period, …).
#include <array>

#include "base/calendar.h"
#include "check/rules.h"
#include "expr/lower.h"
#include "eval/value.h"
#include "org/org_graph.h"

namespace jiandu::eval {

struct Frame {
  std::vector<Value> slots = std::vector<Value>(check::kFirstStep + 8);
  Value& operator[](int slot) {
    if (size_t(slot) >= slots.size()) slots.resize(size_t(slot) + 1);
    return slots[size_t(slot)];
  }
};

class Interp {
 public:
  Interp(const org::OrgGraph& orgs, const Calendar& calendar) : orgs_(orgs), cal_(calendar) {}
  Value eval(const expr::Program& p, Frame& f) const { return run(p, p.root(), f); }
  // A condition: null (missing data) is false. Throws EvalFault.
  bool test(const expr::Program& p, Frame& f) const;
  // For messages: a value as a reader sees it (an org by its name, a period by its label).
  std::string text(const Value& v) const;
  std::string render(const check::Template& t, Frame& f) const;

  const org::OrgGraph& orgs() const { return orgs_; }
  const Calendar& calendar() const { return cal_; }

 private:
  using Insn = expr::Insn;
  // run() recurses once per level of the expression (up to 2048 levels, parser.h): the work
  // per instruction is in the helpers marked noinline, so the recursive frames stay small,
  // also in a sanitizer build.
  Value run(const expr::Program& p, uint32_t at, Frame& f) const;
  [[gnu::noinline]] Value binary(const expr::Program& p, const Insn& x, Frame& f) const;
  [[gnu::noinline]] Value call(const expr::Program& p, const Insn& x, Frame& f) const;
  [[gnu::noinline]] Value list(const expr::Program& p, const Insn& x, Frame& f) const;
  [[gnu::noinline]] Value unary(const Insn& x, const Value& v) const;
  [[gnu::noinline]] Value index(const Value& list, const Value& i) const;
  [[gnu::noinline]] Value field(const Insn& x, const Value& obj) const;
  [[gnu::noinline]] Value attr(const expr::Program& p, const Insn& x, const Value& obj) const;
  [[gnu::noinline]] bool text_in(const expr::Program& p, const Insn& x, Frame& f) const;
  [[gnu::noinline]] std::optional<bool> compare_strings(const expr::Program& p, const Insn& x, Frame& f) const;
  [[gnu::noinline]] Value apply(const Insn& x, const Value& a, const Value& b) const;
  // The text of a string-valued instruction without copying it, when it is a constant or a
  // field that lives as long as the frame: the fast path of ==, != and in.
  enum class View { none, null, text };
  View string_view_of(const expr::Program& p, const Insn& x, Frame& f, std::string_view& out) const;

  const org::OrgGraph& orgs_;
  const Calendar& cal_;
};

}  // namespace jiandu::eval
