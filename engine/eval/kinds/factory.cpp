// Each kind's operator, in the order of load::Kind. An escalation has none: it reads the
// findings of the rules it names after they are judged (eval/run.cpp).
#include <array>

#include "eval/operator.h"

namespace jiandu::eval {

std::unique_ptr<Operator> make_match(const check::Rule&, const compile::RulePreds&);
std::unique_ptr<Operator> make_deadline(const check::Rule&, const compile::RulePreds&);
std::unique_ptr<Operator> make_periodic(const check::Rule&, const compile::RulePreds&);
std::unique_ptr<Operator> make_threshold(const check::Rule&, const compile::RulePreds&);
std::unique_ptr<Operator> make_sequence(const check::Rule&, const compile::RulePreds&);
std::unique_ptr<Operator> make_chain(const check::Rule&, const compile::RulePreds&);

namespace {

using Factory = std::unique_ptr<Operator> (*)(const check::Rule&, const compile::RulePreds&);
struct Entry {
  check::Kind kind;
  Factory make;
};
constexpr std::array<Entry, load::kKindCount> kFactories{{
    {check::Kind::match, make_match},
    {check::Kind::deadline, make_deadline},
    {check::Kind::periodic, make_periodic},
    {check::Kind::threshold, make_threshold},
    {check::Kind::sequence, make_sequence},
    {check::Kind::chain, make_chain},
    {check::Kind::escalation, nullptr},
}};

static_assert(load::one_row_per_kind(kFactories), "one entry per kind, in the order of load::Kind");

}  // namespace

std::unique_ptr<Operator> make_operator(const check::Rule& r, const compile::RulePreds& p) {
  Factory make = kFactories.at(static_cast<size_t>(r.kind)).make;
  return make ? make(r, p) : nullptr;
}

}  // namespace jiandu::eval
