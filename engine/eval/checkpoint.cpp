#include "eval/checkpoint.h"

#include "eval/operator.h"

namespace jiandu::eval {
namespace {

constexpr std::string_view kMagic = "jiandu-checkpoint";

void save_finding(ByteWriter& w, const Finding& f) {
  w.str(f.rule->id);
  w.str(check::name(f.outcome));
  for (auto* s : {&f.subject_type, &f.subject_id, &f.subject_name, &f.period, &f.key, &f.message}) w.str(*s);
  w.i64(f.org);
  w.i64(f.person);
  w.boolean(f.due.has_value());
  w.i64(f.due ? f.due->days : 0);
  w.i64(f.date.days);
  w.u64(f.evidence.size());
  for (auto& id : f.evidence) w.str(id);
  w.str(f.numbers.dump());
  w.u64(f.provisional.size());
  for (int y : f.provisional) w.i64(y);
}

Finding load_finding(ByteReader& r, const std::map<std::string_view, const check::Rule*>& rules) {
  Finding f;
  auto id = r.str();
  auto it = rules.find(id);
  if (it == rules.end()) throw CheckpointError("a finding of rule " + std::string(id) + ", not in the rule set");
  f.rule = it->second;
  auto outcome = check::outcome_from(r.str());
  if (!outcome) throw CheckpointError("a finding of rule " + f.rule->id + " with an unknown outcome");
  f.outcome = *outcome;
  for (auto* s : {&f.subject_type, &f.subject_id, &f.subject_name, &f.period, &f.key, &f.message}) *s = r.str();
  f.org = int(r.i64());
  f.person = int(r.i64());
  bool has_due = r.boolean();
  int64_t due = r.i64();
  if (has_due) f.due = Date{int32_t(due)};
  f.date = Date{int32_t(r.i64())};
  f.evidence.resize(r.count());
  for (auto& e : f.evidence) e = r.str();
  f.numbers = nlohmann::json::parse(r.str(), nullptr, false);
  if (f.numbers.is_discarded()) throw CheckpointError("a finding's numbers are damaged");
  f.provisional.resize(r.count());
  for (int& y : f.provisional) y = int(r.i64());
  return f;
}

}  // namespace

std::string save_state(const RunState& s, Context& ctx) {
  StateWriter ops;
  ops.u64(s.ops.size());
  for (auto& [rule, op] : s.ops) {
    ops.str(rule->id);
    op->save(ops, ctx);
  }
  ByteWriter head;
  head.str(kMagic);
  head.u64(kCheckpointFormat);
  ops.write_events(head);
  ByteWriter tail;
  tail.u64(s.findings.size());
  tail.u64(s.stats.size());
  for (auto& [id, st] : s.stats) {
    tail.str(id);
    tail.u64(st.events);
    tail.u64(st.faults);
    tail.u64(st.fault_list.size());
    for (auto& x : st.fault_list) {
      tail.str(x.subject);
      tail.str(x.event);
      tail.str(x.reason);
    }
  }
  tail.u64(s.events);
  tail.i64(s.watermark);
  return head.take() + ops.out.bytes() + tail.bytes();
}

std::vector<std::string> encode_findings(const std::vector<Finding>& fs, size_t from) {
  std::vector<std::string> out;
  for (size_t i = from; i < fs.size(); ++i) {
    ByteWriter w;
    save_finding(w, fs[i]);
    out.push_back(w.take());
  }
  return out;
}

void restore_state(std::string_view data, const std::vector<std::string>& findings, RunState& s,
                   const std::function<const std::string*(std::string_view)>& intern, size_t orgs, size_t people) {
  ByteReader in(data);
  if (in.str() != kMagic) throw CheckpointError("not a jiandu checkpoint");
  if (in.u64() != uint64_t(kCheckpointFormat)) throw CheckpointError("written by another version of jiandu");
  StateReader r(in, intern);
  r.orgs = orgs;
  r.people = people;
  r.read_events();
  if (r.count() != s.ops.size()) throw CheckpointError("saved for another rule set");
  for (auto& [rule, op] : s.ops) {
    if (r.str() != rule->id) throw CheckpointError("saved for another rule set");
    op->restore(r);
  }
  std::map<std::string_view, const check::Rule*> rules;
  for (auto& [rule, op] : s.ops) rules[rule->id] = rule;
  if (in.u64() != findings.size()) throw CheckpointError("findings are missing from it");
  s.findings.reserve(findings.size());
  for (auto& data : findings) {
    ByteReader f(data);
    s.findings.push_back(load_finding(f, rules));
    if (!f.done()) throw CheckpointError("a finding with data after its end");
  }
  for (size_t n = in.count(); n > 0; --n) {
    auto& st = s.stats[std::string(in.str())];
    st.events = in.u64();
    st.faults = in.u64();
    st.fault_list.resize(in.count());
    for (auto& x : st.fault_list) {
      x.subject = in.str();
      x.event = in.str();
      x.reason = in.str();
    }
  }
  s.events = in.u64();
  s.watermark = in.i64();
  if (!in.done()) throw CheckpointError("data after its end");
}

}  // namespace jiandu::eval
