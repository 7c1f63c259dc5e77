/* asset_import.c — the ledger from a CSV or XLSX file, with a dry run;
 * the rules are in asset_io.h.
 *
 * One pass: the reader (csv_in or xlsx_in) hands over rows; until the
 * header row is found they are searched for column names, then each row
 * is matched to an asset (ID, else name), checked by asset_apply exactly
 * as a form would be, and — in a real import, while no row has failed —
 * written at once inside the import's transaction. The first bad row
 * stops the writing but not the checking, so that every bad row is
 * reported; at the end a bad file rolls the whole transaction back.
 */
#include "app/asset_io.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/asset_io_int.h"
#include "app/audit.h"
#include "app/csv_in.h"
#include "app/input.h"
#include "app/xlsx_in.h"
#include "util/text.h"
#include "util/array.h"

#define HEADER_SCAN_ROWS 20     /* the header is looked for in these rows */
#define NORM_MAX 128            /* a normalised column name */
#define SHORT_MAX 160           /* a short value (number, date, flag, label) */

/* --- the importer */

enum state { SEEK_HEADER = 0, AFTER_HEADER, DATA };

struct importer {
	struct app *a;
	const struct org *o;
	const struct risk_model *m;
	struct asset_import_report *rep;
	const struct asset_import_opts *opt;
	struct risk_context ctx;
	struct err *e;
	bool real;              /* not a dry run */
	bool writing;           /* real, and no row has failed yet */
	enum state state;
	long scanned;           /* rows looked at for the header */
	int map[ACOL_COUNT];    /* the file column of each ledger column, or -1 */
	char norm[ACOL_COUNT][1 + ASSET_IO_MAX_ALIASES][NORM_MAX];
	struct names names;
	struct ids ids;
	struct asset base, tmp, out;
	struct buf text[ACOL_COUNT]; /* the row's text cells, line breaks made spaces */
	struct asset_io_changes changes; /* of the row */
	struct err msg;              /* a problem being made */
	char now[CLOCK_ISO_LEN];
};

static enum mm_err
nomem(struct importer *im)
{
	return err_key(im->e, MM_ENOMEM, "err.nomem");
}

/* the column message "機密性 (K 列)" of ledger column COL; NULL for -1,
 * or (with *FAILED) when out of memory */
static struct err_msg *
column_label(const struct importer *im, int col, bool *failed)
{
	struct err_msg *m;
	char letters[8];

	if (col < 0)
		return NULL;
	if (im->map[col] < 0) {
		m = err_msg_new("err.import.column_absent", "{name}%s", asset_io_cols[col].header);
	} else {
		table_col_name((size_t)im->map[col], letters, sizeof(letters));
		m = err_msg_new("err.import.column", "{name}%s{col}%s", asset_io_cols[col].header,
		    letters);
	}
	*failed = m == NULL;
	return m;
}

/* record the problem MSG (a message of the reader, asset_apply or
 * input_text, or one made here) of ROW at ledger column COL (-1: none);
 * writing stops */
static enum mm_err
problem_err(struct importer *im, long row, int col, const struct err *msg)
{
	struct asset_import_report *rep = im->rep;
	struct asset_import_problem *p;
	bool failed = false;

	im->writing = false;
	if (!array_room(&rep->problems, &rep->problems_alloc, rep->nproblems,
	    sizeof(*rep->problems), 16))
		return nomem(im);
	p = &rep->problems[rep->nproblems];
	memset(p, 0, sizeof(*p));
	p->row = row;
	p->column = column_label(im, col, &failed);
	if (failed || (p->message = err_msg_save(msg)) == NULL) {
		err_msg_free(p->column);
		return nomem(im);
	}
	rep->nproblems++;
	return MM_OK;
}

static enum mm_err problem(struct importer *im, long row, int col, const char *key,
    const char *params, ...) __attribute__((format(printf, 5, 6)));

/* problem_err of the message KEY with PARAMS (as err_keyf) */
static enum mm_err
problem(struct importer *im, long row, int col, const char *key, const char *params, ...)
{
	va_list ap;

	va_start(ap, params);
	err_vkeyf(&im->msg, MM_EINVAL, key, params, ap);
	va_end(ap);
	return problem_err(im, row, col, &im->msg);
}

/* add the item of ROW; an item that changes takes the messages of
 * IM->changes */
