#include "gen/city_gen.h"

#include <chrono>

#include <fmt/format.h>
#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "store/bulk_writer.h"

namespace jiandu::gen {
namespace {

// A small, portable generator: the same stream for the same seed on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ull + 1) {}
  uint64_t next() {  // splitmix64
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int below(int n) { return n <= 0 ? 0 : int(next() % uint64_t(n)); }
  bool chance(double p) { return double(next() >> 11) / double(1ull << 53) < p; }

 private:
  uint64_t s_;
};

const char* kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方"
    "白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const char* kGiven = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕晓红文斌立新国华春梅德明";

std::string utf8_char(const char* s, int i) { return std::string(s + i * 3, 3); }  // 3-byte CJK

class Generator {
 public:
  Generator(Store& s, const Calendar& c, const Params& p) : db_(s.db()), store_(s), cal_(c), p_(p), rng_(p.seed) {}

  Summary run(const std::function<void(const std::string&)>& progress) {
    db_.exec("PRAGMA synchronous = OFF");
    SQLite::Transaction tx(db_);
    out_.emplace(store_, fmt::format("gen seed {} units {} people {} years {}", p_.seed, p_.units, p_.people, p_.years));
    structure();
    int first = p_.last_year - p_.years + 1;
    Date end = p_.end.empty() ? Date::from_ymd(p_.last_year, 11, 20) : *Date::parse(p_.end);
    end_ = end;
    for (int y = first; y <= p_.last_year; ++y) {
      year(y);
      if (progress) progress(fmt::format("{}: {} events so far", y, sum_.events));
    }
    out_->finish(sum_.orgs + sum_.people + sum_.roles + sum_.events);
    store_.set_meta("generated", fmt::format(R"({{"seed":{},"units":{},"people":{},"years":{},"lapse_rate":{},"activity":{}}})", p_.seed,
                                             p_.units, p_.people, p_.years, p_.lapse_rate, p_.activity));
    tx.commit();
    db_.exec("PRAGMA synchronous = NORMAL");
    return sum_;
  }

 private:
  struct Organ {
    std::string id;
    std::vector<std::string> branches;
    std::vector<int> people;  // indexes into people_
    int pg_secretary, discipline_secretary;
  };

  void org(const std::string& id, const std::string& parent, const char* kind, const std::string& name) {
    out_->org(id, parent.empty() ? std::nullopt : std::optional<std::string>(parent), kind, name);
    ++sum_.orgs;
  }

  void role(int person, const std::string& org, const char* role, const std::string& from, const std::string& to = "") {
    out_->role(people_[size_t(person)], org, role, from, to.empty() ? std::nullopt : std::optional<std::string>(to));
    ++sum_.roles;
  }

  std::string name() {
    int ns = int(std::strlen(kSurnames) / 3), ng = int(std::strlen(kGiven) / 3);
    // One draw per statement: the order of operands is the compiler's, the city must not be.
    std::string n = utf8_char(kSurnames, rng_.below(ns));
    n += utf8_char(kGiven, rng_.below(ng));
    if (rng_.chance(0.6)) n += utf8_char(kGiven, rng_.below(ng));
    return n;
  }

