// The web workplace's authorization matrix, against a real server over the example city:
// every page and API route × every kind of person × in scope / out of scope. An id outside
// a person's scope answers exactly as one that does not exist.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "web/web_city.h"

using namespace jiandu;
using namespace jiandu::test;

namespace {

struct Expect {
  int status;
  const char* why;
};

}  // namespace

TEST_CASE("web: every route for every kind of person, in and out of scope", "[web]") {
  WebCity w;
  auto c = w.client();
  c.set_follow_location(false);
  const std::string in = w.branch_alert, out = w.other_alert, none = "A-no-such-alert";
  std::map<std::string, Browser> who;
  for (auto l : {"secretary", "member", "discipline", "other", "committee", "admin"}) who[l] = login(w, l);

  // What each person sees: fgw.b1's alert and czj's alert.
  struct Row {
    std::string person;
    bool sees_in, sees_out, admin;
  };
  std::vector<Row> people{{"secretary", true, false, false}, {"member", true, false, false},   {"discipline", true, false, false},
                          {"other", false, true, false},     {"committee", true, true, false}, {"admin", true, true, true}};
  std::vector<std::pair<std::string, int>> routes_all{{"/todo", 200},          {"/units", 200},         {"/alerts", 200},
                                                      {"/report", 200},        {"/report.csv", 200},    {"/report.xlsx", 200},
                                                      {"/account", 200},       {"/api/v1/me", 200},     {"/api/v1/todo", 200},
                                                      {"/api/v1/alerts", 200}, {"/api/v1/report", 200}, {"/api/v1/units", 200}};
  size_t cases = 0;
  for (auto& p : people) {
    auto h = who[p.person].headers();
    for (auto& [route, status] : routes_all) {
      auto r = c.Get(route, h);
      INFO(p.person << " GET " << route);
      REQUIRE(r);
      CHECK(r->status == status);
      ++cases;
    }
    auto expect = [&](const std::string& route, bool sees) {
      auto r = c.Get(route, h);
      INFO(p.person << " GET " << route);
      REQUIRE(r);
      CHECK(r->status == (sees ? 200 : 404));
      ++cases;
      return r->body;
    };
    expect("/alerts/" + in, p.sees_in);
    expect("/alerts/" + out, p.sees_out);
    expect("/api/v1/alerts/" + in, p.sees_in);
    expect("/api/v1/alerts/" + out, p.sees_out);
    expect("/units?unit=fgw.b1", p.sees_in);
    expect("/units?unit=czj.b1", p.sees_out);
    expect("/api/v1/units?unit=czj.b1", p.sees_out);
    expect("/admin/logins", p.admin);
    // Out of scope and missing: the same answer, byte for byte.
    std::string missing = expect("/alerts/" + none, false);
    if (!p.sees_out) CHECK(expect("/alerts/" + out, false) == missing);
    if (!p.sees_in) CHECK(expect("/alerts/" + in, false) == missing);
    std::string api_missing = expect("/api/v1/alerts/" + none, false);
    if (!p.sees_out) CHECK(expect("/api/v1/alerts/" + out, false) == api_missing);
    // A list never holds what is out of scope.
    auto list = nlohmann::json::parse(c.Get("/api/v1/alerts?status=", h)->body);
    bool has_out = false, has_in = false;
    for (auto& a : list["alerts"]) {
      has_out |= a["id"] == out;
      has_in |= a["id"] == in;
    }
    CHECK(list["total"].get<int>() <= list["per_page"].get<int>() * list["pages"].get<int>());
    CHECK(has_out == (p.sees_out && list["total"].get<int>() <= 50));
    ++cases;
  }

  {  // anonymous
    for (auto& [route, status] : routes_all) {
      auto r = c.Get(route);
      REQUIRE(r);
      INFO("anonymous GET " << route);
      if (route.rfind("/api/", 0) == 0)
        CHECK(r->status == 401);
      else
        CHECK((r->status == 303 && r->get_header_value("Location") == "/login"));
      ++cases;
    }
    for (auto route : {"/alerts/" + in, "/api/v1/alerts/" + in, "/alerts/" + in + "/evidence/" + std::string(64, 'a')}) {
      auto r = c.Get(route);
      REQUIRE(r);
      CHECK((r->status == 303 || r->status == 401));
      ++cases;
    }
    auto post = c.Post("/alerts/" + in + "/act", httplib::Params{{"act", "ack"}, {"csrf", "x"}});
    REQUIRE(post);
    CHECK(post->status == 401);
    ++cases;
    auto api = c.Post("/api/v1/alerts/" + in + "/actions", R"({"act":"ack"})", "application/json");
    REQUIRE(api);
    CHECK(api->status == 401);
    ++cases;
  }
  // A disabled account cannot log in, with the same answer as a wrong password.
  {
    auto page = c.Get("/login");
    std::string pre;
    for (auto& [k, v] : page->headers)
      if (k == "Set-Cookie" && v.rfind("jd_login=", 0) == 0) pre = v.substr(9, 64);
    auto r = c.Post("/login", {{"Cookie", "jd_login=" + pre}}, httplib::Params{{"csrf", pre}, {"login", "gone"}, {"password", kPassword}});
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(r->body.find("登录名或密码不正确") != std::string::npos);
    ++cases;
  }
  CHECK(cases >= 100);
}

