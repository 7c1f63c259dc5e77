/* xlsx_in_sheet.c — the parts of a workbook read by xlsx_in.c: the shared
 * strings (kept, cells refer to them by number), the styles (which cell
 * formats show a number as a date) and the sheet itself, streamed one row
 * at a time. See xlsx_in.h. */
#include <stdlib.h>
#include <string.h>

#include "app/xlsx_in_int.h"
#include "util/text.h"

/* --- shared strings */

struct sst {
	struct xml_job job;
	int rph;          /* inside furigana runs (<rPh>): not the text */
	bool in_si, in_t;
};

static void XMLCALL
sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sst *s = ud;
	struct xlsx *x = s->job.x;
	const char *l = xlsx_local(name);

	(void)atts;
	if (strcmp(l, "si") == 0) {
		if (x->nsst >= x->lim->max_strings) {
			xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
			    "err.xlsx.too_many_strings", "{max}%zu", x->lim->max_strings));
			return;
		}
		if (x->nsst == x->sst_alloc) {
			size_t want = x->sst_alloc ? x->sst_alloc * 2 : 1024;
			size_t *v = realloc(x->sst_off, want * sizeof(*v));
			if (v == NULL) {
				xlsx_job_fail(&s->job, err_key(x->e, MM_ENOMEM, "err.nomem"));
				return;
			}
			x->sst_off = v;
			x->sst_alloc = want;
		}
		x->sst_off[x->nsst] = x->sst.len;
		s->in_si = true;
		s->rph = 0;
	} else if (strcmp(l, "rPh") == 0) {
		s->rph++;
	} else if (strcmp(l, "t") == 0 && s->in_si && s->rph == 0) {
		s->in_t = true;
	}
}

static void XMLCALL
sst_end(void *ud, const XML_Char *name)
{
	struct sst *s = ud;
	struct xlsx *x = s->job.x;
	const char *l = xlsx_local(name);

	if (strcmp(l, "t") == 0) {
		s->in_t = false;
	} else if (strcmp(l, "rPh") == 0) {
		if (s->rph > 0)
			s->rph--;
	} else if (strcmp(l, "si") == 0 && s->in_si) {
		s->in_si = false;
		if (!buf_putc(&x->sst, '\0')) {
			xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
			    "err.xlsx.strings_too_large", "{max}%zu", x->lim->max_string_bytes));
			return;
		}
		x->nsst++;
	}
}

static void XMLCALL
sst_text(void *ud, const XML_Char *t, int len)
{
	struct sst *s = ud;
	struct xlsx *x = s->job.x;

	if (!s->in_t)
		return;
	if (x->sst.len - x->sst_off[x->nsst] + (size_t)len > x->lim->max_cell) {
		xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
		    "err.xlsx.string_too_long", "{n}%zu{max}%zu", x->nsst + 1, x->lim->max_cell));
		return;
	}
	if (!buf_append(&x->sst, t, (size_t)len))
		xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
		    "err.xlsx.strings_too_large", "{max}%zu", x->lim->max_string_bytes));
}

/* --- styles: which cell formats show numbers as dates */

struct styles {
	struct xml_job job;
	int date_ids[XLSX_DATE_FMT_MAX];  /* custom number formats that are dates */
	size_t ndate_ids;
	bool in_xfs;
};

/* a number format code shows a date when it has a y or d outside quotes,
 * [brackets] and escapes (m alone may be minutes) */
static bool
date_code(const char *code)
{
	const char *p;

	for (p = code; *p; p++) {
		if (*p == '"') {
			while (p[1] != '\0' && p[1] != '"')
				p++;
			if (p[1] == '"')
				p++;
		} else if (*p == '[') {
			while (p[1] != '\0' && p[1] != ']')
				p++;
		} else if ((*p == '\\' || *p == '_' || *p == '*') && p[1] != '\0') {
			p++;
		} else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D') {
			return true;
		}
	}
	return false;
}

