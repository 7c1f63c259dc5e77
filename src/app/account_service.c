/* account_service.c — accounts, roles, logins, sessions, API tokens. */
#include "app/account_service.h"

#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "util/clock.h"

bool
account_email_valid(const char *email)
{
	const char *at, *p;
	size_t n;

	if (email == NULL || (n = strlen(email)) < 3 || n > 254)
		return false;
	at = strchr(email, '@');
	if (at == NULL || at == email || strchr(at + 1, '@') != NULL || at[1] == '\0' ||
	    strchr(at + 1, '.') == NULL)
		return false;
	for (p = email; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' ||
		    *p == '"' || *p == '\'')
			return false;
	return true;
}

static json_t *
account_json(const struct account *ac)
{
	return json_pack("{sIsssssbsbsb}", "id", (json_int_t)ac->id, "email", ac->email,
	    "name", ac->name, "disabled", ac->disabled, "must_change_password",
	    ac->must_change_password, "instance_admin", ac->instance_admin);
}

static void
account_object(long long id, char *out, size_t outsz)
{
	snprintf(out, outsz, "account:%lld", id);
}

/* record ACTION about account AC in ORG_ID with AFTER (consumed) */
static enum mm_err
audit_account(struct app *a, long long org_id, const char *action,
    const struct account *ac, json_t *before, json_t *after, struct err *e)
{
	char obj[64];
	enum mm_err code;

	account_object(ac->id, obj, sizeof(obj));
	code = audit_record(a, org_id, action, obj, before, after, e);
	json_decref(before);
	json_decref(after);
	return code;
}

enum mm_err
account_create(struct app *a, const char *email, const char *name,
    long long org_id, enum role r, bool instance_admin,
    char otp[ONE_TIME_PASSWORD_LEN + 1], struct account *out, struct err *e)
{
	char clean_name[ACCOUNT_NAME_MAX], hash[PASSWORD_HASH_MAX], now[CLOCK_ISO_LEN];
	enum mm_err code;
	bool exists;

	otp[0] = '\0';
	if (!account_email_valid(email))
		return err_keyf(e, MM_EINVAL, "err.account.email", "{value}%s",
		    email ? email : "");
	if ((code = input_text("err.field.name", name, false, 80, clean_name, sizeof(clean_name),
	    e)) != MM_OK)
		return code;
	if (org_id > 0 && r == ROLE_NONE)
		return err_key(e, MM_EINVAL, "err.account.role_required");
	clock_now_iso(now);
	/* hash before the transaction: it is slow and needs no lock */
	token_password(otp, ONE_TIME_PASSWORD_LEN + 1, ONE_TIME_PASSWORD_LEN);
	if ((code = password_hash(otp, hash, e)) != MM_OK)
		return code;
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	code = account_get_by_email(a->db, email, out, e);
	exists = code == MM_OK;
	if (code != MM_OK && code != MM_ENOTFOUND)
		goto fail;
	err_clear(e);
	if (exists && org_id <= 0) {
		code = err_keyf(e, MM_ECONFLICT, "err.account.exists", "{email}%s", email);
		goto fail;
	}
	if (!exists) {
		memset(out, 0, sizeof(*out));
		snprintf(out->email, sizeof(out->email), "%s", email);
		snprintf(out->name, sizeof(out->name), "%s", clean_name);
		snprintf(out->password_hash, sizeof(out->password_hash), "%s", hash);
		snprintf(out->created_at, sizeof(out->created_at), "%s", now);
		out->must_change_password = true;
		out->instance_admin = instance_admin;
		if ((code = account_insert(a->db, out, e)) != MM_OK ||
		    (code = audit_account(a, org_id, "account.create", out, NULL,
		    account_json(out), e)) != MM_OK)
			goto fail;
	} else {
		enum role had = ROLE_NONE;
		otp[0] = '\0';
		if ((code = membership_role(a->db, out->id, org_id, &had, e)) != MM_OK)
			goto fail;
		if (had != ROLE_NONE) {
			code = err_keyf(e, MM_ECONFLICT, "err.account.member_exists", "{email}%s",
			    email);
			goto fail;
		}
	}
	if (org_id > 0 &&
	    ((code = membership_set(a->db, out->id, org_id, r, now, e)) != MM_OK ||
	    (code = audit_account(a, org_id, "membership.set", out, NULL,
	    json_pack("{ss}", "role", role_id(r)), e)) != MM_OK))
		goto fail;
	if ((code = app_commit(a, e)) != MM_OK)
		goto fail;
	sodium_memzero(hash, sizeof(hash));
	return MM_OK;
fail:
	app_rollback(a);
	sodium_memzero(otp, ONE_TIME_PASSWORD_LEN + 1);
	return code;
}

