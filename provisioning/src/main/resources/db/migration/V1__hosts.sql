-- Hosts provisioning knows, their lifecycle history and the machines that PXE-booted unregistered.
CREATE TABLE hosts (
    id                       TEXT PRIMARY KEY,
    mac                      TEXT NOT NULL UNIQUE,
    server_type              TEXT NOT NULL,
    state                    TEXT NOT NULL,
    state_since              TIMESTAMPTZ NOT NULL,
    -- When the host counts as stuck in its state (null: it may stay there).
    deadline                 TIMESTAMPTZ,
    -- The step a failed host failed in (its state then), for retry; the reason and the command's result.
    failed_state             TEXT,
    failed_step              TEXT,
    failure_reason           TEXT,
    failure_exit_status      INTEGER,
    failure_output           TEXT,
    -- The step of the join or hand-over running now (dashboard detail).
    current_step             TEXT,
    ip                       TEXT,
    machine_id               TEXT,
    -- From the post-installation webhook: the only SSH host keys trusted for this host (JSON object).
    ssh_host_keys            TEXT,
    -- This rebuild's ephemeral key: public in OpenSSH form, private encrypted (AES-GCM, key in the data dir).
    ephemeral_public_key     TEXT,
    ephemeral_private_key    BYTEA,
    -- SHA-256 of the token handed to the installer with the answer (webhook, first-boot script, phone-home).
    boot_token_hash          BYTEA,
    rebuild_count            INTEGER NOT NULL DEFAULT 0,
    -- A replica working on the host's join holds it until then.
    lease_owner              TEXT,
    lease_until              TIMESTAMPTZ,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL,
    CONSTRAINT hosts_state CHECK (state IN ('registered', 'pxe_ready', 'pxe_booted', 'installing', 'installed',
        'first_boot', 'joining', 'ready', 'failed'))
);
CREATE INDEX hosts_deadline ON hosts (deadline) WHERE deadline IS NOT NULL;
CREATE INDEX hosts_work ON hosts (state) WHERE state IN ('first_boot', 'joining');

CREATE TABLE host_transitions (
    id          BIGSERIAL PRIMARY KEY,
    host_id     TEXT NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    cause       TEXT NOT NULL,
    actor       TEXT NOT NULL,
    detail      TEXT
);
CREATE INDEX host_transitions_host ON host_transitions (host_id, id);

CREATE TABLE discovered_machines (
    mac          TEXT PRIMARY KEY,
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    boots        INTEGER NOT NULL,
    last_address TEXT
);
