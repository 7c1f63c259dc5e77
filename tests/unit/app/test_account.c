/* test_account.c — accounts, logins, sessions and API tokens
 * (app/account_service.h; QUALITY.md S1–S4, S13) on a temporary
 * database: the one-time password of a new account, roles, throttled
 * logins (failures inserted with a fixed `now` instead of hashing 100
 * times), the idle and absolute limits of a session, sessions stored only
 * hashed, password change and reset ending sessions, the last owner, and
 * personal API tokens. Every write adds audit records by a fixed rule,
 * a refused one none, and no secret ever reaches the audit log. */
#include "support/mm_web.h"

#include "app/account_service.h"

#define DBFILE "acct.db"
#define T0 "2026-04-01T09:00:00Z"
#define NOW 1775034000LL /* 2026-04-01T09:00:00Z */
#define IP1 "203.0.113.10"
#define IP2 "198.51.100.20"
#define TARO "taro.yamada@example.jp"
#define HANAKO "hanako.suzuki@example.jp"
#define NEWPW "春の小川はさらさら行くよ"

static struct app A;
static struct org O, P; /* P: another organisation */

static int
setup(void **state)
{
	(void)state;
	setenv("MAMORI_FAKE_NOW", T0, 1);
	mmt_app_open(&A, DBFILE);
	mmt_org(&A, "テスト株式会社", &O);
	mmt_org(&A, "Other Corp", &P);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	app_close(&A);
	unsetenv("MAMORI_FAKE_NOW");
	return 0;
}

static long long
audits(void)
{
	return mmt_audit_count(A.db);
}

/* a new account EMAIL with role R in ORG_ID (0: none); its OTP */
static struct account
create(const char *email, long long org_id, enum role r, char otp[ONE_TIME_PASSWORD_LEN + 1])
{
	struct account ac;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(account_create(&A, email, "山田 太郎", org_id, r, false, otp, &ac, &e), e);
	assert_int_equal(strlen(otp), ONE_TIME_PASSWORD_LEN);
	return ac;
}

static struct login
login(const char *email, const char *pw, const char *remote, long long now)
{
	struct login l;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(auth_login(&A, email, pw, remote, now, &l, &e), e);
	return l;
}

/* log in, asserting it works; the session cookie value in TOKEN */
static long long
login_ok(const char *email, const char *pw, long long now, char token[TOKEN_LEN])
{
	struct login l = login(email, pw, IP1, now);
	struct auth au;
	struct err e;

	memset(&e, 0, sizeof(e));
	if (l.outcome != LOGIN_OK) {
		print_error("login of %s: outcome %d\n", email, (int)l.outcome);
		fail();
	}
	memcpy(token, l.session_token, TOKEN_LEN);
	assert_ok(auth_session(&A, token, now, &au, &e), e);
	assert_int_equal(au.account.id, l.account.id);
	return au.session_id;
}

static long long
sql_count(const char *fmt, long long id)
{
	char sql[256];

	snprintf(sql, sizeof(sql), fmt, id);
	return mmt_sql_int(DBFILE, sql);
}

static long long
sessions_of(long long account_id)
{
	return sql_count("SELECT count(*) FROM session WHERE account_id = %lld", account_id);
}

static long long
failures(void)
{
	return mmt_sql_int(DBFILE, "SELECT count(*) FROM login_failure");
}

static enum role
role_in(long long account_id, long long org_id)
{
	enum role r = ROLE_COUNT;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(membership_role(A.db, account_id, org_id, &r, &e), e);
	return r;
}

static struct account
get(long long id)
{
	struct account ac;
	struct err e;

	memset(&e, 0, sizeof(e));
	assert_ok(account_get(A.db, id, &ac, &e), e);
	return ac;
}

static enum mm_err
session_rc(const char *token, long long now)
{
	struct auth au;
	struct err e;

	memset(&e, 0, sizeof(e));
	return auth_session(&A, token, now, &au, &e);
}

/* ---- account_create ----------------------------------------------- */

