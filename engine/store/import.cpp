#include "store/event_rows.h"
#include "store/import.h"

#include "base/utf8.h"

#include <algorithm>
#include <map>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "base/date.h"
#include "base/error.h"
#include "base/json_limits.h"
#include "base/suggest.h"
#include "base/timestamp.h"
#include "base/vocabulary.h"

namespace jiandu {
namespace {

using json = nlohmann::json;

// A record that does not fit: its code and the reason for people.
struct Bad {
  std::string code, reason;
};

// The longest id, name, type or reference a record may carry (bytes).
constexpr size_t kMaxTextField = 1024;

// A field as text: strings as they are, integers written out; anything else is a fault.
std::optional<std::string> text_field(const json& rec, const char* name, bool required, std::optional<Bad>& bad) {
  if (bad) return std::nullopt;
  auto it = rec.find(name);
  if (it == rec.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty())) {
    if (required) bad = Bad{"missing_field", std::string("missing field '") + name + "'"};
    return std::nullopt;
  }
  if (it->is_string()) {
    // An id or a name is printed to terminals, pages and spreadsheets: no control characters,
    // nothing that reorders the text around it.
    const std::string& v = it->get_ref<const std::string&>();
    // Ids and names are short: a 2 MB id is a broken export, not a unit.
    if (v.size() > kMaxTextField) {
      bad = Bad{"bad_value", std::string("field '") + name + "' is " + std::to_string(v.size()) + " bytes long (at most " +
                                 std::to_string(kMaxTextField) + ")"};
      return std::nullopt;
    }
    if (v.find_first_not_of(" \t") == std::string::npos) {
      bad = Bad{"bad_value", std::string("field '") + name + "' is only spaces"};
      return std::nullopt;
    }
    if (invalid_utf8_at(v) == std::string::npos && has_unsafe_chars(v)) {
      bad = Bad{"bad_text", std::string("field '") + name + "' holds a control, bidirectional-override or invisible character (" +
                                terminal_safe(v) + ")"};
      return std::nullopt;
    }
    return v;
  }
  // Written out as given: get<int64_t>() would turn 18446744073709551615 into -1.
  if (it->is_number_integer()) return it->dump();
  bad = Bad{"bad_value", std::string("field '") + name + "' must be a string, got " + it->dump()};
  return std::nullopt;
}

class Importer {
 public:
  Importer(Store& s, const ImportOptions& o, ImportReport& r, std::function<void(const ImportReport&, int64_t)> after = {})
      : store_(s), db_(s.db()), opts_(o), report_(r), after_(std::move(after)) {}

  void run(std::vector<std::unique_ptr<RecordReader>>& readers) {
    SQLite::Transaction tx(db_);
    {
      SQLite::Statement q(db_, "INSERT INTO batches(started, files) VALUES(?, ?)");
      q.bind(1, now_utc());
      json files = json::array();
      if (!opts_.label.empty())
        files.push_back(opts_.label);
      else
        for (auto& r : readers) files.push_back(r->path());
      q.bind(2, files.dump());
      q.exec();
      batch_ = db_.getLastInsertRowid();
    }
    for (auto& r : readers) {
      reader_path_ = r->path();
      if (r->kind() == RecordKind::orgs)
        import_orgs(*r);
      else
        import_stream(*r);
    }
    if (opts_.strict && !report_.rejections.empty()) return;  // the transaction rolls back
    size_t added = report_.added(), unchanged = 0;
    for (auto& [k, c] : report_.counts) unchanged += c.unchanged;
    SQLite::Statement q(db_, "UPDATE batches SET finished = ?, added = ?, unchanged = ?, rejected = ? WHERE id = ?");
    q.bind(1, now_utc());
    q.bind(2, int64_t(added));
    q.bind(3, int64_t(unchanged));
    q.bind(4, int64_t(report_.rejections.size()));
    q.bind(5, batch_);
    q.exec();
    if (opts_.before_commit) opts_.before_commit();
    if (after_) after_(report_, batch_);
    tx.commit();
    report_.batch = batch_;
    report_.committed = true;
  }

