#pragma once
// The seven kinds of rule, each described once (docs/rule-language.md §3): its name, the fields
// it takes and which it needs, and every outcome its findings can have. The loader reads the
// fields from here; the checker's per-kind work (check/kinds.h), the operators (eval/kinds/)
// and the rule tests' coverage all index their own per-kind tables by the same Kind, so a new
// kind is one row here and one entry in each of those tables, which do not compile without it.
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jiandu::load {

enum class Kind { match, deadline, periodic, threshold, sequence, chain, escalation };
inline constexpr size_t kKindCount = 7;

// The outcomes a finding can have: one vocabulary for the seven kinds (§3.8). A duty whose due
// date passed with nothing done is `missing` in every kind that has due dates; one done after
// its due date is `late` everywhere. The name is what the store, rule tests and JSONL carry.
enum class Outcome {
  violation,     // match: an event that breaks the rule; chain: a requirement not met
  missing,       // due date passed, nothing done (deadline, sequence, periodic)
  late,          // done, but after its due date
  due_soon,      // still open, inside the warning window
  excess,        // periodic: more than at_most in a period
  exceeded,      // threshold: over the line
  out_of_order,  // sequence: a step before the one it follows
  vacant,        // chain: no one holds the duty-bearing role
  missing_duty,  // chain: the holder did not do the duty
  repeated,      // escalation: lapses of a subject reached the count
};

struct FieldDef {
  const char* name;
  bool required;
};

struct KindDef {
  Kind kind;
  const char* name;
  std::span<const FieldDef> fields;   // besides the fields every rule has
  std::span<const Outcome> outcomes;  // all it can produce, in the order the kind documents them
};

// For each stage's per-kind table: row i is the kind whose value is i, every kind has a row.
template <class Row, size_t N>
constexpr bool one_row_per_kind(const std::array<Row, N>& table) {
  for (size_t i = 0; i < N; ++i)
    if (static_cast<size_t>(table[i].kind) != i) return false;
  return N == kKindCount;
}

// Row i describes the kind whose value is i.
const std::array<KindDef, kKindCount>& kind_defs();
const KindDef& def(Kind k);
inline const char* kind_name(Kind k) { return def(k).name; }
std::optional<Kind> kind_from(std::string_view name);
std::vector<std::string> kind_names();

// The fields every rule has, whatever its kind.
std::span<const FieldDef> common_fields();

}  // namespace jiandu::load
