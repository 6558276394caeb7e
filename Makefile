# The two commands of the README, and a few conveniences. Everything goes through CMake.
BUILD ?= build
JOBS  ?= $(shell nproc)
DEMO_DB ?= $(BUILD)/city.db

.PHONY: setup build test demo clean

setup:
	@./scripts/setup

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# A fresh store, the example city imported, and what the engine makes of it.
demo: build
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/jiandu init $(DEMO_DB)
	$(BUILD)/jiandu import --db $(DEMO_DB) examples/city/orgs.csv examples/city/people.csv examples/city/roles.csv examples/city/events.csv examples/city/events-2026.jsonl
	$(BUILD)/jiandu status --db $(DEMO_DB)

clean:
	rm -rf $(BUILD)