static void
test_create_one_time_password(void **state)
{
	static const char alphabet[] =
	    "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac, got;
	struct mmw_audit last;
	long long n0 = audits();
	size_t i;

	(void)state;
	ac = create(TARO, O.id, ROLE_OWNER, otp);
	for (i = 0; i < ONE_TIME_PASSWORD_LEN; i++)
		assert_non_null(strchr(alphabet, otp[i]));
	assert_true(ac.id > 0);
	assert_true(ac.must_change_password);
	assert_false(ac.disabled);
	assert_false(ac.instance_admin);
	assert_string_equal(ac.email, TARO);
	got = get(ac.id);
	assert_true(got.must_change_password);
	assert_string_equal(got.name, "山田 太郎");
	assert_true(password_verify(got.password_hash, otp, NULL, NULL));
	assert_int_equal(role_in(ac.id, O.id), ROLE_OWNER);
	assert_int_equal(role_in(ac.id, P.id), ROLE_NONE);
	/* the rule: one record per write; a new account with a role is two
	 * writes (account.create, membership.set), in one transaction */
	assert_int_equal(audits(), n0 + 2);
	assert_int_equal(mmw_audit_actions(A.db, "account.create"), 1);
	assert_int_equal(mmw_audit_actions(A.db, "membership.set"), 1);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "membership.set");
	assert_int_equal(last.org_id, O.id);
	assert_has(last.after, "\"owner\"");
	/* neither the one-time password nor its hash is in the log */
	assert_false(mmw_audit_mentions(A.db, otp));
	assert_false(mmw_audit_mentions(A.db, got.password_hash));
	assert_false(mmw_audit_mentions(A.db, "$argon2"));
	/* without an organisation: one write, one record */
	n0 = audits();
	ac = create(HANAKO, 0, ROLE_NONE, otp);
	assert_int_equal(audits(), n0 + 1);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "account.create");
	assert_int_equal(last.org_id, 0);
	assert_int_equal(role_in(ac.id, O.id), ROLE_NONE);
	/* one-time passwords differ */
	{
		char otp2[ONE_TIME_PASSWORD_LEN + 1];
		create("jiro@example.jp", 0, ROLE_NONE, otp2);
		assert_string_not_equal(otp, otp2);
	}
}

static void
test_create_instance_admin(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_ok(account_create(&A, "admin@example.jp", NULL, 0, ROLE_NONE, true, otp, &ac, &e),
	    e);
	assert_true(get(ac.id).instance_admin);
	assert_string_equal(get(ac.id).name, "");
}

static void
test_create_duplicate_refused(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	create(TARO, O.id, ROLE_OWNER, otp);
	n0 = audits();
	assert_int_equal(account_create(&A, TARO, NULL, 0, ROLE_NONE, false, otp, &ac, &e),
	    MM_ECONFLICT);
	assert_has(e.msg, TARO);
	assert_string_equal(otp, "");
	/* addresses compare without case */
	assert_int_equal(account_create(&A, "Taro.Yamada@Example.JP", NULL, 0, ROLE_NONE, false,
	    otp, &ac, &e), MM_ECONFLICT);
	assert_string_equal(otp, "");
	assert_int_equal(audits(), n0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM account"), 1);
}

static void
test_create_bad_input_refused(void **state)
{
	static const char *const bad[] = {
		"", "taro", "@example.jp", "taro@", "taro@@example.jp", "ta@ro@example.jp",
		"ta ro@example.jp", "taro@example", "<taro>@example.jp", "taro\"@example.jp",
		"taro'@example.jp", "taro@exa\tmple.jp", "taro@example.jp\n", "a@",
		"taro@example.jp\x7f",
	};
	char otp[ONE_TIME_PASSWORD_LEN + 1], longmail[300];
	struct account ac;
	struct err e;
	long long n0 = audits();
	size_t i;

	(void)state;
	memset(&e, 0, sizeof(e));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (account_create(&A, bad[i], NULL, O.id, ROLE_MEMBER, false, otp, &ac, &e) !=
		    MM_EINVAL) {
			print_error("accepted e-mail \"%s\"\n", bad[i]);
			fail();
		}
		assert_false(account_email_valid(bad[i]));
	}
	assert_int_equal(account_create(&A, NULL, NULL, O.id, ROLE_MEMBER, false, otp, &ac, &e),
	    MM_EINVAL);
	/* 255 bytes is too long; 254 is the limit */
	memset(longmail, 'a', sizeof(longmail));
	memcpy(longmail + 255 - strlen("@example.jp"), "@example.jp", strlen("@example.jp") + 1);
	assert_int_equal(strlen(longmail), 255);
	assert_false(account_email_valid(longmail));
	assert_true(account_email_valid(longmail + 1));
	assert_int_equal(account_create(&A, longmail, NULL, 0, ROLE_NONE, false, otp, &ac, &e),
	    MM_EINVAL);
	/* a name with a control character; a role missing */
	assert_int_equal(account_create(&A, TARO, "山田\n太郎", O.id, ROLE_MEMBER, false, otp,
	    &ac, &e), MM_EINVAL);
	assert_int_equal(account_create(&A, TARO, NULL, O.id, ROLE_NONE, false, otp, &ac, &e),
	    MM_EINVAL);
	assert_string_equal(otp, "");
	assert_int_equal(audits(), n0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM account"), 0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM membership"), 0);
	assert_true(account_email_valid(TARO));
	assert_true(account_email_valid("a@b.c"));
}