TEST_CASE("web: actions need the session's CSRF token and the authority policy", "[web]") {
  WebCity w;
  auto c = w.client();
  auto sec = login(w, "secretary"), member = login(w, "member"), other = login(w, "other");
  std::string act = "/alerts/" + w.branch_alert + "/act";
  auto status_of = [&] {
    return nlohmann::json::parse(c.Get("/api/v1/alerts/" + w.branch_alert, sec.headers())->body)["status"].get<std::string>();
  };
  // No token, a wrong one, another session's: refused, nothing changes.
  for (const std::string& token : {std::string(), std::string(64, '0'), member.csrf}) {
    auto r = c.Post(act, sec.headers(), httplib::Params{{"act", "ack"}, {"csrf", token}});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(status_of() == "assigned");
  }
  // The API with a cookie needs the header too.
  auto api = c.Post("/api/v1/alerts/" + w.branch_alert + "/actions", sec.headers(), R"({"act":"ack"})", "application/json");
  REQUIRE(api);
  CHECK(api->status == 403);
  // A member of the branch sees the alert but may not acknowledge it.
  auto m = c.Post(act, member.headers(), httplib::Params{{"act", "ack"}, {"csrf", member.csrf}});
  REQUIRE(m);
  CHECK(m->status == 403);
  CHECK(m->body.find("您无权") != std::string::npos);
  CHECK(status_of() == "assigned");
  // Another organ's discipline secretary: as if the alert did not exist.
  auto o = c.Post(act, other.headers(), httplib::Params{{"act", "waive"}, {"note", "x"}, {"csrf", other.csrf}});
  REQUIRE(o);
  CHECK(o->status == 404);
  // The branch secretary, with the token: done, and on the trail as that person.
  auto ok = c.Post(act, sec.headers(), httplib::Params{{"act", "ack"}, {"note", "已部署整改"}, {"csrf", sec.csrf}});
  REQUIRE(ok);
  CHECK(ok->status == 303);
  CHECK(status_of() == "in_progress");
  auto d = nlohmann::json::parse(c.Get("/api/v1/alerts/" + w.branch_alert, sec.headers())->body);
  CHECK(d["trail"].back()["actor_name"] == "郭志强");
  CHECK(d["trail"].back()["reason"].get<std::string>().find("已部署整改") != std::string::npos);
  // An API token: no CSRF, the same policy.
  std::string token = web::add_api_token(w.city.store->db(), "secretary", "test");
  auto t = c.Post("/api/v1/alerts/" + w.branch_alert + "/actions", {{"Authorization", "Bearer " + token}},
                  R"({"act":"statement","note":"已召开专题会议"})", "application/json");
  REQUIRE(t);
  INFO(t->body);
  CHECK(t->status == 200);
  auto bad = c.Get("/api/v1/me", {{"Authorization", "Bearer " + std::string(64, 'f')}});
  CHECK(bad->status == 401);
}
