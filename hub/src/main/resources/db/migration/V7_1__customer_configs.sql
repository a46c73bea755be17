-- Managed customers' configs. A customer with a row in customer_configs is managed; without one, report-only.
-- Every change is a new row in customer_config_revisions (the old ones stay readable). Revisions and controller.yaml
-- template versions draw their numbers from one sequence, so the generated config's revision
-- (max of the two) grows with every change of either.
CREATE SEQUENCE customer_config_seq;

-- Operator uploads of the controller.yaml template; the newest is used. None: the default shipped with the hub.
CREATE TABLE controller_templates (
    version      bigint PRIMARY KEY DEFAULT nextval('customer_config_seq'),
    body         text        NOT NULL,
    sha256       text        NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL
);

CREATE TABLE customer_configs (
    customer_id                text PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    current_revision           bigint      NOT NULL,
    -- web.session_secret of the generated controller.yaml: needed in clear to generate it, never shown by the API
    session_secret             text        NOT NULL,
    created_at                 timestamptz NOT NULL,
    -- X-Retrieval-Password: only its SHA-256; failed attempts counted per window (the rate limit)
    retrieval_password_hash    bytea,
    retrieval_password_set_at  timestamptz,
    retrieval_failures         integer     NOT NULL DEFAULT 0,
    retrieval_window_start     timestamptz,
    -- the customer key the last retrieval issued: revoked by the next retrieval
    retrieval_key_id           uuid
);

CREATE TABLE customer_config_revisions (
    revision     bigint PRIMARY KEY DEFAULT nextval('customer_config_seq'),
    customer_id  text        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    -- identity, infrastructure (secrets), monitoring, notifications: CustomerConfigDocument as JSON
    body         jsonb       NOT NULL,
    changed_by   text        NOT NULL,
    changed_at   timestamptz NOT NULL,
    -- operator, from_report, pulled
    source       text        NOT NULL
);
CREATE INDEX customer_config_revisions_customer ON customer_config_revisions (customer_id, revision);

-- Hub replicas may cache generated configs: a NOTIFY on 'customer_config_changed' after every committed change,
-- payload the customer id, or '*' when a template upload touches every managed customer.
CREATE FUNCTION customer_config_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'controller_templates' THEN
        PERFORM pg_notify('customer_config_changed', '*');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('customer_config_changed', OLD.customer_id);
    ELSE
        PERFORM pg_notify('customer_config_changed', NEW.customer_id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER customer_configs_notify AFTER INSERT OR DELETE ON customer_configs
    FOR EACH ROW EXECUTE FUNCTION customer_config_notify();
CREATE TRIGGER customer_configs_notify_update AFTER UPDATE ON customer_configs
    FOR EACH ROW WHEN (OLD.current_revision IS DISTINCT FROM NEW.current_revision
                       OR OLD.session_secret IS DISTINCT FROM NEW.session_secret)
    EXECUTE FUNCTION customer_config_notify();
CREATE TRIGGER controller_templates_notify AFTER INSERT OR DELETE ON controller_templates
    FOR EACH STATEMENT EXECUTE FUNCTION customer_config_notify();