 private:
  void tick() {
    ++handled_;
    if (opts_.after_record) opts_.after_record(handled_);
  }

  void reject(const RecordReader& r, const RawRecord& rec, const Bad& b) {
    Rejection rj{r.path(), rec.line, r.kind(), b.code, b.reason, rec.raw};
    ++report_.counts[r.kind()].rejected;
    ++report_.reasons[b.code];
    if (!opts_.strict && opts_.quarantine) store_rejection(rj, rec.fields.is_object() ? rec.fields.dump() : std::string());
    report_.rejections.push_back(std::move(rj));
  }

  // `fields`: the record as read (JSON), kept so that it can be retried; empty when it could not be read.
  void store_rejection(const Rejection& rj, const std::string& fields) {
    SQLite::Statement seen(db_, "SELECT 1 FROM rejected WHERE file = ? AND line = ? AND code = ? AND raw = ? LIMIT 1");
    seen.bind(1, rj.file);
    seen.bind(2, int64_t(rj.line));
    seen.bind(3, rj.code);
    seen.bind(4, rj.raw);
    if (seen.executeStep()) {
      ++report_.already_quarantined;
      return;
    }
    SQLite::Statement q(db_, "INSERT INTO rejected(batch, file, line, kind, code, reason, raw, fields) VALUES(?,?,?,?,?,?,?,?)");
    q.bind(1, batch_);
    q.bind(2, rj.file);
    q.bind(3, int64_t(rj.line));
    q.bind(4, kind_name(rj.kind));
    q.bind(5, rj.code);
    q.bind(6, rj.reason);
    q.bind(7, rj.raw);
    if (fields.empty())
      q.bind(8);
    else
      q.bind(8, fields);
    q.exec();
  }

  bool exists(const char* sql, const std::string& id) {
    SQLite::Statement q(db_, sql);
    q.bind(1, id);
    return q.executeStep();
  }
  void notice(const RawRecord& rec, const std::string& what, const std::string& value, const std::vector<std::string>& known) {
    if (!noticed_.insert(what + '\x1f' + value).second) return;
    report_.notices.push_back(reader_path_ + ":" + std::to_string(rec.line) + ": " + what + " '" + value +
                              "' is not in the vocabulary (rules/policy/roles.yaml)" + did_you_mean(value, known) +
                              ". Imported; a rule names it only if the rule set's policy/roles.yaml adds it");
  }
  bool org_exists(const std::string& id) { return exists("SELECT 1 FROM orgs WHERE id = ?", id); }
  bool person_exists(const std::string& id) { return exists("SELECT 1 FROM people WHERE id = ?", id); }

