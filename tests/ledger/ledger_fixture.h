#pragma once
// A small store of the test's own for the alert ledger: one organ with its 党组, 机关党委 and
// two branches, the test's rules (calendars copied from rules/calendars, the policy from
// rules/policy unless the test writes its own), and helpers to audit, act and read back.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <SQLiteCpp/Statement.h>

#include "base/timestamp.h"
#include "check/checker.h"
#include "compile/plan.h"
#include "ledger/actions.h"
#include "ledger/audit.h"
#include "ledger/policy.h"
#include "org/org_graph.h"
#include "store/import.h"
#include "support/city.h"
#include "support/dump.h"
#include "support/temp_dir.h"

namespace jiandu::test {

// 江州市委 → 市测试局 → 党组 / 机关党委 → two branches.
inline const char* kLedgerOrgs =
    "id,parent,kind,name\n"
    "city,,city_committee,中共江州市委员会\n"
    "o1,city,organ,江州市测试局\n"
    "o1.pg,o1,leadership_group,中共江州市测试局党组\n"
    "o1.opc,o1,organ_party_committee,中共江州市测试局机关委员会\n"
    "o1.b1,o1.opc,party_branch,办公室党支部\n"
    "o1.b2,o1.opc,party_branch,综合处党支部\n"
    "o1.odc,o1.opc,organ_discipline_committee,中共江州市测试局机关纪律检查委员会\n";

inline const char* kLedgerPeople =
    "id,name,org\n"
    "p1,张一,o1.b1\n"    // b1 secretary
    "p2,王二,o1.opc\n"   // 机关党委 secretary
    "p3,李三,o1.pg\n"    // 党组 secretary
    "p4,赵四,o1.b1\n"    // a member who receives letters of inquiry
    "p5,孙五,o1.b1\n"    // b1 secretary after a handover (when a test has one)
    "p6,周六,o1.b2\n"    // b2 secretary
    "p7,吴七,o1.b2\n"    // a member of b2
    "p8,郑八,o1.odc\n";  // 机关纪委 secretary: verifies and waives

inline const char* kLedgerRoles =
    "person,org,role,from,to\n"
    "p1,o1.b1,branch_secretary,2024-01-01,\n"
    "p2,o1.opc,organ_committee_secretary,2024-01-01,\n"
    "p3,o1.pg,party_group_secretary,2024-01-01,\n"
    "p6,o1.b2,branch_secretary,2024-01-01,\n"
    "p8,o1.odc,discipline_secretary,2024-01-01,\n";

// A letter of inquiry answered within 5 workdays (deadline; high: 5 workdays to rectify).
inline const char* kReplyRule = R"(rules:
  - id: t.reply
    title: 函询应在5个工作日内回复
    basis: 测试依据第一条
    severity: high
    effective: {from: 2025-01-01}
    owner: branch_secretary
    kind: deadline
    on: event.type == "inquiry.letter"
    expect: event.type == "inquiry.reply"
    correlate: [ref, person]
    subject: person
    within: 5 workdays
    message: "{person.name} 于 {trigger.date} 收到函询（{trigger.ref}），应于 {due} 前回复"
)";

// A branch committee meeting every month (periodic; medium: 10 workdays to rectify).
inline const char* kMonthlyRule = R"(rules:
  - id: t.monthly
    title: 支部委员会会议每月至少一次
    basis: 测试依据第二条
    severity: medium
    effective: {from: 2026-01-01}
    owner: branch_secretary
    kind: periodic
    scope: org.kind == "party_branch"
    every: month
    expect: event.type == "meeting.branch_committee"
    at_least: 1
    due: 5 workdays
    message: "{org.name} {period.label} 未召开支部委员会会议"
)";

struct LedgerOptions {
  std::string orgs = kLedgerOrgs, people = kLedgerPeople, roles = kLedgerRoles;
  std::string accountability, four_forms;  // empty: copied from rules/policy
};