/* an account that exists gets only the role in another organisation:
 * no new password, one write (membership.set) */
static void
test_create_existing_adds_role(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], otp2[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac, again;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_OWNER, otp);
	n0 = audits();
	assert_ok(account_create(&A, "TARO.YAMADA@example.jp", "別名", P.id, ROLE_EDITOR, false,
	    otp2, &again, &e), e);
	assert_string_equal(otp2, "");
	assert_int_equal(again.id, ac.id);
	assert_int_equal(role_in(ac.id, P.id), ROLE_EDITOR);
	assert_int_equal(role_in(ac.id, O.id), ROLE_OWNER);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM account"), 1);
	/* the password and the name are those of before */
	assert_string_equal(get(ac.id).password_hash, ac.password_hash);
	assert_string_equal(get(ac.id).name, "山田 太郎");
	assert_true(password_verify(get(ac.id).password_hash, otp, NULL, NULL));
}

/* "adding" the only owner again with a lesser role must not demote it:
 * account_set_role refuses that (MM_ECONFLICT), and account_create must
 * not be a way around the rule (an admin may add users, but may not
 * touch an owner). Any refusal will do; MM_ECONFLICT would match
 * account_set_role. */
static void
test_create_existing_keeps_last_owner(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac, again;
	struct err e;
	long long n0;
	enum mm_err rc;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_OWNER, otp);
	n0 = audits();
	rc = account_create(&A, TARO, NULL, O.id, ROLE_MEMBER, false, otp, &again, &e);
	if (rc == MM_OK || role_in(ac.id, O.id) != ROLE_OWNER) {
		print_error("account_create(existing last owner, same org, member) = %s; "
		    "role now %s; owners left: %lld\n", err_code_name(rc),
		    role_id(role_in(ac.id, O.id)),
		    mmt_sql_int(DBFILE, "SELECT count(*) FROM membership WHERE role = 'owner'"));
		fail();
	}
	assert_int_equal(audits(), n0);
}

/* ---- auth_login --------------------------------------------------- */

static void
test_login_outcomes(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac;
	struct login l, l2;
	struct err e;
	long long n0, f0;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	n0 = audits();
	/* OK: a session, an audit record, the one-time password still to change */
	l = login(TARO, otp, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_OK);
	assert_int_equal(l.account.id, ac.id);
	assert_true(l.account.must_change_password);
	assert_int_equal(strlen(l.session_token), TOKEN_LEN - 1);
	assert_int_equal(strlen(l.csrf_token), TOKEN_LEN - 1);
	assert_string_not_equal(l.session_token, l.csrf_token);
	assert_int_equal(sessions_of(ac.id), 1);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(mmw_audit_actions(A.db, "auth.login"), 1);
	/* a new session id at every login (S4) */
	l2 = login("TARO.YAMADA@EXAMPLE.JP", otp, IP1, NOW);
	assert_int_equal(l2.outcome, LOGIN_OK);
	assert_string_not_equal(l.session_token, l2.session_token);
	assert_int_equal(sessions_of(ac.id), 2);
	/* BAD: wrong password, unknown e-mail; a failure each, no session */
	n0 = audits();
	f0 = failures();
	l = login(TARO, "not-the-password", IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_BAD);
	assert_string_equal(l.session_token, "");
	l = login("nobody@example.jp", otp, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_BAD);
	assert_string_equal(l.session_token, "");
	l = login(TARO, "", IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_BAD);
	l = login(NULL, NULL, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_BAD);
	assert_int_equal(failures(), f0 + 4);
	assert_int_equal(sessions_of(ac.id), 2);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM session"), 2);
	/* disabling ends the sessions; the right password is then BAD */
	assert_ok(account_disable(&A, ac.id, true, &e), e);
	assert_int_equal(sessions_of(ac.id), 0);
	assert_int_equal(audits(), n0 + 1);
	l = login(TARO, otp, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_BAD);
	assert_string_equal(l.session_token, "");
	assert_int_equal(sessions_of(ac.id), 0);
	assert_int_equal(failures(), f0 + 5);
	assert_int_equal(audits(), n0 + 1);
	/* enabled again: it works */
	assert_ok(account_disable(&A, ac.id, false, &e), e);
	assert_int_equal(login(TARO, otp, IP1, NOW).outcome, LOGIN_OK);
	assert_false(mmw_audit_mentions(A.db, otp));
	assert_false(mmw_audit_mentions(A.db, "not-the-password"));
}

/* 100 failures for the account within the hour: throttled, without a
 * session, a failure row or an audit record; 99 are not enough */
