/* access.h — roles in an organisation and what each may do (PRODUCT.md:
 * owner, admin, editor, member, auditor, supporter). Pure rules. */
#ifndef MM_ACCESS_H
#define MM_ACCESS_H

#include <stdbool.h>

/* The roles, from most to least powerful. */
enum role {
	ROLE_NONE = 0,
	ROLE_OWNER,     /* 経営者: everything, approves */
	ROLE_ADMIN,     /* 責任者: everything, manages users */
	ROLE_EDITOR,    /* 担当者: edits content */
	ROLE_AUDITOR,   /* 点検責任者: reads everything */
	ROLE_MEMBER,    /* 従業員: own checks, reads the rules */
	ROLE_SUPPORTER, /* 支援者: the summary only */
	ROLE_COUNT
};

/* What a route needs. PERM_UNSET is never valid: the route table test
 * fails on it, so a route can not be added without deciding. */
enum perm {
	PERM_UNSET = 0,
	PERM_PUBLIC,         /* anyone, without logging in */
	PERM_LOGIN_ANY,      /* logged in, even with a password still to change */
	PERM_LOGIN,          /* logged in */
	PERM_INSTANCE_ADMIN, /* the administrator of this mamori */
	PERM_ORG_SUMMARY,    /* any role in the organisation */
	PERM_ORG_MEMBER,     /* any role but supporter */
	PERM_ORG_READ,       /* owner, admin, editor, auditor */
	PERM_ORG_EDIT,       /* owner, admin, editor */
	PERM_ORG_ADMIN,      /* owner, admin */
	PERM_ORG_OWNER,      /* owner */
	PERM_COUNT
};

/* role_id — "owner", … ("" for ROLE_NONE); role_from_id — the reverse
 * (ROLE_NONE when unknown). */
const char *role_id(enum role r);
enum role role_from_id(const char *s);

/* perm_id — a stable name of P, for the route table and the API doc. */
const char *perm_id(enum perm p);

/* perm_is_org — true when P is about one organisation. */
bool perm_is_org(enum perm p);

/* perm_allows — may an account with role R in the organisation (ROLE_NONE
 * when it has none) and INSTANCE_ADMIN set or not do what P needs?
 * PERM_PUBLIC and PERM_LOGIN* are decided by the caller (logged in or not);
 * for them this returns true. */
bool perm_allows(enum perm p, enum role r, bool instance_admin);

#endif