// One CSV line of an event: id,ts,type,org,person,ref,attrs.
inline std::string event(const std::string& id, const std::string& ts, const std::string& type, const std::string& org,
                         const std::string& person = "", const std::string& ref = "") {
  return id + "," + ts + "," + type + "," + org + "," + person + "," + ref + ",\n";
}

// A branch committee meeting on the 15th of each month given.
inline std::string meetings(const std::string& org, int year, std::vector<int> months) {
  std::string s;
  for (int m : months) {
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-15", year, m);
    s += event("m-" + org + "-" + date, std::string(date) + "T09:00", "meeting.branch_committee", org);
  }
  return s;
}

class LedgerStore {
 public:
  explicit LedgerStore(const std::string& rule_yaml, LedgerOptions o = {}) {
    namespace fs = std::filesystem;
    store_ = Store::create(dir.path("ledger.db"));
    dir.write("rules/test.yaml", rule_yaml);
    fs::create_directories(dir.path("rules/calendars"));
    fs::create_directories(dir.path("rules/policy"));
    for (auto& e : fs::directory_iterator(source_path("rules/calendars")))
      fs::copy_file(e.path(), fs::path(dir.path("rules/calendars")) / e.path().filename());
    for (auto name : {"accountability.yaml", "four_forms.yaml"}) {
      const std::string& text = std::string(name) == "accountability.yaml" ? o.accountability : o.four_forms;
      if (text.empty())
        fs::copy_file(source_path(std::string("rules/policy/") + name), dir.path(std::string("rules/policy/") + name));
      else
        dir.write(std::string("rules/policy/") + name, text);
    }
    import({dir.write("orgs.csv", o.orgs), dir.write("people.csv", o.people), dir.write("roles.csv", o.roles)});

    auto paths = check::discover({dir.path("rules")});
    std::vector<SourcePtr> sources;
    for (auto& f : paths.rules) sources.push_back(Source::read_file(f));
    Diagnostics diags;
    rules = check::check_rules(sources, store_->catalog(), {*Date::parse("2026-11-20")}, diags);
    INFO(render_all(diags));
    REQUIRE_FALSE(diags.has_errors());
    calendar = Calendar::from_files(paths.calendars);
    policy = ledger::load_policy(paths.policies);
    plan = compile::compile(*rules, store_->catalog(), diags);
    REQUIRE_FALSE(diags.has_errors());
  }

  Store& store() { return *store_; }
  SQLite::Database& db() { return store_->db(); }
  std::string path() const { return dir.path("ledger.db"); }
  // Closes the store (before a fork) and opens it again.
  void close() { store_.reset(); }
  void reopen() { store_ = Store::open(path()); }

  void import(const std::vector<std::string>& files) {
    auto r = import_files(*store_, files);
    for (auto& x : r.rejections) FAIL_CHECK(x.file << ":" << x.line << ": " << x.reason);
    REQUIRE(r.rejections.empty());
  }
  // Imports event lines (without the header).
  void events(const std::string& lines) {
    import({dir.write("events-" + std::to_string(++files_) + ".csv", "id,ts,type,org,person,ref,attrs\n" + lines)});
  }
  void roles(const std::string& csv) { import({dir.write("roles-" + std::to_string(++files_) + ".csv", csv)}); }

  bool full = false;  // audits read every event (no resuming from the checkpoint)
  ledger::AuditSummary audit(const std::string& as_of, const std::function<void()>& after_findings = {}) {
    auto orgs = org::OrgGraph::load(*store_);
    return ledger::audit(*store_, *rules, plan, orgs, calendar, policy, *Date::parse(as_of), {full, after_findings});
  }
  // One audit a day, both ends included.
  void audit_days(const std::string& from, const std::string& to) {
    for (Date d = *Date::parse(from); d <= *Date::parse(to); d = d.add_days(1)) audit(d.str());
  }

