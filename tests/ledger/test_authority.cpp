// Who may act on an alert: every action × every relation of the actor to the alert, allowed
// or refused by rules/policy/authority.yaml and the separation of duties — and a refused
// action changes nothing in the store.
#include <catch2/catch.hpp>

#include "ledger/authority.h"
#include "ledger_fixture.h"
#include "support/cli.h"

using namespace jiandu;
using ledger::Act;

namespace {

// 市委 → 机关工委 → two organs; the first with its 党组, 机关党委, 机关纪委 and two branches.
const char* kOrgs =
    "id,parent,kind,name\n"
    "city,,city_committee,中共江州市委员会\n"
    "gwc,city,work_committee,中共江州市直属机关工作委员会\n"
    "o1,gwc,organ,江州市测试局\n"
    "o1.pg,o1,leadership_group,中共江州市测试局党组\n"
    "o1.opc,o1,organ_party_committee,中共江州市测试局机关委员会\n"
    "o1.odc,o1.opc,organ_discipline_committee,中共江州市测试局机关纪律检查委员会\n"
    "o1.b1,o1.opc,party_branch,办公室党支部\n"
    "o1.b2,o1.opc,party_branch,综合处党支部\n"
    "o2,gwc,organ,江州市另一局\n"
    "o2.opc,o2,organ_party_committee,中共江州市另一局机关委员会\n"
    "o2.odc,o2.opc,organ_discipline_committee,中共江州市另一局机关纪律检查委员会\n";

const char* kPeople =
    "id,name,org\n"
    "p1,张一,o1.b1\n"      // the owner: b1's secretary
    "p2,王二,o1.opc\n"     // 机关党委书记
    "p3,李三,o1.pg\n"      // 党组书记
    "p4,赵四,o1.b1\n"      // the person the letters are about
    "p6,周六,o1.b2\n"      // b2's secretary
    "p8,郑八,o1.odc\n"     // 机关纪委书记
    "p9,钱九,o1.b1\n"      // another member of the owner's unit
    "p10,冯十,o2.odc\n"    // the other organ's 机关纪委书记
    "p11,陈十一,o1.b2\n"   // no role
    "p12,褚十二,o1.odc\n"  // 机关纪委书记 until 2025-06-30
    "p13,卫十三,gwc\n";    // 机关工委书记

const char* kRoles =
    "person,org,role,from,to\n"
    "p1,o1.b1,branch_secretary,2024-01-01,\n"
    "p2,o1.opc,organ_committee_secretary,2024-01-01,\n"
    "p3,o1.pg,party_group_secretary,2024-01-01,\n"
    "p6,o1.b2,branch_secretary,2024-01-01,\n"
    "p8,o1.odc,discipline_secretary,2025-07-01,\n"
    "p9,o1.b1,member,2024-01-01,\n"
    "p10,o2.odc,discipline_secretary,2024-01-01,\n"
    "p12,o1.odc,discipline_secretary,2024-01-01,2025-06-30\n"
    "p13,gwc,work_committee_secretary,2024-01-01,\n";

struct Matrix : test::LedgerStore {
  Matrix() : LedgerStore(test::kReplyRule, {kOrgs, kPeople, kRoles, "", ""}) {
    std::string lines;
    for (int i = 1; i <= 80; ++i)
      lines += test::event("L" + std::to_string(i), "2026-11-02T10:00", "inquiry.letter", "o1.b1", "p4", "hx" + std::to_string(i));
    events(lines);
    audit("2026-11-10");  // 80 overdue letters to p4, each an alert owned by p1
    REQUIRE(count("alerts") == 80);
  }
  std::string next() { return letter("hx" + std::to_string(++used_) + "|", "p4"); }
  // Everything a refused action must leave as it was.
  std::string state() { return dump("alerts") + dump("trail") + dump("evidence_files"); }

