-- 002_accounts.sql — user accounts, their roles per organisation, login
-- sessions, personal API tokens, login throttling; the organisation
-- profile; the 5か条 status and pledge.

CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 1,
	disabled INTEGER NOT NULL DEFAULT 0,
	instance_admin INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	password_changed_at TEXT
);

CREATE TABLE membership (
	account_id INTEGER NOT NULL REFERENCES account(id),
	org_id INTEGER NOT NULL REFERENCES org(id),
	role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'member', 'auditor', 'supporter')),
	created_at TEXT NOT NULL,
	PRIMARY KEY (account_id, org_id)
);
CREATE INDEX membership_org ON membership (org_id);

-- The session id itself is never stored, only its SHA-256.
CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	account_id INTEGER NOT NULL REFERENCES account(id),
	csrf_token TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen_at INTEGER NOT NULL,
	remote TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE api_token (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	name TEXT NOT NULL,
	token_hash TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at TEXT
);

CREATE TABLE login_failure (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	email TEXT NOT NULL COLLATE NOCASE,
	remote TEXT NOT NULL
);
CREATE INDEX login_failure_email ON login_failure (email, at);
CREATE INDEX login_failure_remote ON login_failure (remote, at);

ALTER TABLE org ADD COLUMN address TEXT;
ALTER TABLE org ADD COLUMN security_action_level TEXT
	CHECK (security_action_level IS NULL OR security_action_level IN ('star1', 'star2'));
ALTER TABLE org ADD COLUMN security_action_id TEXT;
ALTER TABLE org ADD COLUMN security_action_date TEXT;
ALTER TABLE org ADD COLUMN policy_url TEXT;
ALTER TABLE org ADD COLUMN setup_done INTEGER NOT NULL DEFAULT 0;

-- 5か条: how far each principle is done, and the pledge (★).
CREATE TABLE pledge_status (
	org_id INTEGER NOT NULL REFERENCES org(id),
	pledge_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done')),
	note TEXT,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, pledge_id)
);
CREATE TABLE pledge_declaration (
	org_id INTEGER PRIMARY KEY REFERENCES org(id),
	pledged_at TEXT NOT NULL,
	pledged_by TEXT NOT NULL
);
