// deadline: each trigger opens an obligation keyed by its correlation keys; the first
// matching answer dated on or after the trigger's day meets it (oldest obligation first). Outcomes:
// met (no finding), late, missing (due date passed, as of the run), due_soon (inside the
// warn window), pending (no finding). `within` may be read from the trigger's attributes.
#include <deque>
#include <unordered_map>

#include "eval/kinds/common.h"

namespace jiandu::eval {
namespace {

struct Obligation {
  EventPtr trigger;
  Date due;
};

class Deadline : public StatefulOperator<Deadline> {
 public:
  using StatefulOperator::StatefulOperator;

  void on_event(const EventPtr& e, Context& ctx) override {
    if (e->date != today_) {  // answers kept for a trigger later the same day expire
      today_ = e->date;
      unmatched_today_.clear();
    }
    bool answered = answer(e, ctx);
    if (effective_on(e->date) && holds(ctx, preds.on, rule.on, *e)) {
      auto key = key_of(*e, rule.correlate, ctx.orgs);
      if (!key) return ctx.fault("trigger " + e->id + " lacks a correlation key (" + keys_text(rule.correlate) + ")");
      load::Duration within = duration_for(*rule.within, *e);  // a fault opens nothing: the run says so
      Obligation ob{e, due_after(e->date, within, rule, ctx.calendar)};
      if (ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *e), *key)) {
        ctx.trace->say(*key, describe(*e) + " 开启义务（关联 " + *key + "），期限为 " + within.zh() + data_note(*e) + "后的 " +
                                 ob.due.str() + "（起算日不计，" + calendar_note(ctx, within, e->date, ob.due) + "）");
        if (auto early = traced_unused_.find(*key); early != traced_unused_.end()) {
          for (auto& a : early->second)
            if (a->date < e->date)
              ctx.trace->say(
                  *key, describe(*a) + " 早于 " + e->id + "（" + e->date.str() + "）开启的义务，不算对它的回应（回应须在义务开启之后）");
          traced_unused_.erase(early);
        }
      }
      // An answer recorded earlier the same day (records often carry no time) meets it.
      auto& early = unmatched_today_[*key];
      for (auto it = early.begin(); it != early.end(); ++it)
        if (meets(*it, ob, ctx)) {
          early.erase(it);
          return;
        }
      open_[*key].push_back(std::move(ob));
    } else if (!answered && (preds.expect < 0 || ctx.predicate(preds.expect, *e))) {
      if (auto key = key_of(*e, rule.correlate, ctx.orgs)) {
        unmatched_today_[*key].push_back(e);
        // explain only: an answer no obligation was open for, to say so if one opens later.
        if (ctx.trace && ctx.trace->rule == rule.id && traced_unused_[*key].size() < 20) traced_unused_[*key].push_back(e);
      }
    }
  }

  template <class A>
  void state(A& a) {
    a.keyed(open_, [&](std::deque<Obligation>& list) {
      a.each(list, [&](Obligation& ob) {
        a.required_event(ob.trigger);
        a(ob.due);
      });
    });
    a(today_);
    a.keyed(unmatched_today_, [&](std::vector<EventPtr>& list) { a.each(list, [&](EventPtr& e) { a.required_event(e); }); });
  }

