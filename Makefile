# The verbs a person types. Everything goes through the Maven Wrapper (Maven 3.9, fetched on first use).
MVN ?= ./mvnw -B -ntp
SERVICES := hub controller agent sensor-proxy provisioning
HUB_JAR := hub/target/quarkus-app/quarkus-run.jar
PROVISIONING_JAR := provisioning/target/quarkus-app/quarkus-run.jar
DATA_DIR ?= $(CURDIR)/.homefleet
PROVISIONING_DIR := $(DATA_DIR)/provisioning

.PHONY: build run run-provisioning test bench clean native help

help:
	@echo "make run    - build and start the hub on http://localhost:8080 (embedded PostgreSQL in $(DATA_DIR))"
	@echo "make run-provisioning - build and start provisioning on http://localhost:8090 (PXE off, data in $(DATA_DIR)/provisioning)"
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

run-provisioning:
	$(MVN) -q -DskipTests -pl provisioning -am install
	@mkdir -p $(PROVISIONING_DIR)
	@test -f $(PROVISIONING_DIR)/provisioning.yaml || sed 's#@DATA_DIR@#$(PROVISIONING_DIR)#g' \
		provisioning/deploy/provisioning.local.yaml > $(PROVISIONING_DIR)/provisioning.yaml
	@test -f $(PROVISIONING_DIR)/server-types.yaml || cp provisioning/deploy/server-types.example.yaml \
		$(PROVISIONING_DIR)/server-types.yaml
	@echo "Starting provisioning on http://localhost:8090 with PXE off (config and data in $(PROVISIONING_DIR); Ctrl-C stops it)"
	@echo "Its operator token is in $(PROVISIONING_DIR)/operator-token once it has started"
	java -Dhomefleet.provisioning.data-dir=$(PROVISIONING_DIR) -jar $(PROVISIONING_JAR) \
		--config $(PROVISIONING_DIR)/provisioning.yaml

test:
	$(MVN) install

bench:
	bash bench/run.sh

native:
	$(MVN) -DskipTests -Dnative install

clean:
	$(MVN) clean
