// jiandu user: accounts from the shell, the password from stdin (never an argument).
#include <catch2/catch.hpp>
#include <SQLiteCpp/Statement.h>

#include "support/city.h"
#include "support/cli.h"
#include "web/accounts.h"

using namespace jiandu;
using namespace jiandu::test;

TEST_CASE("user: add, list, disable and tokens from the command line", "[web][cli]") {
  City city;
  std::string db = city.dir.path("city.db");
  std::string pw = city.dir.write("pw", "a good long password\n");
  std::string weak = city.dir.write("weak", "short\n");
  int rc = 0;
  auto out = run_cli("user add guozq --person p008 --db " + db + " < " + pw, rc);
  CHECK(rc == 0);
  CHECK(out.find("added guozq (p008)") != std::string::npos);
  // The store holds an Argon2id string, not the password.
  auto hash = city.store->db().execAndGet("SELECT pwhash FROM users WHERE login = 'guozq'").getString();
  CHECK(hash.rfind("$argon2id$", 0) == 0);
  CHECK(hash.find("a good long password") == std::string::npos);
  CHECK(web::try_login(city.store->db(), "guozq", "a good long password", "test", 1000) == web::LoginOutcome::ok);

  out = run_cli("user add guozq --person p008 --db " + db + " < " + pw, rc);
  CHECK(rc == 2);
  CHECK(out.find("exists already") != std::string::npos);
  out = run_cli("user add x --person p999 --db " + db + " < " + pw, rc);
  CHECK(rc == 2);
  CHECK(out.find("no such person") != std::string::npos);
  out = run_cli("user add y --person p008 --db " + db + " < " + weak, rc);
  CHECK(rc == 2);
  CHECK(out.find("at least 10 characters") != std::string::npos);
  out = run_cli("user add 'Bad Name' --person p008 --db " + db + " < " + pw, rc);
  CHECK(rc == 2);

  out = run_cli("user list --db " + db, rc);
  CHECK(rc == 0);
  CHECK(out.find("guozq") != std::string::npos);
  CHECK(out.find("郭志强") != std::string::npos);

  out = run_cli("user token guozq --label nightly --db " + db, rc);
  CHECK(rc == 0);
  std::string token = out.substr(0, 64);
  CHECK(web::user_of_api_token(city.store->db(), token).has_value());
  out = run_cli("user disable guozq --db " + db, rc);
  CHECK(rc == 0);
  CHECK_FALSE(web::user_of_api_token(city.store->db(), token).has_value());  // revoked with the account
  CHECK(web::try_login(city.store->db(), "guozq", "a good long password", "test", 2000) == web::LoginOutcome::disabled);
  out = run_cli("user list --db " + db, rc);
  CHECK(out.find("disabled") != std::string::npos);
  run_cli("user enable guozq --db " + db, rc);
  CHECK(rc == 0);
  CHECK(web::try_login(city.store->db(), "guozq", "a good long password", "test", 3000) == web::LoginOutcome::ok);
}
