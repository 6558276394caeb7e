#include "store/event_rows.h"
#include "store/bulk_writer.h"

#include <SQLiteCpp/Statement.h>

namespace jiandu {
namespace {

void bind_maybe(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v)
    q.bind(i, *v);
  else
    q.bind(i);
}

}  // namespace

BulkWriter::BulkWriter(Store& store, const std::string& note) : store_(store) {
  auto& db = store.db();
  SQLite::Statement b(db, "INSERT INTO batches(started, files, added) VALUES(?, '[\"jiandu gen\"]', 0)");
  b.bind(1, note);
  b.exec();
  batch_ = db.getLastInsertRowid();
  org_ = std::make_unique<SQLite::Statement>(
      db, "INSERT INTO orgs(id, parent, kind, name, batch, no) VALUES(?,?,?,?,?, (SELECT coalesce(max(no), 0) + 1 FROM orgs))");
  person_ = std::make_unique<SQLite::Statement>(
      db, "INSERT INTO people(id, name, org, batch, no) VALUES(?,?,?,?, (SELECT coalesce(max(no), 0) + 1 FROM people))");
  role_ = std::make_unique<SQLite::Statement>(db, "INSERT INTO roles(person, org, role, valid_from, valid_to, batch) VALUES(?,?,?,?,?,?)");
  event_ = std::make_unique<EventWriter>(db, batch_);
}

BulkWriter::~BulkWriter() = default;

void BulkWriter::org(const std::string& id, const std::optional<std::string>& parent, const std::string& kind, const std::string& name) {
  auto& q = *org_;
  q.reset();
  q.bind(1, id);
  bind_maybe(q, 2, parent);
  q.bind(3, kind);
  q.bind(4, name);
  q.bind(5, batch_);
  q.exec();
}

void BulkWriter::person(const std::string& id, const std::string& name, const std::string& org) {
  auto& q = *person_;
  q.reset();
  q.bind(1, id);
  q.bind(2, name);
  q.bind(3, org);
  q.bind(4, batch_);
  q.exec();
}

void BulkWriter::role(const std::string& person, const std::string& org, const std::string& role, const std::string& from,
                      const std::optional<std::string>& to) {
  auto& q = *role_;
  q.reset();
  q.bind(1, person);
  q.bind(2, org);
  q.bind(3, role);
  q.bind(4, from);
  bind_maybe(q, 5, to);
  q.bind(6, batch_);
  q.exec();
}

void BulkWriter::event(const std::string& id, int64_t utc, int utc_offset, const std::string& type, const std::string& org,
                       const std::optional<std::string>& person, const std::optional<std::string>& ref, const std::string& attrs) {
  event_->insert(id, utc, utc_offset, type, org, person, ref, attrs);
}

void BulkWriter::finish(int64_t added) {
  SQLite::Statement up(store_.db(), "UPDATE batches SET finished = started, added = ? WHERE id = ?");
  up.bind(1, added);
  up.bind(2, batch_);
  up.exec();
}

bool has_orgs(Store& store) { return store.db().execAndGet("SELECT count(*) FROM orgs").getInt64() > 0; }

}  // namespace jiandu
