#pragma once
// The example city after an audit, served by a real `jiandu serve` server on 127.0.0.1 (a
// free port), with an account for each kind of person of the closed loop.
#include <map>
#include <memory>
#include <string>
#include <thread>

#include <httplib.h>

#include "support/city.h"
#include "web/server.h"

namespace jiandu::test {

inline const char* kPassword = "correct horse battery";

struct WebCity {
  City city;
  std::string db;
  std::unique_ptr<web::Server> server;
  std::thread thread;
  int port = 0;
  std::string branch_alert;  // an open alert of 市发展改革委办公室党支部 (fgw.b1)
  std::string other_alert;   // an alert of another organ (czj)

  WebCity();
  ~WebCity();
  httplib::Client client() const;
};

// A logged-in browser: its cookie and CSRF token.
struct Browser {
  std::string cookie, csrf;
  httplib::Headers headers() const { return {{"Cookie", cookie}}; }
};
// Logs in through the login page; fails the test when it does not succeed.
Browser login(const WebCity& w, const std::string& login, const std::string& password = kPassword);

}  // namespace jiandu::test
