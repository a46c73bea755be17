-- Hub replicas keep each proxy's list hash in memory and drop it when PostgreSQL tells them a list may have
-- changed: a NOTIFY on channel 'temperature_proxy_lists' whose payload is the scope ('cluster:<name>' or
-- 'host:<id>', as temperature_proxy_scope). It fires on exactly the changes that make V2's triggers recompute a
-- list, for the old and the new scope of the host, whether or not the hash moved: a host that moves to another
-- cluster changes which list its own proxy reads even when neither hash changes. PostgreSQL sends notifications
-- only when the transaction commits, and one per distinct payload per transaction.
CREATE FUNCTION temperature_proxy_notify() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('temperature_proxy_lists', temperature_proxy_scope(OLD.cluster, OLD.id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('temperature_proxy_lists', temperature_proxy_scope(NEW.cluster, NEW.id));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER hosts_temperature_proxy_notify AFTER INSERT OR DELETE ON hosts
    FOR EACH ROW EXECUTE FUNCTION temperature_proxy_notify();
CREATE TRIGGER hosts_temperature_proxy_notify_update AFTER UPDATE ON hosts
    FOR EACH ROW WHEN (OLD.cluster IS DISTINCT FROM NEW.cluster OR OLD.node IS DISTINCT FROM NEW.node
                       OR OLD.hostname IS DISTINCT FROM NEW.hostname OR OLD.addresses IS DISTINCT FROM NEW.addresses)
    EXECUTE FUNCTION temperature_proxy_notify();
