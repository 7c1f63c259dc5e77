/* cli.h — the command line: mamori [--db PATH] COMMAND [ARGS]. */
#ifndef MM_CLI_H
#define MM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "app/app.h"
#include "core/text.h"
#include "store/org_store.h"

/* exit statuses */
enum {
	CLI_OK = 0,
	CLI_FAIL = 1,  /* the command could not be done (message on stderr) */
	CLI_USAGE = 2  /* the command line was wrong */
};

enum cli_format { FMT_TEXT = 0, FMT_JSON, FMT_CSV };

/* What every command gets. */
struct cli {
	const char *db_path; /* --db, $MAMORI_DB, or ./mamori.db */
	const char *prog;    /* argv[0] for messages */
};

/* cli_main — run the command line; returns the exit status. */
int cli_main(int argc, char **argv);

/* Commands: ARGV[0] is the command's name. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
/* cmd_roles — mamori org roles | org role (ARGV[0] is "roles" or "role") */
int cmd_roles(struct cli *c, int argc, char **argv);
/* cmd_pledge — mamori org pledge (ARGV[0] is "pledge") */
int cmd_pledge(struct cli *c, int argc, char **argv);
int cmd_catalog(struct cli *c, int argc, char **argv);
int cmd_diagnose(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_doc(struct cli *c, int argc, char **argv);
int cmd_asset(struct cli *c, int argc, char **argv);
int cmd_risk(struct cli *c, int argc, char **argv);

/* cli_open — open the app on C's database (EXISTING unless CREATE),
 * acting as the user running the command; prints the error and returns
 * false on failure. */
bool cli_open(struct cli *c, struct app *a, bool create);

/* cli_actor — who acts in the audit log: "cli:" and the user's name. */
void cli_actor(char *out, size_t outsz);

/* cli_error — print "mamori: MESSAGE" to stderr and return CLI_FAIL. */
int cli_error(const struct err *e);

/* cli_usage — print a usage error with the command's synopsis and
 * return CLI_USAGE. */
int cli_usage(const char *synopsis, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* cli_parse_format — "text", "json", "csv" (CSV only when ALLOW_CSV). */
bool cli_parse_format(const char *s, bool allow_csv, enum cli_format *out);

/* cli_print_json — write V (consumed) to stdout, indented, with a final
 * newline. Returns CLI_OK, or CLI_FAIL when V is NULL (out of memory). */
int cli_print_json(json_t *v);

/* cli_csv_field — write S to F as one CSV field (quoted when needed;
 * text starting with = + - @ is prefixed with ' against spreadsheet
 * formulas). */
void cli_csv_field(FILE *f, const char *s);

#endif
