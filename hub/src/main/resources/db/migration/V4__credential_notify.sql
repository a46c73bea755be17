-- Hub replicas remember for a while which tokens are valid (homefleet.hub.auth.token-cache-ttl) and forget one as
-- soon as PostgreSQL tells them it changed: a NOTIFY on channel 'credential_changes' whose payload is the hex
-- SHA-256 of the token (token_hash, never the token). It fires on anything that ends or changes what a token
-- grants: revoking or un-revoking it, changing its kind, owner or hash, and deleting it, including the cascades
-- from deleting its customer or host (row triggers fire for rows removed by ON DELETE CASCADE). last_used_at,
-- written while tokens are used, does not fire it. A TRUNCATE sends '*': forget every token.
-- PostgreSQL sends notifications only when the transaction commits, and one per distinct payload per transaction.
CREATE FUNCTION credential_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('credential_changes', '*');
        RETURN NULL;
    END IF;
    PERFORM pg_notify('credential_changes', encode(OLD.token_hash, 'hex'));
    IF TG_OP = 'UPDATE' AND NEW.token_hash IS DISTINCT FROM OLD.token_hash THEN
        PERFORM pg_notify('credential_changes', encode(NEW.token_hash, 'hex'));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER credentials_notify_delete AFTER DELETE ON credentials
    FOR EACH ROW EXECUTE FUNCTION credential_notify();
CREATE TRIGGER credentials_notify_update AFTER UPDATE ON credentials
    FOR EACH ROW WHEN ((OLD.id, OLD.kind, OLD.customer_id, OLD.host_id, OLD.token_hash, OLD.revoked_at)
                       IS DISTINCT FROM (NEW.id, NEW.kind, NEW.customer_id, NEW.host_id, NEW.token_hash, NEW.revoked_at))
    EXECUTE FUNCTION credential_notify();
CREATE TRIGGER credentials_notify_truncate AFTER TRUNCATE ON credentials
    FOR EACH STATEMENT EXECUTE FUNCTION credential_notify();
