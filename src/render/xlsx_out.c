/* xlsx_out.c — Excel workbooks of plain tables (libxlsxwriter), see
 * xlsx_out.h. libxlsxwriter writes to a file when the workbook is closed;
 * the file is a private temporary one (mkstemp, mode 0600), read back and
 * removed by xlsx_out_finish. */
#include "render/xlsx_out.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/fileio.h"
#include "util/text.h"

#define XLSX_OUT_MAX_BYTES (256u * 1024 * 1024)
#define XLSX_LAST_ROW 1048575

struct xlsx_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *date;
	char path[4096];
	const struct xlsx_out_col *cols;
	size_t ncols;
	lxw_row_t row;      /* the row being written; 0 is the header */
	lxw_error error;    /* the first failure */
	struct buf tmp;     /* a neutralised text */
};

int
xlsx_out_formula_like(const char *s)
{
	long number;

	if (s == NULL)
		return 0;
	return (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	    *s == '\r') && !text_parse_long(s, &number);
}

static void
note(struct xlsx_out *x, lxw_error err)
{
	if (err != LXW_NO_ERROR && x->error == LXW_NO_ERROR)
		x->error = err;
}

void
xlsx_out_free(struct xlsx_out *x)
{
	if (x == NULL)
		return;
	if (x->wb != NULL) {
		/* libxlsxwriter frees a workbook only by closing it */
		workbook_close(x->wb);
	}
	if (x->path[0] != '\0')
		unlink(x->path);
	buf_free(&x->tmp);
	free(x);
}

enum mm_err
xlsx_out_open(struct xlsx_out **out, struct err *e)
{
	lxw_workbook_options opt;
	struct xlsx_out *x;
	const char *dir = getenv("TMPDIR");
	int fd;

	*out = NULL;
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return err_set(e, MM_ENOMEM, "メモリが足りません");
	buf_init(&x->tmp, 0);
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(x->path, sizeof(x->path), "%s/mamori-xlsx-XXXXXX", dir);
	if ((fd = mkstemp(x->path)) < 0) {
		x->path[0] = '\0';
		xlsx_out_free(x);
		return err_set(e, MM_EIO, "XLSX の一時ファイルを作れません");
	}
	close(fd);
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL ||
	    (x->head = workbook_add_format(x->wb)) == NULL ||
	    (x->date = workbook_add_format(x->wb)) == NULL) {
		xlsx_out_free(x);
		return err_set(e, MM_ENOMEM, "メモリが足りません");
	}
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDEBF7);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_num_format(x->date, "yyyy-mm-dd");
	*out = x;
	return MM_OK;
}

/* the autofilter of the sheet being written, over the rows written */
static void
end_sheet(struct xlsx_out *x)
{
	if (x->ws == NULL || x->ncols == 0)
		return;
	note(x, worksheet_autofilter(x->ws, 0, 0, x->row > 0 ? x->row - 1 : 0,
	    (lxw_col_t)(x->ncols - 1)));
}

static void
validate(struct xlsx_out *x, size_t col, const struct xlsx_out_col *c)
{
	lxw_data_validation v;

	memset(&v, 0, sizeof(v));
	if (c->choices != NULL) {
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = (char **)c->choices;
	} else if (c->min != 0 || c->max != 0) {
		v.validate = LXW_VALIDATION_TYPE_INTEGER;
		v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		v.minimum_number = c->min;
		v.maximum_number = c->max;
	} else {
		return;
	}
	v.ignore_blank = LXW_VALIDATION_ON;
	v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
	note(x, worksheet_data_validation_range(x->ws, 1, (lxw_col_t)col, XLSX_LAST_ROW,
	    (lxw_col_t)col, &v));
}

enum mm_err
xlsx_out_sheet(struct xlsx_out *x, const char *name, const struct xlsx_out_col *cols,
    size_t ncols, size_t freeze_cols, struct err *e)
{
	size_t k;

	end_sheet(x);
	if ((x->ws = workbook_add_worksheet(x->wb, name)) == NULL)
		return err_set(e, MM_EINVAL, "シート名 \"%s\" が使えません", name);
	x->cols = cols;
	x->ncols = ncols;
	x->row = 0;
	for (k = 0; k < ncols; k++) {
		if (cols[k].width > 0)
			note(x, worksheet_set_column(x->ws, (lxw_col_t)k, (lxw_col_t)k,
			    cols[k].width, NULL));
		validate(x, k, &cols[k]);
	}
	note(x, worksheet_set_row(x->ws, 0, 32, NULL));
	for (k = 0; k < ncols; k++)
		note(x, worksheet_write_string(x->ws, 0, (lxw_col_t)k, cols[k].header, x->head));
	worksheet_freeze_panes(x->ws, 1, (lxw_col_t)freeze_cols);
	x->row = 1;
	return MM_OK;
}

void
xlsx_out_text(struct xlsx_out *x, size_t col, const char *s)
{
	if (s == NULL || *s == '\0' || x->ws == NULL)
		return;
	if (xlsx_out_formula_like(s)) {
		buf_reset(&x->tmp);
		buf_putc(&x->tmp, '\'');
		buf_puts(&x->tmp, s);
		if (buf_failed(&x->tmp)) {
			note(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		s = buf_cstr(&x->tmp);
	}
	note(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)col, s, NULL));
}

void
xlsx_out_number(struct xlsx_out *x, size_t col, double v)
{
	if (x->ws != NULL)
		note(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)col, v, NULL));
}

void
xlsx_out_date(struct xlsx_out *x, size_t col, const char *ymd)
{
	lxw_datetime dt;

	if (ymd == NULL || *ymd == '\0' || x->ws == NULL)
		return;
	if (!text_date_valid(ymd)) {
		xlsx_out_text(x, col, ymd);
		return;
	}
	memset(&dt, 0, sizeof(dt));
	dt.year = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 +
	    (ymd[3] - '0');
	dt.month = (uint8_t)((ymd[5] - '0') * 10 + (ymd[6] - '0'));
	dt.day = (uint8_t)((ymd[8] - '0') * 10 + (ymd[9] - '0'));
	note(x, worksheet_write_datetime(x->ws, x->row, (lxw_col_t)col, &dt, x->date));
}

void
xlsx_out_row_end(struct xlsx_out *x)
{
	if (x->row >= XLSX_LAST_ROW)
		note(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
	else
		x->row++;
}

enum mm_err
xlsx_out_finish(struct xlsx_out *x, struct buf *out, struct err *e)
{
	lxw_error err;
	enum mm_err code;

	end_sheet(x);
	err = workbook_close(x->wb);
	x->wb = NULL;
	if (x->error != LXW_NO_ERROR || err != LXW_NO_ERROR) {
		code = err_set(e, x->error == LXW_ERROR_MEMORY_MALLOC_FAILED ? MM_ENOMEM : MM_EIO,
		    "XLSX を書き出せません (%s)",
		    lxw_strerror(x->error != LXW_NO_ERROR ? x->error : err));
	} else {
		code = file_read_all(x->path, XLSX_OUT_MAX_BYTES, out, e);
	}
	xlsx_out_free(x);
	return code;
}
