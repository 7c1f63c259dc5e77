-- 005_role_holders.sql — who holds each duty of the guideline's 表8
-- (情報セキュリティ管理のための役割と責任分担) and 表9 (緊急時対応体制) in an
-- organisation: a user of the organisation, or a name (a person who is not
-- a user, or deputies and titles beside the user). One holder per role;
-- the name can list deputies. Which role ids exist is decided by the
-- catalog lists "roles-normal" and "roles-emergency" (checked by the
-- service), not by this schema.

CREATE TABLE role_holder (
	org_id INTEGER NOT NULL REFERENCES org(id),
	role_id TEXT NOT NULL,
	account_id INTEGER REFERENCES account(id),
	name TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, role_id),
	CHECK (account_id IS NOT NULL OR name <> '')
);
