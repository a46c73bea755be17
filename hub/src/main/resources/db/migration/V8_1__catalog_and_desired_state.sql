-- The app catalog and what each customer's controller pulls (docs/hub.md, "App catalog", "Desired state").

-- One row per imported app version; app is the CatalogApp JSON served to operators and controllers.
CREATE TABLE catalog_apps (
    pk          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    app_id      text        NOT NULL,
    version     text        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('homefleet', 'casaos')),
    app         text        NOT NULL,
    imported_at timestamptz NOT NULL,
    imported_by text        NOT NULL,
    CONSTRAINT catalog_apps_version_unique UNIQUE (app_id, version)
);

-- Apps the operator wants on a customer's guest, at one catalog version (which cannot be deleted while pinned).
CREATE TABLE app_pins (
    customer_id text        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    app_id      text        NOT NULL,
    version     text        NOT NULL,
    settings    text        NOT NULL DEFAULT '{}',
    pinned_at   timestamptz NOT NULL,
    pinned_by   text        NOT NULL,
    PRIMARY KEY (customer_id, app_id),
    CONSTRAINT app_pins_catalog_version FOREIGN KEY (app_id, version) REFERENCES catalog_apps (app_id, version)
);

-- The controller version a customer should update to ("trigger update").
CREATE TABLE controller_targets (
    customer_id    text        PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    target_version text        NOT NULL,
    set_at         timestamptz NOT NULL,
    set_by         text        NOT NULL
);

-- The revision of each customer's desired state: it grows when the digest of what is served changes.
CREATE TABLE desired_state_revisions (
    customer_id text        PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    revision    bigint      NOT NULL,
    digest      text        NOT NULL,
    changed_at  timestamptz NOT NULL
);

-- Every replica keeps each customer's current ETag in memory and drops it when told on channel
-- 'desired_state_changed': the payload is the customer id, or '*' when every customer's state may have changed
-- (a catalog change). Sent at commit, once per distinct payload per transaction.
CREATE FUNCTION desired_state_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'catalog_apps' OR TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('desired_state_changed', '*');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('desired_state_changed', OLD.customer_id);
    ELSE
        PERFORM pg_notify('desired_state_changed', NEW.customer_id);
        IF TG_OP = 'UPDATE' AND OLD.customer_id IS DISTINCT FROM NEW.customer_id THEN
            PERFORM pg_notify('desired_state_changed', OLD.customer_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER catalog_apps_notify AFTER INSERT OR UPDATE OR DELETE ON catalog_apps
    FOR EACH STATEMENT EXECUTE FUNCTION desired_state_notify();
CREATE TRIGGER app_pins_notify AFTER INSERT OR UPDATE OR DELETE ON app_pins
    FOR EACH ROW EXECUTE FUNCTION desired_state_notify();
CREATE TRIGGER controller_targets_notify AFTER INSERT OR UPDATE OR DELETE ON controller_targets
    FOR EACH ROW EXECUTE FUNCTION desired_state_notify();