static enum mm_err
add_item(struct importer *im, long row, enum asset_import_action action, long long id,
    const char *name)
{
	struct asset_import_report *rep = im->rep;
	struct asset_import_item *it;

	if (!array_room(&rep->items, &rep->items_alloc, rep->nitems, sizeof(*rep->items), 64))
		return nomem(im);
	it = &rep->items[rep->nitems];
	it->row = row;
	it->action = action;
	it->id = id;
	it->changes = NULL;
	it->nchanges = 0;
	if ((it->name = strdup(name)) == NULL)
		return nomem(im);
	if (action == ASSET_IMPORT_CHANGE) {
		it->changes = im->changes.v;
		it->nchanges = im->changes.n;
		memset(&im->changes, 0, sizeof(im->changes));
	}
	rep->nitems++;
	return MM_OK;
}

static int
index_one(void *p, const struct asset *as)
{
	struct importer *im = p;
	struct name_slot *n = asset_io_names_get(&im->names, as->name);
	struct id_slot *i = asset_io_ids_get(&im->ids, as->id);

	if (n == NULL || i == NULL)
		return 1;
	if (n->count++ == 0)
		n->id = as->id;
	i->exists = true;
	return 0;
}

/* the organisation's assets by name and id */
static enum mm_err
load_index(struct importer *im)
{
	struct asset_filter f;
	enum mm_err code;

	memset(&f, 0, sizeof(f));
	code = asset_each(im->a->db, im->o->id, &f, index_one, im, im->e);
	if (code == MM_OK && (im->names.cap == 0 || im->ids.cap == 0) &&
	    (!asset_io_names_grow(&im->names) || !asset_io_ids_grow(&im->ids)))
		code = nomem(im);
	return code;
}

/* --- the header */

static int
header_col(const struct importer *im, const char *cell)
{
	char n[NORM_MAX];
	int k, j;

	asset_io_norm_header(cell, n, sizeof(n));
	if (n[0] == '\0')
		return -1;
	for (k = 0; k < ACOL_COUNT; k++)
		for (j = 0; j < 1 + ASSET_IO_MAX_ALIASES && im->norm[k][j][0]; j++)
			if (strcmp(n, im->norm[k][j]) == 0)
				return k;
	return -1;
}

/* list the column WHAT (a message, NULL when out of memory) among those
 * not read */
static enum mm_err
ignore_column(struct importer *im, struct err_msg *what)
{
	struct asset_import_report *rep = im->rep;

	if (what == NULL)
		return nomem(im);
	if (!array_room(&rep->ignored, &rep->ignored_alloc, rep->nignored,
	    sizeof(*rep->ignored), 8)) {
		err_msg_free(what);
		return nomem(im);
	}
	rep->ignored[rep->nignored++] = what;
	return MM_OK;
}

/* take the column names of row R (SUB: a second header row below the
 * first, which only adds columns) */
static enum mm_err
take_header(struct importer *im, const struct table_row *r, bool sub)
{
	char a[8], b[8];
	size_t c;
	int k;
	enum mm_err code;

	for (c = 0; c < r->ncells; c++) {
		if (r->cells[c][0] == '\0')
			continue;
		k = header_col(im, r->cells[c]);
		if (k < 0) {
			if (!sub) {
				table_col_name(c, a, sizeof(a));
				if ((code = ignore_column(im, err_msg_new("err.import.column",
				    "{name}%.120s{col}%s", r->cells[c], a))) != MM_OK)
					return code;
			}
			continue;
		}
		if (im->map[k] >= 0 && (size_t)im->map[k] != c) {
			table_col_name((size_t)im->map[k], a, sizeof(a));
			table_col_name(c, b, sizeof(b));
			if ((code = problem(im, r->row, -1, "err.import.column_twice",
			    "{name}%s{a}%s{b}%s", asset_io_cols[k].header, a, b)) != MM_OK)
				return code;
			continue;
		}
		im->map[k] = (int)c;
	}
	return MM_OK;
}

/* is row R a second header row: every value a column name, none of them
 * 情報資産名称, at least one not yet found */
static bool
is_sub_header(const struct importer *im, const struct table_row *r)
{
	size_t c;
	int k;
	bool adds = false;

	for (c = 0; c < r->ncells; c++) {
		if (r->cells[c][0] == '\0')
			continue;
		if ((k = header_col(im, r->cells[c])) < 0 || k == ACOL_NAME)
			return false;
		adds = adds || im->map[k] < 0;
	}
	return adds;
}

