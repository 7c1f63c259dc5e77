/* csv_out.c — CSV for spreadsheets. */
#include "render/csv_out.h"

#include <stdbool.h>
#include <string.h>

#include "util/text.h"

void
csv_bom(struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
}

void
csv_field(struct buf *out, const char *s)
{
	const char *p;
	long number;
	bool formula, quote;

	if (s == NULL)
		s = "";
	/* numbers such as -1 stay numbers; other text that a spreadsheet
	 * would take for a formula is neutralised */
	formula = (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	    *s == '\r') && !text_parse_long(s, &number);
	quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

void
csv_int(struct buf *out, long long v)
{
	buf_printf(out, "%lld", v);
}

void
csv_sep(struct buf *out)
{
	buf_putc(out, ',');
}

void
csv_end(struct buf *out)
{
	buf_puts(out, "\r\n");
}
