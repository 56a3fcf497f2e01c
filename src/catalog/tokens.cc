// The Catalog's API tokens: persisted through the store (hashes only), served from memory.
//
// tokens_by_hash_ holds the active tokens keyed by the hex SHA-256 of their secret. Writers
// (CreateToken, RevokeToken) hold write_mu_ across the store write and the cache update, so
// the cache always matches what this process committed; Authenticate takes mu_ shared.
#include <algorithm>
#include <chrono>
#include <utility>

#include "catalog/catalog.h"
#include "common/status_macros.h"
#include "common/strings.h"

namespace linea::catalog {
namespace {

// Longer presented secrets are rejected before hashing (real secrets are 47 characters).
constexpr size_t kMaxSecretLength = 512;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<auth::TokenInfo> ToInfo(const store::TokenRecord& record) {
  std::optional<auth::Role> role = auth::ParseRole(record.role);
  if (!role) {
    return DataLossError("store holds a malformed role \"" + record.role + "\" for token " +
                         record.name);
  }
  return auth::TokenInfo{record.name, *role, record.created_at, record.revoked_at};
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

Status Catalog::ReloadTokens() {
  LINEA_ASSIGN_OR_RETURN(std::vector<store::TokenRecord> records, store_->ListTokens());
  std::map<std::string, auth::TokenInfo, std::less<>> active;
  for (store::TokenRecord& record : records) {
    LINEA_ASSIGN_OR_RETURN(auth::TokenInfo info, ToInfo(record));
    if (info.revoked_at == 0) active.emplace(std::move(record.hash), std::move(info));
  }
  std::unique_lock<std::shared_mutex> write(mu_);
  tokens_by_hash_ = std::move(active);
  return Status::OK();
}

Result<std::string> Catalog::CreateToken(std::string_view name, auth::Role role) {
  if (!auth::IsValidTokenName(name)) {
    return InvalidArgumentError("invalid token name \"" + std::string(name) +
                                "\": use 1-64 characters of A-Z a-z 0-9 _ . -");
  }
  if (auth::ParseRole(auth::RoleName(role)) != role) {
    return InvalidArgumentError("invalid token role");
  }
  std::lock_guard<std::mutex> writer(write_mu_);
  std::string secret = auth::NewTokenSecret();
  store::TokenRecord record{std::string(name), auth::HashToken(secret),
                            std::string(auth::RoleName(role)), NowSeconds(), 0};
  LINEA_RETURN_IF_ERROR(store_->PutToken(record));
  std::unique_lock<std::shared_mutex> write(mu_);
  tokens_by_hash_.emplace(record.hash, auth::TokenInfo{record.name, role, record.created_at, 0});
  return secret;
}

Status Catalog::RevokeToken(std::string_view name) {
  std::lock_guard<std::mutex> writer(write_mu_);
  Status status = store_->RevokeToken(name, NowSeconds());
  if (status.code() == StatusCode::kNotFound) {
    Result<std::vector<store::TokenRecord>> tokens = store_->ListTokens();
    if (tokens.ok()) return NotFoundError(status.message(), SimilarNames(*tokens, name));
  }
  LINEA_RETURN_IF_ERROR(status);
  std::unique_lock<std::shared_mutex> write(mu_);
  std::erase_if(tokens_by_hash_, [name](const auto& entry) { return entry.second.name == name; });
  return Status::OK();
}

Result<std::vector<auth::TokenInfo>> Catalog::ListTokens() const {
  LINEA_ASSIGN_OR_RETURN(std::vector<store::TokenRecord> records, store_->ListTokens());
  std::vector<auth::TokenInfo> tokens;
  tokens.reserve(records.size());
  for (const store::TokenRecord& record : records) {
    LINEA_ASSIGN_OR_RETURN(auth::TokenInfo info, ToInfo(record));
    tokens.push_back(std::move(info));
  }
  return tokens;
}

// The secret is never compared: only its SHA-256 is, through the map. Lookup time can depend
// on how many leading hex digits of the presented hash match a stored hash, which tells an
// attacker nothing usable (finding a secret with a chosen hash prefix is a preimage search).
std::optional<auth::TokenInfo> Catalog::Authenticate(std::string_view secret) const {
  if (secret.empty() || secret.size() > kMaxSecretLength) return std::nullopt;
  const std::string hash = auth::HashToken(secret);
  std::shared_lock<std::shared_mutex> read(mu_);
  auto it = tokens_by_hash_.find(hash);
  if (it == tokens_by_hash_.end()) return std::nullopt;
  return it->second;
}

}  // namespace linea::catalog
