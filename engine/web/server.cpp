#include "web/server.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>

#include <httplib.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sqlite3.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/error.h"
#include "base/timestamp.h"
#include "base/utf8.h"
#include "check/rules.h"
#include "org/org_graph.h"
#include "report/integrity.h"
#include "report/local_time.h"
#include "ledger/alert_rows.h"
#include "report/xlsx.h"
#include "store/org_rows.h"
#include "store/store.h"
#include "web/render.h"
#include "web/secret.h"
#include "web/url.h"
#include "web/workplace.h"

namespace jiandu::web {

using nlohmann::json;

namespace {

int64_t unix_now() { return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count(); }

std::string cookie(const httplib::Request& req, const std::string& name) {
  std::string all = req.get_header_value("Cookie");
  size_t i = 0;
  while (i < all.size()) {
    size_t end = all.find(';', i);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(i, end - i);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    i = end + 1;
  }
  return "";
}

// A form field, from an urlencoded or a multipart body.
std::string field(const httplib::Request& req, const std::string& name) {
  if (req.is_multipart_form_data()) return req.has_file(name) ? req.get_file_value(name).content : "";
  return req.get_param_value(name);
}

const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

// The store connections of the worker threads: one each, opened once (SQLite connections are
// not shared between threads).
class Pool {
 public:
  explicit Pool(std::string path) : path_(std::move(path)) {}
  struct Lease {
    Pool* pool;
    std::unique_ptr<Store> store;
    ~Lease() {
      std::lock_guard<std::mutex> l(pool->mu_);
      pool->free_.push_back(std::move(store));
    }
  };
  Lease take() {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!free_.empty()) {
        auto s = std::move(free_.back());
        free_.pop_back();
        return Lease{this, std::move(s)};
      }
    }
    return Lease{this, Store::open(path_)};
  }

 private:
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

}  // namespace

struct Server::Impl {
  ServeOptions opt;
  ledger::Authority policy;
  std::unique_ptr<httplib::Server> http;
  Pool pool;
  // The organisation, reloaded when an import added a batch.
  std::mutex org_mu;
  int64_t org_key = -1;
  std::shared_ptr<const org::OrgGraph> orgs;
  // Whether the trail verifies: recomputed when entries are added, and at least every minute.
  std::mutex integrity_mu;
  std::pair<int64_t, int64_t> integrity_key{-1, -1};
  int64_t integrity_at = 0;
  std::shared_ptr<const report::Integrity> integrity;

  Impl(ServeOptions o, ledger::Authority p) : opt(std::move(o)), policy(std::move(p)), pool(opt.db) {}

  bool secure() const { return opt.secure_cookies || !opt.tls_cert.empty(); }
  std::string session_cookie() const { return secure() ? "__Host-jd_session" : "jd_session"; }
  std::string login_cookie() const { return secure() ? "__Host-jd_login" : "jd_login"; }
  std::string cookie_attrs() const { return std::string("; Path=/; HttpOnly; SameSite=Strict") + (secure() ? "; Secure" : ""); }

  std::string address(const httplib::Request& req) const {
    if (opt.trust_proxy && (req.remote_addr == "127.0.0.1" || req.remote_addr == "::1")) {
      std::string real = req.get_header_value("X-Real-IP");
      if (!real.empty() && real.size() <= 64) return real;
    }
    return req.remote_addr;
  }

  std::shared_ptr<const org::OrgGraph> org_graph(Store& store) {
    int64_t key = rows::last_batch(store);
    std::lock_guard<std::mutex> l(org_mu);
    if (!orgs || key != org_key) {
      orgs = std::make_shared<const org::OrgGraph>(org::OrgGraph::load(store));
      org_key = key;
    }
    return orgs;
  }

  std::shared_ptr<const report::Integrity> integrity_of(Store& store) {
    std::pair<int64_t, int64_t> key = ledger::trail_watermark(store);
    int64_t now = unix_now();
    std::lock_guard<std::mutex> l(integrity_mu);
    if (!integrity || key != integrity_key || now - integrity_at >= 60) {
      integrity = std::make_shared<const report::Integrity>(report::check_integrity(store));
      integrity_key = key;
      integrity_at = now;
    }
    return integrity;
  }

