/* cmd_asset_io.h — mamori asset import|export: the 情報資産管理台帳 to and
 * from CSV, XLSX and JSON files on the command line. */
#ifndef MM_CMD_ASSET_IO_H
#define MM_CMD_ASSET_IO_H

#include "cli/cli.h"

#define ASSET_IO_SYNOPSIS \
	"mamori asset export [--org SLUG] [--format csv|xlsx|json] [-o FILE]\n" \
	"       mamori asset import FILE [--org SLUG] [--dry-run] [--format text|json]"

/* cmd_asset_io — run "asset export" or "asset import". ARGV[0] is the
 * subcommand ("export" or "import"; a leading "asset" is skipped) and the
 * rest its arguments, options anywhere (--org, --format, -o/--output,
 * --dry-run, --help). Called by cmd_asset for those two subcommands.
 * Returns the exit status: CLI_OK, CLI_FAIL (the file could not be
 * written, or a row of the import is bad: nothing imported) or CLI_USAGE.
 * A progress bar is drawn on stderr when it is a terminal. */
int cmd_asset_io(struct cli *c, int argc, char **argv);

#endif
