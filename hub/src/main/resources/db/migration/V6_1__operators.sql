-- Dashboard operators: people who sign in to the hub in a browser (the API's operator token is separate).
CREATE TABLE operators (
    name                  text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    password_hash         text        NOT NULL,
    role                  text        NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    must_change_password  boolean     NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now(),
    password_changed_at   timestamptz NOT NULL DEFAULT now()
);
