#include "ledger/audit.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "base/vocabulary.h"
#include "eval/checkpoint.h"
#include "eval/operator.h"
#include "ledger/anchor.h"
#include "base/sha256.h"
#include "ledger/resume.h"
#include "ledger/trail.h"

namespace jiandu::ledger {
namespace {

using nlohmann::json;

struct Alert {
  std::string id, key, rule, outcome, subject_type, subject_id, org, owner_role, owner_then, owner_now, lapse_date, rectify_due, closed_on,
      target;
  Status status = Status::assigned;
  int level = 0, form = 0;
};

class Auditor {
  struct Known;  // what the ledger holds of each alert (below)

 public:
  Auditor(Store& s, const check::RuleSet& rules, const org::OrgGraph& orgs, const Calendar& cal, const Policy& p, Date as_of)
      : db_(s.db()), sql_(db_), trail_(db_), rules_(rules), orgs_(orgs), cal_(cal), policy_(p), as_of_(as_of), at_(as_of.str()) {}

  void begin_run(const eval::RunResult& r, const std::string& chain_broken) {
    auto q = sql_("INSERT INTO runs(started, as_of, rules_hash, watermark, findings, chain) VALUES(?,?,?,?,?,?)");
    q->bind(1, now_utc());
    q->bind(2, at_);
    q->bind(3, rules_.hash);
    q->bind(4, r.watermark);
    q->bind(5, int64_t(r.findings.size()));
    if (chain_broken.empty())
      q->bind(6);
    else
      q->bind(6, chain_broken);
    q->exec();
    sum_.chain_broken = chain_broken;
    run_ = db_.getLastInsertRowid();
    sum_.run = run_;
    sum_.findings = r.findings.size();
  }

  // Every alert, read once in storage order with its keys: most findings are lapses already
  // on record, and neither they nor the passes over every open alert should ask the store
  // about each one. A join in SQL looked each alert up by its text id.
  void load_known() {
    // Rows are never deleted, so the largest rowid is the count, without a scan to count them.
    auto n = sql_("SELECT (SELECT coalesce(max(rowid), 0) FROM alerts), (SELECT coalesce(max(rowid), 0) FROM alert_keys)");
    n->executeStep();
    by_id_.reserve(size_t(n->getColumn(0).getInt64()) + 1024);  // room for a night's new alerts without a rehash
    alert_of_.reserve(size_t(n->getColumn(1).getInt64()) + 1024);
    std::unordered_map<std::string_view, const check::Rule*> rule_of;  // RuleSet::find looks through every rule
    for (auto& r : rules_.rules) rule_of.emplace(r.id, &r);
    auto a = sql_(
        "SELECT id, rule, outcome, status, coalesce(due, ''), coalesce(provisional, ''), coalesce(org, ''), "
        "coalesce(owner_role, ''), coalesce(owner_now, '') FROM alerts");
    while (a->executeStep()) {
      Known& k = known_.emplace_back();
      k.id = a->getColumn(0).getString();
      auto rule = rule_of.find(a->getColumn(1).getText());
      k.rule = rule == rule_of.end() ? nullptr : rule->second;
      k.outcome = check::outcome_from(a->getColumn(2).getText());  // none: a name no longer known
      auto status = status_from(a->getColumn(3).getString());
      k.open = status && is_open(*status);
      k.dates = {a->getColumn(4).getString(), a->getColumn(5).getString()};
      k.org = orgs_.org_index(a->getColumn(6).getString());
      k.owner_role = a->getColumn(7).getString();
      k.owner_now = a->getColumn(8).getString();
      by_id_.emplace(k.id, &k);
    }
    // An alert's own key was written just after it, so the keys mostly come in the alerts'
    // order: each is matched to the next alert, and only one that is not (a recurrence's) is
    // looked up.
    auto q = sql_("SELECT key, alert FROM alert_keys ORDER BY rowid");
    size_t next = 0;
    while (q->executeStep()) {
      std::string_view alert = q->getColumn(1).getText();
      Known* k = nullptr;
      if (next < known_.size() && known_[next].id == alert) {
        k = &known_[next++];
      } else if (auto it = by_id_.find(alert); it != by_id_.end()) {
        k = it->second;
      }
      if (k) add_key(*k, q->getColumn(0).getString());
    }
  }

