/* embed.c — lookup in the table of embedded files. */
#include "util/embed.h"

#include <string.h>

const struct embed_file *
embed_find(const char *name)
{
	const struct embed_file *f;

	for (f = embed_files; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