enum mm_err
account_reset_password(struct app *a, const char *email,
    char otp[ONE_TIME_PASSWORD_LEN + 1], struct err *e)
{
	struct account ac;
	char hash[PASSWORD_HASH_MAX], now[CLOCK_ISO_LEN];
	enum mm_err code;

	token_password(otp, ONE_TIME_PASSWORD_LEN + 1, ONE_TIME_PASSWORD_LEN);
	if ((code = password_hash(otp, hash, e)) != MM_OK)
		return code;
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_get_by_email(a->db, email, &ac, e)) != MM_OK) {
		if (code == MM_ENOTFOUND)
			err_keyf(e, code, "err.account.no_such", "{email}%s", email);
		goto fail;
	}
	if ((code = account_set_password(a->db, ac.id, hash, true, now, e)) != MM_OK ||
	    (code = session_delete_account(a->db, ac.id, 0, e)) != MM_OK ||
	    (code = audit_account(a, 0, "account.password_reset", &ac, NULL,
	    json_pack("{sb}", "must_change_password", 1), e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK)
		goto fail;
	return MM_OK;
fail:
	app_rollback(a);
	otp[0] = '\0';
	return code;
}

enum mm_err
account_change_password(struct app *a, long long account_id,
    const char *current, const char *new_pw, long long keep_session_id,
    struct err *e)
{
	struct account ac;
	char hash[PASSWORD_HASH_MAX], now[CLOCK_ISO_LEN];
	enum mm_err code;
	bool busy;

	if ((code = account_get(a->db, account_id, &ac, e)) != MM_OK)
		return code;
	if (!password_verify(ac.password_hash, current ? current : "", NULL, &busy))
		return busy ? err_key(e, MM_ECONFLICT, "err.busy") :
		    err_key(e, MM_EINVAL, "err.account.current_password");
	if ((code = password_check(new_pw, ac.email, e)) != MM_OK)
		return code;
	if (strcmp(current, new_pw) == 0)
		return err_key(e, MM_EINVAL, "err.account.same_password");
	if ((code = password_hash(new_pw, hash, e)) != MM_OK)
		return code;
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_set_password(a->db, ac.id, hash, false, now, e)) != MM_OK ||
	    (code = session_delete_account(a->db, ac.id, keep_session_id, e)) != MM_OK ||
	    (code = audit_account(a, 0, "account.password_change", &ac, NULL,
	    json_pack("{sb}", "must_change_password", 0), e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		return code;
	}
	return MM_OK;
}

enum mm_err
account_set_role(struct app *a, long long account_id, long long org_id,
    enum role r, struct err *e)
{
	struct account ac;
	enum role old;
	long long owners;
	char now[CLOCK_ISO_LEN];
	enum mm_err code;

	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_get(a->db, account_id, &ac, e)) != MM_OK ||
	    (code = membership_role(a->db, account_id, org_id, &old, e)) != MM_OK)
		goto fail;
	if (old == r) {
		app_rollback(a);
		return MM_OK;
	}
	if (old == ROLE_OWNER) {
		/* another enabled owner must remain */
		if ((code = membership_count_role(a->db, org_id, ROLE_OWNER, account_id, &owners,
		    e)) != MM_OK)
			goto fail;
		if (owners == 0) {
			code = err_key(e, MM_ECONFLICT, "err.account.last_owner");
			goto fail;
		}
	}
	code = r == ROLE_NONE ? membership_remove(a->db, account_id, org_id, e) :
	    membership_set(a->db, account_id, org_id, r, now, e);
	if (code != MM_OK ||
	    (code = audit_account(a, org_id, "membership.set", &ac,
	    json_pack("{ss}", "role", role_id(old)), json_pack("{ss}", "role", role_id(r)),
	    e)) != MM_OK || (code = app_commit(a, e)) != MM_OK)
		goto fail;
	return MM_OK;
