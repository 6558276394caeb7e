// What the web workplace holds to on every request: security headers, cookie flags, the
// login throttle, session timeouts, evidence uploads (type, size, names) and downloads.
#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <SQLiteCpp/Statement.h>

#include "support/temp_dir.h"
#include "web/accounts.h"
#include "web/web_city.h"

using namespace jiandu;
using namespace jiandu::test;

namespace {

httplib::MultipartFormDataItems resolve_form(const std::string& csrf, const std::string& name, const std::string& content) {
  return {
      {"csrf", csrf, "", ""}, {"act", "resolve", "", ""}, {"note", "已整改并补开会议", "", ""}, {"file", content, name, "application/pdf"}};
}

std::string pre_login(httplib::Client& c) {
  auto page = c.Get("/login");
  for (auto& [k, v] : page->headers)
    if (k == "Set-Cookie" && v.rfind("jd_login=", 0) == 0) return v.substr(9, 64);
  return "";
}

}  // namespace

TEST_CASE("web: headers, cookies and the no-script policy", "[web]") {
  WebCity w;
  auto c = w.client();
  auto page = c.Get("/login");
  REQUIRE(page);
  std::string csp = page->get_header_value("Content-Security-Policy");
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(page->get_header_value("Cache-Control") == "no-store");
  std::string set = page->get_header_value("Set-Cookie");
  CHECK(set.find("HttpOnly") != std::string::npos);
  CHECK(set.find("SameSite=Strict") != std::string::npos);
  // No page carries an inline script or style attribute the CSP would have to allow.
  auto b = login(w, "committee");
  for (const std::string& route : {std::string("/todo"), std::string("/units"), std::string("/alerts"), std::string("/report"),
                                   std::string("/account"), "/alerts/" + w.branch_alert}) {
    auto r = c.Get(route, b.headers());
    REQUIRE(r);
    INFO(route);
    CHECK(r->body.find("<script>") == std::string::npos);
    CHECK(r->body.find(" style=") == std::string::npos);
    CHECK(r->body.find(" onclick=") == std::string::npos);
  }
  // A login form posted without the login page's cookie is refused (login CSRF).
  auto forged = c.Post("/login", httplib::Params{{"csrf", std::string(64, 'a')}, {"login", "committee"}, {"password", kPassword}});
  CHECK(forged->status == 403);
}

TEST_CASE("web: a password-guessing burst is throttled, per account", "[web]") {
  WebCity w;
  auto c = w.client();
  std::vector<int> statuses;
  for (int i = 0; i < 7; ++i) {
    std::string pre = pre_login(c);
    auto r = c.Post("/login", {{"Cookie", "jd_login=" + pre}},
                    httplib::Params{{"csrf", pre}, {"login", "secretary"}, {"password", "guess-" + std::to_string(i)}});
    statuses.push_back(r->status);
  }
  CHECK(statuses[0] == 401);
  CHECK(statuses[4] == 401);
  CHECK(statuses[5] == 429);  // the sixth try in the window: not even checked
  // Now even the right password waits: the guesser learns nothing.
  std::string pre = pre_login(c);
  auto right =
      c.Post("/login", {{"Cookie", "jd_login=" + pre}}, httplib::Params{{"csrf", pre}, {"login", "secretary"}, {"password", kPassword}});
  CHECK(right->status == 429);
  // Another account from the same address is not held by it.
  login(w, "member");
  // Every attempt is in the login history, which the admin reads.
  auto admin = login(w, "admin");
  auto history = c.Get("/admin/logins?login=secretary", admin.headers());
  REQUIRE(history->status == 200);
  CHECK(history->body.find("已限制（尝试过多）") != std::string::npos);
  CHECK(history->body.find("密码错误") != std::string::npos);
  CHECK(history->body.find("guess-") == std::string::npos);  // passwords are never kept
}

TEST_CASE("web: failures from one address are throttled over every login", "[web]") {
  City city;
  auto& db = city.store->db();
  web::LoginLimits limits;
  limits.per_address = 4;
  for (int i = 0; i < 4; ++i)
    CHECK(web::try_login(db, "someone" + std::to_string(i), "wrong password", "10.0.0.9", 1000 + i, limits) == web::LoginOutcome::unknown);
  CHECK(web::try_login(db, "someone-else", "wrong password", "10.0.0.9", 1010, limits) == web::LoginOutcome::throttled);
  CHECK(web::try_login(db, "someone-else", "wrong password", "10.0.0.10", 1011, limits) == web::LoginOutcome::unknown);
  // After the window, the address may try again.
  CHECK(web::try_login(db, "someone-else", "wrong password", "10.0.0.9", 1011 + limits.window_seconds, limits) ==
        web::LoginOutcome::unknown);
}

