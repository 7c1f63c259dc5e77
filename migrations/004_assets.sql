-- 004_assets.sql — the 情報資産管理台帳 and the risk analysis of 付録7.
-- The risk columns are derived (see src/core/risk.h) and kept up to date
-- by the services whenever an input changes, so that lists can be sorted,
-- filtered and paged by risk in SQL.

CREATE TABLE asset (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES org(id),
	business_category TEXT NOT NULL DEFAULT '',  -- 業務分類
	name TEXT NOT NULL,                          -- 情報資産名称
	note TEXT NOT NULL DEFAULT '',               -- 備考
	users_scope TEXT NOT NULL DEFAULT '',        -- 利用者範囲
	department TEXT NOT NULL DEFAULT '',         -- 管理部署
	medium TEXT NOT NULL,                        -- 媒体・保存先 (catalog id)
	personal INTEGER NOT NULL DEFAULT 0,         -- 個人情報
	sensitive INTEGER NOT NULL DEFAULT 0,        -- 要配慮個人情報
	my_number INTEGER NOT NULL DEFAULT 0,        -- 特定個人情報
	confidentiality INTEGER NOT NULL CHECK (confidentiality BETWEEN 1 AND 3),
	integrity INTEGER NOT NULL CHECK (integrity BETWEEN 1 AND 3),
	availability INTEGER NOT NULL CHECK (availability BETWEEN 1 AND 3),
	retention TEXT NOT NULL DEFAULT '',          -- 保存期限
	registered_on TEXT NOT NULL,                 -- 登録日 YYYY-MM-DD
	threat_override INTEGER CHECK (threat_override BETWEEN 1 AND 3),
	vulnerability_override INTEGER CHECK (vulnerability_override BETWEEN 1 AND 3),
	-- derived
	importance INTEGER NOT NULL,
	threat INTEGER NOT NULL,
	threat_source TEXT NOT NULL,
	vulnerability INTEGER NOT NULL,
	vulnerability_source TEXT NOT NULL,
	likelihood INTEGER NOT NULL,
	risk_value INTEGER NOT NULL,
	band TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX asset_org ON asset (org_id, id);
CREATE INDEX asset_org_risk ON asset (org_id, risk_value, id);
CREATE INDEX asset_org_name ON asset (org_id, name, id);
CREATE INDEX asset_org_medium ON asset (org_id, medium, id);
CREATE INDEX asset_org_department ON asset (org_id, department, id);
CREATE INDEX asset_org_band ON asset (org_id, band, risk_value, id);
CREATE INDEX asset_org_importance ON asset (org_id, importance, id);
CREATE INDEX asset_org_registered ON asset (org_id, registered_on, id);

-- 脅威の状況: how often the threats of each medium occur, per organisation
CREATE TABLE threat_rating (
	org_id INTEGER NOT NULL REFERENCES org(id),
	medium TEXT NOT NULL,
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	updated_at TEXT NOT NULL,
	PRIMARY KEY (org_id, medium)
);

-- リスク対応: one treatment per asset at risk
CREATE TABLE asset_treatment (
	asset_id INTEGER PRIMARY KEY REFERENCES asset(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,                          -- reduce / retain / avoid / transfer
	measure TEXT NOT NULL DEFAULT '',
	owner TEXT NOT NULL DEFAULT '',
	due TEXT,
	status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
	residual INTEGER CHECK (residual IN (1, 2, 3, 4, 6, 9)),
	updated_at TEXT NOT NULL
);