static bool
date_id(const struct styles *st, long id)
{
	size_t k;

	/* Excel's built-in date formats, with those of the Japanese locale */
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return true;
	for (k = 0; k < st->ndate_ids; k++)
		if (st->date_ids[k] == id)
			return true;
	return false;
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct styles *st = ud;
	struct xlsx *x = st->job.x;
	const char *l = xlsx_local(name), *v, *code;
	long id;

	if (strcmp(l, "numFmt") == 0 && !st->in_xfs) {
		v = xlsx_attr(atts, "numFmtId");
		code = xlsx_attr(atts, "formatCode");
		if (v != NULL && code != NULL && text_parse_long(v, &id) && id >= 0 &&
		    id <= 100000 && date_code(code) && st->ndate_ids < XLSX_DATE_FMT_MAX)
			st->date_ids[st->ndate_ids++] = (int)id;
	} else if (strcmp(l, "cellXfs") == 0) {
		st->in_xfs = true;
	} else if (strcmp(l, "xf") == 0 && st->in_xfs && x->nxf < XLSX_XF_MAX) {
		v = xlsx_attr(atts, "numFmtId");
		if (x->nxf == x->xf_alloc) {
			size_t want = x->xf_alloc ? x->xf_alloc * 2 : 64;
			bool *nv = realloc(x->xf_date, want * sizeof(*nv));
			if (nv == NULL) {
				xlsx_job_fail(&st->job, err_key(x->e, MM_ENOMEM, "err.nomem"));
				return;
			}
			x->xf_date = nv;
			x->xf_alloc = want;
		}
		x->xf_date[x->nxf++] = v != NULL && text_parse_long(v, &id) && date_id(st, id);
	}
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
	struct styles *st = ud;

	if (strcmp(xlsx_local(name), "cellXfs") == 0)
		st->in_xfs = false;
}

/* --- the sheet, streamed row by row */

enum cell_type { CELL_NUMBER = 0, CELL_SHARED, CELL_INLINE, CELL_BOOL, CELL_TEXT };

struct sheet {
	struct xml_job job;
	const struct table_sink *sink;
	const char *sheet_name;
	long row, rows_out;
	bool in_row, in_c, in_is, collect;
	int rph;
	size_t col;              /* the current cell's column */
	long next_col;           /* the column of a cell without r= */
	enum cell_type type;
	bool date;               /* a number shown as a date */
	char datebuf[16];
	char *cell;              /* the current cell's text, max_cell + 1 bytes */
	size_t cell_len;
	struct buf text;         /* the row's values, each NUL-ended */
	size_t *cols, *offs;     /* per value: column and offset in TEXT */
	size_t nvals;
	const char **ptrs;       /* max_cols entries, handed to the sink */
};

/* "AB12" → column 27; -1 when there are no letters or too many */
static long
ref_col(const char *ref)
{
	long col = 0;
	size_t k;

	for (k = 0; ref[k] >= 'A' && ref[k] <= 'Z'; k++) {
		col = col * 26 + (ref[k] - 'A' + 1);
		if (col > XLSX_COL_LIMIT)
			return -1;
	}
	return k == 0 ? -1 : col - 1;
}