static enum mm_err
header_done(struct importer *im)
{
	enum mm_err code;
	int k;

	for (k = 0; k < ACOL_COUNT; k++)
		if (asset_io_cols[k].computed && im->map[k] >= 0 &&
		    (code = ignore_column(im, err_msg_new("err.import.column_computed",
		    "{name}%s", asset_io_cols[k].header))) != MM_OK)
			return code;
	return MM_OK;
}

/* --- one data row */

static bool
blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/* the cell of ledger column COL in row R, NULL when the file has no such
 * column; the ' with which our exports neutralise formulas is removed */
static const char *
raw_cell(const struct importer *im, const struct table_row *r, int col)
{
	int c = im->map[col];
	const char *s;

	if (c < 0)
		return NULL;
	s = (size_t)c < r->ncells ? r->cells[c] : "";
	if (s[0] == '\'' && s[1] != '\0' && strchr("=+-@\t\r", s[1]) != NULL)
		s++;
	return s;
}

/* a text cell with its line breaks and tabs made spaces (the ledger's
 * fields are one line; Excel users break lines inside cells) */
static const char *
flat_cell(struct importer *im, int col, const char *s)
{
	struct buf *b = &im->text[col];
	const char *p;

	if (s == NULL)
		return NULL;
	if (strpbrk(s, "\r\n\t") == NULL)
		return s;
	buf_reset(b);
	for (p = s; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue;
		buf_putc(b, *p == '\r' || *p == '\n' || *p == '\t' ? ' ' : *p);
	}
	return buf_failed(b) ? s : buf_cstr(b);
}

/* the treatment kind written as S: its id, its label, or an old name */
static const char *
kind_parse(const struct risk_model *m, const char *s)
{
	size_t k;

	for (k = 0; k < m->ntreatments; k++)
		if (strcmp(s, m->treatments[k].id) == 0 || strcmp(s, m->treatments[k].label.ja) == 0 ||
		    strcmp(s, m->treatments[k].label.en) == 0)
			return m->treatments[k].id;
	if (strcmp(s, "受容") == 0)
		return risk_treatment_find(m, "retain") ? "retain" : NULL;
	if (strcmp(s, "転嫁") == 0)
		return risk_treatment_find(m, "transfer") ? "transfer" : NULL;
	return NULL;
}

/* the treatment columns of the row into OUT (a copy of the stored asset);
 * false after recording a problem */
static bool
take_treatment(struct importer *im, long row, const char *cell[ACOL_COUNT],
    struct asset *out, enum mm_err *code)
{
	char kind[SHORT_MAX], due[SHORT_MAX];
	const char *id;
	struct err e;

	*code = MM_OK;
	asset_io_fold(cell[ACOL_T_KIND], kind, sizeof(kind));
	if (kind[0] == '\0') {
		if ((cell[ACOL_T_MEASURE] && !blank(cell[ACOL_T_MEASURE])) ||
		    (cell[ACOL_T_OWNER] && !blank(cell[ACOL_T_OWNER])) ||
		    (cell[ACOL_T_DUE] && !blank(cell[ACOL_T_DUE]))) {
			*code = problem(im, row, ACOL_T_KIND, "err.import.kind_needed", NULL);
			return false;
		}
		out->has_treatment = false;
		out->t_kind[0] = out->t_measure[0] = out->t_owner[0] = out->t_due[0] = '\0';
		out->t_status[0] = '\0';
		out->t_residual = 0;
		return true;
	}
	if ((id = kind_parse(im->m, kind)) == NULL) {
		*code = problem(im, row, ACOL_T_KIND, "err.import.kind", "{value}%s", kind);
		return false;
	}
	if (!out->has_treatment) {
		snprintf(out->t_status, sizeof(out->t_status), "planned");
		out->t_residual = 0;
	}
	out->has_treatment = true;
	snprintf(out->t_kind, sizeof(out->t_kind), "%s", id);
	err_clear(&e);
	if (cell[ACOL_T_MEASURE] != NULL && input_text("err.field.measure", cell[ACOL_T_MEASURE], false, 500,
	    out->t_measure, sizeof(out->t_measure), &e) != MM_OK) {
		*code = problem_err(im, row, ACOL_T_MEASURE, &e);
		return false;
	}
	if (cell[ACOL_T_OWNER] != NULL && input_text("err.field.owner", cell[ACOL_T_OWNER], false, 100,
	    out->t_owner, sizeof(out->t_owner), &e) != MM_OK) {
		*code = problem_err(im, row, ACOL_T_OWNER, &e);
		return false;
	}
	if (cell[ACOL_T_DUE] != NULL) {
		asset_io_norm_date(cell[ACOL_T_DUE], due, sizeof(due));
		if (due[0] != '\0' && !text_date_valid(due)) {
			*code = problem(im, row, ACOL_T_DUE, "err.import.due", "{value}%s", due);
			return false;
		}
		snprintf(out->t_due, sizeof(out->t_due), "%.10s", due);
	}
	return true;
}

