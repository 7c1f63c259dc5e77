/* embed.h — files embedded into the binary at build time.
 *
 * scripts/embed turns the catalog, the SQL migrations and (later) templates
 * and static files into a table linked into the binary. Names are paths
 * relative to the repository root, e.g. "catalog/ipa-sme-3.1/manifest.json".
 * Every file is followed by a NUL byte that is not counted in size.
 */
#ifndef MM_EMBED_H
#define MM_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;
	const unsigned char *data;
	size_t size;
};

/* The table, ended by an entry whose name is NULL. */
extern const struct embed_file embed_files[];

/* embed_find — the embedded file called NAME, or NULL. */
const struct embed_file *embed_find(const char *name);

#endif
