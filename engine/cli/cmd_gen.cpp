// jiandu gen: a synthetic city of any size, the same for the same seed.
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/cli_rules.h"
#include "cli/commands.h"
#include "gen/city_gen.h"

namespace jiandu::cli {

void add_gen(CLI::App& app, int& /*exit_status: nothing it finds is a problem*/) {
  auto* cmd = app.add_subcommand("gen", "Generate a synthetic city into a new store (for demos, diff and benchmarks)");
  struct Opts {
    std::string db, calendars;
    gen::Params p;
  };
  auto o = std::make_shared<Opts>();
  cmd->add_option("--db", o->db, "the store to create")->required();
  cmd->add_option("--units", o->p.units, "org units, about")->capture_default_str()->check(CLI::Range(5, 1000000));
  cmd->add_option("--people", o->p.people, "people")->capture_default_str()->check(CLI::Range(10, 10000000));
  cmd->add_option("--years", o->p.years, "years of records, ending with --last-year")->capture_default_str()->check(CLI::Range(1, 4));
  cmd->add_option("--last-year", o->p.last_year, "the last year of records")->capture_default_str()->check(CLI::Range(2000, 2100));
  cmd->add_option("--seed", o->p.seed, "the random seed: the same seed gives the same city")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--lapse-rate", o->p.lapse_rate, "the chance an obligation is skipped or late")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--activity", o->p.activity, "everyday events (car use, meals) per person per year")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  add_calendars_option(cmd, o->calendars);
  cmd->callback([o] {
    auto t0 = std::chrono::steady_clock::now();
    Calendar cal = Calendar::with_files(o->calendars.empty() ? std::vector<std::string>{} : calendar_files(o->calendars));
    auto store = Store::create(o->db);
    auto s = gen::generate(*store, cal, o->p, [](const std::string& m) { std::cerr << "gen: " << m << "\n"; });
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::cout << fmt::format("{}: {} org units, {} people, {} role assignments, {} events in {:.1f} s\n", o->db, s.orgs, s.people, s.roles,
                             s.events, secs);
    std::cout << "lapses injected:\n";
    for (auto& [what, n] : s.lapses) std::cout << fmt::format("  {:<36} {}\n", what, n);
  });
}

}  // namespace jiandu::cli