fail:
	app_rollback(a);
	return code;
}

enum mm_err
account_disable(struct app *a, long long account_id, bool disabled, struct err *e)
{
	struct account ac;
	enum mm_err code;

	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_get(a->db, account_id, &ac, e)) != MM_OK ||
	    (code = account_set_disabled(a->db, account_id, disabled, e)) != MM_OK ||
	    (disabled && (code = session_delete_account(a->db, account_id, 0, e)) != MM_OK) ||
	    (code = audit_account(a, 0, disabled ? "account.disable" : "account.enable", &ac,
	    json_pack("{sb}", "disabled", ac.disabled), json_pack("{sb}", "disabled", disabled),
	    e)) != MM_OK || (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		return code;
	}
	return MM_OK;
}

enum mm_err
auth_login(struct app *a, const char *email, const char *password,
    const char *remote, long long now, struct login *out, struct err *e)
{
	long long by_email, by_remote;
	char hash[SHA256_HEX_LEN];
	enum mm_err code;
	bool found, ok = false, busy = false, rehash = false;

	memset(out, 0, sizeof(*out));
	if (email == NULL)
		email = "";
	if (password == NULL)
		password = "";
	if ((code = login_failure_count(a->db, email, remote, now - 3600, &by_email,
	    &by_remote, e)) != MM_OK)
		return code;
	if (by_email >= LOGIN_FAILURES_PER_ACCOUNT || by_remote >= LOGIN_FAILURES_PER_ADDRESS) {
		out->outcome = LOGIN_THROTTLED;
		return MM_OK;
	}
	code = account_get_by_email(a->db, email, &out->account, e);
	if (code != MM_OK && code != MM_ENOTFOUND)
		return code;
	err_clear(e);
	found = code == MM_OK;
	if (found && strlen(password) <= 4 * PASSWORD_MAX_CHARS)
		ok = password_verify(out->account.password_hash, password, &rehash, &busy);
	else
		password_dummy_verify(password);
	if (busy) {
		out->outcome = LOGIN_BUSY;
		return MM_OK;
	}
	if (!ok || out->account.disabled) {
		out->outcome = LOGIN_BAD;
		return login_failure_add(a->db, email, remote, now, e);
	}
	token_random(out->session_token);
	token_random(out->csrf_token);
	token_hash(out->session_token, hash);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = session_insert(a->db, hash, out->account.id, out->csrf_token, now,
	    remote, e)) != MM_OK ||
	    (code = audit_account(a, 0, "auth.login", &out->account, NULL,
	    json_pack("{ss}", "remote", remote), e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		return code;
	}
	if (rehash) {
		char nh[PASSWORD_HASH_MAX], iso[CLOCK_ISO_LEN];
		clock_now_iso(iso);
		if (password_hash(password, nh, NULL) == MM_OK)
			account_set_password(a->db, out->account.id, nh,
			    out->account.must_change_password, iso, NULL);
	}
	out->outcome = LOGIN_OK;
	return MM_OK;
}

enum mm_err
auth_session(struct app *a, const char *token, long long now, struct auth *out,
    struct err *e)
{
	struct session_row s;
	char hash[SHA256_HEX_LEN];
	enum mm_err code;