 private:
  int used_ = 0;
};

struct Case {
  Act act;
  const char* who;
  const char* relation;
  bool allowed;
};

// Every action × every relation: the owner; another member of the owner's unit; the person
// the alert is about; the organ's discipline secretary; another organ's; the work committee;
// no role; a role that ended before the action; the 机关党委 and 党组 secretaries.
const std::vector<Case> kCases = {
    {Act::ack, "p1", "owner", true},
    {Act::ack, "p9", "member of the unit", false},
    {Act::ack, "p4", "subject", false},
    {Act::ack, "p8", "discipline secretary", false},
    {Act::ack, "p10", "other organ's discipline", false},
    {Act::ack, "p13", "work committee", false},
    {Act::ack, "p11", "no role", false},
    {Act::ack, "p12", "ended role", false},
    {Act::ack, "p2", "organ committee secretary", true},
    {Act::ack, "p3", "party group secretary", true},

    {Act::resolve, "p1", "owner", true},
    {Act::resolve, "p9", "member of the unit", false},
    {Act::resolve, "p4", "subject", false},
    {Act::resolve, "p8", "discipline secretary", false},
    {Act::resolve, "p10", "other organ's discipline", false},
    {Act::resolve, "p13", "work committee", false},
    {Act::resolve, "p11", "no role", false},
    {Act::resolve, "p12", "ended role", false},
    {Act::resolve, "p2", "organ committee secretary", true},
    {Act::resolve, "p3", "party group secretary", true},

    {Act::verify, "p1", "owner", false},
    {Act::verify, "p9", "member of the unit", false},
    {Act::verify, "p4", "subject", false},
    {Act::verify, "p8", "discipline secretary", true},
    {Act::verify, "p10", "other organ's discipline", false},
    {Act::verify, "p13", "work committee", true},
    {Act::verify, "p11", "no role", false},
    {Act::verify, "p12", "ended role", false},
    {Act::verify, "p2", "organ committee secretary", true},
    {Act::verify, "p3", "party group secretary", false},

    {Act::fail, "p1", "owner", false},
    {Act::fail, "p9", "member of the unit", false},
    {Act::fail, "p4", "subject", false},
    {Act::fail, "p8", "discipline secretary", true},
    {Act::fail, "p10", "other organ's discipline", false},
    {Act::fail, "p13", "work committee", true},
    {Act::fail, "p11", "no role", false},
    {Act::fail, "p12", "ended role", false},
    {Act::fail, "p2", "organ committee secretary", true},
    {Act::fail, "p3", "party group secretary", false},

    {Act::waive, "p1", "owner", false},
    {Act::waive, "p9", "member of the unit", false},
    {Act::waive, "p4", "subject", false},
    {Act::waive, "p8", "discipline secretary", true},
    {Act::waive, "p10", "other organ's discipline", false},
    {Act::waive, "p13", "work committee", true},
    {Act::waive, "p11", "no role", false},
    {Act::waive, "p12", "ended role", false},
    {Act::waive, "p2", "organ committee secretary", false},
    {Act::waive, "p3", "party group secretary", false},

    {Act::reopen, "p1", "owner", false},
    {Act::reopen, "p9", "member of the unit", false},
    {Act::reopen, "p4", "subject", false},
    {Act::reopen, "p8", "discipline secretary", true},
    {Act::reopen, "p10", "other organ's discipline", false},
    {Act::reopen, "p13", "work committee", true},
    {Act::reopen, "p11", "no role", false},
    {Act::reopen, "p12", "ended role", false},
    {Act::reopen, "p2", "organ committee secretary", false},
    {Act::reopen, "p3", "party group secretary", false},

    {Act::statement, "p1", "owner", true},
    {Act::statement, "p9", "member of the unit", false},
    {Act::statement, "p4", "subject", true},
    {Act::statement, "p8", "discipline secretary", true},
    {Act::statement, "p10", "other organ's discipline", false},
    {Act::statement, "p13", "work committee", false},
    {Act::statement, "p11", "no role", false},
    {Act::statement, "p12", "ended role", false},
    {Act::statement, "p2", "organ committee secretary", true},
    {Act::statement, "p3", "party group secretary", true},
};

}  // namespace

TEST_CASE("authority: every action by every relation to the alert, allowed or refused with the store unchanged", "[ledger][authority]") {
  REQUIRE(kCases.size() >= 70);
  Matrix s;
  // Alerts brought to the state each allowed action starts from: rectified for a
  // verification, closed for a reopening (verified by the discipline secretary, closed out).
  std::map<size_t, std::string> alert_of;
  for (size_t i = 0; i < kCases.size(); ++i) {
    if (!kCases[i].allowed) continue;
    std::string a = s.next();
    Act act = kCases[i].act;
    if (act == Act::verify || act == Act::fail || act == Act::reopen) s.act(a, Act::resolve, "p1", "已书面回复");
    if (act == Act::reopen) s.act(a, Act::verify, "p8", "核实");
    alert_of[i] = a;
  }
  s.audit("2026-11-11");       // closes the verified ones out
  std::string any = s.next();  // a refusal comes before any question of state
  for (size_t i = 0; i < kCases.size(); ++i) {
    const Case& c = kCases[i];
    INFO(ledger::act_name(c.act) << " by " << c.who << " (" << c.relation << ")");
    if (c.allowed) {
      std::string a = alert_of[i];
      std::string before = s.dump("trail");
      auto to = s.act(a, c.act, c.who, "测试" + std::string(ledger::act_label(c.act)), {"L1"});
      CHECK(s.dump("trail") != before);
      CHECK(s.entry(a, -1, "actor") == c.who);
      if (c.act == Act::statement) CHECK(s.entry(a, -1, "from_state") == s.entry(a, -1, "to_state"));
      (void)to;
    } else {
      std::string before = s.state();
      CHECK_THROWS_AS(s.act(any, c.act, c.who, "测试", {"L1"}), ledger::Refused);
      CHECK(s.state() == before);
    }
  }
}

