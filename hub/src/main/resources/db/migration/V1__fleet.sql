-- Customers, with the latest report's summary denormalized so the fleet list is one query.
CREATE TABLE customers (
    id                  text PRIMARY KEY,
    name                text        NOT NULL,
    email               text,
    domain              text,
    notes               text,
    blocked             boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    -- when the hub last heard from the controller (its own clock): drives staleness
    last_seen_at        timestamptz,
    -- the newest report by sent_at (a late re-send of an old report does not replace it)
    last_report_pk      bigint,
    last_sent_at        timestamptz,
    health_status       text,
    monitoring_enabled  boolean     NOT NULL DEFAULT true,
    controller_version  text,
    controller_url      text,
    cpu_percent         double precision,
    memory_percent      double precision,
    disk_percent        double precision,
    -- dead man's switch: none (never reported), ok, stale, down; changed only by a conditional update
    alert_state         text        NOT NULL DEFAULT 'none',
    alert_changed_at    timestamptz
);
CREATE INDEX customers_sweep ON customers (last_seen_at) WHERE last_seen_at IS NOT NULL;

CREATE TABLE hosts (
    id              text PRIMARY KEY,
    hostname        text        NOT NULL,
    cluster         text,
    node            text,
    addresses       text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz,
    last_report_pk  bigint,
    last_sent_at    timestamptz,
    agent_version   text
);

-- Every credential of every kind; only the SHA-256 of the token is kept.
CREATE TABLE credentials (
    id           uuid PRIMARY KEY,
    kind         text        NOT NULL,
    customer_id  text REFERENCES customers (id) ON DELETE CASCADE,
    host_id      text REFERENCES hosts (id) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE,
    hint         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX credentials_customer ON credentials (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX credentials_host ON credentials (host_id) WHERE host_id IS NOT NULL;

CREATE TABLE reports (
    id                 bigserial PRIMARY KEY,
    report_id          uuid        NOT NULL UNIQUE,
    customer_id        text        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    received_at        timestamptz NOT NULL,
    sent_at            timestamptz NOT NULL,
    health_status      text        NOT NULL,
    controller_version text,
    cpu_percent        double precision,
    memory_percent     double precision,
    disk_percent       double precision,
    body               jsonb       NOT NULL
);
CREATE INDEX reports_customer_received ON reports (customer_id, received_at);
CREATE INDEX reports_received ON reports (received_at);

CREATE TABLE events (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    customer_id  text        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    event_type   text        NOT NULL,
    severity     text        NOT NULL,
    message      text        NOT NULL,
    details      jsonb,
    source       text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL
);
CREATE INDEX events_customer_received ON events (customer_id, received_at DESC);
CREATE INDEX events_received ON events (received_at);

CREATE TABLE host_reports (
    id           bigserial PRIMARY KEY,
    report_id    uuid        NOT NULL UNIQUE,
    host_id      text        NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    received_at  timestamptz NOT NULL,
    sent_at      timestamptz NOT NULL,
    body         jsonb       NOT NULL
);
CREATE INDEX host_reports_host_sent ON host_reports (host_id, sent_at);
CREATE INDEX host_reports_received ON host_reports (received_at);

-- Retention keeps each customer's and host's latest report; these make that check an index probe.
CREATE INDEX customers_last_report ON customers (last_report_pk);
CREATE INDEX hosts_last_report ON hosts (last_report_pk);
