# The verbs a person types. Everything goes through the Maven Wrapper (Maven 3.9, fetched on first use).
MVN ?= ./mvnw -B -ntp
SERVICES := hub controller agent sensor-proxy provisioning
HUB_JAR := hub/target/quarkus-app/quarkus-run.jar
DATA_DIR ?= $(CURDIR)/.homefleet

.PHONY: build run test bench clean native help

help:
	@echo "make run    - build and start the hub on http://localhost:8080 (embedded PostgreSQL in $(DATA_DIR))"
	@echo "make test   - build everything and run every test"
	@echo "make build  - runnable apps at <service>/target/quarkus-app/quarkus-run.jar"
	@echo "make bench  - benchmarks; figures go to docs/benchmarks.md"

build:
	$(MVN) -DskipTests install

run:
	$(MVN) -q -DskipTests -pl hub -am install
	@mkdir -p $(DATA_DIR)/hub
	@echo "Starting the hub on http://localhost:8080 (data in $(DATA_DIR)/hub; Ctrl-C stops it)"
	@echo "Dashboard: http://localhost:8080/ (operators from a shell: java -jar $(HUB_JAR) operators list)"
	@# The hub writes the first admin's one-time password at first start; show it once it is there.
	@( f=$(DATA_DIR)/hub/dashboard-admin-initial-password; for i in $$(seq 1 180); do \
	    if [ -s "$$f" ]; then printf '\nDashboard: sign in at http://localhost:8080/sign-in as admin with the one-time password %s\n(kept 0600 in %s until you choose your own password at first sign-in)\n\n' "$$(cat "$$f")" "$$f"; break; fi; \
	    sleep 1; done ) &
	java -Dhomefleet.hub.data-dir=$(DATA_DIR)/hub -jar $(HUB_JAR)

test:
	$(MVN) install

bench:
	bash bench/run.sh

native:
	$(MVN) -DskipTests -Dnative install

clean:
	$(MVN) clean
