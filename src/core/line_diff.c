/* line_diff.c — a line-by-line comparison of two texts. The common first
 * and last lines are set aside; the middle is matched by the classic
 * longest-common-subsequence table (quadratic, bounded by
 * LINE_DIFF_MAX_CELLS, which documents of a few thousand lines stay far
 * below). */
#include "core/line_diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct line {
	const char *s;
	size_t len;
	uint64_t hash;
};

/* the lines of TEXT in a new array (a final line end adds no empty line) */
static struct line *
split(const char *text, size_t *n)
{
	struct line *v;
	const char *p = text, *nl;
	size_t count = 1, i = 0, k;

	for (nl = text; *nl; nl++)
		count += *nl == '\n';
	if ((v = calloc(count, sizeof(*v))) == NULL)
		return NULL;
	while (*p) {
		uint64_t h = 1469598103934665603ull; /* FNV-1a */
		nl = strchr(p, '\n');
		v[i].s = p;
		v[i].len = nl ? (size_t)(nl - p) : strlen(p);
		if (v[i].len > 0 && p[v[i].len - 1] == '\r')
			v[i].len--;
		for (k = 0; k < v[i].len; k++)
			h = (h ^ (unsigned char)p[k]) * 1099511628211ull;
		v[i].hash = h;
		i++;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	*n = i;
	return v;
}

static bool
same(const struct line *a, const struct line *b)
{
	return a->hash == b->hash && a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static void
emit(struct diff_line *out, size_t *k, enum diff_op op, const struct line *l,
    size_t old_no, size_t new_no)
{
	out[*k].op = op;
	out[*k].text = l->s;
	out[*k].len = l->len;
	out[*k].old_no = old_no;
	out[*k].new_no = new_no;
	(*k)++;
}

bool
line_diff(const char *old_text, const char *new_text, struct diff_line **out,
    size_t *n, size_t *added, size_t *removed)
{
	struct line *a = NULL, *b = NULL;
	struct diff_line *res = NULL;
	uint32_t *t = NULL;
	size_t na = 0, nb = 0, pre = 0, suf = 0, ma, mb, i, j, k = 0, adds = 0, dels = 0;
	bool ok = false;

	*out = NULL;
	*n = 0;
	if ((a = split(old_text ? old_text : "", &na)) == NULL ||
	    (b = split(new_text ? new_text : "", &nb)) == NULL ||
	    (res = calloc(na + nb + 1, sizeof(*res))) == NULL)
		goto done;
	while (pre < na && pre < nb && same(&a[pre], &b[pre]))
		pre++;
	while (suf < na - pre && suf < nb - pre && same(&a[na - 1 - suf], &b[nb - 1 - suf]))
		suf++;
	ma = na - pre - suf;
	mb = nb - pre - suf;
	for (i = 0; i < pre; i++)
		emit(res, &k, DIFF_SAME, &a[i], i + 1, i + 1);
	if (ma > 0 && mb > 0 && (ma + 1) * (mb + 1) <= LINE_DIFF_MAX_CELLS) {
		/* t[i][j]: the LCS length of a[pre+i..] and b[pre+j..] */
		size_t w = mb + 1;
		if ((t = calloc((ma + 1) * w, sizeof(*t))) == NULL)
			goto done;
		for (i = ma; i-- > 0;)
			for (j = mb; j-- > 0;)
				t[i * w + j] = same(&a[pre + i], &b[pre + j]) ?
				    t[(i + 1) * w + j + 1] + 1 :
				    (t[(i + 1) * w + j] >= t[i * w + j + 1] ?
				    t[(i + 1) * w + j] : t[i * w + j + 1]);
		i = j = 0;
		while (i < ma || j < mb) {
			if (i < ma && j < mb && same(&a[pre + i], &b[pre + j])) {
				emit(res, &k, DIFF_SAME, &a[pre + i], pre + i + 1, pre + j + 1);
				i++, j++;
			} else if (i < ma && (j == mb || t[(i + 1) * w + j] >= t[i * w + j + 1])) {
				emit(res, &k, DIFF_DEL, &a[pre + i], pre + i + 1, 0);
				i++, dels++;
			} else {
				emit(res, &k, DIFF_ADD, &b[pre + j], 0, pre + j + 1);
				j++, adds++;
			}
		}
	} else {
		for (i = 0; i < ma; i++, dels++)
			emit(res, &k, DIFF_DEL, &a[pre + i], pre + i + 1, 0);
		for (j = 0; j < mb; j++, adds++)
			emit(res, &k, DIFF_ADD, &b[pre + j], 0, pre + j + 1);
	}
	for (i = 0; i < suf; i++)
		emit(res, &k, DIFF_SAME, &a[na - suf + i], na - suf + i + 1, nb - suf + i + 1);
	*out = res;
	*n = k;
	res = NULL;
	ok = true;
	if (added)
		*added = adds;
	if (removed)
		*removed = dels;
done:
	free(a);
	free(b);
	free(t);
	free(res);
	return ok;
}
