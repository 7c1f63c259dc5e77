/* md_out.c — a document as Markdown. See md_out.h. */
#include "render/md_out.h"

#include <string.h>

/* TEXT on one line with Markdown's table and line characters escaped
 * ("|", newlines); "**" spans pass as they are */
static void
cell_text(struct buf *out, const char *text)
{
	for (; text != NULL && *text != '\0'; text++) {
		if (*text == '|')
			buf_puts(out, "\\|");
		else if (*text == '\n' || *text == '\r')
			buf_putc(out, ' ');
		else
			buf_putc(out, *text);
	}
}

static void
table(struct buf *out, size_t rows, size_t cols, char *const *cells)
{
	size_t r, c;

	for (r = 0; r < rows; r++) {
		buf_putc(out, '|');
		for (c = 0; c < cols; c++) {
			buf_putc(out, ' ');
			cell_text(out, cells[r * cols + c]);
			buf_puts(out, " |");
		}
		buf_putc(out, '\n');
		if (r == 0) {
			buf_putc(out, '|');
			for (c = 0; c < cols; c++)
				buf_puts(out, " --- |");
			buf_putc(out, '\n');
		}
	}
	buf_putc(out, '\n');
}

static void
chart(struct buf *out, const struct doc_chart *c)
{
	size_t i;

	buf_puts(out, "**");
	cell_text(out, c->title);
	buf_puts(out, "**\n\n|  |  |\n| --- | --- |\n");
	for (i = 0; i < c->n; i++) {
		buf_puts(out, "| ");
		if (c->kind == DOC_CHART_RADAR) {
			cell_text(out, c->axes[i].label);
			buf_printf(out, " | %g / %g |\n", c->axes[i].value, c->axes[i].max);
		} else {
			cell_text(out, c->pts[i].label);
			buf_printf(out, " | %g |\n", c->pts[i].value);
		}
	}
	buf_putc(out, '\n');
}

enum mm_err
md_out(const struct doc *d, struct buf *out, struct err *e)
{
	bool en, in_list = false;
	int article = 0, no[3] = { 0, 0, 0 };
	size_t i, start = out->len;

	if (d == NULL || d->failed)
		return err_set(e, MM_EINVAL, "文書が不完全なため Markdown を作成できません");
	en = d->lang != NULL && strcmp(d->lang, "en") == 0;
	buf_printf(out, "# %s\n\n", d->title);
	if (d->subtitle != NULL && d->subtitle[0] != '\0')
		buf_printf(out, "%s\n\n", d->subtitle);
	buf_printf(out, "%s  \n%s\n\n", d->org_name, d->date);
	for (i = 0; i < d->nblocks; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (in_list && b->kind != DOC_LIST_ITEM)
			buf_putc(out, '\n');
		switch (b->kind) {
		case DOC_HEADING:
			buf_printf(out, "%.*s %s\n\n", b->level + 1, "####", b->text);
			break;
		case DOC_PARAGRAPH:
			buf_printf(out, "%s\n\n", b->text);
			break;
		case DOC_ARTICLE:
			article++;
			if (b->title != NULL && b->title[0] != '\0')
				buf_printf(out, en ? "**Article %d (%s)**\n\n" : "**第%d条（%s）**\n\n",
				    article, b->title);
			else
				buf_printf(out, en ? "**Article %d**\n\n" : "**第%d条**\n\n", article);
			buf_printf(out, "%s\n\n", b->text);
			break;
		case DOC_LIST_ITEM:
			if (!in_list)
				memset(no, 0, sizeof(no));
			if (b->level == 1)
				no[2] = 0;
			if (b->ordered)
				buf_printf(out, "%s%d. %s\n", b->level > 1 ? "   " : "", ++no[b->level],
				    b->text);
			else
				buf_printf(out, "%s- %s\n", b->level > 1 ? "   " : "", b->text);
			break;
		case DOC_TABLE:
			if (b->cells != NULL)
				table(out, b->rows, b->cols, b->cells);
			break;
		case DOC_CHART:
			if (b->chart != NULL)
				chart(out, b->chart);
			break;
		case DOC_PAGE_BREAK:
			break;
		}
		in_list = b->kind == DOC_LIST_ITEM;
	}
	if (buf_failed(out)) {
		if (out->data != NULL && out->len >= start) {
			out->len = start;
			out->data[start] = '\0';
		}
		return err_set(e, MM_ENOMEM, "メモリが足りません（Markdown）");
	}
	return MM_OK;
}