  void findings(const std::vector<eval::Finding>& fs) {
    load_known();
    for (auto& f : fs) {
      // A reminder before the due date (督责) is shown by check, but is not a lapse.
      if (f.outcome == check::Outcome::due_soon) continue;
      std::string key = f.stable_key();
      if (auto it = alert_of_.find(key); it != alert_of_.end()) {
        // The dates are those of the lapse the alert stands for now: its latest key.
        Known& k = *it->second;
        bool latest = k.latest && *k.latest == key;
        k.latest_seen |= latest;
        bool moved = latest && k.dates != dates_of(f);
        if (k.outcome == f.outcome && !moved) continue;  // on record as it is
        auto a = by_id(k.id);
        if (moved) due_changed(*a, k, f);
        if (k.outcome != f.outcome) existing(*a, f);
        k.outcome = f.outcome;
        continue;
      }
      if (auto a = recurrence(f)) {
        reopen(*a, f, key);
        continue;
      }
      open(f, key);
    }
  }

  // Open alerts whose finding no longer holds: the records now meet the obligation.
  void met_after_all() {
    std::vector<std::string> met;
    for (const Known& k : known_) {
      if (!k.open || !k.rule) continue;  // a rule no longer in the set proves nothing
      // The lapse the alert stands for now: its latest key (a reopened alert, the recurrence).
      if (k.latest && k.latest_seen) continue;
      met.push_back(k.id);
    }
    std::sort(met.begin(), met.end());  // by id, as they were always settled
    for (auto& id : met) {
      auto a = by_id(id);
      settle_by_records(*a, "记录显示义务已履行（截至 " + at_ + " 该问题不再成立", json::array());
    }
  }

  // The records now discharge the alert: closed, naming them — unless one was back-filled
  // (dated on or before the day the alert was raised, imported after): a 补录 does not close
  // an alert by itself, it awaits the discipline body's verification.
  void settle_by_records(Alert& a, const std::string& why, json evidence) {
    auto d = discharging(a);
    if (!d.backfilled.empty()) {
      const Discharge::Record& x = d.backfilled.front();
      std::string note = "记录于 " + x.date + " 的事件 " + x.id + " 于 " + x.imported + " 补录" +
                         (d.backfilled.size() > 1 ? "（另有 " + std::to_string(d.backfilled.size() - 1) + " 条补录记录）" : "") + "：" +
                         why + "）；补录记录不自动销号，待验收";
      for (auto& r : d.backfilled) evidence.push_back(r.id);
      if (a.status != Status::rectified) write(a, Status::rectified, "system", note, evidence);
      ++sum_.backfilled;
      return;
    }
    std::string names;
    for (auto& r : d.timely) {
      if (std::find(evidence.begin(), evidence.end(), json(r.id)) == evidence.end()) evidence.push_back(r.id);
      if (names.size() < 200) names += (names.empty() ? "" : "、") + r.id + "（" + r.date + "）";
    }
    close_by_records(a, why + (names.empty() ? "" : "；履行记录 " + names) + "）", evidence);
  }

  // The records that arrived since the alert was raised and may have discharged it: events
  // of the types the rule's obligation reads, about its subject. Those dated on or before the
  // day it was raised were back-filled (补录).
  struct Discharge {
    struct Record {
      std::string id, date, imported;
    };
    std::vector<Record> timely, backfilled;
  };
  Discharge discharging(const Alert& a) {
    Discharge out;
    const check::Rule* rule = rules_.find(a.rule);
    if (!rule) return out;
    expr::EventTypes types =
        rule->kind == check::Kind::deadline || rule->kind == check::Kind::periodic ? rule->expect_types : rule->inputs();
    auto o = sql_(
        "SELECT r.watermark, r.as_of FROM runs r WHERE r.id = coalesce((SELECT run FROM trail WHERE alert = ? "
        "AND to_state IN ('assigned','reopened') AND run IS NOT NULL ORDER BY id DESC LIMIT 1), ?)");
    o->bind(1, a.id);
    o->bind(2, run_);
    if (!o->executeStep()) return out;
    int64_t watermark = o->getColumn(0).getInt64();
    std::string raised = o->getColumn(1).getString();
    json type_list = json::array(), scope = json::array();
    for (auto& t : types.names) type_list.push_back(t);
    std::string where;
    if (a.subject_type == "person") {
      where = "e.person = ?";
    } else if (a.subject_type == "ref") {
      where = "e.ref = ?";
    } else {
      where = "e.org IN (SELECT value FROM json_each(?))";
      if (int u = orgs_.org_index(a.subject_id); u >= 0)
        for (int x : orgs_.subtree(u)) scope.push_back(orgs_.orgs()[size_t(x)].id);
    }
    auto q = sql_(
        "SELECT e.id, e.ts, e.utc_offset, b.started FROM events e JOIN batches b ON b.id = e.batch "
        "WHERE e.seq > ? AND (? OR e.type IN (SELECT value FROM json_each(?))) AND " +
        where + " ORDER BY e.ts, e.seq LIMIT 50");
    q->bind(1, watermark);
    q->bind(2, types.all ? 1 : 0);
    q->bind(3, type_list.dump());
    if (a.subject_type == "org")
      q->bind(4, scope.dump());
    else
      q->bind(4, a.subject_id);
    while (q->executeStep()) {
      Date d = Timestamp{q->getColumn(1).getInt64(), q->getColumn(2).getInt()}.local_date();
      if (d > as_of_) continue;
      Discharge::Record r{q->getColumn(0).getString(), d.str(), q->getColumn(3).getString().substr(0, 10)};
      (r.date <= raised ? out.backfilled : out.timely).push_back(std::move(r));
    }
    return out;
  }

