#include "store/testing/store_writes.h"

#include "common/status_macros.h"

namespace linea::store::testing {

Status Apply(Store& store, const AnyDelta& delta) {
  return store.Write([&](WriteTxn& txn) -> Status {
    LINEA_RETURN_IF_ERROR(store.lineage().Write(txn, delta));
    LINEA_RETURN_IF_ERROR(store.runs().Write(txn, delta.runs()));
    return store.incidents().Write(txn, delta.incidents());
  });
}

Status PutToken(Store& store, const TokenRecord& token) {
  return store.Write([&](WriteTxn& txn) { return store.tokens().Put(txn, token); });
}

Status RevokeToken(Store& store, std::string_view name, int64_t at) {
  return store.Write([&](WriteTxn& txn) { return store.tokens().Revoke(txn, name, at); });
}

}  // namespace linea::store::testing
