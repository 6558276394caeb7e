#include "web/workplace.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include <sqlite3.h>
#include <SQLiteCpp/Exception.h>

#include "base/error.h"
#include "base/utf8.h"
#include "base/vocabulary.h"
#include "ledger/evidence.h"
#include "report/labels.h"
#include "report/local_time.h"
#include "report/unit_counts.h"
#include "web/url.h"

namespace jiandu::web {

using nlohmann::json;
using report::AlertRow;

namespace {

int severity_rank(const std::string& s) {
  static const std::map<std::string, int> rank{{"info", 0}, {"low", 1}, {"medium", 2}, {"high", 3}, {"critical", 4}};
  auto it = rank.find(s);
  return it == rank.end() ? -1 : it->second;
}

bool contains(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  auto lower = [](std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(hay).find(lower(needle)) != std::string::npos;
}

// What an action's form asks for.
json action_form(ledger::Act a) {
  using ledger::Act;
  json f{{"act", ledger::act_name(a)}, {"label", ledger::act_label(a)}};
  switch (a) {
    case Act::ack:
      f["note_label"] = "整改措施（可选）";
      f["note_required"] = false;
      break;
    case Act::resolve:
      f["note_label"] = "整改情况";
      f["note_required"] = true;
      f["file"] = true;
      f["file_required"] = true;
      break;
    case Act::verify:
      f["note_label"] = "验收意见（可选）";
      f["note_required"] = false;
      break;
    case Act::fail:
      f["note_label"] = "未通过的原因";
      f["note_required"] = true;
      break;
    case Act::waive:
      f["note_label"] = "豁免理由";
      f["note_required"] = true;
      break;
    case Act::reopen:
      f["note_label"] = "重新交办的理由";
      f["note_required"] = true;
      break;
    case Act::statement:
      f["note_label"] = "情况说明";
      f["note_required"] = true;
      f["file"] = true;
      break;
  }
  if (a == Act::fail) f["label"] = "验收不通过";
  return f;
}

std::string known_list(const std::vector<std::string>& types) {
  std::string out;
  for (auto& t : types) out += (out.empty() ? "" : "、") + t;
  return out;
}

}  // namespace

Workplace::Workplace(Store& store, const org::OrgGraph& orgs, const ledger::Authority& policy, const report::Integrity& integrity,
                     const User& user, Date today)
    : store_(store),
      orgs_(orgs),
      policy_(policy),
      integrity_(integrity),
      user_(user),
      today_(today),
      scope_(Scope::of(orgs, policy, user.person, user.admin, today)) {
  as_of_ = report::last_audit_date(store);
  if (as_of_.empty()) as_of_ = today.str();
}

std::vector<AlertRow> Workplace::visible(const report::AlertFilter& filter) {
  report::AlertFilter f = filter;
  if (!scope_.all()) {  // the scope in the query; sees() below stays the one rule
    f.units = scope_.unit_ids();
    f.person = scope_.person();
  }
  auto rows = report::load_alerts(store_, f);
  std::erase_if(rows, [&](const AlertRow& a) { return !scope_.sees(a); });
  report::mark_altered(rows, integrity_);
  return rows;
}

std::optional<AlertRow> Workplace::find(const std::string& id) {
  if (id.empty() || id.size() > 200) return std::nullopt;
  report::AlertFilter f;
  f.id = id;
  auto rows = visible(f);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

json Workplace::row(const AlertRow& a) const {
  json r{{"id", a.id},
         {"url", "/alerts/" + url_encode(a.id)},
         {"title", a.title},
         {"rule", a.rule},
         {"unit", a.org},
         {"unit_name", a.org_name.empty() ? a.org : a.org_name},
         {"severity", a.severity},
         {"severity_label", report::severity_label(a.severity)},
         {"status", a.status},
         {"status_label", report::status_text(a.status)},
         {"lapse_date", a.lapse_date},
         {"rectify_due", a.rectify_due},
         {"due", a.due},
         {"subject_type_label", report::subject_type_label(a.subject_type)},
         {"subject_name", a.subject_name.empty() ? a.subject_id : a.subject_name},
         {"owner_now_name", a.owner_now_name},
         {"target_name", a.target_name},
         {"overdue", report::is_overdue(a, as_of_)},
         {"days_overdue", report::days_overdue(a, as_of_)},
         {"provisional_note", a.provisional_note()},
         {"altered", a.altered}};
  return r;
}

std::vector<ledger::Act> Workplace::possible(const AlertRow& a) {
  std::vector<ledger::Act> out;
  auto from = ledger::status_from(a.status);
  if (!from) return out;
  ledger::AlertParties parties{a.id, a.org, a.subject_type, a.subject_id, a.owner_then, a.owner_now, ""};
  bool resolved_looked_up = false;
  using ledger::Act;
  for (Act act : {Act::ack, Act::resolve, Act::verify, Act::fail, Act::waive, Act::reopen, Act::statement}) {
    if (!ledger::next_state(*from, act)) continue;
    if ((act == Act::verify || act == Act::fail) && !resolved_looked_up) {
      parties.resolved_by = ledger::resolved_by(store_, a.id);
      resolved_looked_up = true;
    }
    if (ledger::decide(policy_, orgs_, parties, act, user_.person, today_).allowed) out.push_back(act);
  }
  return out;
}

json Workplace::me() const {
  json roles = json::array();
  int who = orgs_.person_index(user_.person);
  if (who >= 0)
    for (auto& [unit, role] : orgs_.roles_of(who, today_))
      roles.push_back({{"unit", orgs_.orgs()[size_t(unit)].id},
                       {"unit_name", orgs_.orgs()[size_t(unit)].name},
                       {"role", role},
                       {"role_label", vocabulary().role(role)}});
  json units = json::array();
  for (int u : scope_.roots()) units.push_back({{"id", orgs_.orgs()[size_t(u)].id}, {"name", orgs_.orgs()[size_t(u)].name}});
  return {{"login", user_.login}, {"person", user_.person}, {"person_name", user_.person_name},
          {"admin", user_.admin}, {"roles", roles},         {"sees_all", scope_.all()},
          {"units", units},       {"as_of", as_of_},        {"today", today_.str()}};
}

json Workplace::todo() {
  json items = json::array();
  std::vector<std::pair<AlertRow, std::vector<ledger::Act>>> mine;
  for (auto& a : visible({})) {
    auto s = ledger::status_from(a.status);
    if (!s || *s == ledger::Status::closed || *s == ledger::Status::waived) continue;
    auto acts = possible(a);
    std::erase_if(acts, [](ledger::Act x) { return x == ledger::Act::statement || x == ledger::Act::waive; });
    if (!acts.empty()) mine.emplace_back(a, acts);
  }
  std::stable_sort(mine.begin(), mine.end(), [&](auto& x, auto& y) {
    int dx = report::days_overdue(x.first, as_of_), dy = report::days_overdue(y.first, as_of_);
    if (dx != dy) return dx > dy;
    std::string ex = x.first.rectify_due.empty() ? "9999" : x.first.rectify_due,
                ey = y.first.rectify_due.empty() ? "9999" : y.first.rectify_due;
    return ex < ey;
  });
  for (auto& [a, acts] : mine) {
    json r = row(a);
    json labels = json::array();
    for (auto act : acts) labels.push_back(action_form(act)["label"]);
    r["awaiting"] = labels;
    items.push_back(r);
  }
  return {{"alerts", items}, {"count", items.size()}, {"as_of", as_of_}};
}

std::optional<json> Workplace::units(const std::string& unit) {
  auto rows = visible({});
  // Counts per unit of the alert itself, then summed over each shown unit's subtree.
  std::vector<report::UnitCount> direct(orgs_.orgs().size());
  for (auto& a : rows) {
    int u = orgs_.org_index(a.org);
    if (u >= 0) direct[size_t(u)].add(a, as_of_);
  }
  auto counted = [&](int u) {
    report::UnitCount c;
    for (int x : orgs_.subtree(u)) c.add(direct[size_t(x)]);
    json counts = json::array();
    for (auto st : report::kStatusOrder) counts.push_back(c.of(st));
    auto& o = orgs_.orgs()[size_t(u)];
    return json{{"id", o.id},
                {"name", o.name},
                {"kind_label", vocabulary().org_kind(o.kind)},
                {"url", "/units?unit=" + url_encode(o.id)},
                {"alerts_url", "/alerts?unit=" + url_encode(o.id)},
                {"counts", counts},
                {"total", c.total},
                {"open", c.open},
                {"overdue", c.overdue}};
  };
  json headers = json::array();
  for (auto st : report::kStatusOrder) headers.push_back(report::status_column(st));
  json out{{"headers", headers}, {"as_of", as_of_}};
  std::vector<int> children;
  if (unit.empty()) {
    children = scope_.roots();
  } else {
    int u = orgs_.org_index(unit);
    if (u < 0 || !scope_.sees_unit(unit)) return std::nullopt;
    out["unit"] = counted(u);
    json path = json::array();
    auto up = orgs_.ancestors(u);
    for (auto it = up.rbegin(); it != up.rend(); ++it)
      if (*it != u && scope_.units()[size_t(*it)]) path.push_back(counted(*it));
    out["path"] = path;
    for (size_t c = 0; c < orgs_.orgs().size(); ++c)
      if (orgs_.orgs()[c].parent == u) children.push_back(int(c));
  }
  json list = json::array();
  for (int c : children) list.push_back(counted(c));
  out["children"] = list;
  return out;
}

std::vector<AlertRow> Workplace::filtered(const ListQuery& q) {
  report::AlertFilter f;
  if (!q.unit.empty()) {
    if (!scope_.sees_unit(q.unit)) return {};
    f.org = q.unit;
  }
  f.rule = q.rule;
  if (q.status == "open" || ledger::status_from(q.status)) f.status = q.status;
  auto rows = visible(f);
  std::erase_if(rows, [&](const AlertRow& a) {
    std::string due = a.rectify_due.empty() ? a.due : a.rectify_due;
    if (!q.severity.empty() && a.severity != q.severity) return true;
    if (!q.due_from.empty() && (due.empty() || due < q.due_from)) return true;
    if (!q.due_to.empty() && (due.empty() || due > q.due_to)) return true;
    if (!q.text.empty() && !(contains(a.title, q.text) || contains(a.message, q.text) || contains(a.subject_name, q.text) ||
                             contains(a.org_name, q.text) || contains(a.id, q.text) || contains(a.rule, q.text)))
      return true;
    return false;
  });
  auto key_due = [](const AlertRow& a) { return a.rectify_due.empty() ? std::string("9999") : a.rectify_due; };
  std::stable_sort(rows.begin(), rows.end(), [&](const AlertRow& x, const AlertRow& y) {
    if (q.sort == "lapse") return x.lapse_date > y.lapse_date;
    if (q.sort == "severity") return severity_rank(x.severity) > severity_rank(y.severity);
    if (q.sort == "unit") return x.org < y.org;
    return key_due(x) < key_due(y);
  });
  return rows;
}

std::vector<AlertRow> Workplace::export_rows(const ListQuery& q) { return filtered(q); }

json Workplace::alerts(const ListQuery& q) {
  auto rows = filtered(q);
  int pages = std::max<int>(1, int((rows.size() + ListQuery::kPerPage - 1) / ListQuery::kPerPage));
  int page = std::clamp(q.page, 1, pages);
  json items = json::array();
  for (size_t i = size_t(page - 1) * ListQuery::kPerPage; i < rows.size() && i < size_t(page) * ListQuery::kPerPage; ++i)
    items.push_back(row(rows[i]));
  // The rules and units that occur, for the filter's choices.
  std::map<std::string, std::string> rules;
  for (auto& a : visible({})) rules.emplace(a.rule, a.title);
  json rule_list = json::array();
  for (auto& [id, title] : rules) rule_list.push_back({{"id", id}, {"title", title}, {"selected", id == q.rule}});
  json unit_list = json::array();
  for (size_t u = 0; u < orgs_.orgs().size(); ++u)
    if (scope_.units()[u])
      unit_list.push_back({{"id", orgs_.orgs()[u].id}, {"name", orgs_.orgs()[u].name}, {"selected", orgs_.orgs()[u].id == q.unit}});
  return {{"alerts", items},    {"total", rows.size()}, {"page", page},   {"pages", pages}, {"per_page", ListQuery::kPerPage},
          {"rules", rule_list}, {"units", unit_list},   {"as_of", as_of_}};
}

std::optional<json> Workplace::alert(const std::string& id) {
  auto a = find(id);
  if (!a) return std::nullopt;
  json r = row(*a);
  r["message"] = a->message;
  r["outcome_label"] = report::outcome_label(a->outcome);
  r["period"] = a->period;
  r["owner_role_label"] = a->owner_role.empty() ? "" : vocabulary().role(a->owner_role);
  r["owner_then_name"] = a->owner_then_name;
  r["escalated_to_name"] = a->escalated_to_name;
  r["level"] = a->level;
  r["form_label"] = a->form ? report::form_label(*a->form) : "";
  r["explanation"] = a->explanation.is_null() ? "" : a->explanation.dump(2);
  // Which of the optional facts there are (a template shows only those).
  r["has_owner"] = !a->owner_role.empty();
  r["has_target"] = !a->target.empty();
  r["has_escalation"] = a->level > 0 || a->form.has_value();
  r["has_due"] = !a->due.empty();
  r["has_rectify_due"] = !a->rectify_due.empty();
  const Zone& zone = store_.zone();
  json trail = json::array();
  for (auto& t : report::load_trail(store_, a->id)) {
    json ev = json::array();
    if (t.evidence.is_array())
      for (auto& e : t.evidence) {
        if (e.is_string())
          ev.push_back({{"name", "记录 " + e.get<std::string>()}});
        else if (e.is_object() && e.contains("sha256"))
          ev.push_back({{"name", e.value("file", "")},
                        {"bytes", e.value("bytes", 0)},
                        {"url", "/alerts/" + url_encode(a->id) + "/evidence/" + e.value("sha256", "")}});
      }
    trail.push_back({{"at", report::local_moment(t.at, zone)},
                     {"from_label", t.from.empty() ? "" : report::status_text(t.from)},
                     {"to_label", report::status_text(t.to)},
                     {"actor_name", t.actor == "system" ? std::string("系统（夜间核查）") : t.actor_name},
                     {"reason", t.reason},
                     {"evidence", ev},
                     {"altered", integrity_.altered(t.id)}});
  }
  r["trail"] = trail;
  json actions = json::array();
  for (auto act : possible(*a)) actions.push_back(action_form(act));
  r["actions"] = actions;
  r["evidence_types"] = policy_.evidence_types;
  r["evidence_max_mb"] = policy_.evidence_max_bytes / (1024 * 1024);
  return r;
}

json Workplace::report() {
  auto rows = visible({});
  auto t = report::tally(store_, rows, as_of_);
  auto unit_json = [](const report::UnitCount& u) {
    json counts = json::array();
    for (auto st : report::kStatusOrder) counts.push_back(u.of(st));
    return json{{"id", u.org},      {"name", u.name}, {"organ_name", u.organ_name}, {"counts", counts},
                {"total", u.total}, {"open", u.open}, {"overdue", u.overdue},       {"escalated", u.escalated}};
  };
  json headers = json::array();
  for (auto st : report::kStatusOrder) headers.push_back(report::status_column(st));
  json units = json::array(), organs = json::array(), overdue = json::array();
  for (auto& u : t.units) units.push_back(unit_json(u));
  for (auto& u : t.organs) organs.push_back(unit_json(u));
  std::vector<const AlertRow*> late;
  for (auto& a : rows)
    if (report::is_overdue(a, as_of_)) late.push_back(&a);
  std::stable_sort(late.begin(), late.end(),
                   [&](auto* x, auto* y) { return report::days_overdue(*x, as_of_) > report::days_overdue(*y, as_of_); });
  for (auto* a : late) overdue.push_back(row(*a));
  return {{"headers", headers},
          {"units", units},
          {"organs", organs},
          {"overdue", overdue},
          {"all", unit_json(t.all)},
          {"as_of", as_of_},
          {"altered", integrity_.broken()},
          {"warning", integrity_.broken() ? integrity_.warning() : ""}};
}

std::optional<ActionError> Workplace::act(const std::string& alert, ledger::Act act, const std::string& note,
                                          const std::vector<ledger::ActionRequest::Upload>& uploads, int64_t* entry) {
  auto a = find(alert);
  if (!a) return ActionError{404, "未找到"};
  auto from = ledger::status_from(a->status);
  if (!from || !ledger::next_state(*from, act))
    return ActionError{
        409, "该预警当前状态为“" + report::status_text(a->status) + "”，不能" + action_form(act)["label"].get<std::string>() + "。"};
  ledger::AlertParties parties{
      a->id, a->org, a->subject_type, a->subject_id, a->owner_then, a->owner_now, ledger::resolved_by(store_, a->id)};
  auto d = ledger::decide(policy_, orgs_, parties, act, user_.person, today_);
  if (!d.allowed) {
    std::string could;
    for (auto& c : d.could) could += (could.empty() ? "" : "、") + c;
    return ActionError{403, "您无权对该预警" + action_form(act)["label"].get<std::string>() + "（" + d.rule + "）。" +
                                (could.empty() ? std::string() : "可由 " + could + " 办理。")};
  }
  if (utf8_columns(note) > 4000 || invalid_utf8_at(note) != std::string::npos)
    return ActionError{400, "说明不超过 4000 字，且须为正常文字。"};
  bool note_required = action_form(act).value("note_required", false);
  if (note_required && is_blank(note)) return ActionError{400, "请填写" + action_form(act)["note_label"].get<std::string>() + "。"};
  if (act == ledger::Act::resolve && uploads.empty()) return ActionError{400, "整改完成须上传证明材料。"};
  for (auto& u : uploads) {
    if (ledger::evidence_name(u.name).empty()) return ActionError{400, "文件名不可用，请改为普通文件名后重新上传。"};
    if (int64_t(u.content.size()) > policy_.evidence_max_bytes)
      return ActionError{400,
                         "文件“" + u.name + "”超过大小上限（" + std::to_string(policy_.evidence_max_bytes / (1024 * 1024)) + " MB）。"};
    if (auto why = ledger::evidence_type_problem(u.name, u.content, policy_.evidence_types); !why.empty())
      return ActionError{400, "文件“" + u.name + "”的类型不允许或内容与类型不符（允许：" + known_list(policy_.evidence_types) + "）。"};
  }
  ledger::ActionRequest r{a->id, act, user_.person, note, {}, {}, uploads};
  try {
    auto res = ledger::act(store_, orgs_, policy_, r, today_);
    if (entry) *entry = res.entry;
  } catch (const ledger::Refused& e) {
    return ActionError{403, std::string("您无权执行此操作：") + e.what()};
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_BUSY) return ActionError{503, "夜间核查正在写入，请稍后再试。"};
    throw;
  } catch (const Error& e) {
    return ActionError{400, std::string("未能办理：") + e.what()};
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> Workplace::evidence(const std::string& alert, const std::string& sha256) {
  auto a = find(alert);
  if (!a || sha256.size() != 64) return std::nullopt;
  for (auto& x : ledger::evidence_of(store_.db(), a->id)) {
    if (x.kind != "file" || x.sha256 != sha256 || !x.intact) continue;
    auto content = ledger::evidence_content(store_.db(), sha256);
    if (!content) return std::nullopt;
    return std::make_pair(x.id, *content);
  }
  return std::nullopt;
}

}  // namespace jiandu::web
