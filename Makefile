# linea — the two commands: `make demo`, `make test`.
BUILD_DIR ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: deps configure build test demo bench clean

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The demo needs only the `linea` binary: a first look takes minutes, not the whole test build.
demo:
	@bash scripts/install-deps.sh --build-only
	@cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target linea
	@bash scripts/demo.sh

bench: build
	@bash scripts/install-bench-deps.sh
	@bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR)