  void routes();
  void page(const std::string& method, const std::string& pattern, bool api, std::function<void(struct Ctx&)> handler);
};

// One authenticated request.
struct Ctx {
  const httplib::Request& req;
  httplib::Response& res;
  Server::Impl& srv;
  Store& store;
  Session session;
  bool bearer = false;  // an API token, not a cookie: no CSRF
  std::string token;
  std::shared_ptr<const org::OrgGraph> orgs;
  std::shared_ptr<const report::Integrity> integrity;
  std::unique_ptr<Workplace> wp;

  Frame frame(const std::string& title, const std::string& nav) const {
    return Frame{title, nav, session.csrf, session.user.person_name + "（" + session.user.login + "）", session.user.admin, "", ""};
  }
  void html(const std::string& tmpl, const json& data, Frame f, int status = 200) {
    res.status = status;
    res.set_content(render_page(tmpl, data, f), "text/html; charset=utf-8");
  }
  void json_out(const json& data, int status = 200) {
    res.status = status;
    res.set_content(data.dump(2) + "\n", "application/json; charset=utf-8");
  }
  // The same answer for an id that does not exist and one outside the person's scope.
  void not_found(bool api) {
    if (api) return json_out({{"error", "not_found"}, {"message", "未找到"}}, 404);
    html("error", {{"code", 404}, {"message", "未找到：该页面或预警不存在。"}}, frame("未找到", ""), 404);
  }
};

namespace {

void security_headers(httplib::Response& res, bool tls) {
  res.set_header("Content-Security-Policy", kCsp);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
}

void redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
}

std::string attachment(const std::string& name) {
  // An ASCII fallback and the UTF-8 name (RFC 6266); the name is only data.
  std::string ascii;
  for (unsigned char c : name) ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';') ? char(c) : '_';
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + url_encode(name);
}

ListQuery list_query(const httplib::Request& req) {
  ListQuery q;
  auto get = [&](const char* k) {
    std::string v = req.get_param_value(k);
    return v.size() > 200 ? v.substr(0, 200) : v;
  };
  q.unit = get("unit");
  q.rule = get("rule");
  q.status = get("status");
  q.severity = get("severity");
  q.due_from = get("due_from");
  q.due_to = get("due_to");
  q.text = get("q");
  if (auto s = get("sort"); s == "lapse" || s == "severity" || s == "unit") q.sort = s;
  try {
    q.page = std::stoi(get("page"));
  } catch (...) {
    q.page = 1;
  }
  for (auto* d : {&q.due_from, &q.due_to})
    if (!d->empty() && !Date::parse(*d)) d->clear();
  return q;
}

std::optional<ledger::Act> act_from(const std::string& s) {
  using ledger::Act;
  for (Act a : {Act::ack, Act::resolve, Act::verify, Act::fail, Act::waive, Act::reopen, Act::statement})
    if (s == ledger::act_name(a)) return a;
  return std::nullopt;
}

json filters_json(const ListQuery& q) {
  json statuses = json::array();
  statuses.push_back({{"id", "open"}, {"label", "未办结（全部）"}, {"selected", q.status == "open"}});
  for (const char* s : {"assigned", "in_progress", "escalated", "reopened", "rectified", "verified", "closed", "waived"})
    statuses.push_back({{"id", s}, {"label", ledger::status_label(*ledger::status_from(s))}, {"selected", q.status == s}});
  json sev = json::array();
  for (auto it = std::rbegin(check::kSeverities); it != std::rend(check::kSeverities); ++it)  // the gravest first
    sev.push_back({{"id", it->name}, {"label", it->label}, {"selected", q.severity == it->name}});
  json sorts = json::array();
  for (auto [id, label] : std::initializer_list<std::pair<const char*, const char*>>{
           {"due", "按整改期限"}, {"lapse", "按发生日期（新→旧）"}, {"severity", "按严重程度"}, {"unit", "按单位"}})
    sorts.push_back({{"id", id}, {"label", label}, {"selected", q.sort == id}});
  return {{"statuses", statuses}, {"severities", sev}, {"sorts", sorts}, {"q", q.text}, {"due_from", q.due_from}, {"due_to", q.due_to}};
}