static void
cell_ref(const struct sheet *s, char *out, size_t outsz)
{
	char col[8];

	table_col_name(s->col, col, sizeof(col));
	snprintf(out, outsz, "%s%ld", col, s->row);
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sheet *s = ud;
	struct xlsx *x = s->job.x;
	const char *l = xlsx_local(name), *v;
	long n;

	if (strcmp(l, "row") == 0) {
		v = xlsx_attr(atts, "r");
		if (v == NULL)
			n = s->row + 1;
		else if (!text_parse_long(v, &n))
			n = -1;
		if (n < 1 || n > XLSX_ROW_LIMIT) {
			xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
			    "err.xlsx.bad_row", "{value}%.20s", v ? v : ""));
			return;
		}
		s->row = n;
		s->in_row = true;
		s->next_col = 0;
		s->nvals = 0;
		buf_reset(&s->text);
	} else if (strcmp(l, "c") == 0 && s->in_row) {
		v = xlsx_attr(atts, "r");
		n = v ? ref_col(v) : s->next_col;
		if (n < 0 || n >= XLSX_COL_LIMIT) {
			xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
			    "err.xlsx.bad_ref", "{line}%ld{value}%.20s", s->row, v ? v : ""));
			return;
		}
		s->col = (size_t)n;
		s->next_col = n + 1;
		v = xlsx_attr(atts, "t");
		s->type = v == NULL || strcmp(v, "n") == 0 ? CELL_NUMBER :
		    strcmp(v, "s") == 0 ? CELL_SHARED : strcmp(v, "inlineStr") == 0 ? CELL_INLINE :
		    strcmp(v, "b") == 0 ? CELL_BOOL : CELL_TEXT;
		v = xlsx_attr(atts, "s");
		s->date = v != NULL && text_parse_long(v, &n) && n >= 0 && (size_t)n < x->nxf &&
		    x->xf_date[n];
		s->in_c = true;
		s->in_is = false;
		s->rph = 0;
		s->cell_len = 0;
	} else if (s->in_c && strcmp(l, "v") == 0) {
		s->collect = s->type != CELL_INLINE;
	} else if (s->in_c && strcmp(l, "is") == 0) {
		s->in_is = true;
	} else if (s->in_is && strcmp(l, "rPh") == 0) {
		s->rph++;
	} else if (s->in_is && s->rph == 0 && strcmp(l, "t") == 0) {
		s->collect = true;
	}
}

/* the value of the cell just ended, or NULL after a failure */
static const char *
cell_value(struct sheet *s)
{
	struct xlsx *x = s->job.x;
	char ref[32], *t;
	long idx;

	s->cell[s->cell_len] = '\0';
	switch (s->type) {
	case CELL_SHARED:
		t = text_trim(s->cell);
		if (*t == '\0')
			return "";
		if (!text_parse_long(t, &idx) || idx < 0 || (size_t)idx >= x->nsst) {
			cell_ref(s, ref, sizeof(ref));
			xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
			    "err.xlsx.bad_string_ref", "{cell}%s{value}%.20s", ref, t));
			return NULL;
		}
		return x->sst.data + x->sst_off[idx];
	case CELL_BOOL:
		t = text_trim(s->cell);
		return strcmp(t, "1") == 0 ? "TRUE" : strcmp(t, "0") == 0 ? "FALSE" : t;
	case CELL_NUMBER:
		t = text_trim(s->cell);
		if (s->date && *t != '\0') {
			char *end;
			double d = strtod(t, &end);
			if (*end == '\0' && table_serial_date(d, x->date1904, s->datebuf,
			    sizeof(s->datebuf)))
				return s->datebuf;
		}
		return t;
	case CELL_INLINE:
	case CELL_TEXT:
		break;
	}
	return s->cell;
}

static void
end_cell(struct sheet *s)
{
	struct xlsx *x = s->job.x;
	const char *v = cell_value(s);
	char ref[32];

	s->in_c = s->in_is = s->collect = false;
	if (v == NULL || *v == '\0')
		return;
	if (s->col >= x->lim->max_cols || s->nvals >= x->lim->max_cols) {
		cell_ref(s, ref, sizeof(ref));
		xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
		    "err.xlsx.too_many_cols", "{sheet}%s{cell}%s{max}%zu", s->sheet_name, ref,
		    x->lim->max_cols));
		return;
	}
	s->cols[s->nvals] = s->col;
	s->offs[s->nvals] = s->text.len;
	s->nvals++;
	buf_puts(&s->text, v);
	if (!buf_putc(&s->text, '\0'))
		xlsx_job_fail(&s->job, err_key(x->e, MM_ENOMEM, "err.nomem"));
}

