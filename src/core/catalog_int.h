/* catalog_int.h — shared between the catalog's loader and its checks of
 * particular lists; not for use outside src/core/catalog*.c. */
#ifndef MM_CATALOG_INT_H
#define MM_CATALOG_INT_H

#include <stdbool.h>

#include "core/catalog.h"

/* catalog_fail — set E to MM_ECATALOG with a message naming LABEL/FILE
 * and the entry ID; returns MM_ECATALOG. */
enum mm_err catalog_fail(struct err *e, const char *label, const char *file,
    const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* catalog_build_diag — check the 自社診断 lists and fill c->diag. */
enum mm_err catalog_build_diag(struct catalog *c, const char *label,
    struct err *e);

/* catalog_check_risk — check the 付録7 tables and the media lists. */
enum mm_err catalog_check_risk(struct catalog *c, const char *label,
    struct err *e);

#endif
