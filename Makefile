# linea — the two commands: `make demo`, `make test`.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: deps configure build test test-sanitize demo bench clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/), then the
# tests labelled `concurrency` (threads, servers, group commit) under ThreadSanitizer
# (build-tsan/). Any report fails the run. Not part of `make test`: two more builds of the tree.
SANITIZE_CMAKE_FLAGS ?= -DLINEA_BUILD_BENCH=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g"
test-sanitize: deps
	@cmake -S . -B build-asan -G Ninja -DLINEA_SANITIZE=address,undefined $(SANITIZE_CMAKE_FLAGS) >/dev/null
	@cmake --build build-asan -j $(JOBS)
	@cd build-asan && ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS) --timeout 1200
	@cmake -S . -B build-tsan -G Ninja -DLINEA_SANITIZE=thread $(SANITIZE_CMAKE_FLAGS) >/dev/null
	@cmake --build build-tsan -j $(JOBS) --target concurrency_tests
	@cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/scripts/tsan.supp \
	  ctest --output-on-failure -j $(JOBS) --timeout 1200 -L concurrency

# The demo needs only the `linea` binary: a first look takes minutes, not the whole test build.
# A build dir the demo configures first is optimised without debug info (-O2, no -g: a third
# less compile time); `make test` then builds the rest in it. An existing build dir is kept.
DEMO_CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
demo:
	@bash scripts/install-deps.sh --build-only
	@test -f $(BUILD_DIR)/CMakeCache.txt || \
	  cmake -S . -B $(BUILD_DIR) -G Ninja $(DEMO_CMAKE_FLAGS) $(CMAKE_FLAGS) >/dev/null
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target linea
	@bash scripts/demo.sh

bench: build
	@bash scripts/install-bench-deps.sh
	@bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR)
