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
// The obligations a run could not judge, every rule's, as an error to stderr.
void write_stats(std::ostream& out, const eval::RunResult& result);
size_t fault_count(const eval::RunResult& result);
// "rule X about p001 (record e17): reason"
std::string describe_fault(const std::string& rule, const eval::Fault& f);

}  // namespace jiandu::report