std::string query_string(const ListQuery& q, int page) {
  std::string s;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) s += (s.empty() ? "?" : "&") + std::string(k) + "=" + url_encode(v);
  };
  add("unit", q.unit);
  add("rule", q.rule);
  add("status", q.status);
  add("severity", q.severity);
  add("due_from", q.due_from);
  add("due_to", q.due_to);
  add("q", q.text);
  if (q.sort != "due") add("sort", q.sort);
  if (page > 1) add("page", std::to_string(page));
  return s;
}

// Standard base64 (with or without padding), no larger than `max` once decoded.
bool base64_decode(const std::string& in, std::string& out, size_t max) {
  if (in.size() / 4 * 3 > max + 3) return false;
  out.resize(in.size() / 4 * 3 + 3);
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), "\n\r ", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 &&
      sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), "\n\r ", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
    return false;
  out.resize(len);
  return len <= max;
}

}  // namespace

void Server::Impl::page(const std::string& method, const std::string& pattern, bool api, std::function<void(Ctx&)> handler) {
  auto wrapped = [this, api, handler](const httplib::Request& req, httplib::Response& res) {
    auto lease = pool.take();
    Store& store = *lease.store;
    int64_t now = unix_now();
    std::optional<Session> session;
    bool bearer = false;
    std::string token;
    std::string auth = req.get_header_value("Authorization");
    if (api && auth.rfind("Bearer ", 0) == 0) {
      if (auto u = user_of_api_token(store.db(), auth.substr(7))) session = Session{*u, "", now};
      bearer = true;
    } else {
      token = cookie(req, session_cookie());
      if (!token.empty()) session = find_session(store.db(), token, now, opt.sessions);
    }
    if (!session) {
      if (api) {
        res.status = 401;
        res.set_content(json{{"error", "unauthenticated"}, {"message", "请先登录"}}.dump() + "\n", "application/json; charset=utf-8");
      } else if (req.method == "GET") {
        redirect(res, "/login");
      } else {
        res.status = 401;
        res.set_content(
            render_page("error", {{"code", 401}, {"message", "登录已失效，请重新登录。"}}, Frame{"请登录", "", "", "", false, "", ""}),
            "text/html; charset=utf-8");
      }
      return;
    }
    // Every request that changes something carries the session's CSRF token.
    if (req.method != "GET" && !bearer) {
      std::string sent = api ? req.get_header_value("X-CSRF-Token") : field(req, "csrf");
      if (!same_secret(sent, session->csrf)) {
        res.status = 403;
        if (api)
          res.set_content(json{{"error", "csrf"}, {"message", "请求缺少有效的校验码（CSRF）"}}.dump() + "\n",
                          "application/json; charset=utf-8");
        else
          res.set_content(render_page("error", {{"code", 403}, {"message", "请求校验失败（CSRF），请返回页面刷新后重试。"}},
                                      Frame{"请求被拒绝", "", session->csrf, session->user.person_name, session->user.admin, "", ""}),
                          "text/html; charset=utf-8");
        return;
      }
    }
    Ctx c{req, res, *this, store, *session, bearer, token, nullptr, nullptr, nullptr};
    // A page reads one snapshot of the store: never half an audit.
    std::optional<SQLite::Transaction> snapshot;
    if (req.method == "GET") snapshot.emplace(store.db());
    c.orgs = org_graph(store);
    c.integrity = integrity_of(store);
    c.wp = std::make_unique<Workplace>(store, *c.orgs, policy, *c.integrity, session->user, store.today());
    handler(c);
  };
  if (method == "GET")
    http->Get(pattern, wrapped);
  else
    http->Post(pattern, wrapped);
}

