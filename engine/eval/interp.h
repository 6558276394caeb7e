#pragma once
// Evaluates checked expressions over a frame of root values (event, org, period, …).
#include <array>

#include "base/calendar.h"
#include "check/rules.h"
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
  Value eval(const expr::Node& n, Frame& f) const;
  // A condition: null (missing data) is false. Throws EvalFault.
  bool test(const expr::Node& n, Frame& f) const;
  // For messages: a value as a reader sees it (an org by its name, a period by its label).
  std::string text(const Value& v) const;
  std::string render(const check::Template& t, Frame& f) const;

  const org::OrgGraph& orgs() const { return orgs_; }
  const Calendar& calendar() const { return cal_; }

 private:
  Value member(const expr::Node& n, Frame& f) const;
  Value call(const expr::Node& n, Frame& f) const;
  Value binary(const expr::Node& n, Frame& f) const;
  // The work per node, out of the frames that recurse (see interp.cpp).
  [[gnu::noinline]] Value unary(const expr::Node& n, const Value& v) const;
  [[gnu::noinline]] Value index(const Value& list, const Value& i) const;
  [[gnu::noinline]] Value field(const expr::Node& n, const Value& obj) const;
  [[gnu::noinline]] std::optional<bool> compare_strings(const expr::Node& n, Frame& f) const;
  [[gnu::noinline]] Value apply(const expr::Node& n, const Value& a, const Value& b) const;
  // The text of a string-valued node without copying it, when it is a literal or a field
  // that lives as long as the frame: the fast path of ==, != and in.
  enum class View { none, null, text };
  View string_view_of(const expr::Node& n, Frame& f, std::string_view& out) const;

  const org::OrgGraph& orgs_;
  const Calendar& cal_;
};

}  // namespace jiandu::eval