static enum mm_err
audit_asset(struct importer *im, const char *action, const struct asset *before,
    const struct asset *after)
{
	char obj[64];
	json_t *b = before ? asset_record_json(before) : NULL, *af = asset_record_json(after);
	enum mm_err code;

	snprintf(obj, sizeof(obj), "asset:%lld", after->id);
	if ((before != NULL && b == NULL) || af == NULL)
		code = nomem(im);
	else
		code = audit_record(im->a, im->o->id, action, obj, b, af, im->e);
	json_decref(b);
	json_decref(af);
	return code;
}

/* write the row's asset (IM->out over IM->base) in the open transaction */
static enum mm_err
write_asset(struct importer *im, bool add)
{
	struct db *db = im->a->db;
	struct asset *out = &im->out;
	enum mm_err code;

	if (add) {
		out->org_id = im->o->id;
		if ((code = asset_insert(db, out, im->e)) != MM_OK ||
		    (out->has_treatment && (code = asset_treatment_set(db, out, im->now,
		    im->e)) != MM_OK))
			return code;
		return audit_asset(im, "asset.create", NULL, out);
	}
	if ((code = asset_update(db, out, im->e)) != MM_OK ||
	    (asset_io_treatment_differs(&im->base, out) &&
	    (code = asset_treatment_set(db, out, im->now, im->e)) != MM_OK))
		return code;
	return audit_asset(im, "asset.update", &im->base, out);
}

/* an override column: CELL (NULL when absent) against the stored override
 * BASE_OV and the value mamori computes AUTO; the input for asset_apply in
 * *IN (NULL keep, "" automatic, "1".."3" override) */
static bool
take_override(struct importer *im, long row, int col, const char *cell, int base_ov,
    int autov, char *buf, size_t bufsz, const char **in, enum mm_err *code)
{
	*code = MM_OK;
	if (cell == NULL) {
		*in = NULL;
		return true;
	}
	asset_io_fold(cell, buf, bufsz);
	asset_io_whole_number(buf);
	if (buf[0] == '\0') {
		*in = "";
		return true;
	}
	if (buf[0] < '1' || buf[0] > '3' || buf[1] != '\0') {
		*code = problem(im, row, col, "err.asset.override", "{@field}%s{value}%s",
		    asset_io_cols[col].label, buf);
		return false;
	}
	if (base_ov == buf[0] - '0')
		*in = NULL;   /* the asset's own override, as it is */
	else if (autov == buf[0] - '0')
		*in = "";     /* what mamori computes: no override needed */
	else
		*in = buf;
	return true;
}

/* the override input decided for CELL is the one the first asset_apply
 * had ("" when the column is there, NULL when not) */
static bool
as_first(const char *cell, const char *decided)
{
	return cell == NULL ? decided == NULL : decided != NULL && *decided == '\0';
}

