/* csv_in.c — reading CSV files (libcsv), see csv_in.h.
 *
 * Three passes over the bytes, each linear: the encoding is decided (and
 * Shift_JIS converted to UTF-8), the quoting is checked by a small state
 * machine that names the row of a mistake (libcsv's lenient mode would
 * instead swallow the rest of the file into one field), then libcsv
 * splits the fields and the records are handed over one by one.
 */
#include "app/csv_in.h"

#include <csv.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/text.h"

#define CHUNK (64 * 1024)

struct reader {
	const struct csv_in_limits *lim;
	const struct table_sink *sink;
	struct err *e;
	enum mm_err code;   /* the first failure; everything stops on it */
	long done;          /* records finished (blank ones included) */
	int last_term;      /* what ended the previous record, to pair CR LF */
	struct buf text;    /* the fields of the current record, each NUL-ended */
	size_t *off;        /* where each field starts in TEXT */
	const char **ptrs;  /* the fields handed to the sink */
	size_t nfields, alloc;
};

void
csv_in_limits_default(struct csv_in_limits *l)
{
	l->max_bytes = CSV_IN_MAX_BYTES;
	l->max_rows = CSV_IN_MAX_ROWS;
	l->max_cols = CSV_IN_MAX_COLS;
	l->max_cell = CSV_IN_MAX_CELL;
}

const char *
csv_in_encoding_name(enum csv_in_encoding enc)
{
	switch (enc) {
	case CSV_IN_UTF8: return "UTF-8";
	case CSV_IN_UTF8_BOM: return "UTF-8 (BOM 付き)";
	case CSV_IN_CP932: return "Shift_JIS";
	}
	return "UTF-8";
}

/* the line (1-based) of byte POS of DATA, for messages */
static long
line_of(const char *data, size_t pos)
{
	long line = 1;
	size_t k;

	for (k = 0; k < pos; k++)
		if (data[k] == '\n')
			line++;
	return line;
}

/* Shift_JIS (CP932) DATA to UTF-8 in OUT */
static enum mm_err
from_cp932(const char *data, size_t len, struct buf *out, struct err *e)
{
	iconv_t cd = iconv_open("UTF-8", "CP932");
	char *in = (char *)data, *dst, *p;
	size_t inleft = len, outleft, cap;
	enum mm_err code = MM_OK;

	if (cd == (iconv_t)-1)
		return err_key(e, MM_EINVAL, "err.csv.no_sjis");
	/* one CP932 byte becomes at most three UTF-8 bytes (half-width kana) */
	cap = len * 3 + 1;
	if ((dst = malloc(cap)) == NULL) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	p = dst;
	outleft = cap;
	buf_reset(out);
	if (iconv(cd, &in, &inleft, &p, &outleft) == (size_t)-1)
		code = err_keyf(e, MM_EINVAL, "err.csv.encoding", "{line}%ld",
		    line_of(data, (size_t)(in - data)));
	else if (!buf_append(out, dst, cap - outleft))
		code = err_key(e, MM_ENOMEM, "err.nomem");
	free(dst);
done:
	iconv_close(cd);
	return code;
}

/* decide the encoding of DATA; *TEXT and *TLEN become the UTF-8 text (DATA
 * itself, or CONV) */
static enum mm_err
decode(const char *data, size_t len, struct buf *conv, const char **text,
    size_t *tlen, enum csv_in_encoding *enc, struct err *e)
{
	enum mm_err code;

	*enc = CSV_IN_UTF8;
	if (len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') ||
	    (data[0] == '\xFE' && data[1] == '\xFF')))
		return err_key(e, MM_EINVAL, "err.csv.utf16");
	if (memchr(data, '\0', len) != NULL)
		return err_key(e, MM_EINVAL, "err.csv.nul");
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		*enc = CSV_IN_UTF8_BOM;
		data += 3;
		len -= 3;
		if (!text_utf8_valid(data, len))
			return err_key(e, MM_EINVAL, "err.csv.bom_not_utf8");
	} else if (!text_utf8_valid(data, len)) {
		*enc = CSV_IN_CP932;
		if ((code = from_cp932(data, len, conv, e)) != MM_OK)
			return code;
		if (!text_utf8_valid(conv->data, conv->len))
			return err_key(e, MM_EINVAL, "err.csv.unknown_encoding");
		*text = conv->data;
		*tlen = conv->len;
		return MM_OK;
	}
	*text = data;
	*tlen = len;
	return MM_OK;
}

/* the quoting of TEXT: a quoted field must be closed and followed only by
 * spaces, a separator or a line end (libcsv's is_space: space and tab) */
static enum mm_err
check_quotes(const char *text, size_t len, struct err *e)
{
	enum { START, PLAIN, QUOTED, CLOSED } st = START;
	long row = 1, opened = 1;
	size_t k;

	for (k = 0; k < len; k++) {
		char c = text[k];
		switch (st) {
		case START:
			if (c == '"') {
				st = QUOTED;
				opened = row;
				break;
			}
			if (c == ' ' || c == '\t' || c == ',')
				break;
			/* FALLTHROUGH */
		case PLAIN:
			st = PLAIN;
			if (c == ',')
				st = START;
			break;
		case QUOTED:
			if (c == '"')
				st = CLOSED;
			break;
		case CLOSED:
			if (c == '"')
				st = QUOTED; /* a doubled quote */
			else if (c == ',')
				st = START;
			else if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
				return err_keyf(e, MM_EINVAL, "err.csv.after_quote", "{line}%ld", row);
			break;
		}
		if ((c == '\r' || c == '\n') && st != QUOTED) {
			st = START;
			if (c == '\r' && k + 1 < len && text[k + 1] == '\n')
				k++;
			row++;
		}
	}
	if (st == QUOTED)
		return err_keyf(e, MM_EINVAL, "err.csv.open_quote", "{line}%ld", opened);
	return MM_OK;
}

