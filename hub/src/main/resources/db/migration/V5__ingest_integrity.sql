-- Report and event ids are the client's, so they are unique per sender: a customer re-using another customer's
-- report_id or event_id is stored (and learns nothing), a host re-using another host's report_id too. The same
-- sender re-sending its own id is still stored once.
ALTER TABLE reports DROP CONSTRAINT reports_report_id_key;
ALTER TABLE reports ADD CONSTRAINT reports_customer_report_id UNIQUE (customer_id, report_id);
ALTER TABLE events DROP CONSTRAINT events_event_id_key;
ALTER TABLE events ADD CONSTRAINT events_customer_event_id UNIQUE (customer_id, event_id);
ALTER TABLE host_reports DROP CONSTRAINT host_reports_report_id_key;
ALTER TABLE host_reports ADD CONSTRAINT host_reports_host_report_id UNIQUE (host_id, report_id);

-- Which report is a customer's (or host's) latest is decided by its report time: the client's sent_at, but never
-- later than when the hub received it, so a client clock running ahead (or a forged sent_at) cannot keep an old
-- report on top of newer ones, while a late re-send of an older report still does not replace a newer one.
-- last_sent_at keeps the latest report's sent_at as the client said it.
ALTER TABLE customers ADD COLUMN last_report_time timestamptz;
ALTER TABLE hosts ADD COLUMN last_report_time timestamptz;
UPDATE customers c SET last_report_time = least(r.sent_at, r.received_at)
  FROM reports r WHERE r.id = c.last_report_pk;
UPDATE hosts h SET last_report_time = least(r.sent_at, r.received_at)
  FROM host_reports r WHERE r.id = h.last_report_pk;

-- Key hints no longer carry characters of the secret: the kind prefix, '#' and the first 6 hex digits of the
-- token's SHA-256 (what Tokens.hint writes for new keys).
UPDATE credentials
   SET hint = substr(hint, 1, 4) || '#' || substr(encode(token_hash, 'hex'), 1, 6);
UPDATE temperature_proxies
   SET http_token_hint = substr(http_token_hint, 1, 4) || '#' || substr(encode(http_token_hash, 'hex'), 1, 6)
 WHERE http_token_hint IS NOT NULL AND http_token_hash IS NOT NULL;
