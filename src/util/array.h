/* array.h — an array that grows one item at a time (the n / alloc /
 * realloc pattern, written once). */
#ifndef MM_ARRAY_H
#define MM_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* array_room — make room for item N of the array whose pointer is at PV
 * (e.g. &list->items) and whose capacity is *ALLOC items of SIZE bytes:
 * when N == *ALLOC it grows to twice as many (FIRST the first time).
 * Returns false when out of memory or the size would overflow; the array
 * and *ALLOC are then unchanged. */
bool array_room(void *pv, size_t *alloc, size_t n, size_t size, size_t first);

#endif