  void structure() {
    org("city", "", "city_committee", "中共样例市委员会");
    org("gwc", "city", "work_committee", "中共样例市直属机关工作委员会");
    int n_organs = std::max(1, p_.units / 12);
    int per = std::max(1, (p_.units - 2) / n_organs - 4);
    int people_per_branch = std::max(3, p_.people / std::max(1, n_organs * per));
    for (int o = 0; o < n_organs; ++o) {
      Organ g;
      g.id = fmt::format("o{:04d}", o + 1);
      org(g.id, "gwc", "organ", fmt::format("样例市第{}局", o + 1));
      org(g.id + ".pg", g.id, "leadership_group", fmt::format("中共样例市第{}局党组", o + 1));
      org(g.id + ".opc", g.id, "organ_party_committee", fmt::format("中共样例市第{}局机关委员会", o + 1));
      org(g.id + ".odc", g.id + ".opc", "organ_discipline_committee", fmt::format("中共样例市第{}局机关纪律检查委员会", o + 1));
      for (int b = 0; b < per; ++b) {
        std::string bid = fmt::format("{}.b{:02d}", g.id, b + 1);
        org(bid, g.id + ".opc", "party_branch", fmt::format("第{}局第{}处党支部", o + 1, b + 1));
        g.branches.push_back(bid);
        int first = int(people_.size());
        for (int k = 0; k < people_per_branch; ++k) {
          std::string pid = fmt::format("p{:06d}", people_.size() + 1);
          people_.push_back(pid);
          home_.push_back(bid);
          out_->person(pid, name(), bid);
          ++sum_.people;
          g.people.push_back(int(people_.size()) - 1);
        }
        // The branch secretary is the division head; one in ten is replaced mid-term.
        int sec = first, next = first + 1;
        std::string swap = rng_.chance(0.1) ? fmt::format("{}-{:02d}-01", p_.last_year, 3 + rng_.below(8)) : "";
        if (swap.empty()) {
          role(sec, bid, "branch_secretary", "2020-01-01");
          role(sec, bid, "division_head", "2020-01-01");
          secretary_[bid] = {sec, -1, Date{}};
        } else {
          Date s = *Date::parse(swap);
          role(sec, bid, "branch_secretary", "2020-01-01", s.add_days(-1).str());
          role(sec, bid, "division_head", "2020-01-01", s.add_days(-1).str());
          role(next, bid, "branch_secretary", swap);
          role(next, bid, "division_head", swap);
          secretary_[bid] = {sec, next, s};
        }
        for (int k = 1; k < std::min(4, people_per_branch); ++k) role(first + k, bid, "branch_committee_member", "2020-01-01");
      }
      g.pg_secretary = g.people.empty() ? 0 : g.people[0];
      role(g.pg_secretary, g.id + ".pg", "party_group_secretary", "2020-01-01");
      for (int m = 1; m <= 3 && m < int(g.people.size()); ++m) role(g.people[size_t(m)], g.id + ".pg", "party_group_member", "2020-01-01");
      int ocs = g.people[std::min<size_t>(1, g.people.size() - 1)];
      role(ocs, g.id + ".opc", "organ_committee_secretary", "2020-01-01");
      g.discipline_secretary = g.people[std::min<size_t>(2, g.people.size() - 1)];
      role(g.discipline_secretary, g.id + ".odc", "discipline_secretary", "2020-01-01");
      role(g.discipline_secretary, g.id + ".opc", "organ_committee_deputy_secretary", "2020-01-01");
      organs_.push_back(std::move(g));
    }
  }

  // A working day in [from, to] at an office hour; nullopt when there is none left.
  int64_t at(Date d, int hour) {
    int64_t local = int64_t(d.days) * 86400 + hour * 3600 + rng_.below(4) * 900;
    return store_.zone().to_utc(local);
  }
  Date workday_in(Date from, Date to) {
    if (from > end_) return from;  // after the records end: dropped by event()
    if (to > end_) to = end_;
    for (int tries = 0; tries < 40; ++tries) {
      Date d = from.add_days(rng_.below(std::max(1, to.days - from.days + 1)));
      if (cal_.is_workday(d)) return d;
    }
    for (Date d = from; d <= to; d = d.add_days(1))
      if (cal_.is_workday(d)) return d;
    return from;
  }

  void event(const char* type, const std::string& org, Date d, int person, const std::string& ref, const std::string& attrs, int hour = 9) {
    if (d > end_) return;
    int64_t utc = at(d, hour);
    out_->event(fmt::format("g{:09d}", ++event_seq_), utc, store_.zone().offset_at(utc), type, org,
                person >= 0 ? std::optional<std::string>(people_[size_t(person)]) : std::nullopt,
                ref.empty() ? std::nullopt : std::optional<std::string>(ref), attrs);
    ++sum_.events;
  }

  bool lapse(const char* what) {
    if (!rng_.chance(p_.lapse_rate)) return false;
    ++sum_.lapses[what];
    return true;
  }

  int secretary_on(const std::string& branch, Date d) {
    auto& s = secretary_[branch];
    return s.next >= 0 && d >= s.from ? s.next : s.first;
  }