  // An action through the built-in authority policy, today. A rectification reported with no
  // evidence given attaches a small report file, as a user would.
  ledger::Status act(const std::string& alert, ledger::Act a, const std::string& by = "p1", const std::string& note = "",
                     const std::vector<std::string>& evidence = {}) {
    ledger::ActionRequest r{alert, a, by, note, evidence, {}, {}};
    if (a == ledger::Act::resolve && evidence.empty()) r.files = {dir.write("整改报告.txt", "整改情况：" + note)};
    if (r.note.empty() && a == ledger::Act::resolve) r.note = "已整改";
    auto orgs = org::OrgGraph::load(*store_);
    return ledger::act(*store_, orgs, authority, r, today()).to;
  }
  static Date today() {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    return Timestamp{now, 8 * 3600}.local_date();
  }

  // The one alert of `rule` about `subject` (and `period`, when given).
  std::string alert(const std::string& rule, const std::string& subject, const std::string& period = "") {
    SQLite::Statement q(db(), "SELECT id FROM alerts WHERE rule = ? AND subject_id = ? AND (? = '' OR period = ?) ORDER BY id");
    q.bind(1, rule);
    q.bind(2, subject);
    q.bind(3, period);
    q.bind(4, period);
    std::vector<std::string> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
    INFO("alerts of " << rule << " about " << subject << " " << period);
    REQUIRE(ids.size() == 1);
    return ids[0];
  }
  // The alert whose key ends in `|ref|person` (a deadline alert of one letter).
  std::string letter(const std::string& ref, const std::string& person) {
    SQLite::Statement q(db(), "SELECT alert FROM alert_keys WHERE key LIKE ?");
    q.bind(1, "%" + ref + "%" + person + "%");
    std::vector<std::string> ids;
    while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
    INFO("alerts of letter " << ref << " to " << person);
    REQUIRE(ids.size() == 1);
    return ids[0];
  }

  // One column of an alert, "NULL" for null.
  std::string col(const std::string& alert, const std::string& column) {
    SQLite::Statement q(db(), "SELECT " + column + " FROM alerts WHERE id = ?");
    q.bind(1, alert);
    REQUIRE(q.executeStep());
    return q.getColumn(0).isNull() ? "NULL" : q.getColumn(0).getString();
  }
  std::string status(const std::string& alert) { return col(alert, "status"); }

  // The alert's trail as "from>to" steps joined by spaces ("(new)>assigned assigned>in_progress …").
  std::string steps(const std::string& alert) {
    SQLite::Statement q(db(), "SELECT coalesce(from_state, '(new)') || '>' || to_state FROM trail WHERE alert = ? ORDER BY id");
    q.bind(1, alert);
    std::string s;
    while (q.executeStep()) s += (s.empty() ? "" : " ") + q.getColumn(0).getString();
    return s;
  }
  // One field of the alert's n-th trail entry (0-based; negative from the end).
  std::string entry(const std::string& alert, int n, const std::string& field) {
    SQLite::Statement q(db(), "SELECT " + field + " FROM trail WHERE alert = ? ORDER BY id");
    q.bind(1, alert);
    std::vector<std::string> v;
    while (q.executeStep()) v.push_back(q.getColumn(0).isNull() ? "NULL" : q.getColumn(0).getString());
    int i = n < 0 ? int(v.size()) + n : n;
    REQUIRE(i >= 0);
    REQUIRE(i < int(v.size()));
    return v[size_t(i)];
  }

  int64_t count(const std::string& table, const std::string& where = "1") {
    return db().execAndGet("SELECT count(*) FROM " + table + " WHERE " + where).getInt64();
  }

  // Every row of a table, every column, in primary-key order.
  std::string dump(const std::string& table) { return test::dump(db(), table); }

  TempDir dir;
  std::shared_ptr<check::RuleSet> rules;
  compile::Plan plan;
  Calendar calendar;
  ledger::Policy policy;
  ledger::Authority authority = ledger::Authority::builtin();

 private:
  std::unique_ptr<Store> store_;
  int files_ = 0;
};

}  // namespace jiandu::test