  // Orgs may name a parent that comes later in the file: insert parents first.
  void import_orgs(RecordReader& r) {
    struct Org {
      RawRecord rec;
      std::string id, kind, name;
      std::optional<std::string> parent;
    };
    std::vector<Org> pending;
    while (auto rec = r.next()) {
      if (rec->error) {
        reject(r, *rec, {*rec->code, *rec->error});
        tick();
        continue;
      }
      std::optional<Bad> bad;
      Org o;
      o.id = text_field(rec->fields, "id", true, bad).value_or("");
      o.parent = text_field(rec->fields, "parent", false, bad);
      o.kind = text_field(rec->fields, "kind", true, bad).value_or("");
      o.name = text_field(rec->fields, "name", true, bad).value_or("");
      if (!bad && o.parent && *o.parent == o.id) bad = Bad{"bad_value", "org '" + o.id + "' is its own parent"};
      if (bad) {
        reject(r, *rec, *bad);
        tick();
        continue;
      }
      o.rec = std::move(*rec);
      pending.push_back(std::move(o));
    }
    // Repeatedly insert those whose parent is known; what is left names unknown parents.
    bool progress = true;
    while (progress && !pending.empty()) {
      progress = false;
      std::vector<Org> later;
      for (auto& o : pending) {
        if (o.parent && !org_exists(*o.parent)) {
          later.push_back(std::move(o));
          continue;
        }
        progress = true;
        SQLite::Statement q(db_, "SELECT parent, kind, name FROM orgs WHERE id = ?");
        q.bind(1, o.id);
        if (q.executeStep()) {
          std::optional<std::string> p;
          if (!q.getColumn(0).isNull()) p = q.getColumn(0).getString();
          if (p == o.parent && q.getColumn(1).getString() == o.kind && q.getColumn(2).getString() == o.name)
            ++report_.counts[RecordKind::orgs].unchanged;
          else
            reject(r, o.rec,
                   {"conflict", "org '" + o.id + "' is already stored with different content (" + q.getColumn(2).getString() + ", kind " +
                                    q.getColumn(1).getString() + ")"});
        } else {
          if (!vocabulary().has_org_kind(o.kind)) notice(o.rec, "org kind", o.kind, vocabulary().org_kind_ids());
          SQLite::Statement ins(
              db_, "INSERT INTO orgs(id, parent, kind, name, batch, no) VALUES(?,?,?,?,?, (SELECT coalesce(max(no), 0) + 1 FROM orgs))");
          ins.bind(1, o.id);
          if (o.parent)
            ins.bind(2, *o.parent);
          else
            ins.bind(2);
          ins.bind(3, o.kind);
          ins.bind(4, o.name);
          ins.bind(5, batch_);
          ins.exec();
          ++report_.counts[RecordKind::orgs].added;
        }
        tick();
      }
      pending = std::move(later);
    }
    // What is left never found its parent: one that is missing, one of these (rejected in
    // turn), or a cycle among them — each said as such.
    std::map<std::string, std::string> parent_of;
    for (auto& o : pending) parent_of[o.id] = *o.parent;
    for (auto& o : pending) {
      if (!parent_of.count(*o.parent)) {
        reject(r, o.rec, {"unknown_parent", "unknown parent org '" + *o.parent + "'"});
        tick();
        continue;
      }
      // Up the chain of pending parents, a bounded number of steps (a cycle of more is
      // reported as an unresolved parent, which it also is).
      std::vector<std::string> path{o.id};
      std::set<std::string> on_path{o.id};
      std::string at = *o.parent;
      bool cycle = false;
      while (parent_of.count(at) && path.size() < 1000) {
        if (on_path.count(at)) {
          cycle = at == o.id;
          break;
        }
        path.push_back(at);
        on_path.insert(at);
        at = parent_of[at];
      }
      if (cycle) {
        std::string chain;
        for (auto& x : path) chain += x + " → ";
        reject(r, o.rec, {"parent_cycle", "org '" + o.id + "' is its own ancestor: " + chain + o.id});
      } else {
        reject(r, o.rec, {"unknown_parent", "parent org '" + *o.parent + "' could not be imported (see its own line)"});
      }
      tick();
    }
  }

  void import_stream(RecordReader& r) {
    size_t n = 0;
    while (auto rec = r.next()) {
      if (rec->error) {
        reject(r, *rec, {*rec->code, *rec->error});
      } else {
        std::optional<Bad> bad;
        switch (r.kind()) {
          case RecordKind::people: bad = person(*rec); break;
          case RecordKind::roles: bad = role(*rec); break;
          case RecordKind::events: bad = event(*rec); break;
          case RecordKind::orgs: break;
        }
        if (bad) reject(r, *rec, *bad);
      }
      tick();
      if (opts_.progress && ++n % 20000 == 0) opts_.progress(r.path(), r.position(), r.bytes());
    }
    if (opts_.progress && n >= 20000) opts_.progress(r.path(), r.bytes(), r.bytes());
  }

