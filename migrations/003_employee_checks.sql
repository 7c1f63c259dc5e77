-- 003_employee_checks.sql — the employees' own checks: each member of an
-- organisation answers the 自社診断 items of the part "employee" of the
-- catalog for themselves; the organisation sees how the answers are
-- distributed per item. Which items may be answered is decided by the
-- catalog (and checked by the service), not by this schema.

CREATE TABLE employee_check (
	org_id INTEGER NOT NULL REFERENCES org(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	catalog TEXT NOT NULL,
	item_no INTEGER NOT NULL CHECK (item_no >= 1),
	answer TEXT NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'unknown', 'na')),
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, account_id, catalog, item_no)
);
CREATE INDEX employee_check_org ON employee_check (org_id, catalog, item_no);
