#!/usr/bin/env bash
# Installs the Debian 12 packages linea builds, tests and benchmarks with; `--build-only`: just
# what building `linea` needs (make demo). Idempotent: skips apt entirely when every package is
# already installed.
set -euo pipefail

# Enough to configure and build `linea` (make demo).
BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  libsqlite3-dev sqlite3
  nlohmann-json3-dev libsimdjson-dev libyaml-cpp-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libboost1.81-dev libssl-dev zlib1g-dev libbrotli-dev curl
  libcurl4-openssl-dev libzstd-dev libjemalloc-dev python3
  libpq-dev libmariadb-dev
)
# What only the tests need (make test).
TEST_PACKAGES=(
  # connector tests start private database servers
  postgresql-15 mariadb-server
  # the web UI's browser tests (tests/ui/) drive Debian's Chromium with Playwright
  chromium
  # promtool checks and unit-tests deploy/prometheus/linea-rules.yml (deploy_test)
  prometheus
)

if [ "${1:-}" = "--build-only" ]; then
  bash "$(dirname "$0")/apt-ensure.sh" install-deps "${BUILD_PACKAGES[@]}"
  exit 0
fi
bash "$(dirname "$0")/apt-ensure.sh" install-deps "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"

# Playwright (playwright-core only: the browser is Debian's) for tests/ui/, pinned by its
# package-lock.json; skipped when the pinned version is installed already.
ui_tests="$(cd "$(dirname "$0")/../tests/ui" && pwd)"
wanted=$(node -p "require('$ui_tests/package.json').dependencies['playwright-core']")
installed=$(node -p "require('$ui_tests/node_modules/playwright-core/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$wanted" ]; then
  npm ci --prefix "$ui_tests" --no-audit --no-fund --loglevel=error
fi