  void finish(Context& ctx) const override {
    for (auto& [key, list] : open_)
      for (auto& ob : list) {
        bool traced = ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *ob.trigger), key);
        if (traced && !(ob.due < ctx.as_of)) ++ctx.trace->pending;
        if (traced)
          ctx.trace->say(key, "截至 " + ctx.as_of.str() + "，" + ob.trigger->id + " 开启的义务仍未完成：" +
                                  (ob.due < ctx.as_of ? "已超过期限 " + ob.due.str() + " → 逾期"
                                                      : "期限 " + ob.due.str() + " 尚未届满（期限当日不算逾期）") +
                                  (ctx.calendar.provisional_between(ob.trigger->date, ob.due).empty() ||
                                           !counted_on_calendar(duration_for(*rule.within, *ob.trigger), rule)
                                       ? ""
                                       : "（" + std::string(kProvisionalNote) + "）"));
        if (ob.due < ctx.as_of) {
          emit(ctx, ob, key, nullptr, check::Outcome::missing, ob.due);
        } else if (rule.warn && ctx.as_of >= sub_duration(ob.due, *rule.warn, ctx.calendar)) {
          emit(ctx, ob, key, nullptr, check::Outcome::due_soon, ctx.as_of);
        }
      }
  }

 private:
  // For explain: where a `within` read from the trigger came from.
  std::string data_note(const Event& trigger) const {
    if (!rule.within->from_data()) return "";
    const Attr* a = trigger.attrs().find(rule.within->attr);
    bool recorded = a && a->kind != Attr::Kind::null;
    return recorded ? "（按记录的 " + rule.within->attr + "）" : "（未记录 " + rule.within->attr + "，按规则所定）";
  }

  // The calendar a due date was counted on, for explain.
  std::string calendar_note(Context& ctx, const load::Duration& within, Date from, Date due) const {
    auto p = counted_on_calendar(within, rule) ? ctx.calendar.provisional_between(from, due) : std::vector<int>{};
    return p.empty() ? ctx.calendar.describe() : ctx.calendar.describe() + "；" + std::string(kProvisionalNote);
  }

  // Does `e` answer `ob`? An answer dated before its trigger does not count. On the
  // trigger's own day it counts unless both carry a time of day and the answer's is
  // earlier (a record stamped exactly 00:00 is taken as dated, not timed).
  bool meets(const EventPtr& e, const Obligation& ob, Context& ctx) {
    if (ob.trigger->seq == e->seq) return false;
    auto timed = [](const Event& x) { return x.ts.local_seconds() - int64_t(x.date.days) * 86400 != 0; };
    bool before =
        e->date < ob.trigger->date || (e->date == ob.trigger->date && timed(*e) && timed(*ob.trigger) && e->ts.utc < ob.trigger->ts.utc);
    if (before) {
      // Said, because a reader sees an answer in the records and no answer in the verdict.
      if (ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *ob.trigger), key_of(*e, rule.correlate, ctx.orgs).value_or("")))
        ctx.trace->say(key_of(*e, rule.correlate, ctx.orgs).value_or(""),
                       describe(*e) + " 早于 " + ob.trigger->id + "（" + ob.trigger->date.str() +
                           "）开启的义务，不算对它的回应（回应须在开启之后；同一天无具体时刻的记录视为之后）");
      return false;
    }
    if (preds.expect < 0) {
      Frame f = ctx.frame(*e);
      f[check::kTrigger] = ob.trigger.get();
      if (!ctx.test(rule.expect.program(), f)) return false;
    }
    auto key = key_of(*e, rule.correlate, ctx.orgs);
    if (ctx.tracing(rule, subject_id_of(rule, ctx.orgs, *ob.trigger), key.value_or("")))
      ctx.trace->say(key.value_or(""),
                     describe(*e) + " 回应了 " + ob.trigger->id + " 开启的义务：" +
                         (e->date > ob.due ? "逾期（期限 " + ob.due.str() + "）" : "按期完成（期限 " + ob.due.str() + "）"));
    if (key && e->date > ob.due) emit(ctx, ob, *key, e, check::Outcome::late, e->date);
    return true;
  }

  bool answer(const EventPtr& e, Context& ctx) {
    if (preds.expect >= 0 && !ctx.predicate(preds.expect, *e)) return false;
    if (open_.empty()) return false;
    auto key = key_of(*e, rule.correlate, ctx.orgs);
    if (!key) return false;
    auto it = open_.find(*key);
    if (it == open_.end()) return false;
    auto& list = it->second;
    for (auto ob = list.begin(); ob != list.end(); ++ob) {
      if (!meets(e, *ob, ctx)) continue;
      list.erase(ob);
      if (list.empty()) open_.erase(it);
      return true;
    }
    return false;
  }

  void emit(Context& ctx, const Obligation& ob, const std::string& key, const EventPtr& answer, check::Outcome outcome, Date date) const {
    Frame f = ctx.frame(answer ? *answer : *ob.trigger);
    if (!answer) f[check::kEvent] = Null{};
    f[check::kTrigger] = ob.trigger.get();
    f[check::kDue] = ob.due;
    f[check::kKey] = key;
    Finding x = finding(f, outcome);
    subject_of(x, rule, ctx.orgs, *ob.trigger);
    x.person = ob.trigger->person;
    x.key = key;
    x.due = ob.due;
    x.date = date;
    x.evidence = {ob.trigger->id};
    if (answer) x.evidence.push_back(answer->id);
    load::Duration within = duration_for(*rule.within, *ob.trigger);  // as when it opened
    x.numbers = {{"trigger", ob.trigger->id}, {"triggered", ob.trigger->date.str()}, {"within", within.str()}, {"due", ob.due.str()}};
    mark_calendar(x, ctx.calendar, ob.trigger->date, answer ? std::max(ob.due, answer->date) : ob.due, counted_on_calendar(within, rule));
    if (answer) {
      x.numbers["answered"] = answer->date.str();
      if (within.unit == load::DurationUnit::workdays)
        x.numbers["workdays_late"] = ctx.calendar.workdays_between(ob.due, answer->date);
      else
        x.numbers["days_late"] = answer->date.days - ob.due.days;
    }
    x.message = ctx.interp.render(rule.message, f);
    ctx.findings.push_back(std::move(x));
  }

  std::unordered_map<std::string, std::deque<Obligation>> open_;
  Date today_{INT32_MIN};
  std::unordered_map<std::string, std::vector<EventPtr>> unmatched_today_;
  // Only while explaining this rule (never saved: explain reads every event).
  std::unordered_map<std::string, std::vector<EventPtr>> traced_unused_;
};

}  // namespace

std::unique_ptr<Operator> make_deadline(const check::Rule& r, const compile::RulePreds& p) { return std::make_unique<Deadline>(r, p); }

}  // namespace jiandu::eval
