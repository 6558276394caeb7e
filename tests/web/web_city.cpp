#include "web/web_city.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/Statement.h>

#include "cli/cli_rules.h"
#include "ledger/authority.h"
#include "support/cli.h"
#include "web/accounts.h"

namespace jiandu::test {

namespace {

std::string set_cookie_value(const httplib::Result& r, const std::string& name) {
  for (auto& [k, v] : r->headers)
    if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  return "";
}

std::string one(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, sql);
  REQUIRE(q.executeStep());
  return q.getColumn(0).getString();
}

}  // namespace

WebCity::WebCity() {
  db = city.dir.path("city.db");
  int rc = 0;
  auto out = run_cli("audit --rules " + source_path("rules") + " --db " + db + " --as-of 2026-11-20", rc);
  INFO(out);
  REQUIRE(rc == 0);
  auto& d = city.store->db();
  for (auto [login, person] : std::initializer_list<std::pair<const char*, const char*>>{{"secretary", "p008"},   // 党支部书记, fgw.b1
                                                                                         {"member", "p011"},      // 党员, fgw.b1
                                                                                         {"discipline", "p007"},  // 机关纪委书记, fgw
                                                                                         {"other", "p031"},       // 机关纪委书记, czj
                                                                                         {"committee", "p002"},   // 机关工委书记
                                                                                         {"gone", "p009"}})       // disabled below
    web::add_user(d, login, person, kPassword, false);
  web::add_user(d, "admin", "p001", kPassword, true);
  web::set_disabled(d, "gone", true);
  branch_alert = one(d, "SELECT id FROM alerts WHERE org = 'fgw.b1' AND status = 'assigned' ORDER BY id LIMIT 1");
  other_alert = one(d, "SELECT id FROM alerts WHERE org LIKE 'czj%' ORDER BY id LIMIT 1");
  web::ServeOptions o;
  o.db = db;
  o.port = 0;
  o.threads = 4;
  o.quiet = true;
  server = std::make_unique<web::Server>(o, ledger::Authority::builtin());
  port = server->bind();
  thread = std::thread([this] { server->run(); });
}

WebCity::~WebCity() {
  server->stop();
  thread.join();
}

httplib::Client WebCity::client() const {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(30, 0);
  return c;
}

Browser login(const WebCity& w, const std::string& login, const std::string& password) {
  auto c = w.client();
  auto page = c.Get("/login");
  REQUIRE(page);
  std::string pre = set_cookie_value(page, "jd_login");
  REQUIRE(pre.size() == 64);
  auto r = c.Post("/login", {{"Cookie", "jd_login=" + pre}}, httplib::Params{{"csrf", pre}, {"login", login}, {"password", password}});
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 303);
  Browser b;
  b.cookie = "jd_session=" + set_cookie_value(r, "jd_session");
  auto me = c.Get("/api/v1/me", b.headers());
  REQUIRE(me);
  REQUIRE(me->status == 200);
  b.csrf = nlohmann::json::parse(me->body)["csrf"];
  return b;
}

}  // namespace jiandu::test
