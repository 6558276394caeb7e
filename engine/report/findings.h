#pragma once
// Findings as a table for people, JSONL for programs, CSV for spreadsheets.
#include <ostream>
#include <vector>

#include "eval/finding.h"
#include "eval/run.h"

namespace jiandu::report {

nlohmann::json to_json(const eval::Finding& f);
void write_jsonl(std::ostream& out, const std::vector<eval::Finding>& findings);
void write_csv(std::ostream& out, const std::vector<eval::Finding>& findings);
void write_table(std::ostream& out, const std::vector<eval::Finding>& findings);
// Per rule: events seen, findings, runtime faults (with samples).
void write_stats(std::ostream& out, const eval::RunResult& result);

}  // namespace jiandu::report