	memset(out, 0, sizeof(*out));
	if (token == NULL || strlen(token) != TOKEN_LEN - 1)
		return err_key(e, MM_ENOTFOUND, "err.account.not_logged_in");
	token_hash(token, hash);
	if ((code = session_get(a->db, hash, &s, e)) != MM_OK)
		return code;
	if (now - s.last_seen_at > SESSION_IDLE_SECONDS ||
	    now - s.created_at > SESSION_ABSOLUTE_SECONDS) {
		session_delete(a->db, s.id, NULL);
		return err_key(e, MM_ENOTFOUND, "err.account.session_expired");
	}
	if ((code = account_get(a->db, s.account_id, &out->account, e)) != MM_OK)
		return code;
	if (out->account.disabled) {
		session_delete(a->db, s.id, NULL);
		return err_key(e, MM_ENOTFOUND, "err.account.disabled");
	}
	/* a write per minute at most, not per request */
	if (now - s.last_seen_at >= 60)
		session_touch(a->db, s.id, now, NULL);
	out->session_id = s.id;
	memcpy(out->csrf_token, s.csrf_token, sizeof(out->csrf_token));
	return MM_OK;
}

enum mm_err
auth_logout(struct app *a, long long account_id, long long session_id,
    struct err *e)
{
	struct account ac;
	enum mm_err code;

	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_get(a->db, account_id, &ac, e)) != MM_OK ||
	    (code = session_delete(a->db, session_id, e)) != MM_OK ||
	    (code = audit_account(a, 0, "auth.logout", &ac, NULL, NULL, e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		return code;
	}
	return MM_OK;
}

enum mm_err
auth_bearer(struct app *a, const char *token, struct auth *out, struct err *e)
{
	struct api_token_row t;
	char hash[SHA256_HEX_LEN], now[CLOCK_ISO_LEN];
	enum mm_err code;

	memset(out, 0, sizeof(*out));
	if (token == NULL || strlen(token) != TOKEN_LEN - 1)
		return err_key(e, MM_ENOTFOUND, "err.account.token_invalid");
	token_hash(token, hash);
	if ((code = api_token_find(a->db, hash, &t, e)) != MM_OK ||
	    (code = account_get(a->db, t.account_id, &out->account, e)) != MM_OK)
		return code;
	if (out->account.disabled)
		return err_key(e, MM_ENOTFOUND, "err.account.disabled");
	clock_now_iso(now);
	if (strncmp(t.last_used_at, now, 16) != 0) /* once a minute at most */
		api_token_touch(a->db, t.id, now, NULL);
	out->token_id = t.id;
	return MM_OK;
}

enum mm_err
auth_token_create(struct app *a, long long account_id, const char *name,
    char token[TOKEN_LEN], long long *id, struct err *e)
{
	struct account ac;
	char clean[192], hash[SHA256_HEX_LEN], now[CLOCK_ISO_LEN];
	enum mm_err code;

	if ((code = input_text("err.field.token_name", name ? name : "API", true, 40, clean,
	    sizeof(clean), e)) != MM_OK)
		return code;
	token_random(token);
	token_hash(token, hash);
	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_get(a->db, account_id, &ac, e)) != MM_OK ||
	    (code = api_token_insert(a->db, account_id, clean, hash, now, id, e)) != MM_OK ||
	    (code = audit_account(a, 0, "api_token.create", &ac, NULL,
	    json_pack("{sIss}", "token_id", (json_int_t)*id, "name", clean), e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		sodium_memzero(token, TOKEN_LEN);
		return code;
	}
	return MM_OK;
}

enum mm_err
auth_token_revoke(struct app *a, long long account_id, long long id,
    struct err *e)
{
	struct account ac;
	char now[CLOCK_ISO_LEN];
	enum mm_err code;

	clock_now_iso(now);
	if ((code = app_begin(a, e)) != MM_OK)
		return code;
	if ((code = account_get(a->db, account_id, &ac, e)) != MM_OK ||
	    (code = api_token_revoke(a->db, account_id, id, now, e)) != MM_OK ||
	    (code = audit_account(a, 0, "api_token.revoke", &ac, NULL,
	    json_pack("{sI}", "token_id", (json_int_t)id), e)) != MM_OK ||
	    (code = app_commit(a, e)) != MM_OK) {
		app_rollback(a);
		return code;
	}
	return MM_OK;
}
