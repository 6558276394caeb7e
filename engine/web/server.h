#pragma once
// `jiandu serve`: the web workplace over one store, beside the nightly audit. An HTTP server
// (cpp-httplib, Debian's libcpp-httplib: a bounded thread pool, request-size limits and
// timeouts, multipart uploads and TLS through OpenSSL) whose every request is authenticated,
// scoped to the person's part of the org graph, CSRF-checked when it changes anything, and
// answered with a CSP that allows no inline script.
#include <memory>
#include <string>

#include "ledger/authority.h"
#include "web/accounts.h"
#include "web/sessions.h"

namespace jiandu::web {

struct ServeOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  int threads = 16;
  std::string tls_cert, tls_key;  // both: HTTPS directly
  bool secure_cookies = false;    // behind a TLS-terminating proxy: cookies marked Secure
  bool trust_proxy = false;       // take the client address from X-Real-IP when the peer is loopback
  bool quiet = false;             // no access log
  LoginLimits logins;
  SessionLimits sessions;
};

class Server {
 public:
  Server(ServeOptions options, ledger::Authority policy);
  ~Server();
  // Binds the address; returns the port (the chosen one when port was 0). Throws Error.
  int bind();
  // Serves until stop(); returns false when the server could not run.
  bool run();
  void stop();

  struct Impl;  // server.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace jiandu::web