TEST_CASE("authority: a refusal names the policy line or the duty kept apart, and who could act instead", "[ledger][authority]") {
  Matrix s;
  std::string a = s.next();
  auto refusal = [&](Act act, const char* who) {
    try {
      s.act(a, act, who, "说明");
    } catch (const ledger::Refused& e) {
      return std::string(e.what());
    }
    FAIL("not refused");
    return std::string();
  };
  // The subject of a case waiving it (郭志强's waiver in the example city).
  auto w = refusal(Act::waive, "p4");
  CHECK_THAT(w, Catch::Contains("separation of duties") && Catch::Contains("赵四 is the person this alert is about"));
  CHECK_THAT(w, Catch::Contains("郑八（p8，机关纪委书记）") && Catch::Contains("卫十三（p13，机关工委书记）"));
  CHECK_THAT(w, !Catch::Contains("张一"));  // the owner cannot waive: not offered
  // No role that may: the policy's lines for the action are named.
  auto n = refusal(Act::verify, "p11");
  CHECK_THAT(n, Catch::Contains("authority.yaml:") && Catch::Contains("陈十一 holds no role"));
  CHECK_THAT(n, Catch::Contains("王二（p2，机关党委书记）") && Catch::Contains("郑八"));
  CHECK(std::count(n.begin(), n.end(), '\n') == 0);  // one line
  // A role that ended before the action.
  CHECK_THAT(refusal(Act::verify, "p12"), Catch::Contains("holds no role, as of"));
}

TEST_CASE("authority: whoever reported it rectified cannot verify it; the owner cannot verify or waive", "[ledger][authority]") {
  Matrix s;
  std::string a = s.next();
  s.act(a, Act::resolve, "p2", "机关党委督促整改完成");  // the 机关党委 secretary may resolve …
  std::string before = s.state();
  try {
    s.act(a, Act::verify, "p2", "核实");  // … and may verify others' — but not their own
    FAIL("verified their own rectification");
  } catch (const ledger::Refused& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("whoever reported it rectified cannot verify it") && Catch::Contains("郑八"));
  }
  CHECK(s.state() == before);
  CHECK_THROWS_AS(s.act(a, Act::verify, "p1", "核实"), ledger::Refused);  // the owner
  CHECK(s.act(a, Act::verify, "p8", "核实无误") == ledger::Status::verified);
  // A different letter: the owner acks and resolves, but cannot verify it (the trail would
  // read "self-verified").
  std::string b = s.next();
  s.act(b, Act::ack, "p1", "整改中");
  s.act(b, Act::resolve, "p1", "已回复");
  CHECK_THROWS_WITH(s.act(b, Act::verify, "p1", "核实"), Catch::Contains("separation of duties"));
  CHECK_THROWS_WITH(s.act(b, Act::waive, "p1", "不适用"), Catch::Contains("separation of duties"));
}

