-- 001_initial.sql — organisations, respondents, 自社診断 rounds, settings,
-- the audit log.

CREATE TABLE org (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	industry TEXT,
	employees INTEGER CHECK (employees IS NULL OR employees >= 0),
	representative TEXT,
	representative_title TEXT,
	created_at TEXT NOT NULL
);

-- per-organisation settings, e.g. diagnosis.na_rule = full | exclude
CREATE TABLE org_setting (
	org_id INTEGER NOT NULL REFERENCES org(id),
	key TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (org_id, key)
);

-- who answers a diagnosis round: a person or a department
CREATE TABLE respondent (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'department')),
	created_at TEXT NOT NULL,
	UNIQUE (org_id, name)
);

CREATE TABLE diag_round (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	respondent_id INTEGER NOT NULL REFERENCES respondent(id),
	catalog TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
	na_rule TEXT NOT NULL CHECK (na_rule IN ('full', 'exclude')),
	started_at TEXT NOT NULL,
	completed_at TEXT,
	total INTEGER,
	band TEXT,
	CHECK ((status = 'draft') = (completed_at IS NULL))
);
CREATE INDEX diag_round_org ON diag_round (org_id, status, completed_at);

CREATE TABLE diag_answer (
	round_id INTEGER NOT NULL REFERENCES diag_round(id),
	item_no INTEGER NOT NULL CHECK (item_no >= 1),
	answer TEXT NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'unknown', 'na')),
	note TEXT,
	PRIMARY KEY (round_id, item_no)
);

-- A completed round can not be changed: not its row, not its answers.
CREATE TRIGGER diag_round_immutable BEFORE UPDATE ON diag_round
WHEN OLD.status = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'immutable: completed diagnosis round');
END;
CREATE TRIGGER diag_round_no_delete BEFORE DELETE ON diag_round
WHEN OLD.status = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'immutable: completed diagnosis round');
END;
CREATE TRIGGER diag_answer_immutable_ins BEFORE INSERT ON diag_answer
WHEN (SELECT status FROM diag_round WHERE id = NEW.round_id) = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'immutable: completed diagnosis round');
END;
CREATE TRIGGER diag_answer_immutable_upd BEFORE UPDATE ON diag_answer
WHEN (SELECT status FROM diag_round WHERE id = OLD.round_id) = 'completed'
	OR (SELECT status FROM diag_round WHERE id = NEW.round_id) = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'immutable: completed diagnosis round');
END;
CREATE TRIGGER diag_answer_immutable_del BEFORE DELETE ON diag_answer
WHEN (SELECT status FROM diag_round WHERE id = OLD.round_id) = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'immutable: completed diagnosis round');
END;

-- The audit log: one record per change, each carrying the hash of the
-- previous one. audit_head holds the count and the last hash so that a
-- removed tail is detected too.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	org_id INTEGER,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	before TEXT,
	after TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
);
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	count INTEGER NOT NULL,
	last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, count, last_hash) VALUES (1, 0, '');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'immutable: audit log');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'immutable: audit log');
END;
