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

-- The hash of every authorized-node list and when it last changed, per scope: 'cluster:<name>' (the hosts of a
-- cluster), or 'host:<id>' for a host in no cluster (a list of itself). Kept by the trigger below, so a pull
-- whose list did not change reads one row. The hash is AuthorizedNodes.hashOf: the distinct lines
-- "name|ip" ("name|" without address; name = Proxmox node name, else hostname), sorted bytewise, joined by \n.
CREATE TABLE temperature_proxy_lists (
    scope       text PRIMARY KEY,
    hash        text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX hosts_cluster ON hosts (cluster) WHERE cluster IS NOT NULL;

CREATE FUNCTION temperature_proxy_scope(cluster text, host_id text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN cluster IS NOT NULL THEN 'cluster:' || cluster ELSE 'host:' || host_id END $$;

-- Recomputes one scope's hash; updated_at moves only when the hash differs. Serialized per scope by an
-- advisory lock, and each statement here sees what committed before it, so two transactions changing hosts of
-- one cluster at once cannot leave a hash that misses one of the changes.
CREATE FUNCTION temperature_proxy_refresh(p_scope text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    in_cluster text := CASE WHEN p_scope LIKE 'cluster:%' THEN substr(p_scope, 9) END;
    alone      text := CASE WHEN p_scope LIKE 'host:%' THEN substr(p_scope, 6) END;
    new_hash   text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('temperature_proxy_lists'), hashtext(p_scope));
    SELECT 'sha256:' || encode(sha256(convert_to(
               string_agg(l.line, E'\n' ORDER BY l.line COLLATE "C"), 'UTF8')), 'hex')
      INTO new_hash
      FROM (SELECT DISTINCT coalesce(x.node, x.hostname) || '|' || coalesce(a.ip, '') AS line
              FROM hosts x LEFT JOIN LATERAL unnest(x.addresses) AS a(ip) ON true
             WHERE x.cluster = in_cluster OR (x.cluster IS NULL AND x.id = alone)) l;
    IF new_hash IS NULL THEN
        DELETE FROM temperature_proxy_lists WHERE scope = p_scope;
    ELSE
        INSERT INTO temperature_proxy_lists AS t (scope, hash, updated_at)
        VALUES (p_scope, new_hash, clock_timestamp())
        ON CONFLICT (scope) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at
         WHERE t.hash <> excluded.hash;
    END IF;
END $$;

CREATE FUNCTION temperature_proxy_hosts_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    old_scope text;
    new_scope text;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_scope := temperature_proxy_scope(OLD.cluster, OLD.id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_scope := temperature_proxy_scope(NEW.cluster, NEW.id);
    END IF;
    -- Locks are always taken in the same order, so two hosts moving opposite ways cannot deadlock.
    IF old_scope IS NOT NULL AND (new_scope IS NULL OR old_scope < new_scope) THEN
        PERFORM temperature_proxy_refresh(old_scope);
        IF new_scope IS NOT NULL THEN
            PERFORM temperature_proxy_refresh(new_scope);
        END IF;
    ELSE
        PERFORM temperature_proxy_refresh(new_scope);
        IF old_scope IS NOT NULL AND old_scope <> new_scope THEN
            PERFORM temperature_proxy_refresh(old_scope);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER hosts_temperature_proxy_lists AFTER INSERT OR DELETE ON hosts
    FOR EACH ROW EXECUTE FUNCTION temperature_proxy_hosts_changed();
-- Host report ingest updates hosts on every report; only a change of what the lists are made of gets here.
CREATE TRIGGER hosts_temperature_proxy_lists_update AFTER UPDATE ON hosts
    FOR EACH ROW WHEN (OLD.cluster IS DISTINCT FROM NEW.cluster OR OLD.node IS DISTINCT FROM NEW.node
                       OR OLD.hostname IS DISTINCT FROM NEW.hostname OR OLD.addresses IS DISTINCT FROM NEW.addresses)
    EXECUTE FUNCTION temperature_proxy_hosts_changed();

-- The lists of the hosts that exist already.
SELECT temperature_proxy_refresh(s.scope)
  FROM (SELECT DISTINCT temperature_proxy_scope(cluster, id) AS scope FROM hosts) s;