  std::optional<Bad> person(const RawRecord& rec) {
    std::optional<Bad> bad;
    auto id = text_field(rec.fields, "id", true, bad);
    auto name = text_field(rec.fields, "name", true, bad);
    auto org = text_field(rec.fields, "org", false, bad);
    if (bad) return bad;
    if (org && !org_exists(*org)) return Bad{"unknown_org", "unknown org '" + *org + "'"};
    SQLite::Statement q(db_, "SELECT name, org FROM people WHERE id = ?");
    q.bind(1, *id);
    if (q.executeStep()) {
      std::optional<std::string> o;
      if (!q.getColumn(1).isNull()) o = q.getColumn(1).getString();
      if (q.getColumn(0).getString() == *name && o == org) {
        ++report_.counts[RecordKind::people].unchanged;
        return std::nullopt;
      }
      return Bad{"conflict", "person '" + *id + "' is already stored with different content (" + q.getColumn(0).getString() + ", org " +
                                 o.value_or("-") + ")"};
    }
    SQLite::Statement ins(db_,
                          "INSERT INTO people(id, name, org, batch, no) VALUES(?,?,?,?, (SELECT coalesce(max(no), 0) + 1 FROM people))");
    ins.bind(1, *id);
    ins.bind(2, *name);
    if (org)
      ins.bind(3, *org);
    else
      ins.bind(3);
    ins.bind(4, batch_);
    ins.exec();
    ++report_.counts[RecordKind::people].added;
    return std::nullopt;
  }

  std::optional<Bad> role(const RawRecord& rec) {
    std::optional<Bad> bad;
    auto person = text_field(rec.fields, "person", true, bad);
    auto org = text_field(rec.fields, "org", true, bad);
    auto role = text_field(rec.fields, "role", true, bad);
    auto from = text_field(rec.fields, "from", true, bad);
    auto to = text_field(rec.fields, "to", false, bad);
    if (bad) return bad;
    auto df = Date::parse(*from);
    if (!df) return Bad{"bad_date", "from '" + *from + "' is not a date (YYYY-MM-DD)"};
    if (to) {
      auto dt = Date::parse(*to);
      if (!dt) return Bad{"bad_date", "to '" + *to + "' is not a date (YYYY-MM-DD)"};
      if (*dt < *df) return Bad{"bad_value", "to " + *to + " is before from " + *from};
    }
    if (!person_exists(*person)) return Bad{"unknown_person", "unknown person '" + *person + "'"};
    if (!org_exists(*org)) return Bad{"unknown_org", "unknown org '" + *org + "'"};
    SQLite::Statement q(db_, "SELECT id, valid_to FROM roles WHERE person = ? AND org = ? AND role = ? AND valid_from = ?");
    q.bind(1, *person);
    q.bind(2, *org);
    q.bind(3, *role);
    q.bind(4, *from);
    if (q.executeStep()) {
      int64_t id = q.getColumn(0).getInt64();
      std::optional<std::string> stored;
      if (!q.getColumn(1).isNull()) stored = q.getColumn(1).getString();
      if (stored == to) {
        ++report_.counts[RecordKind::roles].unchanged;
        return std::nullopt;
      }
      if (!stored && to) {  // an open assignment now ended: completed, not overwritten
        SQLite::Statement up(db_, "UPDATE roles SET valid_to = ? WHERE id = ?");
        up.bind(1, *to);
        up.bind(2, id);
        up.exec();
        ++report_.counts[RecordKind::roles].closed;
        return std::nullopt;
      }
      return Bad{"conflict", "role " + *role + " of '" + *person + "' in '" + *org + "' from " + *from + " is already stored ending " +
                                 stored.value_or("(still held)")};
    }
    if (!vocabulary().has_role(*role)) notice(rec, "role", *role, vocabulary().role_ids());
    SQLite::Statement ins(db_, "INSERT INTO roles(person, org, role, valid_from, valid_to, batch) VALUES(?,?,?,?,?,?)");
    ins.bind(1, *person);
    ins.bind(2, *org);
    ins.bind(3, *role);
    ins.bind(4, *from);
    if (to)
      ins.bind(5, *to);
    else
      ins.bind(5);
    ins.bind(6, batch_);
    ins.exec();
    ++report_.counts[RecordKind::roles].added;
    return std::nullopt;
  }

