#include "base/yaml_doc.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <yaml-cpp/depthguard.h>

#include "base/fnv.h"
#include "base/yaml_span.h"

namespace jiandu {
namespace {

Span at_mark(const SourcePtr& src, const YAML::Mark& m) { return Span{src, m.pos >= 0 ? uint32_t(m.pos) : 0, 1}; }

// Walks the tree with a stack of its own (the parser bounds the depth; this must not recurse
// on it either) and reports each key met again in the same mapping. Each collection is
// visited once, known by where it starts in the text: an alias repeats a node without
// copying it, and nested aliases ("billion laughs") would otherwise make the walk exponential.
bool unique_keys(const YAML::Node& root, const SourcePtr& src, Diagnostics& d, const Code& code) {
  bool ok = true;
  std::vector<YAML::Node> todo{root};
  std::unordered_set<int> seen_at;
  while (!todo.empty()) {
    YAML::Node n = todo.back();
    todo.pop_back();
    if ((n.IsSequence() || n.IsMap()) && !seen_at.insert(n.Mark().pos).second) continue;
    if (n.IsSequence()) {
      for (size_t i = 0; i < n.size(); ++i) todo.push_back(n[i]);
    } else if (n.IsMap()) {
      std::unordered_map<std::string, YAML::Node> seen;
      for (auto it = n.begin(); it != n.end(); ++it) {
        const YAML::Node key = it->first;
        todo.push_back(it->second);
        if (!key.IsScalar()) continue;
        auto [first, fresh] = seen.emplace(key.Scalar(), key);
        if (fresh) continue;
        ok = false;
        auto& e = d.report(
            code, span_of(key, src),
            "the key `" + key.Scalar() + "` is written twice in this mapping: write it once (YAML would keep one of them silently)");
        e.notes.push_back({Severity::note, "", "first written here", span_of(first->second, src), {}});
      }
    }
  }
  return ok;
}

}  // namespace

std::optional<YAML::Node> parse_yaml(const SourcePtr& src, Diagnostics& d, const Code& code, const Code* dup_code) {
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(src->text());
  } catch (const YAML::DeepRecursion& e) {
    d.report(code, at_mark(src, e.mark), "invalid YAML: nested deeper than YAML's limit of 2000 levels");
    return std::nullopt;
  } catch (const YAML::ParserException& e) {
    d.report(code, at_mark(src, e.mark), "invalid YAML: " + e.msg);
    return std::nullopt;
  }
  if (docs.size() > 1) {
    d.report(code, span_of(docs[1], src),
             "a file holds one YAML document; this one has " + std::to_string(docs.size()) +
                 " (what follows `---` would be ignored): put it in one document or in a file of its own");
    return std::nullopt;
  }
  YAML::Node root = docs.empty() ? YAML::Node() : docs.front();
  unique_keys(root, src, d, dup_code ? *dup_code : code);
  return root;
}

namespace {

// false when the budget ran out.
bool hash_node(const YAML::Node& n, Fnv& h, size_t& budget) {
  if (budget == 0) return false;
  --budget;
  switch (n.Type()) {
    case YAML::NodeType::Map:
      h.add("M").add(int64_t(n.size()));
      for (auto it = n.begin(); it != n.end(); ++it)
        if (!hash_node(it->first, h, budget) || !hash_node(it->second, h, budget)) return false;
      return true;
    case YAML::NodeType::Sequence:
      h.add("S").add(int64_t(n.size()));
      for (auto it = n.begin(); it != n.end(); ++it)
        if (!hash_node(*it, h, budget)) return false;
      return true;
    case YAML::NodeType::Scalar:
      // The tag tells "1" (quoted: a string) from 1 (plain).
      h.add("V").add(n.Tag() == "!" ? "!" : n.Tag()).add(n.Scalar());
      return true;
    default: h.add("N"); return true;
  }
}

}  // namespace

std::string yaml_content_hash(const YAML::Node& root, std::string_view text) {
  Fnv h;
  size_t budget = 1'000'000;
  if (hash_node(root, h, budget)) return h.hex();
  return Fnv().add("text").add(text).hex();
}

}  // namespace jiandu
