// Which fields each rule kind takes. docs/rule-language.md describes each; keep them in step.
#include <map>

#include "load/loader.h"

namespace jiandu::load {

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> k{"match", "deadline", "periodic", "threshold", "sequence", "chain", "escalation"};
  return k;
}

const std::vector<FieldDef>& common_fields() {
  static const std::vector<FieldDef> f{{"id", true},       {"title", true},     {"basis", true},       {"severity", true},
                                       {"kind", true},     {"effective", true}, {"owner", false},      {"tags", false},
                                       {"message", false}, {"enabled", false},  {"description", false}};
  return f;
}

const std::vector<FieldDef>& kind_fields(const std::string& kind) {
  static const std::map<std::string, std::vector<FieldDef>> table{
      {"match", {{"when", true}, {"subject", false}, {"unless_before", false}, {"after", false}, {"within", false}, {"correlate", false}}},
      {"deadline",
       {{"on", true},
        {"expect", true},
        {"correlate", true},
        {"within", true},
        {"warn", false},
        {"subject", false},
        {"on_rest_day", false}}},
      {"periodic",
       {{"scope", false},
        {"per", false},
        {"every", true},
        {"expect", true},
        {"at_least", false},
        {"at_most", false},
        {"due", false},
        {"makeup", false},
        {"on_rest_day", false}}},
      {"threshold", {{"when", true}, {"group_by", true}, {"window", true}, {"at_least", true}, {"sum", false}}},
      {"sequence", {{"correlate", true}, {"steps", true}, {"subject", false}, {"on_rest_day", false}}},
      {"chain", {{"scope", true}, {"every", true}, {"due", false}, {"links", true}, {"on_rest_day", false}}},
      {"escalation", {{"from", true}, {"group_by", false}, {"window", true}, {"at_least", true}, {"recommend", true}}},
  };
  static const std::vector<FieldDef> none;
  auto it = table.find(kind);
  return it == table.end() ? none : it->second;
}

}  // namespace jiandu::load
