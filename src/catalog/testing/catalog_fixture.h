// src/catalog/testing/catalog_fixture.h: the one SQLite catalog fixture of the unit tests — a
// Catalog on a real SQLite file in a fresh directory per test, removed afterwards. Tests of a
// domain (runs/, incident/, auth/) build their state in OnOpen(), which runs after every
// (re)open.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "catalog/catalog.h"
#include "common/testing/status_matchers.h"
#include "graph/testing/test_mesh.h"
#include "store/sqlite/sqlite_store.h"

namespace linea::catalog::testing {

class SqliteCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("catalog_" + std::string(test->test_suite_name()) + "_" + test->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Reopen();
  }
  void TearDown() override {
    OnClose();
    catalog_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Closes the catalog and opens it again on the same file.
  void Reopen() {
    OnClose();
    catalog_.reset();
    auto store = store::OpenSqliteStore({.path = (dir_ / "linea.db").string()});
    ASSERT_THAT(store, ::linea::testing::IsOk());
    auto catalog = Catalog::Open(std::move(*store));
    ASSERT_THAT(catalog, ::linea::testing::IsOk());
    catalog_ = std::move(*catalog);
    OnOpen();
  }
  // After the catalog was (re)opened: build and register domain state here.
  virtual void OnOpen() {}
  // Before the catalog closes: drop domain state that refers to it.
  virtual void OnClose() {}

  std::filesystem::path dir_;
  std::unique_ptr<Catalog> catalog_;
};

// The same, starting from graph::testing::SmallMesh().
class SmallMeshCatalogTest : public SqliteCatalogTest {
 protected:
  void SetUp() override {
    SqliteCatalogTest::SetUp();
    ASSERT_THAT(catalog_->Apply(graph::testing::SmallMesh()), ::linea::testing::IsOk());
  }
};

}  // namespace linea::catalog::testing