static void
test_login_throttled_per_account(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account ac;
	struct login l;
	struct err e;
	long long n0, f0, s0;
	int k;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	/* 99 failures in the last hour (one of them exactly an hour ago) */
	for (k = 0; k < 99; k++)
		assert_ok(login_failure_add(A.db, k % 2 ? TARO : "TARO.YAMADA@example.jp",
		    k % 3 ? IP2 : "192.0.2.1", NOW - 3600 + k * 30, &e), e);
	/* and many older ones, which do not count */
	for (k = 0; k < 150; k++)
		assert_ok(login_failure_add(A.db, TARO, IP2, NOW - 3601 - k, &e), e);
	l = login(TARO, otp, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_OK);
	/* the 100th failure */
	l = login(TARO, "wrong password 100", IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_BAD);
	n0 = audits();
	f0 = failures();
	s0 = sessions_of(ac.id);
	l = login(TARO, otp, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_THROTTLED);
	assert_string_equal(l.session_token, "");
	assert_string_equal(l.csrf_token, "");
	assert_int_equal(sessions_of(ac.id), s0);
	assert_int_equal(audits(), n0);
	/* whatever the case of the address and whatever the client */
	l = login("Taro.Yamada@Example.jp", otp, "192.0.2.200", NOW);
	assert_int_equal(l.outcome, LOGIN_THROTTLED);
	l = login(TARO, "wrong again", IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_THROTTLED);
	assert_int_equal(sessions_of(ac.id), s0);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT count(*) FROM session"), s0);
	assert_int_equal(audits(), n0);
	/* a throttled attempt is not hashed, so it is not counted either */
	assert_int_equal(failures(), f0);
	/* no permanent lockout: once the oldest counted failure (at
	 * NOW - 3600) is more than an hour old, it works again */
	l = login(TARO, otp, IP1, NOW + 1);
	assert_int_equal(l.outcome, LOGIN_OK);
	assert_int_equal(sessions_of(ac.id), s0 + 1);
	/* other accounts are not throttled */
	{
		char otp2[ONE_TIME_PASSWORD_LEN + 1];
		create(HANAKO, O.id, ROLE_MEMBER, otp2);
		assert_int_equal(login(HANAKO, otp2, IP1, NOW).outcome, LOGIN_OK);
	}
}

/* 300 failures from one address within the hour throttle that address
 * for every account, and no other address */
static void
test_login_throttled_per_address(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], email[64];
	struct account ac;
	struct err e;
	int k;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	for (k = 0; k < 299; k++) {
		snprintf(email, sizeof(email), "user%d@example.jp", k);
		assert_ok(login_failure_add(A.db, email, IP2, NOW - k, &e), e);
	}
	assert_int_equal(login(TARO, otp, IP2, NOW).outcome, LOGIN_OK);
	assert_ok(login_failure_add(A.db, "someone@example.jp", IP2, NOW, &e), e);
	assert_int_equal(login(TARO, otp, IP2, NOW).outcome, LOGIN_THROTTLED);
	assert_int_equal(login(TARO, otp, IP1, NOW).outcome, LOGIN_OK);
	assert_int_equal(sessions_of(ac.id), 2);
}

/* ---- auth_session ------------------------------------------------- */

static void
test_session_valid_and_hashed(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], sql[256], stored[256], want[65];
	struct account ac;
	struct login l;
	struct auth au;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	l = login(TARO, otp, IP1, NOW);
	assert_int_equal(l.outcome, LOGIN_OK);
	assert_ok(auth_session(&A, l.session_token, NOW + 10, &au, &e), e);
	assert_int_equal(au.account.id, ac.id);
	assert_true(au.session_id > 0);
	assert_int_equal(au.token_id, 0);
	assert_string_equal(au.csrf_token, l.csrf_token);
	/* only the SHA-256 of the cookie value is stored (S4) */
	snprintf(sql, sizeof(sql), "SELECT token_hash FROM session WHERE id = %lld",
	    au.session_id);
	mmw_sql_text(DBFILE, sql, stored, sizeof(stored));
	mmw_sha256_hex(l.session_token, want);
	assert_string_not_equal(stored, l.session_token);
	assert_string_equal(stored, want);
	/* the cookie value is nowhere in the table */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM session WHERE instr(token_hash ||"
	    " csrf_token || remote, '%s') > 0", l.session_token);
	assert_int_equal(mmt_sql_int(DBFILE, sql), 0);
	assert_false(mmw_audit_mentions(A.db, l.session_token));
	assert_false(mmw_audit_mentions(A.db, want));
}

