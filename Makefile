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
	@mkdir -p $(DATA_DIR)
	@echo "Starting the hub on http://localhost:8080 (data in $(DATA_DIR)/hub; Ctrl-C stops it)"
	java -Dhomefleet.hub.data-dir=$(DATA_DIR)/hub -jar $(HUB_JAR)

test:
	$(MVN) install

bench:
	bash bench/run.sh

native:
	$(MVN) -DskipTests -Dnative install

clean:
	$(MVN) clean
