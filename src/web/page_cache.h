/* page_cache.h — rendered parts of pages that depend only on an
 * organisation's data (not on the account, the session or the response),
 * kept until that data changes.
 *
 * Every change of an organisation's data is one transaction with one
 * audit record, from the web or from the command line, so the audit
 * log's head (its count and last hash) is the version of all the data: a
 * part is used only while the head is the one it was rendered at. */
#ifndef MM_PAGE_CACHE_H
#define MM_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/db.h"

#define PAGE_CACHE_VERSION_MAX 96

struct page_cache;

/* page_cache_new — a cache of SLOTS parts (the oldest is replaced when
 * full); NULL when out of memory. Thread-safe. */
struct page_cache *page_cache_new(size_t slots);

/* page_cache_free — release C and its parts (NULL is fine). */
void page_cache_free(struct page_cache *c);

/* page_cache_version — the version of the data in DB into OUT; false
 * when it can not be read (then nothing may be cached). */
bool page_cache_version(struct db *db, char out[PAGE_CACHE_VERSION_MAX]);

/* page_cache_get — a copy (free() it) of the part KEY rendered at
 * VERSION, or NULL when there is none (or it is of another version). */
char *page_cache_get(struct page_cache *c, const char *key, const char *version);

/* page_cache_put — keep TEXT as the part KEY at VERSION (copied; nothing
 * is kept when out of memory). */
void page_cache_put(struct page_cache *c, const char *key, const char *version,
    const char *text);

#endif
