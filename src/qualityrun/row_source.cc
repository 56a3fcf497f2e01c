#include "qualityrun/row_source.h"

#include "qualityrun/command_source.h"

namespace linea::qualityrun {
namespace {

class ConnectionSource final : public RowSource {
 public:
  explicit ConnectionSource(std::unique_ptr<sourcedb::Connection> db) : db_(std::move(db)) {}

  Dialect dialect() const override {
    switch (db_->engine()) {
      case sourcedb::Engine::kPostgres:
        return Dialect::kPostgres;
      case sourcedb::Engine::kMysql:
        return Dialect::kMysql;
      case sourcedb::Engine::kSqlite:
        return Dialect::kSqlite;
    }
    return Dialect::kSqlite;
  }

  std::string Quote(std::string_view ident) const override { return db_->Quote(ident); }

  Status Query(const std::string& sql,
               const std::function<Status(const sourcedb::Row&)>& on_row) override {
    return db_->Query(sql, {}, on_row);
  }

 private:
  std::unique_ptr<sourcedb::Connection> db_;
};

}  // namespace

Result<std::unique_ptr<RowSource>> OpenSource(const SourceConfig& source) {
  if (!source.url) {
    return std::unique_ptr<RowSource>(
        std::make_unique<CommandSource>(source.command, source.timeout));
  }
  sourcedb::ConnectOptions options;
  options.password = source.password;
  options.read_timeout_seconds = static_cast<int>(source.timeout.count());
  Result<std::unique_ptr<sourcedb::Connection>> db =
      sourcedb::Connection::Open(*source.url, options);
  if (!db.ok()) return db.status();
  return std::unique_ptr<RowSource>(std::make_unique<ConnectionSource>(std::move(*db)));
}

}  // namespace linea::qualityrun