  // Rectification events that name an alert in their ref.
  void events() {
    auto scan = [&](const std::vector<std::string>& types, Status to) {
      for (auto& type : types) {
        auto q = sql_(
            "SELECT e.id, e.ref, e.person, e.ts, e.utc_offset FROM events e JOIN alerts a ON a.id = e.ref "
            "WHERE e.type = ? ORDER BY e.ts, e.seq");
        q->bind(1, type);
        while (q->executeStep()) {
          Timestamp ts{q->getColumn(3).getInt64(), q->getColumn(4).getInt()};
          if (ts.local_date() > as_of_) continue;
          std::string ev = q->getColumn(0).getString(), alert = q->getColumn(1).getString();
          if (seen_event(alert, ev)) continue;
          auto a = by_id(alert);
          if (!a) continue;
          // Work recorded on an alert already in progress, rectified or closed changes
          // nothing; it stays in the records. (rectified → in_progress is a failed
          // verification's, never an event's.)
          bool fits = to == Status::in_progress
                          ? (a->status == Status::assigned || a->status == Status::escalated || a->status == Status::reopened)
                          : allowed(a->status, to) && a->status != Status::rectified;
          if (!fits) continue;
          std::string who = q->getColumn(2).isNull() ? "system" : q->getColumn(2).getString();
          write(*a, to, who, to == Status::in_progress ? "记录整改措施（事件 " + ev + "）" : "报告整改完成（事件 " + ev + "），待验收",
                json::array({ev}));
          ++sum_.progressed;
        }
      }
    };
    scan(policy_.rectification_events, Status::in_progress);
    scan(policy_.rectified_events, Status::rectified);
  }

  // Who holds the owner role now, for every open alert (a handover since it opened).
  void refresh_owners() {
    // (unit, role) → who holds it now: alerts share them.
    std::map<std::pair<int, std::string_view>, std::string> holder;
    std::vector<std::pair<std::string, std::string>> changed;
    for (Known& k : known_) {
      if (!k.open || k.org < 0 || k.owner_role.empty()) continue;  // no unit, or one no longer known
      auto [it, fresh] = holder.try_emplace({k.org, k.owner_role});
      if (fresh) {
        auto h = orgs_.nearest_holders(k.org, k.owner_role, as_of_);
        it->second = h ? orgs_.people()[size_t(h->second.front())].id : "";
      }
      if (it->second == k.owner_now) continue;
      k.owner_now = it->second;
      changed.emplace_back(k.id, it->second);
    }
    std::sort(changed.begin(), changed.end());
    for (auto& [id, now] : changed) {
      auto up = sql_("UPDATE alerts SET owner_now = ? WHERE id = ?");
      if (now.empty())
        up->bind(1);
      else
        up->bind(1, now);
      up->bind(2, id);
      up->exec();
    }
  }

  // Verified alerts are closed out (对账销号).
  void close_verified() {
    for (auto& a : alerts_where("status = 'verified'")) {
      write(a, Status::closed, "system", "验收通过，对账销号", json::array());
      set(a.id, "closed_on", at_);
      ++sum_.closed;
    }
  }

