-- Where the operator placed each customer's guest: which host, which vmid. A host may fetch a customer's key for
-- provisioning only for the customer placed on it at that vmid. One customer per guest.
CREATE TABLE customer_placements (
    customer_id  text PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    host_id      text        NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    vmid         integer     NOT NULL,
    placed_by    text        NOT NULL,
    placed_at    timestamptz NOT NULL,
    UNIQUE (host_id, vmid)
);

-- The customer key a host last fetched for a guest: revoked when the guest is provisioned again, so keys of
-- re-provisioned guests do not pile up.
CREATE TABLE guest_customer_keys (
    host_id        text        NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    vmid           integer     NOT NULL,
    customer_id    text        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    credential_id  uuid        NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
    issued_at      timestamptz NOT NULL,
    PRIMARY KEY (host_id, vmid)
);

-- Every disk-wipe approval the hub signed: who approved what, and why.
CREATE TABLE approvals (
    jti          uuid PRIMARY KEY,
    op           text        NOT NULL,
    host_scope   text        NOT NULL,
    durable_id   text        NOT NULL,
    fstype       text        NOT NULL,
    reason       text        NOT NULL,
    approved_by  text        NOT NULL,
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX approvals_issued ON approvals (issued_at);