static enum mm_err
data_row(struct importer *im, const struct table_row *r)
{
	const char *cell[ACOL_COUNT], *field;
	char idv[SHORT_MAX], med[SHORT_MAX], flags[3][SHORT_MAX], lv[3][SHORT_MAX];
	char reg[SHORT_MAX], tv[2][SHORT_MAX], name[ASSET_TEXT_MAX];
	struct asset_input in;
	struct name_slot *ns;
	struct id_slot *is;
	long long id = 0;
	long v;
	bool any = false, add;
	enum mm_err code;
	struct err rowerr;
	int k;

	for (k = 0; k < ACOL_COUNT; k++) {
		cell[k] = raw_cell(im, r, k);
		if (cell[k] != NULL && !asset_io_cols[k].computed && !blank(cell[k]))
			any = true;
	}
	if (!any)
		return MM_OK;
	if (++im->rep->rows > ASSET_IO_MAX_ROWS)
		return err_keyf(im->e, MM_EINVAL, "err.import.too_many_rows", "{max}%d",
		    ASSET_IO_MAX_ROWS);
	for (k = 0; k < ACOL_COUNT; k++)
		if (k == ACOL_CATEGORY || k == ACOL_NAME || k == ACOL_NOTE || k == ACOL_USERS ||
		    k == ACOL_DEPARTMENT || k == ACOL_RETENTION || k == ACOL_T_MEASURE ||
		    k == ACOL_T_OWNER)
			cell[k] = flat_cell(im, k, cell[k]);

	/* which asset: the ID, else the name */
	asset_io_fold(cell[ACOL_ID] ? cell[ACOL_ID] : "", idv, sizeof(idv));
	asset_io_whole_number(idv);
	if (idv[0] != '\0') {
		if (!text_parse_long(idv, &v) || v <= 0)
			return problem(im, r->row, ACOL_ID, "err.import.id", "{value}%s", idv);
		if ((is = asset_io_ids_get(&im->ids, v)) == NULL)
			return nomem(im);
		if (!is->exists)
			return problem(im, r->row, ACOL_ID, "err.import.id_unknown", "{id}%ld", v);
		if (is->row != 0)
			return problem(im, r->row, ACOL_ID, "err.import.id_twice", "{id}%ld{row}%ld",
			    v, is->row);
		is->row = r->row;
		id = v;
	} else {
		snprintf(name, sizeof(name), "%s", cell[ACOL_NAME] ? cell[ACOL_NAME] : "");
		text_trim(name);
		memmove(name, text_trim(name), strlen(text_trim(name)) + 1);
		if (name[0] != '\0') {
			if ((ns = asset_io_names_get(&im->names, name)) == NULL)
				return nomem(im);
			if (ns->row != 0)
				return problem(im, r->row, ACOL_NAME, "err.import.name_twice",
				    "{row}%ld", ns->row);
			ns->row = r->row;
			if (ns->count > 1)
				return problem(im, r->row, ACOL_NAME, "err.import.name_ambiguous",
				    "{n}%d", ns->count);
			if (ns->count == 1) {
				if ((is = asset_io_ids_get(&im->ids, ns->id)) == NULL)
					return nomem(im);
				if (is->row != 0)
					return problem(im, r->row, ACOL_NAME,
					    "err.import.name_changed_twice", "{id}%lld{row}%ld", ns->id,
					    is->row);
				is->row = r->row;
				id = ns->id;
			}
		}
	}
	add = id == 0;
	if (add) {
		memset(&im->base, 0, sizeof(im->base));
		im->base.org_id = im->o->id;
	} else if ((code = asset_get(im->a->db, im->o->id, id, &im->base, im->e)) != MM_OK) {
		return code;
	}

	/* the input, as a form would give it */
	memset(&in, 0, sizeof(in));
	in.business_category = cell[ACOL_CATEGORY];
	in.name = cell[ACOL_NAME];
	in.note = cell[ACOL_NOTE];
	in.users_scope = cell[ACOL_USERS];
	in.department = cell[ACOL_DEPARTMENT];
	in.retention = cell[ACOL_RETENTION];
#define SHORT(col, buf, dst) do { if (cell[col] != NULL) { \
	asset_io_fold(cell[col], (buf), sizeof(buf)); (dst) = (buf); } } while (0)
	SHORT(ACOL_MEDIUM, med, in.medium);
	SHORT(ACOL_PERSONAL, flags[0], in.personal);
	SHORT(ACOL_SENSITIVE, flags[1], in.sensitive);
	SHORT(ACOL_MY_NUMBER, flags[2], in.my_number);
	SHORT(ACOL_C, lv[0], in.c);
	SHORT(ACOL_I, lv[1], in.i);
	SHORT(ACOL_A, lv[2], in.a);
