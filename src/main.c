/* main.c — mamori: one program that is the command line and the web UI. */
#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
