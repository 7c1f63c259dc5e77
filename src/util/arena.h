/* arena.h — a memory arena: many small allocations freed together (one
 * per HTTP request). Allocation failure returns NULL; the arena has a
 * hard cap on its total size. Not thread-safe: one arena per request. */
#ifndef MM_ARENA_H
#define MM_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used;  /* bytes handed out, for the cap */
	size_t cap;   /* 0: no cap */
};

/* arena_init — an empty arena that hands out at most CAP bytes (0: no cap). */
void arena_init(struct arena *a, size_t cap);

/* arena_free — release every allocation of A; A is empty and reusable. */
void arena_free(struct arena *a);

/* arena_alloc — N zeroed bytes aligned for any type, or NULL. */
void *arena_alloc(struct arena *a, size_t n);

/* arena_strndup — a NUL-terminated copy of N bytes at S, or NULL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* arena_strdup — a copy of the C string S (NULL gives NULL). */
char *arena_strdup(struct arena *a, const char *s);

/* arena_printf — formatted text in the arena, or NULL. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
