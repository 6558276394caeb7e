# The two commands of the README, and a few conveniences. Everything goes through CMake.
BUILD ?= build
JOBS  ?= $(shell nproc)

.PHONY: setup build test test-asan fuzz demo clean

setup:
	@./scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UBSan (clang; build-asan also holds the fuzzers).
ASAN_BUILD ?= build-asan
test-asan: setup
	CCACHE_NOHASHDIR=1 cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DJIANDU_SANITIZE=ON -DJIANDU_FUZZ=ON -DJIANDU_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# Each libFuzzer target for FUZZ_SECONDS (default 60): scripts/fuzz.
FUZZ_SECONDS ?= 60
fuzz: setup
	./scripts/fuzz --seconds $(FUZZ_SECONDS) --jobs $(JOBS)

# The main job on the example city: import, check, a month of nightly audits, the report.
demo: build
	./scripts/demo $(BUILD)

clean:
	rm -rf $(BUILD)