static void
fail(struct reader *r, enum mm_err code)
{
	if (r->code == MM_OK)
		r->code = code;
}

static void
on_field(void *s, size_t len, void *ctx)
{
	struct reader *r = ctx;
	char col[8];

	if (r->code != MM_OK)
		return;
	if (r->nfields >= r->lim->max_cols) {
		fail(r, err_keyf(r->e, MM_EINVAL, "err.csv.too_many_cols", "{line}%ld{max}%zu",
		    r->done + 1, r->lim->max_cols));
		return;
	}
	if (len > r->lim->max_cell) {
		table_col_name(r->nfields, col, sizeof(col));
		fail(r, err_keyf(r->e, MM_EINVAL, "err.csv.cell_too_long",
		    "{line}%ld{col}%s{max}%zu", r->done + 1, col, r->lim->max_cell));
		return;
	}
	if (r->nfields == r->alloc) {
		size_t want = r->alloc ? r->alloc * 2 : 32;
		size_t *off = realloc(r->off, want * sizeof(*off));
		const char **ptrs;
		if (off != NULL)
			r->off = off;
		ptrs = off ? realloc(r->ptrs, want * sizeof(*ptrs)) : NULL;
		if (ptrs == NULL) {
			fail(r, err_key(r->e, MM_ENOMEM, "err.nomem"));
			return;
		}
		r->ptrs = ptrs;
		r->alloc = want;
	}
	r->off[r->nfields++] = r->text.len;
	buf_append(&r->text, s ? s : "", len);
	buf_putc(&r->text, '\0');
	if (buf_failed(&r->text))
		fail(r, err_key(r->e, MM_ENOMEM, "err.nomem"));
}

static void
on_record(int c, void *ctx)
{
	struct reader *r = ctx;
	struct table_row row;
	size_t k;
	enum mm_err code;

	if (r->code != MM_OK)
		return;
	/* with CSV_REPALL_NL every line end outside a record is reported: the
	 * LF of a CR LF pair is not a row of its own */
	if (r->nfields == 0 && c == '\n' && r->last_term == '\r') {
		r->last_term = 0;
		return;
	}
	r->last_term = c;
	if ((size_t)r->done >= r->lim->max_rows) {
		fail(r, err_keyf(r->e, MM_EINVAL, "err.csv.too_many_rows", "{max}%zu",
		    r->lim->max_rows));
		return;
	}
	r->done++;
	if (r->nfields == 0)
		return; /* a blank line */
	for (k = 0; k < r->nfields; k++)
		r->ptrs[k] = r->text.data + r->off[k];
	row.row = r->done;
	row.ncells = r->nfields;
	row.cells = r->ptrs;
	code = r->sink->row(r->sink->ctx, &row, r->e);
	if (code != MM_OK)
		fail(r, code);
	r->nfields = 0;
	buf_reset(&r->text);
}

enum mm_err
csv_in_read(const char *data, size_t len, const struct csv_in_limits *lim,
    const struct table_sink *sink, enum csv_in_encoding *enc_out, struct err *e)
{
	struct csv_in_limits deflim;
	struct csv_parser p;
	struct reader r;
	struct buf conv;
	enum csv_in_encoding enc;
	const char *text = NULL;
	size_t tlen = 0, at, n;
	enum mm_err code;
	bool parser = false;

	if (lim == NULL) {
		csv_in_limits_default(&deflim);
		lim = &deflim;
	}
	memset(&r, 0, sizeof(r));
	buf_init(&conv, lim->max_bytes * 3 + 16);
	buf_init(&r.text, lim->max_cols * (lim->max_cell + 1) + 16);
	r.lim = lim;
	r.sink = sink;
	r.e = e;
	if (len > lim->max_bytes) {
		code = err_keyf(e, MM_EINVAL, "err.import.too_large", "{max}%zu",
		    lim->max_bytes / (1024 * 1024));
		goto done;
	}
	if ((code = decode(data, len, &conv, &text, &tlen, &enc, e)) != MM_OK ||
	    (code = check_quotes(text, tlen, e)) != MM_OK)
		goto done;
	if (enc_out != NULL)
		*enc_out = enc;
	if (csv_init(&p, CSV_REPALL_NL) != 0) {
		code = err_key(e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	parser = true;
	for (at = 0; at < tlen && r.code == MM_OK; at += n) {
		n = tlen - at < CHUNK ? tlen - at : CHUNK;
		if (csv_parse(&p, text + at, n, on_field, on_record, &r) != n) {
			fail(&r, err_keyf(e, csv_error(&p) == CSV_ENOMEM ? MM_ENOMEM : MM_EINVAL,
			    "err.csv.parse", "{line}%ld{reason}%s", r.done + 1,
			    csv_strerror(csv_error(&p))));
			break;
		}
		if (sink->progress != NULL)
			sink->progress(sink->ctx, (int)((at + n) * 1000 / tlen), 1000);
	}
	if (r.code == MM_OK && csv_fini(&p, on_field, on_record, &r) != 0)
		fail(&r, err_keyf(e, MM_EINVAL, "err.csv.end", "{line}%ld", r.done + 1));
	code = r.code;
done:
	if (parser)
		csv_free(&p);
	buf_free(&conv);
	buf_free(&r.text);
	free(r.off);
	free(r.ptrs);
	return code;
}
