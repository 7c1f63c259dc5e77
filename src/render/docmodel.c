/* docmodel.c — building a document. See docmodel.h. */
#include "render/docmodel.h"
#include "util/array.h"

#include <stdlib.h>
#include <string.h>

static char *
dup(struct doc *d, const char *s)
{
	char *p;

	if (s == NULL)
		return NULL;
	if ((p = strdup(s)) == NULL)
		d->failed = true;
	return p;
}

struct doc *
doc_new(const char *title, const char *org_name, const char *date, const char *lang)
{
	struct doc *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->title = dup(d, title ? title : "");
	d->org_name = dup(d, org_name ? org_name : "");
	d->date = dup(d, date ? date : "");
	d->lang = dup(d, lang ? lang : "ja");
	if (d->failed) {
		doc_free(d);
		return NULL;
	}
	return d;
}

static void
block_free(struct doc_block *b)
{
	size_t i;

	free(b->title);
	free(b->text);
	for (i = 0; b->cells != NULL && i < b->rows * b->cols; i++)
		free(b->cells[i]);
	free(b->cells);
	if (b->chart != NULL) {
		for (i = 0; i < b->chart->n; i++) {
			if (b->chart->axes != NULL)
				free((char *)b->chart->axes[i].label);
			if (b->chart->pts != NULL)
				free((char *)b->chart->pts[i].label);
		}
		free(b->chart->axes);
		free(b->chart->pts);
		free(b->chart->title);
		free(b->chart);
	}
}

void
doc_free(struct doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nblocks; i++)
		block_free(&d->blocks[i]);
	free(d->blocks);
	free(d->title);
	free(d->subtitle);
	free(d->org_name);
	free(d->date);
	free(d->lang);
	free(d);
}

/* a new zeroed block at the end, or NULL */
static struct doc_block *
add(struct doc *d, enum doc_block_kind kind)
{
	struct doc_block *v;

	if (d->failed)
		return NULL;
	if (!array_room(&d->blocks, &d->alloc, d->nblocks, sizeof(*d->blocks), 32)) {
		d->failed = true;
		return NULL;
	}
	v = &d->blocks[d->nblocks++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	return v;
}

void
doc_heading(struct doc *d, int level, const char *text)
{
	struct doc_block *b = add(d, DOC_HEADING);

	if (b == NULL)
		return;
	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->text = dup(d, text ? text : "");
}

void
doc_paragraph(struct doc *d, const char *text)
{
	struct doc_block *b = add(d, DOC_PARAGRAPH);

	if (b != NULL)
		b->text = dup(d, text ? text : "");
}

void
doc_article(struct doc *d, const char *title, const char *text)
{
	struct doc_block *b = add(d, DOC_ARTICLE);

	if (b == NULL)
		return;
	b->title = dup(d, title);
	b->text = dup(d, text ? text : "");
}

void
doc_list_item(struct doc *d, bool ordered, int level, const char *text)
{
	struct doc_block *b = add(d, DOC_LIST_ITEM);

	if (b == NULL)
		return;
	b->ordered = ordered;
	b->level = level < 1 ? 1 : level > 2 ? 2 : level;
	b->text = dup(d, text ? text : "");
}

void
doc_page_break(struct doc *d)
{
	add(d, DOC_PAGE_BREAK);
}

void
doc_table(struct doc *d, size_t rows, size_t cols, const char *const *cells)
{
	struct doc_block *b;
	size_t i;

	if (rows == 0 || cols == 0 || rows > 10000 || cols > 64 || (b = add(d, DOC_TABLE)) == NULL)
		return;
	if ((b->cells = calloc(rows * cols, sizeof(*b->cells))) == NULL) {
		d->failed = true;
		return;
	}
	b->rows = rows;
	b->cols = cols;
	for (i = 0; i < rows * cols; i++)
		b->cells[i] = dup(d, cells[i] ? cells[i] : "");
}

/* a new chart block of KIND with N data entries, or NULL */
static struct doc_chart *
add_chart(struct doc *d, enum doc_chart_kind kind, const char *title, size_t n)
{
	struct doc_block *b = add(d, DOC_CHART);
	struct doc_chart *c;

	if (b == NULL)
		return NULL;
	if ((c = b->chart = calloc(1, sizeof(*c))) == NULL ||
	    (kind == DOC_CHART_RADAR && (c->axes = calloc(n, sizeof(*c->axes))) == NULL) ||
	    (kind == DOC_CHART_TREND && (c->pts = calloc(n, sizeof(*c->pts))) == NULL)) {
		d->failed = true;
		return NULL;
	}
	c->kind = kind;
	c->n = n;
	c->title = dup(d, title ? title : "");
	return c;
}

void
doc_chart_radar(struct doc *d, const char *title, const struct chart_axis *axes, size_t n)
{
	struct doc_chart *c;
	size_t i;

	if (n < 3 || n > 12 || (c = add_chart(d, DOC_CHART_RADAR, title, n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		c->axes[i] = axes[i];
		c->axes[i].label = dup(d, axes[i].label ? axes[i].label : "");
	}
}

void
doc_chart_trend(struct doc *d, const char *title, const struct chart_point *pts,
    size_t n, double ymin, double ymax, const double *guides, size_t nguides)
{
	struct doc_chart *c;
	size_t i;

	if (n < 1 || n > 64 || ymax <= ymin || (c = add_chart(d, DOC_CHART_TREND, title, n)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		c->pts[i] = pts[i];
		c->pts[i].label = dup(d, pts[i].label ? pts[i].label : "");
	}
	c->ymin = ymin;
	c->ymax = ymax;
	for (i = 0; i < nguides && i < DOC_CHART_MAX_GUIDES; i++)
		c->guides[i] = guides[i];
	c->nguides = i;
}