#undef SHORT
	for (k = 0; k < 3; k++)
		asset_io_whole_number(lv[k]);
	if (cell[ACOL_REGISTERED] != NULL) {
		asset_io_norm_date(cell[ACOL_REGISTERED], reg, sizeof(reg));
		in.registered_on = reg;
	}
	/* first without overrides, to learn what mamori computes */
	in.threat_override = cell[ACOL_THREAT] ? "" : NULL;
	in.vulnerability_override = cell[ACOL_VULNERABILITY] ? "" : NULL;
	err_clear(&rowerr);
	field = NULL;
	if (asset_apply(im->a, &im->ctx, &in, &im->base, &im->tmp, &field, &rowerr) != MM_OK)
		return problem_err(im, r->row, asset_io_col_of_field(field), &rowerr);
	if (cell[ACOL_THREAT] != NULL || cell[ACOL_VULNERABILITY] != NULL) {
		if (!take_override(im, r->row, ACOL_THREAT, cell[ACOL_THREAT],
		    im->base.threat_override, im->tmp.threat, tv[0], sizeof(tv[0]),
		    &in.threat_override, &code) ||
		    !take_override(im, r->row, ACOL_VULNERABILITY, cell[ACOL_VULNERABILITY],
		    im->base.vulnerability_override, im->tmp.vulnerability, tv[1], sizeof(tv[1]),
		    &in.vulnerability_override, &code))
			return code;
		field = NULL;
		/* again only when an override is kept or set */
		if (as_first(cell[ACOL_THREAT], in.threat_override) &&
		    as_first(cell[ACOL_VULNERABILITY], in.vulnerability_override))
			im->out = im->tmp;
		else if (asset_apply(im->a, &im->ctx, &in, &im->base, &im->out, &field,
		    &rowerr) != MM_OK)
			return problem_err(im, r->row, asset_io_col_of_field(field), &rowerr);
	} else {
		im->out = im->tmp;
	}
	if (im->map[ACOL_T_KIND] >= 0 && !take_treatment(im, r->row, cell, &im->out, &code))
		return code;

	/* what it does */
	asset_io_describe(im->m, &im->base, &im->out, &im->changes);
	if (im->changes.failed)
		return nomem(im);
	if (!add && im->changes.n == 0) {
		im->rep->unchanged++;
		return MM_OK;
	}
	if (im->writing && (code = write_asset(im, add)) != MM_OK)
		return code;
	if (add)
		im->rep->added++;
	else
		im->rep->changed++;
	return add_item(im, r->row, add ? ASSET_IMPORT_ADD : ASSET_IMPORT_CHANGE,
	    add ? (im->writing ? im->out.id : 0) : id, im->out.name);
}

static bool
has_name_column(const struct importer *im, const struct table_row *r)
{
	size_t c;

	for (c = 0; c < r->ncells; c++)
		if (r->cells[c][0] != '\0' && header_col(im, r->cells[c]) == ACOL_NAME)
			return true;
	return false;
}

static enum mm_err
on_row(void *ctx, const struct table_row *r, struct err *e)
{
	struct importer *im = ctx;
	enum mm_err code;

	(void)e;
	switch (im->state) {
	case SEEK_HEADER:
		if (has_name_column(im, r)) {
			im->rep->header_row = r->row;
			im->state = AFTER_HEADER;
			return take_header(im, r, false);
		}
		if (++im->scanned >= HEADER_SCAN_ROWS)
			return err_keyf(im->e, MM_EINVAL, "err.import.no_header", "{rows}%d",
			    HEADER_SCAN_ROWS);
		return MM_OK;
	case AFTER_HEADER:
		im->state = DATA;
		if (is_sub_header(im, r)) {
			if ((code = take_header(im, r, true)) != MM_OK)
				return code;
			return header_done(im);
		}
		if ((code = header_done(im)) != MM_OK)
			return code;
		break;
	case DATA:
		break;
	}
	return data_row(im, r);
}

/* the names every column is known by, normalised */
static void
norm_names(struct importer *im)
{
	int k, j;

	for (k = 0; k < ACOL_COUNT; k++) {
		asset_io_norm_header(asset_io_cols[k].header, im->norm[k][0], NORM_MAX);
		for (j = 0; j < ASSET_IO_MAX_ALIASES && asset_io_cols[k].aliases[j]; j++)
			asset_io_norm_header(asset_io_cols[k].aliases[j], im->norm[k][j + 1], NORM_MAX);
		im->map[k] = -1;
	}
}

