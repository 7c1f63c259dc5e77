/* asset_io_text.c — helpers of the ledger import: the index of the
 * organisation's assets (two small hash tables) and the reading of values
 * as people write them in spreadsheets. See asset_io_int.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/asset_io_int.h"
#include "app/table_in.h"
#include "util/text.h"

#define SHORT_MAX 160

/* --- two small hash tables: the organisation's assets by name and by id */

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t
hash_id(long long id)
{
	uint64_t x = (uint64_t)id;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

bool
asset_io_names_grow(struct names *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024, k, j;
	struct name_slot *s = calloc(cap, sizeof(*s));

	if (s == NULL)
		return false;
	for (k = 0; k < t->cap; k++) {
		if (t->s[k].name == NULL)
			continue;
		for (j = t->s[k].h & (cap - 1); s[j].name != NULL; j = (j + 1) & (cap - 1))
			;
		s[j] = t->s[k];
	}
	free(t->s);
	t->s = s;
	t->cap = cap;
	return true;
}

/* the slot of NAME, created when absent; NULL when out of memory */
struct name_slot *
asset_io_names_get(struct names *t, const char *name)
{
	uint64_t h = hash_str(name);
	size_t j;

	if ((t->n + 1) * 2 > t->cap && !asset_io_names_grow(t))
		return NULL;
	for (j = h & (t->cap - 1); t->s[j].name != NULL; j = (j + 1) & (t->cap - 1))
		if (t->s[j].h == h && strcmp(t->s[j].name, name) == 0)
			return &t->s[j];
	if ((t->s[j].name = strdup(name)) == NULL)
		return NULL;
	t->s[j].h = h;
	t->n++;
	return &t->s[j];
}

void
asset_io_names_free(struct names *t)
{
	size_t k;

	for (k = 0; k < t->cap; k++)
		free(t->s[k].name);
	free(t->s);
	memset(t, 0, sizeof(*t));
}

bool
asset_io_ids_grow(struct ids *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024, k, j;
	struct id_slot *s = calloc(cap, sizeof(*s));

	if (s == NULL)
		return false;
	for (k = 0; k < t->cap; k++) {
		if (t->s[k].id == 0)
			continue;
		for (j = hash_id(t->s[k].id) & (cap - 1); s[j].id != 0; j = (j + 1) & (cap - 1))
			;
		s[j] = t->s[k];
	}
	free(t->s);
	t->s = s;
	t->cap = cap;
	return true;
}

/* the slot of ID (> 0), created when absent; NULL when out of memory */
struct id_slot *
asset_io_ids_get(struct ids *t, long long id)
{
	size_t j;

	if ((t->n + 1) * 2 > t->cap && !asset_io_ids_grow(t))
		return NULL;
	for (j = hash_id(id) & (t->cap - 1); t->s[j].id != 0; j = (j + 1) & (t->cap - 1))
		if (t->s[j].id == id)
			return &t->s[j];
	t->s[j].id = id;
	t->n++;
	return &t->s[j];
}

/* --- text helpers */

/* the code point at *P (valid UTF-8), advancing *P */
static unsigned long
utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned long cp;
	int n, k;

	if (s[0] < 0x80) {
		cp = s[0];
		n = 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F;
		n = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F;
		n = 3;
	} else {
		cp = s[0] & 0x07;
		n = 4;
	}
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80) {
			*p += k;
			return 0xFFFD;
		}
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	*p += n;
	return cp;
}

/* append code point CP to OUT (LEN used of OUTSZ); false when full */
static bool
utf8_put(unsigned long cp, char *out, size_t *len, size_t outsz)
{
	unsigned char b[4];
	size_t n, k;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	if (*len + n >= outsz)
		return false;
	for (k = 0; k < n; k++)
		out[(*len)++] = (char)b[k];
	out[*len] = '\0';
	return true;
}

/* a column name as compared: no spaces or line breaks, no ・ / ※ *,
 * full-width ASCII folded, letters in lower case, a trailing (…) dropped */
void
asset_io_norm_header(const char *in, char *out, size_t outsz)
{
	const char *p = in;
	size_t len = 0;
	char *open;

	out[0] = '\0';
	while (*p != '\0') {
		unsigned long cp = utf8_next(&p);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 ||
		    cp == 0xA0 || cp == 0x30FB || cp == 0xFF65 || cp == '/' || cp == 0x203B ||
		    cp == '*')
			continue;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if (!utf8_put(cp, out, &len, outsz))
			break;
	}
	if (len > 0 && out[len - 1] == ')' && (open = strrchr(out, '(')) != NULL && open != out)
		*open = '\0';
}

/* a short value as compared: full-width ASCII folded, spaces trimmed */
void
asset_io_fold(const char *in, char *out, size_t outsz)
{
	const char *p = in;
	size_t len = 0;

	out[0] = '\0';
	while (*p != '\0') {
		unsigned long cp = utf8_next(&p);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3000)
			cp = ' ';
		if (!utf8_put(cp, out, &len, outsz))
			break;
	}
	memmove(out, text_trim(out), strlen(text_trim(out)) + 1);
}

/* "3", "3.0", "3.00" → "3" in place (Excel may write whole numbers so) */
void
asset_io_whole_number(char *s)
{
	char *dot = strchr(s, '.');
	const char *p;

	if (dot == NULL || dot == s)
		return;
	for (p = dot + 1; *p == '0'; p++)
		;
	if (*p == '\0')
		*dot = '\0';
}

/* a date as written in a sheet into YYYY-MM-DD in OUT; left as it is
 * (for asset_apply to refuse) when not recognised */
void
asset_io_norm_date(const char *in, char *out, size_t outsz)
{
	char t[SHORT_MAX];
	int y = 0, mo = 0, d = 0, n;
	long serial;
	char *dot;

	asset_io_fold(in, t, sizeof(t));
	snprintf(out, outsz, "%s", t);
	if (t[0] == '\0' || text_date_valid(t))
		return;
	/* YYYY-M-D, YYYY/M/D, YYYY.M.D, YYYY年M月D日, maybe followed by a time */
	n = 0;
	if (sscanf(t, "%4d%*1[-/.]%2d%*1[-/.]%2d%n", &y, &mo, &d, &n) == 3 ||
	    sscanf(t, "%4d年%2d月%2d日%n", &y, &mo, &d, &n) == 3) {
		if (t[n] == '\0' || t[n] == ' ' || t[n] == 'T')
			snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
		return;
	}
	/* an Excel date serial (1900 system; 61 is 1900-03-01) */
	if ((dot = strchr(t, '.')) != NULL)
		*dot = '\0';
	if (text_parse_long(t, &serial) && serial >= 61 && serial <= 2958465 &&
	    (dot == NULL || strspn(dot + 1, "0123456789") == strlen(dot + 1)))
		table_serial_date((double)serial, false, out, outsz);
}

/* the first N characters of S (UTF-8) into OUT, with … when cut */
void
asset_io_shorten(const char *s, size_t n, char *out, size_t outsz)
{
	const char *p = s;
	size_t chars = 0;

	while (*p != '\0' && chars < n) {
		utf8_next(&p);
		chars++;
	}
	snprintf(out, outsz, "%.*s%s", (int)(p - s), s, *p ? "…" : "");
}