  // Past the rectification due date: one link up the chain, with a form of the four forms.
  void escalate() {
    for (auto& a : alerts_where("status IN " + open_statuses_sql() + " AND rectify_due < ?", at_)) {
      const check::Rule* rule = rules_.find(a.rule);
      // An owner outside the chain stands at its first link (a discipline secretary answers
      // to the organ party committee, as a branch secretary does).
      int start = 0;
      for (size_t i = 0; i < policy_.chain.size(); ++i)
        if (policy_.chain[i] == a.owner_role) start = int(i);
      int next = start + a.level + 1;
      // At the top of the chain the owner is held to account once; it goes no higher.
      if (next >= int(policy_.chain.size())) {
        if (a.level > 0 || policy_.chain.empty()) continue;
        next = int(policy_.chain.size()) - 1;
      }
      const std::string& role = policy_.chain[size_t(next)];
      int org = orgs_.org_index(a.org);
      std::string holder, holder_name = "（空缺）";
      if (auto h = orgs_.nearest_holders(org, role, as_of_)) {
        holder = orgs_.people()[size_t(h->second.front())].id;
        holder_name = orgs_.people()[size_t(h->second.front())].name;
      }
      int earlier = earlier_lapses(a);
      int form = std::max(policy_.form_for(earlier), a.form);  // never below what the rule recommended
      auto due = add_duration(as_of_, rule ? rule->severity : check::Severity::medium);
      write(a, Status::escalated, "system",
            "逾期未整改（整改期限 " + a.rectify_due + "），问责升级至" + vocabulary().role(role) + " " + holder_name + "；建议" +
                (a.target.empty() ? "" : "对" + name_of(a.target) + "（处理对象）") + policy_.form_name(form) +
                (earlier ? "（" + policy_.ladder_look_back.zh() + "内其第 " + std::to_string(earlier + 1) + " 次）" : ""),
            json::array());
      auto up = sql_("UPDATE alerts SET level = level + 1, escalated_to = ?, form = ?, rectify_due = ? WHERE id = ?");
      if (holder.empty())
        up->bind(1);
      else
        up->bind(1, holder);
      up->bind(2, form);
      up->bind(3, due);
      up->bind(4, a.id);
      up->exec();
      ++sum_.escalated;
    }
  }

  // Every obligation the run could not judge, with its rule, subject, record and reason.
  void faults(const std::map<std::string, eval::RuleStats>& stats) {
    auto q = sql_("INSERT INTO run_faults(run, rule, subject, event, reason) VALUES(?,?,?,?,?)");
    auto row = [&](const std::string& rule, const std::string& subject, const std::string& event, const std::string& reason) {
      q->reset();
      q->bind(1, run_);
      q->bind(2, rule);
      if (subject.empty())
        q->bind(3);
      else
        q->bind(3, subject);
      if (event.empty())
        q->bind(4);
      else
        q->bind(4, event);
      q->bind(5, reason);
      q->exec();
    };
    for (auto& [rule, s] : stats) {
      for (auto& f : s.fault_list) row(rule, f.subject, f.event, f.reason);
      if (s.faults > s.fault_list.size())
        row(rule, "", "", "另有 " + std::to_string(s.faults - s.fault_list.size()) + " 项同类未能判断的事项（未逐条记录）");
    }
  }

  // `read`: how the run read the events (resumed from a checkpoint, or all and why).
  AuditSummary finish(size_t faults, const std::string& read, size_t events_read) {
    sum_.faults = faults;
    auto q = sql_(
        "UPDATE runs SET finished = ?, opened = ?, changed = ?, faults = ?, read = ?, events_read = ? "
        "WHERE id = ?");
    q->bind(1, now_utc());
    q->bind(2, int64_t(sum_.opened));
    q->bind(3, int64_t(sum_.entries));
    q->bind(4, int64_t(faults));
    q->bind(5, read);
    q->bind(6, int64_t(events_read));
    q->bind(7, run_);
    q->exec();
    return sum_;
  }

 private:
  std::string add_duration(Date d, check::Severity s) {
    auto it = policy_.rectify_within.find(s);
    return eval::add_duration(d, it->second, cal_).str();
  }

  void write(Alert& a, Status to, const std::string& actor, const std::string& reason, json evidence) {
    Entry e{a.id, at_, a.status, to, actor, reason, std::move(evidence), run_};
    trail_.append(e);
    a.status = to;
    if (auto it = by_id_.find(a.id); it != by_id_.end()) it->second->open = is_open(to);
    ++sum_.entries;
  }

  void set(const std::string& id, const char* column, const std::string& value) {
    auto q = sql_(std::string("UPDATE alerts SET ") + column + " = ?, last_run = ? WHERE id = ?");
    q->bind(1, value);
    q->bind(2, run_);
    q->bind(3, id);
    q->exec();
  }

  // `where` is this file's own text; the one value it compares with (`?`) is bound.
  std::vector<Alert> alerts_where(const std::string& where, const std::string& value = "") {
    std::vector<Alert> out;
    auto q = sql_(
        "SELECT id, key, rule, outcome, subject_type, subject_id, coalesce(org,''), coalesce(owner_role,''), "
        "coalesce(owner_then,''), coalesce(owner_now,''), lapse_date, coalesce(rectify_due,''), "
        "coalesce(closed_on,''), coalesce(target,''), status, level, coalesce(form, 0) FROM alerts WHERE " +
        where + " ORDER BY id");
    if (!value.empty()) q->bind(1, value);
    while (q->executeStep()) {
      Alert a;
      int c = 0;
      for (std::string* f : {&a.id, &a.key, &a.rule, &a.outcome, &a.subject_type, &a.subject_id, &a.org, &a.owner_role, &a.owner_then,
                             &a.owner_now, &a.lapse_date, &a.rectify_due, &a.closed_on, &a.target})
        *f = q->getColumn(c++).getString();
      a.status = *status_from(q->getColumn(c++).getString());
      a.level = q->getColumn(c++).getInt();
      a.form = q->getColumn(c++).getInt();
      out.push_back(std::move(a));
    }
    return out;
  }

