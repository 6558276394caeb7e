// jiandu serve: the web workplace over a store (docs/web.md), and jiandu user: its accounts.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <arpa/inet.h>
#include <termios.h>
#include <unistd.h>

#include "base/error.h"
#include "base/utf8.h"
#include "cli/cli_rules.h"
#include "cli/commands.h"
#include "store/store.h"
#include "web/accounts.h"
#include "web/server.h"

namespace jiandu::cli {

namespace {

// A password from the terminal without echo, or the first line of stdin when it is not one
// (scripts: `printf '%s\n' "$pw" | jiandu user add …`). Never from the command line, where
// every user of the machine could read it in the process list.
std::string read_password(const std::string& prompt, bool confirm) {
  auto line = [] {
    std::string s;
    std::getline(std::cin, s);
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
  };
  if (!isatty(STDIN_FILENO)) {
    std::string pw = line();
    if (!std::cin && pw.empty()) throw Error("no password on stdin");
    return pw;
  }
  auto ask = [&](const std::string& p) {
    std::cerr << p << std::flush;
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    std::string pw = line();
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::cerr << "\n";
    return pw;
  };
  std::string pw = ask(prompt);
  if (confirm && ask("again: ") != pw) throw Error("the two passwords differ");
  return pw;
}

std::pair<std::string, int> parse_listen(const std::string& s) {
  auto colon = s.rfind(':');
  if (colon == std::string::npos) throw Error("--listen " + s + ": HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    size_t used = 0;
    port = std::stoi(s.substr(colon + 1), &used);
    if (used != s.size() - colon - 1) port = -1;
  } catch (...) {
  }
  if (port < 0 || port > 65535) throw Error("--listen " + s + ": the port is a number from 0 to 65535");
  in_addr v4{};
  in6_addr v6{};
  bool numeric = host.find_first_not_of("0123456789.") == std::string::npos || host.find(':') != std::string::npos;
  if (numeric && inet_pton(AF_INET, host.c_str(), &v4) != 1 && inet_pton(AF_INET6, host.c_str(), &v6) != 1)
    throw Error("--listen " + s + ": '" + host + "' is not an IPv4 or IPv6 address");
  return {host, port};
}

}  // namespace

void add_serve(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("serve", "Serve the web workplace over a store (docs/web.md)");
  auto o = std::make_shared<web::ServeOptions>();
  auto rules = std::make_shared<std::string>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  cmd->add_option("--db", o->db, "the store")->required();
  cmd->add_option("--rules", *rules, "the rule set whose policy/authority.yaml and roles.yaml apply (default: built in)");
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (port 0: any free port, printed)")->capture_default_str();
  cmd->add_option("--threads", o->threads, "worker threads (1–64)")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--tls-cert", o->tls_cert, "serve HTTPS with this certificate (PEM)");
  cmd->add_option("--tls-key", o->tls_key, "… and this private key (PEM)");
  cmd->add_flag("--secure-cookies", o->secure_cookies, "behind a TLS-terminating proxy: mark cookies Secure");
  cmd->add_flag("--trust-proxy", o->trust_proxy, "take the client address from X-Real-IP when the peer is loopback (a local proxy)");
  cmd->add_flag("--quiet", o->quiet, "no access log on stderr");
  cmd->callback([o, rules, listen, &exit_status] {
    auto [host, port] = parse_listen(*listen);
    o->host = host;
    o->port = port;
    // SIGINT / SIGTERM end the server cleanly: waited for on a thread of its own.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    web::Server server(*o, authority_for(*rules));
    int bound = server.bind();
    std::string scheme = o->tls_cert.empty() ? "http" : "https";
    std::cout << fmt::format("jiandu serve: {}://{}:{}/ over {} (Ctrl-C stops)", scheme, host, bound, o->db) << std::endl;
    std::thread waiter([&] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      server.stop();
    });
    bool ok = server.run();
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    if (!ok) exit_status = kExitFault;
  });
}

void add_user(CLI::App& app, int& exit_status) {
  auto* user = app.add_subcommand("user", "Accounts of the web workplace: add, passwd, disable, enable, list, token");
  user->require_subcommand(1);
  auto db = std::make_shared<std::string>();
  auto login = std::make_shared<std::string>();
  auto person = std::make_shared<std::string>();
  auto label = std::make_shared<std::string>("script");
  auto admin = std::make_shared<bool>(false);
  auto store_opt = [&](CLI::App* c) { c->add_option("--db", *db, "the store")->required(); };

  auto* add = user->add_subcommand("add", "Add an account for a person of the store (password asked without echo, or read from stdin)");
  store_opt(add);
  add->add_option("LOGIN", *login, "the login: a-z 0-9 . _ -")->required();
  add->add_option("--person", *person, "the person id the account acts as")->required();
  add->add_flag("--admin", *admin, "sees every unit and the login history (acts only as the person's roles allow)");
  add->callback([=, &exit_status] {
    auto store = Store::open(*db);
    std::string pw = read_password("password for " + *login + ": ", true);
    web::add_user(store->db(), *login, *person, pw, *admin);
    std::cout << "added " << *login << " (" << *person << (*admin ? ", admin" : "") << ")\n";
  });

  auto* passwd = user->add_subcommand("passwd", "Set an account's password (ends its sessions)");
  store_opt(passwd);
  passwd->add_option("LOGIN", *login, "the login")->required();
  passwd->callback([=, &exit_status] {
    auto store = Store::open(*db);
    if (!web::find_user(store->db(), *login)) throw Error("no account " + terminal_safe(*login));
    web::set_password(store->db(), *login, read_password("new password for " + *login + ": ", true));
    std::cout << "password of " << *login << " changed; its sessions ended\n";
  });

  for (bool off : {true, false}) {
    auto* c = user->add_subcommand(off ? "disable" : "enable", off ? "Disable an account: its sessions end and its API tokens are revoked"
                                                                   : "Enable a disabled account");
    store_opt(c);
    c->add_option("LOGIN", *login, "the login")->required();
    c->callback([=, &exit_status] {
      auto store = Store::open(*db);
      web::set_disabled(store->db(), *login, off);
      std::cout << *login << (off ? " disabled\n" : " enabled\n");
    });
  }

  auto* list = user->add_subcommand("list", "List the accounts");
  store_opt(list);
  list->callback([=, &exit_status] {
    auto store = Store::open(*db);
    auto users = web::list_users(store->db());
    if (users.empty()) std::cout << "no accounts (jiandu user add LOGIN --person ID --db STORE)\n";
    for (auto& u : users)
      std::cout << fmt::format("{:<20} {:<8} {}{}{}\n", u.login, u.person, terminal_safe(u.person_name), u.admin ? "  admin" : "",
                               u.disabled ? "  disabled" : "");
  });

  auto* token = user->add_subcommand("token", "Create an API token for scripts (printed once; the store keeps its hash)");
  store_opt(token);
  token->add_option("LOGIN", *login, "the login")->required();
  token->add_option("--label", *label, "what the token is for")->capture_default_str();
  token->callback([=, &exit_status] {
    auto store = Store::open(*db);
    std::cout << web::add_api_token(store->db(), *login, *label) << "\n";
  });
}

}  // namespace jiandu::cli