  void year(int y) {
    for (auto& g : organs_) {
      for (unsigned m = 1; m <= 12; ++m) {
        Date ms = Date::from_ymd(y, m, 1), me = ms.add_months(1).add_days(-1);
        for (auto& b : g.branches) {
          int n = 8 + rng_.below(4);
          if (!lapse("branch committee meeting skipped")) {
            Date d = workday_in(ms, me.add_days(-3));
            int attendees = 4 + rng_.below(2);
            event("meeting.branch_committee", b, d, secretary_on(b, ms), "",
                  fmt::format(R"({{"attendees":{},"members_total":5}})", attendees));
          }
          if (!lapse("themed party day skipped"))
            event("party_day.themed", b, workday_in(ms, me.add_days(-3)), -1, "", fmt::format(R"({{"attendees":{}}})", n));
          if (!lapse("group meeting skipped")) event("meeting.group", b, workday_in(ms, me.add_days(-3)), -1, "", R"({"group":"一组"})");
          if (m % 3 == 1) {
            Date qe = ms.add_months(3).add_days(-4);
            if (!lapse("member assembly skipped"))
              event("meeting.member_assembly", b, workday_in(ms, qe), secretary_on(b, ms), "",
                    fmt::format(R"({{"attendees":{},"members_total":{}}})", n, n + 1));
            event("lecture.party", b, workday_in(ms, qe), -1, "", fmt::format(R"({{"attendees":{}}})", n));
          }
          if (m == 11) {
            if (!lapse("org life meeting skipped"))
              event("meeting.org_life", b, workday_in(ms, me), -1, "", fmt::format(R"({{"attendees":{},"members_total":{}}})", n, n));
            event("appraisal.member", b, workday_in(ms, me), -1, "", R"({"stage":"decision"})");
            event("talk.heart", b, workday_in(ms, me), -1, "", "{}");
            event("risk.assessment", b, workday_in(ms, me), -1, "", R"({"level":"medium"})");
          }
          // Everyday activity: car use and meals, a few of them on holidays or private.
          int per_branch = std::max(1, p_.activity * int(g.people.size()) / int(std::max<size_t>(1, g.branches.size())) / 12);
          // Everyday events are many: their lapses are ten times rarer than an obligation's.
          for (int k = 0; k < per_branch; ++k) {
            int who = g.people[size_t(rng_.below(int(g.people.size())))];
            bool odd = rng_.chance(p_.lapse_rate / 10);
            Date d = odd ? ms.add_days(rng_.below(int(me.days - ms.days + 1))) : workday_in(ms, me);
            if (rng_.chance(0.75)) {
              bool priv = odd && (++sum_.lapses["private car use"], true);
              int plate = rng_.below(99999);
              int km = 5 + rng_.below(80);
              event("car.use", b, d, who, "",
                    fmt::format(R"({{"plate":"样A{:05d}","purpose":"{}","km":{}}})", plate, priv ? "private" : "official", km));
            } else {
              bool holiday = cal_.is_holiday(d);
              if (holiday) ++sum_.lapses["holiday public meal"];
              int amount = 40 + rng_.below(120);
              int diners = 2 + rng_.below(6);
              event("expense.meal", b, d, who, "", fmt::format(R"({{"amount":{},"diners":{},"public_funds":true}})", amount, diners));
            }
          }
        }
        // The organ: study sessions, an inquiry now and then, instructions and their handling.
        event("study.group", g.id + ".pg", workday_in(ms, me), g.pg_secretary, "", R"({"topic":"理论学习"})");
        if (rng_.chance(0.15)) inquiry(g, ms, me);
        if (rng_.chance(0.1)) instruction(g, ms, me, y, m);
      }
      Date ys = Date::from_ymd(y, 1, 1);
      event("meeting.cadre_assembly", g.id + ".opc", workday_in(Date::from_ymd(y, 3, 1), Date::from_ymd(y, 3, 25)), -1, "", "{}");
      event("meeting.democratic_life", g.id + ".pg", workday_in(Date::from_ymd(y, 12, 1), Date::from_ymd(y, 12, 20)), g.pg_secretary, "",
            R"({"attendees":5,"members_total":5})");
      event("lecture.party", g.id + ".pg", workday_in(Date::from_ymd(y, 6, 1), Date::from_ymd(y, 6, 25)), g.pg_secretary, "",
            R"({"attendees":30})");
      // Reports on the year before, in January–February.
      int prev = y - 1;
      Date jan = Date::from_ymd(y, 1, 5), feb = Date::from_ymd(y, 2, 10);
      if (!lapse("annual report missing"))
        event("report.annual_party_building", g.id, workday_in(jan, feb), g.pg_secretary, "", fmt::format(R"({{"year":{}}})", prev));
      event("report.pg_disclosure", g.id + ".pg", workday_in(jan, feb), g.pg_secretary, "", fmt::format(R"({{"year":{}}})", prev));
      event("report.duty", g.id + ".pg", workday_in(jan, feb), g.pg_secretary, "",
            fmt::format(R"({{"year":{},"tier":"leadership_group"}})", prev));
      event("report.supervision", g.id + ".odc", workday_in(jan, feb), g.discipline_secretary, "", fmt::format(R"({{"year":{}}})", prev));
      for (auto& b : g.branches) {
        if (!lapse("duty report missing"))
          event("report.duty", b, workday_in(jan, feb), secretary_on(b, Date::from_ymd(prev, 12, 31)), "",
                fmt::format(R"({{"year":{},"tier":"branch"}})", prev));
        event("report.personal_matters", b, workday_in(Date::from_ymd(y, 1, 5), Date::from_ymd(y, 1, 28)),
              secretary_on(b, Date::from_ymd(prev, 12, 31)), "",
              fmt::format(R"({{"year":{},"kind":"annual"}})", y));  // the report of year y covers y-1
      }
      for (int m2 = 0; m2 < 4 && m2 < int(g.people.size()); ++m2)
        event("report.personal_matters", g.id + ".pg", workday_in(Date::from_ymd(y, 1, 5), Date::from_ymd(y, 1, 28)), g.people[size_t(m2)],
              "", fmt::format(R"({{"year":{},"kind":"annual"}})", y));
      (void)ys;
    }
  }