static void
test_session_wrong_token(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], tok[TOKEN_LEN], other[TOKEN_LEN], hash[65];
	struct login l;

	(void)state;
	create(TARO, O.id, ROLE_MEMBER, otp);
	l = login(TARO, otp, IP1, NOW);
	memcpy(tok, l.session_token, TOKEN_LEN);
	token_random(other);
	assert_int_equal(session_rc(other, NOW), MM_ENOTFOUND);
	assert_int_equal(session_rc(NULL, NOW), MM_ENOTFOUND);
	assert_int_equal(session_rc("", NOW), MM_ENOTFOUND);
	/* one character changed */
	tok[5] = tok[5] == 'A' ? 'B' : 'A';
	assert_int_equal(session_rc(tok, NOW), MM_ENOTFOUND);
	/* a prefix, a longer value */
	memcpy(tok, l.session_token, TOKEN_LEN);
	tok[TOKEN_LEN - 2] = '\0';
	assert_int_equal(session_rc(tok, NOW), MM_ENOTFOUND);
	{
		char longer[TOKEN_LEN + 1];
		memcpy(longer, l.session_token, TOKEN_LEN - 1);
		longer[TOKEN_LEN - 1] = 'x';
		longer[TOKEN_LEN] = '\0';
		assert_int_equal(session_rc(longer, NOW), MM_ENOTFOUND);
	}
	/* the stored hash given as the cookie value */
	mmw_sha256_hex(l.session_token, hash);
	assert_int_equal(session_rc(hash, NOW), MM_ENOTFOUND);
	/* the CSRF token is not a session id */
	assert_int_equal(session_rc(l.csrf_token, NOW), MM_ENOTFOUND);
	/* the real one still works */
	assert_int_equal(session_rc(l.session_token, NOW), MM_OK);
}

/* idle ≤ 30 min: at exactly 30 min it lives (and is touched), one second
 * later it is gone, row and all */
static void
test_session_idle(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], tok[TOKEN_LEN];
	struct account ac;
	long long t;

	(void)state;
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	login_ok(TARO, otp, NOW, tok);
	assert_int_equal(session_rc(tok, NOW + SESSION_IDLE_SECONDS), MM_OK);
	t = NOW + SESSION_IDLE_SECONDS;
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT last_seen_at FROM session"), t);
	assert_int_equal(session_rc(tok, t + SESSION_IDLE_SECONDS + 1), MM_ENOTFOUND);
	assert_int_equal(sessions_of(ac.id), 0);
	/* and it does not come back */
	assert_int_equal(session_rc(tok, t), MM_ENOTFOUND);
	/* a use within the minute is not written (one write a minute at most)
	 * but counts from the last write */
	login_ok(TARO, otp, NOW, tok);
	assert_int_equal(session_rc(tok, NOW + 59), MM_OK);
	assert_int_equal(mmt_sql_int(DBFILE, "SELECT last_seen_at FROM session"), NOW);
	assert_int_equal(session_rc(tok, NOW + SESSION_IDLE_SECONDS + 1), MM_ENOTFOUND);
	assert_int_equal(sessions_of(ac.id), 0);
}

/* absolute ≤ 12 h, however busy the session is */
static void
test_session_absolute(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], tok[TOKEN_LEN];
	struct account ac;
	long long t;

	(void)state;
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	login_ok(TARO, otp, NOW, tok);
	for (t = NOW + 1700; t < NOW + SESSION_ABSOLUTE_SECONDS; t += 1700)
		assert_int_equal(session_rc(tok, t), MM_OK);
	assert_int_equal(session_rc(tok, NOW + SESSION_ABSOLUTE_SECONDS), MM_OK);
	assert_int_equal(session_rc(tok, NOW + SESSION_ABSOLUTE_SECONDS + 1), MM_ENOTFOUND);
	assert_int_equal(sessions_of(ac.id), 0);
}

/* an account disabled behind the service's back (directly in the
 * database) loses its sessions at their next use */
static void
test_session_disabled_account(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], tok[TOKEN_LEN], sql[128];
	struct account ac;

	(void)state;
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	login_ok(TARO, otp, NOW, tok);
	snprintf(sql, sizeof(sql), "UPDATE account SET disabled = 1 WHERE id = %lld", ac.id);
	mmt_sql(DBFILE, sql);
	assert_int_equal(session_rc(tok, NOW + 1), MM_ENOTFOUND);
	assert_int_equal(sessions_of(ac.id), 0);
	snprintf(sql, sizeof(sql), "UPDATE account SET disabled = 0 WHERE id = %lld", ac.id);
	mmt_sql(DBFILE, sql);
	assert_int_equal(session_rc(tok, NOW + 2), MM_ENOTFOUND);
}

