// src/store/store_contract_test.h: the behaviour every Store backend must share.
//
// The TEST_P cases live in store_contract_test.cc, store_token_contract_test.cc,
// store_openlineage_contract_test.cc and store_incident_contract_test.cc; a backend runs them
// by linking those files and instantiating the suite with its StoreBackend:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
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

}  // namespace linea::store