  std::optional<Alert> by_id(const std::string& id) {
    auto v = alerts_where("id = ?", id);
    return v.empty() ? std::nullopt : std::optional<Alert>(std::move(v[0]));
  }

  bool seen_event(const std::string& alert, const std::string& event) {
    auto q = sql_("SELECT 1 FROM trail, json_each(trail.evidence) j WHERE trail.alert = ? AND j.value = ? LIMIT 1");
    q->bind(1, alert);
    q->bind(2, event);
    return q->executeStep();
  }

  // A closed alert of the same rule and subject, closed within the reopen window.
  std::optional<Alert> recurrence(const eval::Finding& f) {
    std::string since = eval::sub_duration(as_of_, policy_.reopen_within, cal_).str();
    auto q = sql_(
        "SELECT id FROM alerts WHERE rule = ? AND subject_type = ? AND subject_id = ? AND status = 'closed' "
        "AND closed_on >= ? ORDER BY closed_on DESC LIMIT 1");
    q->bind(1, f.rule->id);
    q->bind(2, f.subject_type);
    q->bind(3, f.subject_id);
    q->bind(4, since);
    if (!q->executeStep()) return std::nullopt;
    return by_id(q->getColumn(0).getString());
  }

  // The owner: who held the rule's owner role over the subject's unit on the day given.
  std::string owner_on(const eval::Finding& f, Date d) {
    if (f.rule->owner.empty() || f.org < 0) return "";
    auto h = orgs_.nearest_holders(f.org, f.rule->owner, d);
    return h ? orgs_.people()[size_t(h->second.front())].id : "";
  }

  std::string name_of(const std::string& person) {
    int i = orgs_.person_index(person);
    return i < 0 ? person : orgs_.people()[size_t(i)].name;
  }

  json explanation(const eval::Finding& f) {
    return {{"rules_hash", rules_.hash}, {"rule", f.rule->id},     {"basis", f.rule->basis}, {"outcome", check::name(f.outcome)},
            {"message", f.message},      {"evidence", f.evidence}, {"numbers", f.numbers},   {"as_of", at_}};
  }

  void open(const eval::Finding& f, const std::string& key) {
    std::string id = "A-" + sha256_hex(key).substr(0, 10);
    std::string then = owner_on(f, f.date <= as_of_ ? f.date : as_of_), now = owner_on(f, as_of_);
    auto q = sql_(
        "INSERT INTO alerts(id, key, rule, outcome, subject_type, subject_id, org, period, severity, title, "
        "message, status, owner_role, owner_then, owner_now, level, lapse_date, rectify_due, explanation, "
        "first_run, last_run, due, provisional, target) VALUES(?,?,?,?,?,?,?,?,?,?,?,'',?,?,?,0,?,?,?,?,?,?,?,?)");
    int c = 1;
    q->bind(c++, id);
    q->bind(c++, key);
    q->bind(c++, f.rule->id);
    q->bind(c++, check::name(f.outcome));
    q->bind(c++, f.subject_type);
    q->bind(c++, f.subject_id);
    if (f.org >= 0)
      q->bind(c++, orgs_.orgs()[size_t(f.org)].id);
    else
      q->bind(c++);
    if (f.period.empty())
      q->bind(c++);
    else
      q->bind(c++, f.period);
    q->bind(c++, check::severity_name(f.rule->severity));
    q->bind(c++, f.rule->title);
    q->bind(c++, f.message);
    if (f.rule->owner.empty())
      q->bind(c++);
    else
      q->bind(c++, f.rule->owner);
    if (then.empty())
      q->bind(c++);
    else
      q->bind(c++, then);
    if (now.empty())
      q->bind(c++);
    else
      q->bind(c++, now);
    q->bind(c++, f.date.str());
    q->bind(c++, add_duration(as_of_, f.rule->severity));
    q->bind(c++, explanation(f).dump());
    q->bind(c++, run_);
    q->bind(c++, run_);
    auto [due, provisional] = dates_of(f);
    if (due.empty())
      q->bind(c++);
    else
      q->bind(c++, due);
    if (provisional.empty())
      q->bind(c++);
    else
      q->bind(c++, provisional);
    std::string target = target_of(f, then);
    if (target.empty())
      q->bind(c++);
    else
      q->bind(c++, target);
    q->exec();  // with no status yet: the first trail entry gives it one
    Known& known = known_.emplace_back();
    known.id = id;
    known.rule = f.rule;
    known.outcome = f.outcome;
    known.dates = {due, provisional};
    known.org = f.org;
    known.owner_role = f.rule->owner;
    known.owner_now = now;
    by_id_.emplace(known.id, &known);
    if (f.numbers.contains("recommend_form")) {  // an escalation rule recommends a form itself
      auto fm = sql_("UPDATE alerts SET form = ? WHERE id = ?");
      fm->bind(1, f.numbers["recommend_form"].get<int>());
      fm->bind(2, id);
      fm->exec();
    }
    record_key(known, key);
    Alert a;
    a.id = id;
    a.status = Status::assigned;
    Entry e{id,
            at_,
            std::nullopt,
            Status::assigned,
            "system",
            "明责：" + f.message + provisional_mark(f) +
                (then.empty() ? "" : "；责任人 " + name_of(then) + "（" + vocabulary().role(f.rule->owner) + "）") + "；整改期限 " +
                add_duration(as_of_, f.rule->severity) + rectify_mark(f.rule->severity),
            json(f.evidence),
            run_};
    trail_.append(e);
    known.open = true;
    ++sum_.opened;
    ++sum_.entries;
    // A lapse already remedied when first seen (answered late): on record, nothing to do.
    if (f.outcome == check::Outcome::late) close_by_records(a, "已逾期完成（" + f.message + "），问题记录在案", json(f.evidence));
  }