  // Working days on, or a date past the end of the records when the calendar runs out.
  Date add_workdays(Date d, int n) {
    try {
      return cal_.add_workdays(d, n);
    } catch (const CalendarError&) {
      return end_.add_days(1);
    }
  }

  void inquiry(const Organ& g, Date ms, Date me) {
    std::string ref = fmt::format("hx{}", ++case_seq_);
    int who = g.people[size_t(rng_.below(int(g.people.size())))];
    Date d = workday_in(ms, me);
    event("inquiry.letter", g.id + ".odc", d, who, ref, "{}", 10);
    if (lapse("inquiry never answered")) return;
    int wd = lapse("inquiry answered late") ? 18 + rng_.below(10) : 3 + rng_.below(10);
    event("inquiry.reply", g.id + ".odc", add_workdays(d, wd), who, ref, R"({"endorsed":true})", 15);
  }

  void instruction(const Organ& g, Date ms, Date me, int y, unsigned m) {
    std::string ref = fmt::format("zs{}-{}-{}", y, m, ++case_seq_);
    Date d = workday_in(ms, me);
    const std::string pg = g.id + ".pg";
    event("instruction.received", pg, d, -1, ref, R"({"source":"上级"})");
    Date s = add_workdays(d, lapse("instruction studied late") ? 8 : 2);
    event("instruction.studied", pg, s, -1, ref, "{}");
    Date p = add_workdays(s, 3);
    event("instruction.planned", pg, p, -1, ref, R"({"measures":3})");
    Date l = add_workdays(p, 2);
    event("instruction.ledger", pg, l, -1, ref, R"({"items":5})");
    event("instruction.feedback", pg, add_workdays(l, 10), -1, ref, R"({"status":"done"})");
  }

  SQLite::Database& db_;
  Store& store_;
  const Calendar& cal_;
  Params p_;
  Rng rng_;
  Summary sum_;
  int64_t event_seq_ = 0, case_seq_ = 0;
  Date end_;
  std::optional<BulkWriter> out_;
  std::vector<std::string> people_, home_;
  std::vector<Organ> organs_;
  struct Sec {
    int first, next;
    Date from;
  };
  std::map<std::string, Sec> secretary_;
};

}  // namespace

Summary generate(Store& store, const Calendar& calendar, const Params& params, const std::function<void(const std::string&)>& progress) {
  if (has_orgs(store)) throw Error(store.path() + ": jiandu gen fills an empty store (this one has records)");
  for (int y = params.last_year - params.years + 1; y <= params.last_year; ++y)
    if (!calendar.has_year(y)) throw Error("no working-day calendar for " + std::to_string(y) + ": jiandu gen needs one per year");
  return Generator(store, calendar, params).run(progress);
}

}  // namespace jiandu::gen
