/* array.c — an array that grows one item at a time. */
#include "util/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool
array_room(void *pv, size_t *alloc, size_t n, size_t size, size_t first)
{
	void *v, *nv;
	size_t want;

	if (n < *alloc)
		return true;
	want = *alloc ? *alloc * 2 : first;
	if (want <= *alloc || size == 0 || want > SIZE_MAX / size)
		return false;
	memcpy(&v, pv, sizeof(v));
	if ((nv = realloc(v, want * size)) == NULL)
		return false;
	memcpy(pv, &nv, sizeof(nv));
	*alloc = want;
	return true;
}