static void
test_logout(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], t1[TOKEN_LEN], t2[TOKEN_LEN];
	struct account ac;
	struct err e;
	long long s1, n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	s1 = login_ok(TARO, otp, NOW, t1);
	login_ok(TARO, otp, NOW, t2);
	n0 = audits();
	assert_ok(auth_logout(&A, ac.id, s1, &e), e);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(session_rc(t1, NOW + 1), MM_ENOTFOUND);
	assert_int_equal(session_rc(t2, NOW + 1), MM_OK);
}

/* ---- passwords ---------------------------------------------------- */

static void
test_change_password(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], otp2[ONE_TIME_PASSWORD_LEN + 1];
	char t1[TOKEN_LEN], t2[TOKEN_LEN], t3[TOKEN_LEN], o_tok[TOKEN_LEN];
	char hash0[ACCOUNT_HASH_MAX];
	struct account ac, other;
	struct err e;
	long long keep, n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	other = create(HANAKO, O.id, ROLE_MEMBER, otp2);
	login_ok(HANAKO, otp2, NOW, o_tok);
	login_ok(TARO, otp, NOW, t1);
	keep = login_ok(TARO, otp, NOW, t2);
	login_ok(TARO, otp, NOW, t3);
	snprintf(hash0, sizeof(hash0), "%s", get(ac.id).password_hash);
	n0 = audits();
	/* refused: wrong current, weak new, same as current */
	assert_int_equal(account_change_password(&A, ac.id, "not-the-otp-0000", NEWPW, keep, &e),
	    MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id, NULL, NEWPW, keep, &e), MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id, otp, "short", keep, &e), MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id, otp, "123456789012", keep, &e),
	    MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id, otp, "I am taro.yamada!", keep, &e),
	    MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id, otp, otp, keep, &e), MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id, otp, NULL, keep, &e), MM_EINVAL);
	assert_int_equal(account_change_password(&A, ac.id + 99, otp, NEWPW, keep, &e),
	    MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
	assert_string_equal(get(ac.id).password_hash, hash0);
	assert_true(get(ac.id).must_change_password);
	assert_int_equal(sessions_of(ac.id), 3);
	/* success: must_change cleared, the other sessions ended, KEEP kept */
	assert_ok(account_change_password(&A, ac.id, otp, NEWPW, keep, &e), e);
	assert_int_equal(audits(), n0 + 1);
	assert_false(get(ac.id).must_change_password);
	assert_string_not_equal(get(ac.id).password_hash, hash0);
	assert_int_equal(sessions_of(ac.id), 1);
	assert_int_equal(session_rc(t2, NOW + 1), MM_OK);
	assert_int_equal(session_rc(t1, NOW + 1), MM_ENOTFOUND);
	assert_int_equal(session_rc(t3, NOW + 1), MM_ENOTFOUND);
	assert_false(mmw_audit_mentions(A.db, NEWPW));
	assert_false(mmw_audit_mentions(A.db, otp));
	/* the old password no longer works, the new one does */
	assert_int_equal(login(TARO, otp, IP1, NOW).outcome, LOGIN_BAD);
	login_ok(TARO, NEWPW, NOW, t1);
	/* with KEEP 0 every session ends */
	assert_ok(account_change_password(&A, ac.id, NEWPW, "秋の夕日に照る山もみじは", 0, &e), e);
	assert_int_equal(sessions_of(ac.id), 0);
	/* the other account's session is untouched */
	assert_int_equal(sessions_of(other.id), 1);
	assert_int_equal(session_rc(o_tok, NOW + 1), MM_OK);
}

static void
test_reset_password(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], otp2[ONE_TIME_PASSWORD_LEN + 1];
	char t1[TOKEN_LEN], t2[TOKEN_LEN];
	struct account ac;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	ac = create(TARO, O.id, ROLE_MEMBER, otp);
	login_ok(TARO, otp, NOW, t1);
	assert_ok(account_change_password(&A, ac.id, otp, NEWPW, 0, &e), e);
	login_ok(TARO, NEWPW, NOW, t1);
	login_ok(TARO, NEWPW, NOW, t2);
	n0 = audits();
	assert_ok(account_reset_password(&A, "Taro.Yamada@example.jp", otp2, &e), e);
	assert_int_equal(strlen(otp2), ONE_TIME_PASSWORD_LEN);
	assert_string_not_equal(otp2, otp);
	assert_true(get(ac.id).must_change_password);
	assert_int_equal(sessions_of(ac.id), 0);
	assert_int_equal(session_rc(t1, NOW + 1), MM_ENOTFOUND);
	assert_int_equal(session_rc(t2, NOW + 1), MM_ENOTFOUND);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(mmw_audit_actions(A.db, "account.password_reset"), 1);
	assert_false(mmw_audit_mentions(A.db, otp2));
	assert_int_equal(login(TARO, NEWPW, IP1, NOW).outcome, LOGIN_BAD);
	assert_int_equal(login(TARO, otp2, IP1, NOW).outcome, LOGIN_OK);
	/* an unknown address: nothing written, no password given */
	n0 = audits();
	assert_int_equal(account_reset_password(&A, "nobody@example.jp", otp2, &e), MM_ENOTFOUND);
	assert_string_equal(otp2, "");
	assert_int_equal(audits(), n0);
}