static void
end_row(struct sheet *s)
{
	struct xlsx *x = s->job.x;
	struct table_row r;
	size_t k, ncells = 0;
	enum mm_err code;

	s->in_row = false;
	if (s->nvals == 0)
		return;
	if ((size_t)s->rows_out >= x->lim->max_rows) {
		xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
		    "err.xlsx.too_many_rows", "{sheet}%s{max}%zu", s->sheet_name, x->lim->max_rows));
		return;
	}
	s->rows_out++;
	for (k = 0; k < s->nvals; k++)
		if (s->cols[k] + 1 > ncells)
			ncells = s->cols[k] + 1;
	for (k = 0; k < ncells; k++)
		s->ptrs[k] = "";
	for (k = 0; k < s->nvals; k++)
		s->ptrs[s->cols[k]] = s->text.data + s->offs[k];
	r.row = s->row;
	r.ncells = ncells;
	r.cells = s->ptrs;
	code = s->sink->row(s->sink->ctx, &r, x->e);
	if (code != MM_OK)
		xlsx_job_fail(&s->job, code);
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
	struct sheet *s = ud;
	const char *l = xlsx_local(name);

	if (strcmp(l, "row") == 0 && s->in_row) {
		end_row(s);
	} else if (strcmp(l, "c") == 0 && s->in_c) {
		end_cell(s);
	} else if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
		s->collect = false;
	} else if (strcmp(l, "rPh") == 0 && s->rph > 0) {
		s->rph--;
	} else if (strcmp(l, "is") == 0) {
		s->in_is = false;
	}
}

static void XMLCALL
sheet_text(void *ud, const XML_Char *t, int len)
{
	struct sheet *s = ud;
	struct xlsx *x = s->job.x;
	char ref[32];

	if (!s->collect || s->job.code != MM_OK)
		return;
	if (s->cell_len + (size_t)len > x->lim->max_cell) {
		cell_ref(s, ref, sizeof(ref));
		xlsx_job_fail(&s->job, err_keyf(x->e, MM_EINVAL,
		    "err.xlsx.cell_too_long", "{sheet}%s{cell}%s{max}%zu", s->sheet_name, ref,
		    x->lim->max_cell));
		return;
	}
	memcpy(s->cell + s->cell_len, t, (size_t)len);
	s->cell_len += (size_t)len;
}


enum mm_err
xlsx_read_strings(struct xlsx *x, const char *path)
{
	struct sst st;

	memset(&st, 0, sizeof(st));
	return xlsx_read_part(x, path, false, &st.job, sst_start, sst_end, sst_text, NULL);
}

enum mm_err
xlsx_read_styles(struct xlsx *x, const char *path)
{
	struct styles st;

	memset(&st, 0, sizeof(st));
	return xlsx_read_part(x, path, false, &st.job, styles_start, styles_end, xlsx_no_text,
	    NULL);
}

enum mm_err
xlsx_read_sheet(struct xlsx *x, const char *path, const char *sheet_name,
    const struct table_sink *sink)
{
	const struct xlsx_in_limits *lim = x->lim;
	struct sheet s;
	enum mm_err code;

	memset(&s, 0, sizeof(s));
	s.sink = sink;
	s.sheet_name = sheet_name;
	buf_init(&s.text, lim->max_cols * (lim->max_cell + 1) + 16);
	s.cell = malloc(lim->max_cell + 1);
	s.cols = calloc(lim->max_cols ? lim->max_cols : 1, sizeof(*s.cols));
	s.offs = calloc(lim->max_cols ? lim->max_cols : 1, sizeof(*s.offs));
	s.ptrs = calloc(lim->max_cols ? lim->max_cols : 1, sizeof(*s.ptrs));
	if (s.cell == NULL || s.cols == NULL || s.offs == NULL || s.ptrs == NULL)
		code = err_key(x->e, MM_ENOMEM, "err.nomem");
	else
		code = xlsx_read_part(x, path, true, &s.job, sheet_start, sheet_end, sheet_text, sink);
	buf_free(&s.text);
	free(s.cell);
	free(s.cols);
	free(s.offs);
	free(s.ptrs);
	return code;
}

