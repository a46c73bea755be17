-- Sensor proxies registered with the hub, one per host. The control token is a credential (kind PROXY, with
-- the host's id) in credentials; the HTTPS token of kind http is kept here, only as its SHA-256.
CREATE TABLE temperature_proxies (
    host_id          text PRIMARY KEY REFERENCES hosts (id) ON DELETE CASCADE,
    instance_id      uuid        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('socket', 'http')),
    proxy_url        text,
    cert_fingerprint text,
    http_token_hash  bytea,
    http_token_hint  text,
    registered_at    timestamptz NOT NULL,
    -- the last authorized-nodes pull (200 or 304) and the hash of the list it got
    last_pull_at     timestamptz,
    last_hash        text
);

-- The last list hash served per scope ('cluster:<name>', or 'host:<id>' for a host in no cluster) and when it
-- became that hash: updated_at moves only by a conditional update when the hash differs.
CREATE TABLE temperature_proxy_lists (
    scope       text PRIMARY KEY,
    hash        text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX hosts_cluster ON hosts (cluster) WHERE cluster IS NOT NULL;