TEST_CASE("web: sessions end when idle, on logout, and on a new password", "[web]") {
  WebCity w;
  auto c = w.client();
  auto b = login(w, "secretary");
  CHECK(c.Get("/api/v1/me", b.headers())->status == 200);
  // 31 minutes idle.
  w.city.store->db().exec("UPDATE web_sessions SET seen = seen - 31 * 60");
  CHECK(c.Get("/api/v1/me", b.headers())->status == 401);
  CHECK(c.Get("/todo", b.headers())->status == 303);
  // Logout ends it for good, also for whoever copied the cookie.
  auto b2 = login(w, "secretary");
  CHECK(c.Post("/logout", b2.headers(), httplib::Params{{"csrf", b2.csrf}})->status == 303);
  CHECK(c.Get("/api/v1/me", b2.headers())->status == 401);
  // A new password ends the other sessions.
  auto b3 = login(w, "secretary"), b4 = login(w, "secretary");
  auto changed =
      c.Post("/account/password", b3.headers(),
             httplib::Params{{"csrf", b3.csrf}, {"old", kPassword}, {"new", "a much longer one"}, {"again", "a much longer one"}});
  CHECK(changed->status == 303);
  CHECK(c.Get("/api/v1/me", b4.headers())->status == 401);
  login(w, "secretary", "a much longer one");
  // 12 hours after login, however busy: the absolute timeout.
  auto b5 = login(w, "member");
  w.city.store->db().exec("UPDATE web_sessions SET created = created - 12 * 3600 - 1");
  CHECK(c.Get("/api/v1/me", b5.headers())->status == 401);
  // Disabling an account ends the sessions it has.
  auto b6 = login(w, "other");
  web::set_disabled(w.city.store->db(), "other", true);
  CHECK(c.Get("/api/v1/me", b6.headers())->status == 401);
  // The store keeps no token: only hashes.
  SQLite::Statement q(w.city.store->db(), "SELECT token_hash FROM web_sessions");
  while (q.executeStep()) CHECK(b3.cookie.find(q.getColumn(0).getString()) == std::string::npos);
}

TEST_CASE("web: evidence uploads are checked, kept by name only, and served only in scope", "[web]") {
  WebCity w;
  auto c = w.client();
  auto sec = login(w, "secretary");
  std::string act = "/alerts/" + w.branch_alert + "/act";
  REQUIRE(c.Post(act, sec.headers(), httplib::Params{{"act", "ack"}, {"csrf", sec.csrf}})->status == 303);
  // A program renamed .pdf, an .exe, a name with a bidi override: refused, the alert unchanged.
  for (auto [name, content] : std::initializer_list<std::pair<std::string, std::string>>{
           {"整改报告.pdf", "MZ\x90\x00 not a pdf"}, {"run.exe", "MZ"}, {"报告\u202Efdp.exe", "%PDF-1.4"}}) {
    auto r = c.Post(act, sec.headers(), resolve_form(sec.csrf, name, content));
    REQUIRE(r);
    INFO(name);
    CHECK(r->status == 400);
  }
  // Over the size limit: the server stops reading (413).
  std::string huge(11 * 1024 * 1024, 'x');
  auto big = c.Post(act, sec.headers(), resolve_form(sec.csrf, "big.pdf", "%PDF-" + huge));
  REQUIRE(big);
  CHECK(big->status == 413);
  auto state = [&] {
    return nlohmann::json::parse(c.Get("/api/v1/alerts/" + w.branch_alert, sec.headers())->body)["status"].get<std::string>();
  };
  CHECK(state() == "in_progress");
  // A path in the name is dropped: the file is kept as its last component.
  auto ok = c.Post(act, sec.headers(), resolve_form(sec.csrf, "../../etc/整改报告.pdf", "%PDF-1.4 整改报告"));
  REQUIRE(ok);
  INFO(ok->body);
  CHECK(ok->status == 303);
  CHECK(state() == "rectified");
  auto d = nlohmann::json::parse(c.Get("/api/v1/alerts/" + w.branch_alert, sec.headers())->body);
  auto ev = d["trail"].back()["evidence"][0];
  CHECK(ev["name"] == "整改报告.pdf");
  std::string url = ev["url"];
  auto file = c.Get(url, sec.headers());
  REQUIRE(file);
  CHECK(file->status == 200);
  CHECK(file->body == "%PDF-1.4 整改报告");
  CHECK(file->get_header_value("Content-Disposition").rfind("attachment;", 0) == 0);
  CHECK(file->get_header_value("Content-Type") == "application/octet-stream");
  // Another organ's discipline secretary: 404, as for a file that is not there.
  auto other = login(w, "other");
  CHECK(c.Get(url, other.headers())->status == 404);
  CHECK(c.Get("/alerts/" + w.branch_alert + "/evidence/" + std::string(64, '0'), sec.headers())->status == 404);
  CHECK(c.Get("/alerts/" + w.branch_alert + "/evidence/..%2F..%2Fetc%2Fpasswd", sec.headers())->status == 404);
  // Who reported it rectified cannot verify it; the discipline secretary can.
  auto self = c.Post(act, sec.headers(), httplib::Params{{"act", "verify"}, {"csrf", sec.csrf}});
  CHECK(self->status == 403);
  auto dis = login(w, "discipline");
  auto verified = c.Post(act, dis.headers(), httplib::Params{{"act", "verify"}, {"note", "材料齐全"}, {"csrf", dis.csrf}});
  CHECK(verified->status == 303);
  CHECK(state() == "verified");
}