  // The due date and provisional years a finding's alert keeps: ("2027-01-11", "[2027]").
  static std::pair<std::string, std::string> dates_of(const eval::Finding& f) {
    return {f.due ? f.due->str() : "", f.provisional.empty() ? "" : json(f.provisional).dump()};
  }

  static std::string provisional_mark(const eval::Finding& f) {
    if (f.provisional.empty()) return "";
    return "（" + (f.due ? "期限 " + f.due->str() + " " : "") + provisional_note(f.provisional) + "）";
  }

  // The rectification due date, counted from today, over a provisional year?
  std::string rectify_mark(check::Severity s) {
    auto it = policy_.rectify_within.find(s);
    if (it->second.unit != load::DurationUnit::workdays) return "";
    auto years = cal_.provisional_between(as_of_, eval::add_duration(as_of_, it->second, cal_));
    return years.empty() ? "" : "（" + provisional_note(years) + "）";
  }

  // The calendar a due date was counted on changed (an official notice replaced a
  // provisional year): the trail says so, old → new, without changing the alert's state.
  void due_changed(Alert& a, Known& k, const eval::Finding& f) {
    auto [old_due, old_prov] = k.dates;
    auto [due, provisional] = dates_of(f);
    std::string why;
    if (old_due != due)
      why = "期限变更：" + (old_due.empty() ? "（无）" : old_due) + " → " + (due.empty() ? "（无）" : due);
    else
      why = "期限 " + due + " 不变";
    why += provisional.empty() ? "，已按国务院办公厅正式公布的节假日安排重新计算" : "，" + provisional_note(f.provisional);
    if (!old_prov.empty() && provisional.empty()) why += "（原按暂定日历计算）";
    write(a, a.status, "system", why, json(f.evidence));
    auto up = sql_("UPDATE alerts SET due = ?, provisional = ?, message = ?, explanation = ?, last_run = ? WHERE id = ?");
    if (due.empty())
      up->bind(1);
    else
      up->bind(1, due);
    if (provisional.empty())
      up->bind(2);
    else
      up->bind(2, provisional);
    up->bind(3, f.message);
    up->bind(4, explanation(f).dump());
    up->bind(5, run_);
    up->bind(6, a.id);
    up->exec();
    k.dates = {due, provisional};
    ++sum_.redated;
  }

  // The person to be dealt with (处理对象): whose conduct a person rule judges, else who
  // answered for the unit at the lapse.
  std::string target_of(const eval::Finding& f, const std::string& owner_then) const {
    if (f.subject_type == "person" && !f.subject_id.empty()) return f.subject_id;
    return owner_then;
  }

  void existing(Alert& a, const eval::Finding& f) {
    if (a.outcome != check::name(f.outcome)) {
      set(a.id, "outcome", check::name(f.outcome));
      // overdue → late: the answer came after all, late.
      if (f.outcome == check::Outcome::late && is_open(a.status))
        settle_by_records(a, "已逾期完成，问题记录在案（" + f.message, json(f.evidence));
    }
  }