static void
on_progress(void *ctx, int done, int total)
{
	struct importer *im = ctx;

	if (im->opt->progress != NULL)
		im->opt->progress(im->opt->progress_ctx, done, total);
}

static enum mm_err
read_file(struct importer *im, const char *data, size_t len)
{
	struct table_sink sink;
	struct csv_in_limits cl;
	struct xlsx_in_limits xl;
	enum csv_in_encoding enc = CSV_IN_UTF8;
	enum mm_err code;

	memset(&sink, 0, sizeof(sink));
	sink.row = on_row;
	sink.progress = on_progress;
	sink.ctx = im;
	if (im->rep->format == ASSET_IO_XLSX) {
		xlsx_in_limits_default(&xl);
		xl.max_rows = ASSET_IO_MAX_ROWS + HEADER_SCAN_ROWS + 2;
		return xlsx_in_read(data, len, ASSET_IO_SHEET, &xl, &sink, im->rep->sheet,
		    sizeof(im->rep->sheet), im->e);
	}
	csv_in_limits_default(&cl);
	cl.max_bytes = ASSET_IO_MAX_BYTES;
	code = csv_in_read(data, len, &cl, &sink, &enc, im->e);
	snprintf(im->rep->encoding, sizeof(im->rep->encoding), "%s", csv_in_encoding_name(enc));
	return code;
}

static void
importer_free(struct importer *im)
{
	int k;

	if (im == NULL)
		return;
	asset_io_names_free(&im->names);
	free(im->ids.s);
	for (k = 0; k < ACOL_COUNT; k++)
		buf_free(&im->text[k]);
	asset_io_changes_free(&im->changes);
	free(im);
}

enum mm_err
asset_import(struct app *a, const struct org *o, const char *data, size_t len,
    const struct asset_import_opts *opt, struct asset_import_report *rep, struct err *e)
{
	struct importer *im;
	enum mm_err code;
	bool began = false;
	int k;

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = opt->dry_run;
	rep->format = xlsx_in_is_zip(data, len) ? ASSET_IO_XLSX : ASSET_IO_CSV;
	if ((im = calloc(1, sizeof(*im))) == NULL)
		return err_key(e, MM_ENOMEM, "err.nomem");
	im->a = a;
	im->o = o;
	im->m = &a->cat->risk;
	im->rep = rep;
	im->e = e;
	im->opt = opt;
	im->real = !opt->dry_run;
	im->writing = im->real;
	for (k = 0; k < ACOL_COUNT; k++)
		buf_init(&im->text[k], 0);
	clock_now_iso(im->now);
	norm_names(im);
	/* the type is decided by content; a name that says otherwise is only
	 * a hint that the user picked the wrong file */
	if (opt->format == ASSET_IO_XLSX && rep->format != ASSET_IO_XLSX) {
		code = problem(im, 0, -1, "err.import.not_zip", NULL);
		goto check;
	}
	if (len > ASSET_IO_MAX_BYTES) {
		code = problem(im, 0, -1, "err.import.too_large", "{max}%u",
		    ASSET_IO_MAX_BYTES / (1024 * 1024));
		goto check;
	}
	if (im->real) {
		if ((code = app_begin(a, e)) != MM_OK)
			goto done;
		began = true;
	}
	if ((code = risk_context_load(a, o->id, &im->ctx, e)) != MM_OK ||
	    (code = load_index(im)) != MM_OK)
		goto done;
	code = read_file(im, data, len);
	if (code == MM_EINVAL) {
		/* the file (or a limit) stopped the reading: one problem */
		code = problem_err(im, 0, -1, e);
	} else if (code != MM_OK) {
		goto done;
	}
	if (code == MM_OK && im->state == AFTER_HEADER)
		code = header_done(im);
	if (code == MM_OK && im->state == SEEK_HEADER && rep->nproblems == 0)
		code = problem(im, 0, -1, "err.import.no_header_row", NULL);
check:
	if (code != MM_OK)
		goto done;
	if (rep->nproblems > 0) {
		code = err_keyf(e, MM_EINVAL, opt->dry_run ? "err.import.problems_dry_run" :
		    "err.import.problems", "{n}%zu", rep->nproblems);
		goto done;
	}
	if (began) {
		code = app_commit(a, e);
		began = false;
		rep->committed = code == MM_OK;
	}
done:
	if (began)
		app_rollback(a);
	importer_free(im);
	return code;
}
