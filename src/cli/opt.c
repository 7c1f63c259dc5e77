/* opt.c — parsing of a command's options. */
#include "cli/opt.h"

#include <string.h>

#include "cli/cli.h"

static const struct opt *
find(const struct opt *opts, const char *name, size_t len)
{
	for (; opts->name != NULL; opts++)
		if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

bool
opt_parse(int argc, char **argv, const struct opt *opts, const char **pos,
    int *npos, const char *synopsis)
{
	bool only_pos = false;
	int i;

	*npos = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct opt *o;

		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		if (only_pos || strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (*npos == OPT_MAX_POS) {
				cli_usage(synopsis, "引数が多すぎます");
				return false;
			}
			pos[(*npos)++] = a;
			continue;
		}
		eq = strchr(a + 2, '=');
		o = find(opts, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
		if (o == NULL) {
			cli_usage(synopsis, "不明なオプションです: %s", a);
			return false;
		}
		if (o->flag != NULL) {
			if (eq != NULL) {
				cli_usage(synopsis, "--%s は値をとりません", o->name);
				return false;
			}
			*o->flag = true;
		} else if (eq != NULL) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cli_usage(synopsis, "--%s には値が必要です", o->name);
			return false;
		}
	}
	return true;
}