TEST_CASE("web: what people wrote is shown as text, never as markup", "[web]") {
  WebCity w;
  auto c = w.client();
  auto sec = login(w, "secretary");
  std::string hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
  auto r = c.Post("/alerts/" + w.branch_alert + "/act", sec.headers(),
                  httplib::Params{{"act", "statement"}, {"note", hostile}, {"csrf", sec.csrf}});
  REQUIRE(r->status == 303);
  auto page = c.Get("/alerts/" + w.branch_alert, sec.headers());
  REQUIRE(page->status == 200);
  CHECK(page->body.find("<script>alert(1)") == std::string::npos);
  CHECK(page->body.find("<img src=x") == std::string::npos);
  CHECK(page->body.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&apos;&amp;") != std::string::npos);
  // The API returns it as the JSON string it is.
  auto api = nlohmann::json::parse(c.Get("/api/v1/alerts/" + w.branch_alert, sec.headers())->body);
  CHECK(api["trail"].back()["reason"] == "情况说明：" + hostile);
}

TEST_CASE("web: no template bypasses escaping", "[web]") {
  // {{{x}}} and {{& x}} print without escaping: no template may use them.
  for (auto& f : std::filesystem::directory_iterator(source_path("engine/web/templates"))) {
    std::ifstream in(f.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    INFO(f.path().filename().string());
    CHECK(text.find("{{{") == std::string::npos);
    CHECK(text.find("{{&") == std::string::npos);
  }
}

TEST_CASE("web: HTTPS directly, with Secure cookies and HSTS", "[web]") {
  TempDir dir;
  std::string cert = dir.path("cert.pem"), key = dir.path("key.pem");
  std::string cmd =
      "openssl req -x509 -newkey rsa:2048 -nodes -keyout " + key + " -out " + cert + " -days 1 -subj /CN=localhost >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  City city;
  web::ServeOptions o;
  o.db = city.dir.path("city.db");
  o.port = 0;
  o.quiet = true;
  o.tls_cert = cert;
  o.tls_key = key;
  web::Server server(o, ledger::Authority::builtin());
  int port = server.bind();
  std::thread t([&] { server.run(); });
  httplib::SSLClient c("127.0.0.1", port);
  c.enable_server_certificate_verification(false);
  auto r = c.Get("/login");
  server.stop();
  t.join();
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Set-Cookie").rfind("__Host-jd_login=", 0) == 0);
  CHECK(r->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
  CHECK(r->get_header_value("Strict-Transport-Security").find("max-age=") == 0);
  // A certificate that cannot be read stops the server before it listens.
  o.tls_cert = dir.write("bad.pem", "not a certificate");
  CHECK_THROWS_WITH(web::Server(o, ledger::Authority::builtin()), Catch::Contains("cannot be read as a certificate"));
}