  void reopen(Alert& a, const eval::Finding& f, const std::string& key) {
    Known& known = *by_id_.at(a.id);
    record_key(known, key);
    known.outcome = f.outcome;
    write(a, Status::reopened, "system", "整改后问题复发（" + f.message + "），重新交办：真改、实改、彻改", json(f.evidence));
    // The alert now stands for the recurrence: its period, message, owner at the new lapse.
    std::string then = owner_on(f, f.date <= as_of_ ? f.date : as_of_), now = owner_on(f, as_of_);
    auto up = sql_(
        "UPDATE alerts SET rectify_due = ?, lapse_date = ?, outcome = ?, level = 0, closed_on = NULL, "
        "last_run = ?, period = ?, message = ?, owner_then = ?, owner_now = ?, escalated_to = NULL, "
        "explanation = ?, due = ?, provisional = ?, target = ? WHERE id = ?");
    int c = 1;
    up->bind(c++, add_duration(as_of_, f.rule->severity));
    up->bind(c++, f.date.str());
    up->bind(c++, check::name(f.outcome));
    up->bind(c++, run_);
    if (f.period.empty())
      up->bind(c++);
    else
      up->bind(c++, f.period);
    up->bind(c++, f.message);
    if (then.empty())
      up->bind(c++);
    else
      up->bind(c++, then);
    if (now.empty())
      up->bind(c++);
    else
      up->bind(c++, now);
    up->bind(c++, explanation(f).dump());
    auto [due, provisional] = dates_of(f);
    if (due.empty())
      up->bind(c++);
    else
      up->bind(c++, due);
    if (provisional.empty())
      up->bind(c++);
    else
      up->bind(c++, provisional);
    std::string target = target_of(f, then);
    if (target.empty())
      up->bind(c++);
    else
      up->bind(c++, target);
    up->bind(c++, a.id);
    up->exec();
    known.dates = {due, provisional};
    known.owner_now = now;
    ++sum_.reopened;
  }

  void close_by_records(Alert& a, const std::string& why, json evidence) {
    if (a.status != Status::rectified) write(a, Status::rectified, "system", why, evidence);
    write(a, Status::verified, "system", "经核对记录验收（" + at_ + "）", json::array());
    write(a, Status::closed, "system", "对账销号", json::array());
    set(a.id, "closed_on", at_);
    ++sum_.closed;
  }

  // Earlier lapses of the same responsible person within the ladder's look-back: their other
  // alerts (a waived one was no lapse), and this alert's own recurrences (reopenings).
  int earlier_lapses(const Alert& a) {
    if (a.target.empty()) return 0;
    std::string since = eval::sub_duration(*Date::parse(a.lapse_date), policy_.ladder_look_back, cal_).str();
    auto q = sql_(
        "SELECT count(*) FROM alerts WHERE target = ? AND id != ? AND status != 'waived' "
        "AND lapse_date >= ? AND lapse_date < ?");
    q->bind(1, a.target);
    q->bind(2, a.id);
    q->bind(3, since);
    q->bind(4, a.lapse_date);
    q->executeStep();
    int n = q->getColumn(0).getInt();
    auto r = sql_("SELECT count(*) FROM trail WHERE alert = ? AND to_state = 'reopened' AND at >= ?");
    r->bind(1, a.id);
    r->bind(2, since);
    r->executeStep();
    return n + r->getColumn(0).getInt();
  }

