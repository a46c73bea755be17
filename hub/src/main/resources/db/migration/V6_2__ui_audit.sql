-- Every state change made in the dashboard: who, what, when, from where. Append-only; admins read it.
CREATE TABLE ui_audit (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    operator  text        NOT NULL,
    action    text        NOT NULL,
    target    text,
    address   text,
    detail    text
);
CREATE INDEX ui_audit_at ON ui_audit (at DESC);
