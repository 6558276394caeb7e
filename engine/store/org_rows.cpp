#include "store/org_rows.h"

#include <SQLiteCpp/Statement.h>

namespace jiandu::rows {
namespace {

std::string_view text(SQLite::Statement& q, int c) {
  auto col = q.getColumn(c);
  return {static_cast<const char*>(col.getText()), size_t(col.getBytes())};
}

std::optional<std::string_view> maybe(SQLite::Statement& q, int c) {
  if (q.getColumn(c).isNull()) return std::nullopt;
  return text(q, c);
}

std::optional<int64_t> number(SQLite::Statement& q, int c) {
  if (q.getColumn(c).isNull()) return std::nullopt;
  return q.getColumn(c).getInt64();
}

bool exists(Store& store, const char* sql, std::string_view id) {
  SQLite::Statement q(store.db(), sql);
  q.bind(1, std::string(id));
  return q.executeStep();
}

}  // namespace

void each_org(Store& store, const std::function<void(const OrgRow&)>& f) {
  SQLite::Statement q(store.db(), "SELECT id, parent, kind, name, no FROM orgs ORDER BY id");
  while (q.executeStep()) f({text(q, 0), maybe(q, 1), text(q, 2), text(q, 3), number(q, 4)});
}

int64_t count_people(Store& store) { return store.db().execAndGet("SELECT count(*) FROM people").getInt64(); }

void each_person(Store& store, const std::function<void(const PersonRow&)>& f) {
  SQLite::Statement q(store.db(), "SELECT id, name, org, no FROM people ORDER BY id");
  while (q.executeStep()) f({text(q, 0), text(q, 1), maybe(q, 2), number(q, 3)});
}

void each_role(Store& store, const std::function<void(const RoleRow&)>& f) {
  SQLite::Statement q(store.db(), "SELECT person, org, role, valid_from, valid_to FROM roles ORDER BY valid_from, id");
  while (q.executeStep()) f({text(q, 0), text(q, 1), text(q, 2), text(q, 3), maybe(q, 4)});
}

int64_t last_batch(Store& store) { return store.db().execAndGet("SELECT coalesce(max(id), 0) FROM batches").getInt64(); }

bool org_exists(Store& store, std::string_view id) { return exists(store, "SELECT 1 FROM orgs WHERE id = ?", id); }
bool person_exists(Store& store, std::string_view id) { return exists(store, "SELECT 1 FROM people WHERE id = ?", id); }

}  // namespace jiandu::rows