TEST_CASE("authority: what an action needs — a rectification's note and evidence, a waiver's or failure's reason", "[ledger][authority]") {
  Matrix s;
  std::string a = s.next();
  auto orgs = org::OrgGraph::load(s.store());
  auto run = [&](ledger::ActionRequest r) { return ledger::act(s.store(), orgs, s.authority, r, test::LedgerStore::today()); };
  std::string before = s.state();
  CHECK_THROWS_WITH(run({a, Act::resolve, "p1", "", {"L1"}, {}, {}}), Catch::Contains("needs a note"));
  CHECK_THROWS_WITH(run({a, Act::resolve, "p1", "已回复", {}, {}, {}}), Catch::Contains("needs evidence"));
  CHECK_THROWS_WITH(run({a, Act::waive, "p8", "", {}, {}, {}}), Catch::Contains("needs its reason"));
  CHECK_THROWS_WITH(run({a, Act::resolve, "p1", "已回复", {}, {s.dir.path("none.pdf")}, {}}), Catch::Contains("no such file"));
  s.authority.evidence_max_bytes = 10;
  CHECK_THROWS_WITH(run({a, Act::resolve, "p1", "已回复", {}, {s.dir.write("big.txt", std::string(11, 'x'))}, {}}),
                    Catch::Contains("over the limit of 10"));
  CHECK(s.state() == before);
  s.authority.evidence_max_bytes = 1 << 20;
  // A file is kept by its SHA-256, named in the hashed entry, and retrievable intact.
  std::string report = s.dir.write("整改报告.txt", "已于11月12日书面回复函询。");
  run({a, Act::resolve, "p1", "已书面回复", {"L1"}, {report}, {}});
  std::string ev = s.entry(a, -1, "evidence");
  CHECK_THAT(ev, Catch::Contains("\"L1\"") && Catch::Contains("\"file\":\"整改报告.txt\"") && Catch::Contains("\"sha256\":\""));
  CHECK(s.count("evidence_files") == 1);
  int rc = 0;
  auto out = test::run_cli("evidence --db " + s.path() + " " + a + " --out " + s.dir.path("out"), rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("file 整改报告.txt") && Catch::Contains("record L1"));
  auto listed = test::run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 0);
  // Altered content in the store is found.
  s.db().exec("UPDATE evidence_files SET content = 'forged'");
  out = test::run_cli("evidence --db " + s.path() + " " + a, rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("ALTERED"));
  test::run_cli("verify --db " + s.path(), rc);
  CHECK(rc == 1);
}

TEST_CASE("authority: the CLI refuses the example's waiver by the subject and a self-verification, in one line", "[ledger][authority]") {
  Matrix s;
  std::string a = s.next();
  int rc = 0;
  auto out = test::run_cli("waive --db " + s.path() + " " + a + " --by p4 --reason 不适用", rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::StartsWith("jiandu: refused by separation of duties"));
  CHECK(std::count(out.begin(), out.end(), '\n') == 1);
  test::run_cli("resolve --db " + s.path() + " " + a + " --by p2 --note 已整改 --evidence L1", rc);
  CHECK(rc == 0);
  out = test::run_cli("verify-alert --db " + s.path() + " " + a + " --by p2 --note 核实", rc);
  CHECK(rc == 1);
  CHECK_THAT(out, Catch::Contains("whoever reported it rectified cannot verify it"));
  out = test::run_cli("verify-alert --db " + s.path() + " " + a + " --by p8 --note 核实", rc);
  CHECK(rc == 0);
  CHECK_THAT(out, Catch::Contains("allowed by authority.yaml:"));
  out = test::run_cli("statement --db " + s.path() + " " + s.next() + " --by p4 --note 已于当日口头答复，书面材料后补", rc);
  CHECK(rc == 0);
}

TEST_CASE("authority: a policy with a waiver at the unit, an unknown role or action is refused with its place", "[ledger][authority]") {
  Diagnostics d;
  ledger::Authority a;
  a.load(std::make_shared<const Source>("authority.yaml",
                                        "actions:\n"
                                        "  waive:\n    - {role: branch_secretary, at: unit, basis: 无}\n"
                                        "  verify:\n    - {role: discipline_secretry, at: discipline, basis: x}\n"
                                        "  approve:\n    - {role: member, at: unit, basis: x}\n"
                                        "  ack:\n    - {role: member, at: unit}\n"),
         d);
  std::string out = render_all(d);
  CHECK_THAT(out, Catch::Contains("authority.yaml:3:") && Catch::Contains("a waiver needs a discipline body above the unit"));
  CHECK_THAT(out, Catch::Contains("unknown role 'discipline_secretry'") && Catch::Contains("did you mean 'discipline_secretary'"));
  CHECK_THAT(out, Catch::Contains("unknown action 'approve'"));
  CHECK_THAT(out, Catch::Contains("each line names its `basis`"));
  CHECK(d.count(Severity::error) == 4);
  // The shipped policy is clean, every line with a basis or a local reason.
  auto shipped = ledger::Authority::builtin();
  CHECK(shipped.lines.size() >= 15);
  for (auto& l : shipped.lines) CHECK_FALSE(l.basis.empty());
}
