-- Controller updates (docs/hub.md, "Controller updates"): the controller image's tags as last listed from the
-- registry, and the outcome of the last check. One row in update_checks; a check locks it, so replicas take turns.
CREATE TABLE controller_releases (
    tag       text        PRIMARY KEY,
    listed_at timestamptz NOT NULL
);

CREATE TABLE update_checks (
    id         int         PRIMARY KEY CHECK (id = 1),
    checked_at timestamptz,
    newest     text,
    error      text
);
INSERT INTO update_checks (id) VALUES (1);
