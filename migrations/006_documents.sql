-- 006_documents.sql — the organisation's policy documents (基本方針,
-- ハンドブック, 関連規程) with every version kept, their approval by an
-- owner, publication, and who has read which version.
--
-- One document per kind per organisation; a document is a list of
-- versions numbered 1, 2, … . A version is never edited: an edit or a new
-- generation adds a version. A version is a draft until an owner approves
-- it (approved_by, approved_at), then it can be published (published_at).
-- The current version of a document for its readers is the newest
-- published one. Which kinds exist is decided by the catalog's list
-- "documents" (checked by the service).

CREATE TABLE document (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	kind TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (org_id, kind)
);

CREATE TABLE document_version (
	id INTEGER PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES document(id),
	number INTEGER NOT NULL CHECK (number >= 1),
	title TEXT NOT NULL,
	markdown TEXT NOT NULL,
	origin TEXT NOT NULL CHECK (origin IN ('generated', 'edited')),
	note TEXT NOT NULL DEFAULT '',
	left_out TEXT NOT NULL DEFAULT '[]',
	created_by INTEGER REFERENCES account(id),
	created_at TEXT NOT NULL,
	approved_by INTEGER REFERENCES account(id),
	approved_at TEXT,
	published_at TEXT,
	UNIQUE (document_id, number),
	CHECK ((approved_by IS NULL) = (approved_at IS NULL)),
	CHECK (published_at IS NULL OR approved_at IS NOT NULL)
);

-- the text of a version never changes; approval and publication are set
-- once
CREATE TRIGGER document_version_immutable BEFORE UPDATE ON document_version
WHEN NEW.document_id IS NOT OLD.document_id OR NEW.number IS NOT OLD.number
	OR NEW.title IS NOT OLD.title OR NEW.markdown IS NOT OLD.markdown
	OR NEW.origin IS NOT OLD.origin OR NEW.note IS NOT OLD.note
	OR NEW.left_out IS NOT OLD.left_out OR NEW.created_by IS NOT OLD.created_by
	OR NEW.created_at IS NOT OLD.created_at
	OR (OLD.approved_at IS NOT NULL AND (NEW.approved_at IS NOT OLD.approved_at
		OR NEW.approved_by IS NOT OLD.approved_by))
	OR (OLD.published_at IS NOT NULL AND NEW.published_at IS NOT OLD.published_at)
BEGIN
	SELECT RAISE(ABORT, 'immutable: document version');
END;
CREATE TRIGGER document_version_no_delete BEFORE DELETE ON document_version
BEGIN
	SELECT RAISE(ABORT, 'immutable: document version');
END;

-- "読みました": ACCOUNT_ID read version VERSION_ID at AT
CREATE TABLE document_ack (
	version_id INTEGER NOT NULL REFERENCES document_version(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	at TEXT NOT NULL,
	PRIMARY KEY (version_id, account_id)
);
CREATE TRIGGER document_ack_no_update BEFORE UPDATE ON document_ack
BEGIN
	SELECT RAISE(ABORT, 'immutable: acknowledgement');
END;