void Server::Impl::routes() {
  auto& h = *http;
  h.Get("/static/(app\\.css|app\\.js)", [](const httplib::Request& req, httplib::Response& res) {
    const std::string* f = static_file(req.matches[1]);
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(*f, std::string(req.matches[1]).ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
  });
  h.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
  h.Get("/", [](const httplib::Request&, httplib::Response& res) { redirect(res, "/todo"); });

  // ── logging in and out ──
  h.Get("/login", [this](const httplib::Request&, httplib::Response& res) {
    std::string pre = random_token();  // login CSRF: the form must come from this page
    res.set_header("Set-Cookie", login_cookie() + "=" + pre + cookie_attrs() + "; Max-Age=900");
    res.set_content(render_page("login", {{"csrf", pre}, {"login", ""}}, Frame{"登录", "", "", "", false, "", ""}),
                    "text/html; charset=utf-8");
  });
  h.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
    std::string login = field(req, "login"), password = field(req, "password");
    std::string pre = cookie(req, login_cookie());
    auto again = [&](int status, const std::string& error) {
      std::string fresh = random_token();
      res.status = status;
      res.set_header("Set-Cookie", login_cookie() + "=" + fresh + cookie_attrs() + "; Max-Age=900");
      res.set_content(
          render_page("login", {{"csrf", fresh}, {"login", login.size() <= 64 ? login : ""}}, Frame{"登录", "", "", "", false, "", error}),
          "text/html; charset=utf-8");
    };
    if (!same_secret(field(req, "csrf"), pre)) return again(403, "登录页面已过期，请重新输入。");
    auto lease = pool.take();
    auto o = try_login(lease.store->db(), login, password, address(req), unix_now(), opt.logins);
    if (o == LoginOutcome::throttled)
      return again(429, "尝试次数过多，请 " + std::to_string(opt.logins.window_seconds / 60) + " 分钟后再试。");
    if (o != LoginOutcome::ok) return again(401, "登录名或密码不正确。");
    std::string token = open_session(lease.store->db(), login, address(req), unix_now());
    res.set_header("Set-Cookie", session_cookie() + "=" + token + cookie_attrs());
    redirect(res, "/todo");
  });
  page("POST", "/logout", false, [this](Ctx& c) {
    close_session(c.store.db(), c.token);
    c.res.set_header("Set-Cookie", session_cookie() + "=; Max-Age=0" + cookie_attrs());
    redirect(c.res, "/login");
  });

  // ── pages ──
  page("GET", "/todo", false, [](Ctx& c) { c.html("todo", c.wp->todo(), c.frame("我的待办", "todo")); });
  page("GET", "/units", false, [](Ctx& c) {
    auto d = c.wp->units(c.req.get_param_value("unit"));
    if (!d) return c.not_found(false);
    c.html("units", *d, c.frame("单位总览", "units"));
  });
  page("GET", "/alerts", false, [](Ctx& c) {
    auto q = list_query(c.req);
    json d = c.wp->alerts(q);
    d["filters"] = filters_json(q);
    int page = d["page"], pages = d["pages"];
    d["prev_url"] = page > 1 ? "/alerts" + query_string(q, page - 1) : "";
    d["next_url"] = page < pages ? "/alerts" + query_string(q, page + 1) : "";
    d["has_prev"] = page > 1;
    d["has_next"] = page < pages;
    d["csv_url"] = "/report.csv" + query_string(q, 1);
    d["xlsx_url"] = "/report.xlsx" + query_string(q, 1);
    c.html("alerts", d, c.frame("预警列表", "alerts"));
  });
  auto alert_page = [](Ctx& c, const std::string& id, Frame f, int status) {
    auto d = c.wp->alert(id);
    if (!d) return c.not_found(false);
    (*d)["csrf"] = c.session.csrf;
    (*d)["action_url"] = "/alerts/" + url_encode(id) + "/act";
    f.title = "预警 " + id;
    c.html("alert", *d, f, status);
  };
  page("GET", R"(/alerts/([^/]+))", false, [alert_page](Ctx& c) {
    Frame f = c.frame("", "alerts");
    if (auto done = act_from(c.req.get_param_value("done"))) f.notice = std::string("已办理：") + ledger::act_label(*done);
    alert_page(c, c.req.matches[1], f, 200);
  });
  page("POST", R"(/alerts/([^/]+)/act)", false, [alert_page](Ctx& c) {
    std::string id = c.req.matches[1];
    auto act = act_from(field(c.req, "act"));
    std::vector<ledger::ActionRequest::Upload> uploads;
    auto range = c.req.files.equal_range("file");
    for (auto it = range.first; it != range.second; ++it)
      if (!it->second.filename.empty() || !it->second.content.empty()) uploads.push_back({it->second.filename, it->second.content});
    if (!act) {
      Frame f = c.frame("", "alerts");
      f.error = "未知的操作。";
      return alert_page(c, id, f, 400);
    }
    auto err = c.wp->act(id, *act, field(c.req, "note"), uploads);
    if (err && err->status == 404) return c.not_found(false);
    if (err) {
      Frame f = c.frame("", "alerts");
      f.error = err->message;
      return alert_page(c, id, f, err->status);
    }
    redirect(c.res, "/alerts/" + url_encode(id) + "?done=" + ledger::act_name(*act));
  });
  page("GET", R"(/alerts/([^/]+)/evidence/([0-9a-f]{64}))", false, [](Ctx& c) {
    auto f = c.wp->evidence(c.req.matches[1], c.req.matches[2]);
    if (!f) return c.not_found(false);
    c.res.set_header("Content-Disposition", attachment(f->first));
    c.res.set_content(f->second, "application/octet-stream");
  });
  page("GET", "/report", false, [](Ctx& c) {
    json d = c.wp->report();
    c.html("report", d, c.frame("检查报告", "report"));
  });
  page("GET", "/report.csv", false, [](Ctx& c) {
    std::ostringstream out;
    report::write_alerts_csv(out, c.wp->export_rows(list_query(c.req)), c.store.zone());
    c.res.set_header("Content-Disposition", attachment("预警清单-" + c.wp->as_of() + ".csv"));
    c.res.set_content(out.str(), "text/csv; charset=utf-8");
  });
  page("GET", "/report.xlsx", false, [](Ctx& c) {
    namespace fs = std::filesystem;
    fs::path tmp = fs::temp_directory_path() / ("jiandu-" + random_token().substr(0, 16) + ".xlsx");
    report::write_xlsx(tmp.string(), c.store, c.wp->export_rows(list_query(c.req)), c.wp->as_of());
    std::ifstream in(tmp, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    std::error_code ec;
    fs::remove(tmp, ec);
    c.res.set_header("Content-Disposition", attachment("预警清单-" + c.wp->as_of() + ".xlsx"));
    c.res.set_content(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });
  page("GET", "/account", false, [](Ctx& c) {
    json d = c.wp->me();
    d["csrf"] = c.session.csrf;
    Frame f = c.frame("账户", "account");
    if (c.req.get_param_value("done") == "password") f.notice = "密码已修改，其他已登录的会话均已退出。";
    c.html("account", d, f);
  });
  page("POST", "/account/password", false, [this](Ctx& c) {
    std::string old_pw = field(c.req, "old"), new_pw = field(c.req, "new"), again_pw = field(c.req, "again");
    auto fail = [&](int status, const std::string& why) {
      json d = c.wp->me();
      d["csrf"] = c.session.csrf;
      Frame f = c.frame("账户", "account");
      f.error = why;
      c.html("account", d, f, status);
    };
    auto o = try_login(c.store.db(), c.session.user.login, old_pw, address(c.req), unix_now(), opt.logins);
    if (o == LoginOutcome::throttled) return fail(429, "尝试次数过多，请稍后再试。");
    if (o != LoginOutcome::ok) return fail(403, "原密码不正确。");
    if (new_pw != again_pw) return fail(400, "两次输入的新密码不一致。");
    if (!weak_password(c.session.user.login, new_pw, opt.logins).empty())
      return fail(400, "新密码至少 " + std::to_string(opt.logins.min_password) + " 个字符，且不能与登录名相同。");
    set_password(c.store.db(), c.session.user.login, new_pw, opt.logins);
    std::string token = open_session(c.store.db(), c.session.user.login, address(c.req), unix_now());
    c.res.set_header("Set-Cookie", session_cookie() + "=" + token + cookie_attrs());
    redirect(c.res, "/account?done=password");
  });
  page("GET", "/admin/logins", false, [](Ctx& c) {
    if (!c.session.user.admin) return c.not_found(false);
    json rows = json::array();
    for (auto& r : login_history(c.store.db(), 500, c.req.get_param_value("login"))) {
      static const std::map<std::string, std::string> labels{{"ok", "成功"},
                                                             {"bad_password", "密码错误"},
                                                             {"unknown", "无此账户"},
                                                             {"disabled", "账户已停用"},
                                                             {"throttled", "已限制（尝试过多）"}};
      auto it = labels.find(r.outcome);
      std::string local = Timestamp{r.at, c.store.zone().offset_at(r.at)}.str();
      rows.push_back({{"at", local.substr(0, 10) + " " + local.substr(11, 8) + "（" + report::zone_label(c.store.zone()) + "）"},
                      {"login", r.login},
                      {"address", r.address},
                      {"outcome", it == labels.end() ? r.outcome : it->second},
                      {"ok", r.outcome == "ok"}});
    }
    json users = json::array();
    for (auto& u : list_users(c.store.db()))
      users.push_back(
          {{"login", u.login}, {"person", u.person}, {"person_name", u.person_name}, {"admin", u.admin}, {"disabled", u.disabled}});
    c.html("logins", {{"logins", rows}, {"users", users}}, c.frame("登录记录", "logins"));
  });

  // ── the JSON API: the same data and the same rules ──
  page("GET", "/api/v1/me", true, [](Ctx& c) {
    json d = c.wp->me();
    if (!c.bearer) d["csrf"] = c.session.csrf;
    c.json_out(d);
  });
  page("GET", "/api/v1/todo", true, [](Ctx& c) { c.json_out(c.wp->todo()); });
  page("GET", "/api/v1/units", true, [](Ctx& c) {
    auto d = c.wp->units(c.req.get_param_value("unit"));
    if (!d) return c.not_found(true);
    c.json_out(*d);
  });
  page("GET", "/api/v1/alerts", true, [](Ctx& c) { c.json_out(c.wp->alerts(list_query(c.req))); });
  page("GET", R"(/api/v1/alerts/([^/]+))", true, [](Ctx& c) {
    auto d = c.wp->alert(c.req.matches[1]);
    if (!d) return c.not_found(true);
    c.json_out(*d);
  });
  page("GET", "/api/v1/report", true, [](Ctx& c) { c.json_out(c.wp->report()); });
  page("GET", R"(/api/v1/alerts/([^/]+)/evidence/([0-9a-f]{64}))", true, [](Ctx& c) {
    auto f = c.wp->evidence(c.req.matches[1], c.req.matches[2]);
    if (!f) return c.not_found(true);
    c.res.set_header("Content-Disposition", attachment(f->first));
    c.res.set_content(f->second, "application/octet-stream");
  });
  page("POST", R"(/api/v1/alerts/([^/]+)/actions)", true, [](Ctx& c) {
    json body = json::parse(c.req.body, nullptr, false);
    if (!body.is_object() || !body.contains("act") || !body["act"].is_string())
      return c.json_out({{"error", "bad_request"},
                         {"message", "请求体应为 JSON：{\"act\": \"ack\", \"note\": \"…\", \"files\": [{\"name\", \"base64\"}]}"}},
                        400);
    auto act = act_from(body["act"].get<std::string>());
    if (!act) return c.json_out({{"error", "bad_request"}, {"message", "未知的操作"}}, 400);
    std::vector<ledger::ActionRequest::Upload> uploads;
    if (body.contains("files") && body["files"].is_array())
      for (auto& f : body["files"]) {
        if (!f.is_object() || !f.contains("name") || !f.contains("base64") || !f["name"].is_string() || !f["base64"].is_string())
          return c.json_out({{"error", "bad_request"}, {"message", "files 的每一项为 {\"name\": …, \"base64\": …}"}}, 400);
        std::string content;
        if (!base64_decode(f["base64"].get<std::string>(), content, size_t(c.srv.policy.evidence_max_bytes)))
          return c.json_out({{"error", "bad_request"}, {"message", "文件内容不是有效的 base64"}}, 400);
        uploads.push_back({f["name"].get<std::string>(), content});
      }
    std::string note = body.contains("note") && body["note"].is_string() ? body["note"].get<std::string>() : "";
    int64_t entry = 0;
    auto err = c.wp->act(c.req.matches[1], *act, note, uploads, &entry);
    if (err && err->status == 404) return c.not_found(true);
    if (err)
      return c.json_out({{"error", err->status == 403   ? "forbidden"
                                   : err->status == 409 ? "conflict"
                                                        : "bad_request"},
                         {"message", err->message}},
                        err->status);
    auto d = c.wp->alert(c.req.matches[1]);
    c.json_out({{"entry", entry}, {"status", (*d)["status"]}, {"status_label", (*d)["status_label"]}});
  });
}

Server::Server(ServeOptions options, ledger::Authority policy) : impl_(std::make_unique<Impl>(std::move(options), std::move(policy))) {
  auto& o = impl_->opt;
  { auto s = Store::open(o.db); }  // migrates, and says at once when the store cannot be opened
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) throw Error("--tls-cert and --tls-key go together");
    auto* ssl = new httplib::SSLServer(o.tls_cert.c_str(), o.tls_key.c_str());
    impl_->http.reset(ssl);
    if (!ssl->is_valid())
      throw Error("--tls-cert " + o.tls_cert + " / --tls-key " + o.tls_key + ": cannot be read as a certificate and key (PEM)");
  } else {
    impl_->http = std::make_unique<httplib::Server>();
  }
  auto& h = *impl_->http;
  int threads = std::clamp(o.threads, 1, 64);
  h.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
  h.set_payload_max_length(size_t(impl_->policy.evidence_max_bytes) + 256 * 1024);
  h.set_read_timeout(10, 0);
  h.set_write_timeout(30, 0);
  // A connection holds its worker while it is kept alive: short and few, so that an idle
  // browser tab never keeps another person waiting for a worker.
  h.set_keep_alive_timeout(1);
  h.set_keep_alive_max_count(10);
  bool tls = !o.tls_cert.empty();
  h.set_post_routing_handler([tls](const httplib::Request&, httplib::Response& res) { security_headers(res, tls); });
  h.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // The router found nothing (404), the body was too large (413), or the request was bad;
    // a handler's own answer (a page with its message) is kept.
    if (!res.body.empty()) return;
    std::string message = res.status == 404   ? "未找到：该页面或预警不存在。"
                          : res.status == 413 ? "上传的内容超过大小上限。"
                                              : "请求无法处理（" + std::to_string(res.status) + "）。";
    if (req.path.rfind("/api/", 0) == 0)
      res.set_content(
          json{{"error", res.status == 404 ? "not_found" : "http_" + std::to_string(res.status)}, {"message", message}}.dump() + "\n",
          "application/json; charset=utf-8");
    else
      res.set_content(render_page("error", {{"code", res.status}, {"message", message}}, Frame{"出错了", "", "", "", false, "", ""}),
                      "text/html; charset=utf-8");
  });
  h.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "jiandu serve: " << req.method << " " << terminal_safe(req.path) << ": " << terminal_safe(what) << "\n";
    res.status = 500;
    res.set_content(
        render_page("error", {{"code", 500}, {"message", "服务器内部错误，已记录。"}}, Frame{"出错了", "", "", "", false, "", ""}),
        "text/html; charset=utf-8");
  });
  if (!o.quiet)
    h.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      // Never the body, the cookies or the query of a login: only what was asked and answered.
      std::cerr << fmt::format("{} {} {} {} {}\n", now_utc(), impl_->address(req), req.method, terminal_safe(req.path), res.status);
    });
  impl_->routes();
}

Server::~Server() = default;

int Server::bind() {
  auto& o = impl_->opt;
  if (o.port == 0) {
    int port = impl_->http->bind_to_any_port(o.host);
    if (port <= 0) throw Error("cannot listen on " + o.host);
    return port;
  }
  if (!impl_->http->bind_to_port(o.host, o.port)) throw Error("cannot listen on " + o.host + ":" + std::to_string(o.port) + " (in use?)");
  return o.port;
}

bool Server::run() { return impl_->http->listen_after_bind(); }

void Server::stop() { impl_->http->stop(); }

}  // namespace jiandu::web
