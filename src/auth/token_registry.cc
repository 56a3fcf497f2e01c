#include "auth/token_registry.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <utility>

#include "auth/token_scope.h"
#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::auth {
namespace {

// Longer presented secrets are rejected before hashing (real secrets are 47 characters).
constexpr size_t kMaxSecretLength = 512;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<TokenInfo> ToInfo(const store::TokenRecord& record) {
  std::optional<Role> role = ParseRole(record.role);
  if (!role) {
    return DataLossError("store holds a malformed role \"" + record.role + "\" for token " +
                         record.name);
  }
  TokenInfo info{record.name, *role, record.created_at, record.revoked_at, std::nullopt};
  if (!record.scope.empty()) {
    Result<catalog::WriteScope> scope = ParseScope(record.scope);
    if (!scope.ok()) {
      return DataLossError("store holds a malformed scope for token " + record.name + ": " +
                           scope.status().message());
    }
    info.scope = std::move(*scope);
  }
  return info;
}

// Names among `tokens` close to `name`, closest first ("did you mean").
std::vector<std::string> SimilarNames(const std::vector<store::TokenRecord>& tokens,
                                      std::string_view name) {
  const size_t cap = std::max<size_t>(2, name.size() / 3);
  std::vector<std::pair<size_t, std::string>> close;
  for (const store::TokenRecord& token : tokens) {
    size_t distance = EditDistance(name, token.name, cap);
    if (distance <= cap) close.emplace_back(distance, token.name);
  }
  std::sort(close.begin(), close.end());
  std::vector<std::string> names;
  for (auto& [distance, token_name] : close) names.push_back(std::move(token_name));
  return names;
}

}  // namespace

class TokenRegistry::Change final : public catalog::DomainWrite {
 public:
  Change(TokenRegistry& registry, store::TokenRecord record, bool create)
      : registry_(registry), record_(std::move(record)), create_(create) {}

  Status Validate(const catalog::FutureCatalog&) override { return Status(); }
  std::string AuditDetail() const override {
    if (!create_) return "token " + record_.name + " revoked";
    return "token " + record_.name + " created (" + record_.role +
           (record_.scope.empty() ? ", every scope" : ", scope " + record_.scope) + ")";
  }
  Status Write(store::Store& store, store::WriteTxn& txn) override {
    return create_ ? store.tokens().Put(txn, record_)
                   : store.tokens().Revoke(txn, record_.name, record_.revoked_at);
  }
  void Publish() override {
    std::unique_lock<std::shared_mutex> write(registry_.mu_);
    if (create_) {
      registry_.by_hash_.emplace(record_.hash, *ToInfo(record_));  // made by Create(): valid
    } else {
      std::erase_if(registry_.by_hash_,
                    [this](const auto& entry) { return entry.second.name == record_.name; });
    }
  }

 private:
  TokenRegistry& registry_;
  store::TokenRecord record_;
  bool create_;
};

Result<std::unique_ptr<TokenRegistry>> TokenRegistry::Load(catalog::Catalog& catalog) {
  std::unique_ptr<TokenRegistry> registry(new TokenRegistry(catalog));
  LINEA_RETURN_IF_ERROR(registry->Reload());
  return registry;
}

Status TokenRegistry::Reload() {
  LINEA_ASSIGN_OR_RETURN(std::vector<store::TokenRecord> records,
                         catalog_.store().tokens().ListTokens());
  std::map<std::string, TokenInfo, std::less<>> active;
  for (store::TokenRecord& record : records) {
    LINEA_ASSIGN_OR_RETURN(TokenInfo info, ToInfo(record));
    if (info.revoked_at == 0) active.emplace(std::move(record.hash), std::move(info));
  }
  std::unique_lock<std::shared_mutex> write(mu_);
  by_hash_ = std::move(active);
  return Status::OK();
}

Result<std::string> TokenRegistry::Create(std::string_view name, Role role,
                                          std::optional<catalog::WriteScope> scope,
                                          const catalog::Writer& by) {
  if (!IsValidTokenName(name)) {
    return InvalidArgumentError("invalid token name \"" + std::string(name) +
                                "\": use 1-64 characters of A-Z a-z 0-9 _ . -");
  }
  if (ParseRole(RoleName(role)) != role) return InvalidArgumentError("invalid token role");
  if (scope && role != Role::kWriter) {
    return InvalidArgumentError("scope: only writer tokens have a scope (a " +
                                std::string(RoleName(role)) +
                                (role == Role::kAdmin ? " may change everything)"
                                                      : " changes nothing)"));
  }
  std::string secret = NewTokenSecret();
  Change change(*this,
                {std::string(name), HashToken(secret), std::string(RoleName(role)), NowSeconds(),
                 0, scope ? EncodeScope(*scope) : ""},
                /*create=*/true);
  LINEA_RETURN_IF_ERROR(catalog_.Apply({}, &change, &by).status());
  return secret;
}

Status TokenRegistry::Revoke(std::string_view name, const catalog::Writer& by) {
  store::TokenRecord record;
  record.name = std::string(name);
  record.revoked_at = NowSeconds();
  Change change(*this, std::move(record), /*create=*/false);
  Status status = catalog_.Apply({}, &change, &by).status();
  if (status.code() == StatusCode::kNotFound) {
    Result<std::vector<store::TokenRecord>> tokens = catalog_.store().tokens().ListTokens();
    if (tokens.ok()) return NotFoundError(status.message(), SimilarNames(*tokens, name));
  }
  return status;
}

Result<std::vector<TokenInfo>> TokenRegistry::List() const {
  LINEA_ASSIGN_OR_RETURN(std::vector<store::TokenRecord> records,
                         catalog_.store().tokens().ListTokens());
  std::vector<TokenInfo> tokens;
  tokens.reserve(records.size());
  for (const store::TokenRecord& record : records) {
    LINEA_ASSIGN_OR_RETURN(TokenInfo info, ToInfo(record));
    tokens.push_back(std::move(info));
  }
  return tokens;
}

// The secret is never compared: only its SHA-256 is, through the map. Lookup time can depend
// on how many leading hex digits of the presented hash match a stored hash, which tells an
// attacker nothing usable (finding a secret with a chosen hash prefix is a preimage search).
std::optional<TokenInfo> TokenRegistry::Authenticate(std::string_view secret) const {
  if (secret.empty() || secret.size() > kMaxSecretLength) return std::nullopt;
  const std::string hash = HashToken(secret);
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return std::nullopt;
  return it->second;
}

}  // namespace linea::auth
