/* access.c — roles and what each may do. */
#include "core/access.h"

#include <string.h>

static const char *const role_ids[ROLE_COUNT] = {
	"", "owner", "admin", "editor", "auditor", "member", "supporter"
};

static const char *const perm_ids[PERM_COUNT] = {
	"unset", "public", "login_any", "login", "instance_admin", "org_summary",
	"org_member", "org_read", "org_edit", "org_admin", "org_owner"
};

const char *
role_id(enum role r)
{
	if ((int)r < 0 || r >= ROLE_COUNT)
		return "";
	return role_ids[r];
}

enum role
role_from_id(const char *s)
{
	int i;

	for (i = 1; s != NULL && i < ROLE_COUNT; i++)
		if (strcmp(s, role_ids[i]) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

const char *
perm_id(enum perm p)
{
	if ((int)p < 0 || p >= PERM_COUNT)
		return "unset";
	return perm_ids[p];
}

bool
perm_is_org(enum perm p)
{
	return p >= PERM_ORG_SUMMARY && p < PERM_COUNT;
}

bool
perm_allows(enum perm p, enum role r, bool instance_admin)
{
	switch (p) {
	case PERM_PUBLIC:
	case PERM_LOGIN_ANY:
	case PERM_LOGIN:
		return true;
	case PERM_INSTANCE_ADMIN:
		return instance_admin;
	case PERM_ORG_SUMMARY:
		return r != ROLE_NONE;
	case PERM_ORG_MEMBER:
		return r != ROLE_NONE && r != ROLE_SUPPORTER;
	case PERM_ORG_READ:
		return r == ROLE_OWNER || r == ROLE_ADMIN || r == ROLE_EDITOR ||
		    r == ROLE_AUDITOR;
	case PERM_ORG_EDIT:
		return r == ROLE_OWNER || r == ROLE_ADMIN || r == ROLE_EDITOR;
	case PERM_ORG_ADMIN:
		return r == ROLE_OWNER || r == ROLE_ADMIN;
	case PERM_ORG_OWNER:
		return r == ROLE_OWNER;
	case PERM_UNSET:
	case PERM_COUNT:
		break;
	}
	return false;
}