  std::optional<Bad> event(const RawRecord& rec) {
    std::optional<Bad> bad;
    auto id = text_field(rec.fields, "id", true, bad);
    auto ts_text = text_field(rec.fields, "ts", true, bad);
    auto type = text_field(rec.fields, "type", true, bad);
    auto org = text_field(rec.fields, "org", true, bad);
    auto person = text_field(rec.fields, "person", false, bad);
    auto ref = text_field(rec.fields, "ref", false, bad);
    if (bad) return bad;
    std::string why;
    auto ts = parse_timestamp(*ts_text, store_.zone(), &why);
    if (!ts) return Bad{"bad_timestamp", "ts '" + *ts_text + "': " + why};
    const EventType* et = store_.catalog().find(*type);
    if (!et) return Bad{"unknown_type", "unknown event type '" + *type + "' (not in the event catalog)"};
    if (!et->derived.empty())
      return Bad{"derived_type",
                 "event type '" + *type + "' is made by jiandu from the role records: import the role assignment (roles.csv) instead"};
    json attrs = json::object();
    if (auto it = rec.fields.find("attrs"); it != rec.fields.end() && !it->is_null()) {
      if (it->is_string()) {  // JSONL may carry attrs as JSON text
        std::string why;
        attrs = parse_json_bounded(it->get_ref<const std::string&>(), why);
        if (attrs.is_discarded()) return Bad{"bad_json", "attrs is " + why};
      } else {
        attrs = *it;
      }
    }
    if (auto err = store_.catalog().check_attrs(*et, attrs)) return Bad{"bad_attr", *err};
    if (!org_exists(*org)) return Bad{"unknown_org", "unknown org '" + *org + "'"};
    if (person && !person_exists(*person)) return Bad{"unknown_person", "unknown person '" + *person + "'"};
    std::string attrs_text = attrs.dump();  // keys sorted: a canonical form to compare

    if (!find_event_) find_event_.emplace(db_, "SELECT ts, type, org, person, ref, attrs FROM events WHERE id = ?");
    auto& q = *find_event_;
    q.reset();
    q.bind(1, *id);
    if (q.executeStep()) {
      auto opt = [&](int c) -> std::optional<std::string> {
        if (q.getColumn(c).isNull()) return std::nullopt;
        return q.getColumn(c).getString();
      };
      bool same = q.getColumn(0).getInt64() == ts->utc && q.getColumn(1).getString() == *type && q.getColumn(2).getString() == *org &&
                  opt(3) == person && opt(4) == ref && q.getColumn(5).getString() == attrs_text;
      q.reset();
      if (same) {
        ++report_.counts[RecordKind::events].unchanged;
        return std::nullopt;
      }
      return Bad{"conflict", "event '" + *id + "' is already stored with different content"};
    }
    q.reset();
    if (!insert_event_) insert_event_.emplace(db_, batch_);
    insert_event_->insert(*id, ts->utc, ts->offset, *type, *org, person, ref, attrs_text);
    ++report_.counts[RecordKind::events].added;
    return std::nullopt;
  }

  Store& store_;
  SQLite::Database& db_;
  const ImportOptions& opts_;
  ImportReport& report_;
  std::function<void(const ImportReport&, int64_t)> after_;
  std::string reader_path_;        // the file being read, for notices
  std::set<std::string> noticed_;  // what + value, so each is said once
  int64_t batch_ = 0;
  size_t handled_ = 0;
  std::optional<SQLite::Statement> find_event_;
  std::optional<EventWriter> insert_event_;
};

}  // namespace

size_t ImportReport::added() const {
  size_t n = 0;
  for (auto& [k, c] : counts) n += c.added + c.closed;
  return n;
}

ImportReport import_files(Store& store, const std::vector<std::string>& files, const ImportOptions& opts) {
  std::vector<std::unique_ptr<RecordReader>> readers;
  for (auto& f : files) readers.push_back(std::make_unique<RecordReader>(f, opts.kind));
  return import_readers(store, readers, opts);
}

ImportReport import_readers(Store& store, std::vector<std::unique_ptr<RecordReader>>& readers, const ImportOptions& opts,
                            const std::function<void(const ImportReport&, int64_t batch)>& after) {
  // Referenced records first, whatever the order given.
  std::stable_sort(readers.begin(), readers.end(), [](auto& a, auto& b) { return a->kind() < b->kind(); });
  ImportReport report;
  Importer(store, opts, report, after).run(readers);
  return report;
}

}  // namespace jiandu
