/* opt.h — parsing of a command's options: --name VALUE, --name=VALUE and
 * flags, in any order with the positional arguments; "--" ends options. */
#ifndef MM_OPT_H
#define MM_OPT_H

#include <stdbool.h>

struct opt {
	const char *name;   /* without the dashes */
	const char **value; /* for options that take a value, else NULL */
	bool *flag;         /* for flags, else NULL */
};

#define OPT_MAX_POS 16

/* opt_parse — parse ARGV[1..ARGC-1] by OPTS (ended by a NULL name).
 * Positional arguments go to POS (at most OPT_MAX_POS) and their count to
 * *NPOS. Returns true, or false after printing a usage error naming the
 * option (SYNOPSIS is printed with it). */
bool opt_parse(int argc, char **argv, const struct opt *opts,
    const char **pos, int *npos, const char *synopsis);

#endif