/* ---- roles -------------------------------------------------------- */

static void
test_last_owner(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account taro, hanako;
	struct mmw_audit last;
	struct err e;
	long long n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	taro = create(TARO, O.id, ROLE_OWNER, otp);
	n0 = audits();
	assert_int_equal(account_set_role(&A, taro.id, O.id, ROLE_ADMIN, &e), MM_ECONFLICT);
	assert_int_equal(account_set_role(&A, taro.id, O.id, ROLE_MEMBER, &e), MM_ECONFLICT);
	assert_int_equal(account_set_role(&A, taro.id, O.id, ROLE_NONE, &e), MM_ECONFLICT);
	assert_int_equal(role_in(taro.id, O.id), ROLE_OWNER);
	assert_int_equal(audits(), n0);
	/* the same role again: nothing to do, nothing written */
	assert_ok(account_set_role(&A, taro.id, O.id, ROLE_OWNER, &e), e);
	assert_int_equal(audits(), n0);
	/* a second owner: now one of them may step down */
	hanako = create(HANAKO, O.id, ROLE_MEMBER, otp);
	n0 = audits();
	assert_ok(account_set_role(&A, hanako.id, O.id, ROLE_OWNER, &e), e);
	assert_int_equal(audits(), n0 + 1);
	assert_ok(account_set_role(&A, taro.id, O.id, ROLE_ADMIN, &e), e);
	assert_int_equal(audits(), n0 + 2);
	assert_int_equal(role_in(taro.id, O.id), ROLE_ADMIN);
	mmw_audit_last(A.db, &last);
	assert_string_equal(last.action, "membership.set");
	assert_int_equal(last.org_id, O.id);
	assert_has(last.before, "\"owner\"");
	assert_has(last.after, "\"admin\"");
	/* and hanako is now the last one */
	assert_int_equal(account_set_role(&A, hanako.id, O.id, ROLE_NONE, &e), MM_ECONFLICT);
	assert_int_equal(role_in(hanako.id, O.id), ROLE_OWNER);
	/* removing a non-owner works */
	assert_ok(account_set_role(&A, taro.id, O.id, ROLE_NONE, &e), e);
	assert_int_equal(role_in(taro.id, O.id), ROLE_NONE);
	assert_int_equal(audits(), n0 + 3);
	/* a role in the other organisation does not count there */
	assert_ok(account_set_role(&A, taro.id, P.id, ROLE_OWNER, &e), e);
	assert_int_equal(account_set_role(&A, taro.id, P.id, ROLE_EDITOR, &e), MM_ECONFLICT);
	assert_int_equal(account_set_role(&A, hanako.id, O.id, ROLE_EDITOR, &e), MM_ECONFLICT);
	/* an unknown account */
	assert_int_equal(account_set_role(&A, hanako.id + 99, O.id, ROLE_EDITOR, &e),
	    MM_ENOTFOUND);
}

/* a disabled owner does not count as the other owner */
static void
test_last_owner_disabled_other(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account taro, hanako;
	struct err e;

	(void)state;
	memset(&e, 0, sizeof(e));
	taro = create(TARO, O.id, ROLE_OWNER, otp);
	hanako = create(HANAKO, O.id, ROLE_OWNER, otp);
	assert_ok(account_disable(&A, hanako.id, true, &e), e);
	assert_int_equal(account_set_role(&A, taro.id, O.id, ROLE_MEMBER, &e), MM_ECONFLICT);
	assert_int_equal(role_in(taro.id, O.id), ROLE_OWNER);
	assert_ok(account_disable(&A, hanako.id, false, &e), e);
	assert_ok(account_set_role(&A, taro.id, O.id, ROLE_MEMBER, &e), e);
}

/* a disabled owner (someone who left) can be removed while an enabled
 * owner remains: it is not the last owner */