  SQLite::Database& db_;
  Statements sql_;  // prepared once: most run once per alert the night changes
  TrailWriter trail_;
  const check::RuleSet& rules_;
  const org::OrgGraph& orgs_;
  const Calendar& cal_;
  const Policy& policy_;
  Date as_of_;
  std::string at_;
  int64_t run_ = 0;
  // What the ledger holds of each alert, read once (load_known) and kept up to date.
  struct Known {
    std::string id;
    const check::Rule* rule = nullptr;  // null: a rule no longer in the set
    std::optional<check::Outcome> outcome;
    std::pair<std::string, std::string> dates;  // due, provisional
    int org = -1;                               // in the org graph; -1 none, or no longer known
    std::string owner_role, owner_now;
    bool open = false;
    const std::string* latest = nullptr;  // its latest key (a reopened alert: the recurrence's)
    bool latest_seen = false;             // whether this run's findings hold that key
  };
  void add_key(Known& k, std::string key) {
    k.latest = &keys_.emplace_back(std::move(key));
    k.latest_seen = false;
    alert_of_[*k.latest] = &k;
  }
  // A key this run's findings hold, now the alert's latest: in the store and in memory.
  void record_key(Known& k, const std::string& key) {
    auto q = sql_("INSERT INTO alert_keys(key, alert) VALUES(?, ?)");
    q->bind(1, key);
    q->bind(2, k.id);
    q->exec();
    add_key(k, key);
    k.latest_seen = true;
  }
  // Deques: the maps' views and pointers stay valid as alerts and keys are added.
  std::deque<Known> known_;
  std::deque<std::string> keys_;
  std::unordered_map<std::string_view, Known*> by_id_;     // alert → what is known of it
  std::unordered_map<std::string_view, Known*> alert_of_;  // key → its alert
  AuditSummary sum_;
};

}  // namespace

AuditSummary audit(Store& store, const check::RuleSet& rules, const compile::Plan& plan, const org::OrgGraph& orgs,
                   const Calendar& calendar, const Policy& policy, Date as_of, const AuditOptions& opts) {
  auto& db = store.db();
  std::vector<std::pair<std::string, double>> timings;
  auto clock = std::chrono::steady_clock::now();
  auto lap = [&](const char* stage) {
    auto now = std::chrono::steady_clock::now();
    timings.emplace_back(stage, std::chrono::duration<double>(now - clock).count());
    clock = now;
  };
  // The last committed run, checked again inside the write transaction: whatever path (a
  // symlink, a hard link) another audit came by, one that committed meanwhile is found.
  auto last_run = [&] {
    SQLite::Statement last(db, "SELECT coalesce(max(id), 0), max(as_of) FROM runs");
    last.executeStep();
    std::pair<int64_t, std::string> r{last.getColumn(0).getInt64(), last.getColumn(1).isNull() ? "" : last.getColumn(1).getString()};
    if (r.second > as_of.str())
      throw Error("the last audit was as of " + r.second + "; an audit as of " + as_of.str() +
                  " would go back in time (use jiandu check to look at an earlier date)");
    return r.first;
  };
  int64_t run_before = last_run();
  // A trail that does not verify is said so: in the run row, and by the audit's exit.
  std::string chain_broken;
  if (auto c = verify_chain(db); c.first_bad)
    chain_broken = "entry " + std::to_string(*c.first_bad) + " (alert " + c.alert + "): " + c.why;
  else if (auto an = check_anchor(store); an.problem)
    chain_broken = "anchor: " + *an.problem;
  lap("trail verified");
  auto from = plan_resume(store, rules, calendar, orgs, as_of, opts.full);
  lap("checkpoint looked up");
  eval::RunOptions ro{as_of, std::nullopt};
  ro.save = true;
  ro.threads = opts.threads;
  auto result = run_resumed(store, plan, orgs, calendar, ro, from);
  double staged = 0;
  for (auto& [stage, secs] : result.timings) {
    timings.emplace_back("evaluation: " + stage, secs);
    staged += secs;
  }
  lap("evaluation: the rest");  // setting up and tearing down the operators, sorting
  timings.back().second -= staged;
  size_t faults = 0;
  for (auto& [id, s] : result.stats) faults += s.faults;
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (last_run() != run_before)
    throw Error(
        "another audit of this store committed while this one ran (the same store by another path?); nothing "
        "was written: run it again");
  Auditor a(store, rules, orgs, calendar, policy, as_of);
  a.begin_run(result, chain_broken);
  a.faults(result.stats);
  lap("ledger: run recorded");
  a.findings(result.findings);
  if (opts.after_findings) opts.after_findings();
  lap("ledger: findings matched to alerts");
  a.met_after_all();
  lap("ledger: open alerts the records now meet");
  a.events();
  lap("ledger: rectification events");
  a.refresh_owners();
  lap("ledger: owners");
  a.close_verified();
  a.escalate();
  auto sum = a.finish(faults, from.resumed ? "resumed from the audit as of " + from.saved->as_of : "all: " + from.why, result.new_events);
  lap("ledger: verified, escalated, summed");
  static const std::vector<std::string> none;
  save_checkpoint(db, sum.run, as_of, result, from.max_seq, from.fingerprint, from.resumed ? from.saved->findings : none);
  lap("checkpoint written");
  sum.stats = result.stats;
  sum.resumed = from.resumed;
  if (from.resumed) sum.resumed_from = from.saved->as_of;
  sum.full_because = from.why;
  sum.events_read = result.new_events;
  tx.commit();
  lap("commit");
  anchor_head(store);  // after the commit: the anchor never holds what the store does not
  sum.timings = std::move(timings);
  return sum;
}

void record_failed_audit(Store& store, const std::string& as_of, const std::string& reason) {
  try {
    SQLite::Transaction tx(store.db());
    SQLite::Statement q(store.db(),
                        "INSERT INTO failed_runs(at, as_of, reason, after_run) "
                        "VALUES(?, ?, ?, (SELECT coalesce(max(id), 0) FROM runs))");
    q.bind(1, now_utc());
    q.bind(2, as_of);
    q.bind(3, reason.substr(0, 4000));
    q.exec();
    tx.commit();
  } catch (const std::exception&) {
  }
}

}  // namespace jiandu::ledger
