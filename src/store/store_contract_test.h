// src/store/store_contract_test.h: the behaviour every Store backend must share.
//
// One suite per sub-store, so that a new backend can be brought up one interface at a time:
//   LineageStoreContractTest   store_contract_test.cc         (lineage_store.h)
//   RunStoreContractTest       store_openlineage_contract_test.cc (run_store.h)
//   IncidentStoreContractTest  store_incident_contract_test.cc (incident_store.h)
//   TokenStoreContractTest     store_token_contract_test.cc   (token_store.h)
//   BatchStoreContractTest     store_batch_contract_test.cc   (Store::BeginBatch …)
//   ConnectorStoreContractTest store_connector_contract_test.cc (connector_store.h)
//   AuditStoreContractTest     store_audit_contract_test.cc   (audit_store.h)
//   QualityStoreContractTest   store_quality_contract_test.cc (quality_store.h)
// A backend links those files and instantiates each suite it implements with its StoreBackend:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, LineageStoreContractTest,
//                            ::testing::Values(StoreBackend{"sqlite", OpenInDir}),
//                            StoreBackendName);
//
// The cases assert no wall-clock values: timestamps are only compared with each other.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace linea::store {

struct StoreBackend {
  // Shown in test names; letters, digits and '_' only.
  std::string name;
  // Opens the backend's store for `dir`, an existing empty directory owned by the test.
  // Opening the same `dir` again must reach the same data (reopen/persistence cases); a new
  // `dir` must give an empty store. The clock must not go backwards between calls.
  std::function<Result<std::unique_ptr<Store>>(const std::string& dir)> open;
};

// Prints the backend's name in test output (instead of gtest's raw bytes).
inline void PrintTo(const StoreBackend& backend, std::ostream* os) { *os << backend.name; }

// For INSTANTIATE_TEST_SUITE_P's name generator.
inline std::string StoreBackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

// Gives each case a fresh store in a new temporary directory, removed afterwards.
class StoreContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Closes the store and opens it again on the same directory.
  void Reopen();

  Store& store() { return *store_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::unique_ptr<Store> store_;
};

class LineageStoreContractTest : public StoreContractTest {};
class RunStoreContractTest : public StoreContractTest {};
class IncidentStoreContractTest : public StoreContractTest {};
class TokenStoreContractTest : public StoreContractTest {};
class BatchStoreContractTest : public StoreContractTest {};
class ConnectorStoreContractTest : public StoreContractTest {};
class AuditStoreContractTest : public StoreContractTest {};
class QualityStoreContractTest : public StoreContractTest {};

}  // namespace linea::store
