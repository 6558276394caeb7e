# The two commands of the README, and a few conveniences. Everything goes through CMake.
BUILD ?= build
JOBS  ?= $(shell nproc)

.PHONY: setup build test demo clean

setup:
	@./scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The main job on the example city: import, check, a month of nightly audits, the report.
demo: build
	./scripts/demo $(BUILD)

clean:
	rm -rf $(BUILD)
