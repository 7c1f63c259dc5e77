/* account_store.c — user accounts and their roles per organisation. */
#include "store/account_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/row.h"

#define ACCOUNT_COLUMNS \
	"id, email, name, password_hash, must_change_password, disabled, instance_admin, created_at"

static void
account_read(struct db_stmt *st, struct account *a)
{
	a->id = db_col_int(st, 0);
	row_text(a->email, st, 1);
	row_text(a->name, st, 2);
	row_text(a->password_hash, st, 3);
	a->must_change_password = db_col_int(st, 4) != 0;
	a->disabled = db_col_int(st, 5) != 0;
	a->instance_admin = db_col_int(st, 6) != 0;
	row_text(a->created_at, st, 7);
}

enum mm_err
account_insert(struct db *db, struct account *a, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO account (email, name, password_hash, must_change_password, disabled,"
	    " instance_admin, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, a->email);
	db_bind_text(st, 2, a->name);
	db_bind_text(st, 3, a->password_hash);
	db_bind_int(st, 4, a->must_change_password);
	db_bind_int(st, 5, a->disabled);
	db_bind_int(st, 6, a->instance_admin);
	db_bind_text(st, 7, a->created_at);
	code = row_step_done(st, e);
	if (code == MM_ECONFLICT)
		return err_keyf(e, code, "err.account.exists", "{email}%s", a->email);
	if (code == MM_OK)
		a->id = db_last_id(db);
	return code;
}

static enum mm_err
account_one(struct db_stmt *st, struct account *a, struct err *e)
{
	enum mm_err code = row_step_one(st, "err.account.not_found", e);

	if (code == MM_OK)
		account_read(st, a);
	db_finalize(st);
	return code;
}

enum mm_err
account_get(struct db *db, long long id, struct account *a, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	return account_one(st, a, e);
}

enum mm_err
account_get_by_email(struct db *db, const char *email, struct account *a,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE email = ?1",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_text(st, 1, email);
	return account_one(st, a, e);
}

static void
account_read_item(struct db_stmt *st, void *item)
{
	account_read(st, item);
}

enum mm_err
account_list(struct db *db, struct account **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	void *v;

	*out = NULL;
	*n = 0;
	code = db_prepare(db, "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY email", &st, e);
	if (code != MM_OK)
		return code;
	code = row_collect(st, sizeof(**out), account_read_item, &v, n, e);
	*out = v;
	return code;
}

enum mm_err
account_count(struct db *db, long long *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "SELECT count(*) FROM account", &st, e);
	if (code != MM_OK)
		return code;
	code = row_step_one(st, NULL, e);
	*n = code == MM_OK ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return code;
}

enum mm_err
account_set_password(struct db *db, long long id, const char *hash,
    bool must_change, const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "UPDATE account SET password_hash = ?2, must_change_password = ?3,"
	    " password_changed_at = ?4 WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, hash);
	db_bind_int(st, 3, must_change);
	db_bind_text(st, 4, now);
	return row_step_done(st, e);
}

enum mm_err
account_set_disabled(struct db *db, long long id, bool disabled, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "UPDATE account SET disabled = ?2 WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, disabled);
	return row_step_done(st, e);
}

enum mm_err
account_set_name(struct db *db, long long id, const char *name, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "UPDATE account SET name = ?2 WHERE id = ?1", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, name);
	return row_step_done(st, e);
}

enum mm_err
membership_set(struct db *db, long long account_id, long long org_id, enum role r,
    const char *now, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "INSERT INTO membership (account_id, org_id, role, created_at) VALUES (?1, ?2, ?3, ?4)"
	    " ON CONFLICT (account_id, org_id) DO UPDATE SET role = excluded.role", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, org_id);
	db_bind_text(st, 3, role_id(r));
	db_bind_text(st, 4, now);
	return row_step_done(st, e);
}

enum mm_err
membership_remove(struct db *db, long long account_id, long long org_id,
    struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, "DELETE FROM membership WHERE account_id = ?1 AND org_id = ?2",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, org_id);
	return row_step_done(st, e);
}

enum mm_err
membership_role(struct db *db, long long account_id, long long org_id,
    enum role *r, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;
	bool found;

	*r = ROLE_NONE;
	code = db_prepare(db,
	    "SELECT role FROM membership WHERE account_id = ?1 AND org_id = ?2", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, org_id);
	if ((code = row_step_maybe(st, &found, e)) == MM_OK && found)
		*r = role_from_id(db_col_text(st, 0));
	db_finalize(st);
	return code;
}

#define MEMBERSHIP_SELECT \
	"SELECT m.account_id, m.org_id, m.role, o.slug, o.name, a.email, a.name, a.disabled" \
	" FROM membership m JOIN org o ON o.id = m.org_id JOIN account a ON a.id = m.account_id"

static void
membership_read(struct db_stmt *st, void *item)
{
	struct membership *m = item;

	m->account_id = db_col_int(st, 0);
	m->org_id = db_col_int(st, 1);
	m->role = role_from_id(db_col_text(st, 2));
	row_text(m->org_slug, st, 3);
	row_text(m->org_name, st, 4);
	row_text(m->email, st, 5);
	row_text(m->account_name, st, 6);
	m->disabled = db_col_int(st, 7) != 0;
}

static enum mm_err
membership_rows(struct db_stmt *st, struct membership **out, size_t *n,
    struct err *e)
{
	void *v;
	enum mm_err code = row_collect(st, sizeof(**out), membership_read, &v, n, e);

	*out = v;
	return code;
}

enum mm_err
membership_of_account(struct db *db, long long account_id,
    struct membership **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, MEMBERSHIP_SELECT " WHERE m.account_id = ?1 ORDER BY o.slug",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, account_id);
	return membership_rows(st, out, n, e);
}

enum mm_err
membership_of_org(struct db *db, long long org_id, struct membership **out,
    size_t *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db, MEMBERSHIP_SELECT " WHERE m.org_id = ?1 ORDER BY a.email",
	    &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	return membership_rows(st, out, n, e);
}

enum mm_err
membership_count_role(struct db *db, long long org_id, enum role r,
    long long except_id, long long *n, struct err *e)
{
	struct db_stmt *st;
	enum mm_err code;

	code = db_prepare(db,
	    "SELECT count(*) FROM membership m JOIN account a ON a.id = m.account_id"
	    " WHERE m.org_id = ?1 AND m.role = ?2 AND a.disabled = 0 AND a.id <> ?3", &st, e);
	if (code != MM_OK)
		return code;
	db_bind_int(st, 1, org_id);
	db_bind_text(st, 2, role_id(r));
	db_bind_int(st, 3, except_id);
	code = row_step_one(st, NULL, e);
	*n = code == MM_OK ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return code;
}