static void
test_remove_disabled_owner(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1];
	struct account taro, hanako;
	struct err e;
	enum mm_err rc;

	(void)state;
	memset(&e, 0, sizeof(e));
	taro = create(TARO, O.id, ROLE_OWNER, otp);
	hanako = create(HANAKO, O.id, ROLE_OWNER, otp);
	assert_ok(account_disable(&A, hanako.id, true, &e), e);
	rc = account_set_role(&A, hanako.id, O.id, ROLE_NONE, &e);
	if (rc != MM_OK) {
		print_error("removing the disabled owner while %s stays owner: %s (%s)\n",
		    TARO, err_code_name(rc), e.msg);
		fail();
	}
	assert_int_equal(role_in(hanako.id, O.id), ROLE_NONE);
	assert_int_equal(role_in(taro.id, O.id), ROLE_OWNER);
}

/* ---- API tokens --------------------------------------------------- */

static void
test_api_tokens(void **state)
{
	char otp[ONE_TIME_PASSWORD_LEN + 1], tok[TOKEN_LEN], tok2[TOKEN_LEN], sql[128];
	char stored[256], want[65];
	struct account taro, hanako;
	struct auth au;
	struct err e;
	long long id = 0, id2 = 0, n0;

	(void)state;
	memset(&e, 0, sizeof(e));
	taro = create(TARO, O.id, ROLE_MEMBER, otp);
	hanako = create(HANAKO, O.id, ROLE_MEMBER, otp);
	n0 = audits();
	assert_ok(auth_token_create(&A, taro.id, "CI 連携", tok, &id, &e), e);
	assert_int_equal(audits(), n0 + 1);
	assert_true(id > 0);
	assert_int_equal(strlen(tok), TOKEN_LEN - 1);
	assert_ok(auth_token_create(&A, taro.id, NULL, tok2, &id2, &e), e);
	assert_string_not_equal(tok, tok2);
	/* stored hashed */
	snprintf(sql, sizeof(sql), "SELECT token_hash FROM api_token WHERE id = %lld", id);
	mmw_sql_text(DBFILE, sql, stored, sizeof(stored));
	mmw_sha256_hex(tok, want);
	assert_string_equal(stored, want);
	assert_false(mmw_audit_mentions(A.db, tok));
	/* the bearer */
	assert_ok(auth_bearer(&A, tok, &au, &e), e);
	assert_int_equal(au.account.id, taro.id);
	assert_int_equal(au.token_id, id);
	assert_int_equal(au.session_id, 0);
	assert_int_equal(auth_bearer(&A, want, &au, &e), MM_ENOTFOUND);
	assert_int_equal(auth_bearer(&A, "", &au, &e), MM_ENOTFOUND);
	assert_int_equal(auth_bearer(&A, NULL, &au, &e), MM_ENOTFOUND);
	/* a session token is not an API token and the reverse */
	assert_int_equal(session_rc(tok, NOW), MM_ENOTFOUND);
	/* another account can not revoke it */
	n0 = audits();
	assert_int_equal(auth_token_revoke(&A, hanako.id, id, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0);
	assert_ok(auth_bearer(&A, tok, &au, &e), e);
	/* its owner can; then it is refused, and can not be revoked again */
	assert_ok(auth_token_revoke(&A, taro.id, id, &e), e);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(auth_bearer(&A, tok, &au, &e), MM_ENOTFOUND);
	assert_int_equal(auth_token_revoke(&A, taro.id, id, &e), MM_ENOTFOUND);
	assert_int_equal(auth_token_revoke(&A, taro.id, id2 + 99, &e), MM_ENOTFOUND);
	assert_int_equal(audits(), n0 + 1);
	/* the other token still works, until the account is disabled */
	assert_ok(auth_bearer(&A, tok2, &au, &e), e);
	assert_ok(account_disable(&A, taro.id, true, &e), e);
	assert_int_equal(auth_bearer(&A, tok2, &au, &e), MM_ENOTFOUND);
	/* a bad name */
	assert_int_equal(auth_token_create(&A, hanako.id, "a\nb", tok, &id, &e), MM_EINVAL);
	assert_int_equal(auth_token_create(&A, hanako.id,
	    "12345678901234567890123456789012345678901", tok, &id, &e), MM_EINVAL);
	assert_int_equal(auth_token_create(&A, hanako.id + 99, "x", tok, &id, &e), MM_ENOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_one_time_password, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_instance_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_duplicate_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_bad_input_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_existing_adds_role, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_existing_keeps_last_owner, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_login_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_throttled_per_account, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_throttled_per_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_valid_and_hashed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_wrong_token, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_idle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_absolute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_disabled_account, setup, teardown),
		cmocka_unit_test_setup_teardown(test_logout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_change_password, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_password, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_owner_disabled_other, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove_disabled_owner, setup, teardown),
		cmocka_unit_test_setup_teardown(test_api_tokens, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
