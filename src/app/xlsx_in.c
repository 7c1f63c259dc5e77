/* xlsx_in.c — one sheet of an .xlsx workbook as rows of text, see
 * xlsx_in.h.
 *
 * The package is opened from memory with libzip; each part is inflated
 * in chunks straight into an expat parser, counting the bytes that come
 * out (the sizes in the zip directory are only a first check). The parts
 * read: _rels/.rels → the workbook → its relationships → the shared
 * strings (kept, they are referenced by number) and the styles (which
 * formats are dates) → the sheet (streamed, one row at a time); those
 * three are in xlsx_in_sheet.c.
 */
#include "app/xlsx_in.h"

#include <stdlib.h>
#include <string.h>

#include "app/xlsx_in_int.h"
#include "util/text.h"

#define CHUNK (64 * 1024)

void
xlsx_in_limits_default(struct xlsx_in_limits *l)
{
	l->max_file = XLSX_IN_MAX_FILE;
	l->max_entries = XLSX_IN_MAX_ENTRIES;
	l->max_part = XLSX_IN_MAX_PART;
	l->max_total = XLSX_IN_MAX_TOTAL;
	l->max_ratio = XLSX_IN_MAX_RATIO;
	l->ratio_grace = XLSX_IN_RATIO_GRACE;
	l->max_strings = XLSX_IN_MAX_STRINGS;
	l->max_string_bytes = XLSX_IN_MAX_STRING_BYTES;
	l->max_rows = XLSX_IN_MAX_ROWS;
	l->max_cols = XLSX_IN_MAX_COLS;
	l->max_cell = XLSX_IN_MAX_CELL;
}

bool
xlsx_in_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

/* the local part of an expat name "namespace|local" */
const char *
xlsx_local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar ? bar + 1 : name;
}

/* the attribute with local name NAME, or NULL */
const char *
xlsx_attr(const char **atts, const char *name)
{
	size_t k;

	for (k = 0; atts[k] != NULL; k += 2)
		if (strcmp(xlsx_local(atts[k]), name) == 0)
			return atts[k + 1];
	return NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* stop the parser of JOB with CODE (the message is already in x->e) */
void
xlsx_job_fail(struct xml_job *job, enum mm_err code)
{
	if (job->code == MM_OK)
		job->code = code;
	XML_StopParser(job->parser, XML_FALSE);
}

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal_subset)
{
	struct xml_job *job = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	job->doctype = true;
	XML_StopParser(job->parser, XML_FALSE);
}

static void XMLCALL
on_entity_decl(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
    int value_len, const XML_Char *base, const XML_Char *sysid,
    const XML_Char *pubid, const XML_Char *notation)
{
	struct xml_job *job = ud;

	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	job->doctype = true;
	XML_StopParser(job->parser, XML_FALSE);
}

/* PATH resolved against the folder BASE ("xl/", "" for the package root)
 * into OUT, with "." and ".." segments removed; false when it leaves the
 * package or does not fit */
static bool
resolve(const char *base, const char *target, char *out, size_t outsz)
{
	char tmp[XLSX_PATH_MAX * 2];
	char *seg[64];
	size_t nseg = 0, k, len = 0;
	char *p, *slash;
	int n;

	if (target[0] == '/')
		n = snprintf(tmp, sizeof(tmp), "%s", target + 1);
	else
		n = snprintf(tmp, sizeof(tmp), "%s%s", base, target);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return false;
	for (p = tmp; p != NULL; p = slash) {
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash++ = '\0';
		if (*p == '\0' || strcmp(p, ".") == 0)
			continue;
		if (strcmp(p, "..") == 0) {
			if (nseg == 0)
				return false;
			nseg--;
			continue;
		}
		if (nseg == sizeof(seg) / sizeof(seg[0]))
			return false;
		seg[nseg++] = p;
	}
	if (nseg == 0 || outsz == 0)
		return false;
	out[0] = '\0';
	for (k = 0; k < nseg; k++) {
		n = snprintf(out + len, outsz - len, "%s%s", k ? "/" : "", seg[k]);
		if (n < 0 || (size_t)n >= outsz - len)
			return false;
		len += (size_t)n;
	}
	return true;
}

static enum mm_err
bomb(struct xlsx *x, const char *part, const char *why)
{
	return err_keyf(x->e, MM_EINVAL, "err.xlsx.bomb", "{part}%s{@why}%s", part, why);
}

/* inflate part NAME into an expat parser with the handlers given;
 * PROGRESS (may be NULL) is told how far it got. A part that is not there
 * is MM_ENOTFOUND without a message when not REQUIRED. */
enum mm_err
xlsx_read_part(struct xlsx *x, const char *name, bool required, struct xml_job *job,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text, const struct table_sink *progress)
{
	const struct xlsx_in_limits *lim = x->lim;
	zip_int64_t idx, n;
	zip_stat_t sb;
	zip_file_t *zf = NULL;
	XML_Parser p = NULL;
	char *chunk = NULL;
	zip_uint64_t comp, got = 0;
	enum mm_err code = MM_OK;

	idx = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
	if (idx < 0) {
		if (!required)
			return MM_ENOTFOUND;
		return err_keyf(x->e, MM_EINVAL, "err.xlsx.missing_part", "{part}%s", name);
	}
	zip_stat_init(&sb);
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &sb) != 0 ||
	    (sb.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
	    (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
		return err_keyf(x->e, MM_EINVAL, "err.xlsx.broken", "{reason}%s", name);
	comp = sb.comp_size ? sb.comp_size : 1;
	if (sb.size > lim->max_part)
		return bomb(x, name, "err.xlsx.why_too_large");
	if (sb.size > lim->ratio_grace && sb.size / comp > lim->max_ratio)
		return bomb(x, name, "err.xlsx.why_ratio");
	if ((zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0)) == NULL) {
		zip_error_t *ze = zip_get_error(x->zip);
		if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD)
			return err_key(x->e, MM_EINVAL, "err.xlsx.encrypted");
		return err_keyf(x->e, MM_EINVAL, "err.xlsx.broken_part", "{part}%s{reason}%s", name,
		    zip_error_strerror(ze));
	}
	p = XML_ParserCreateNS(NULL, '|');
	chunk = malloc(CHUNK);
	if (p == NULL || chunk == NULL) {
		code = err_key(x->e, MM_ENOMEM, "err.nomem");
		goto done;
	}
	/* no DTD: without one there are no entities to expand, inside or
	 * outside the file */
	XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetStartDoctypeDeclHandler(p, on_doctype);
	XML_SetEntityDeclHandler(p, on_entity_decl);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	XML_SetUserData(p, job);
	job->parser = p;
	job->x = x;
	job->code = MM_OK;
	job->doctype = false;
	for (;;) {
		n = zip_fread(zf, chunk, CHUNK);
		if (n < 0) {
			code = err_keyf(x->e, MM_EINVAL, "err.xlsx.broken_part", "{part}%s{reason}%s",
			    name, zip_error_strerror(zip_file_get_error(zf)));
			goto done;
		}
		got += (zip_uint64_t)n;
		x->total += (size_t)n;
		if (got > sb.size || got > lim->max_part) {
			code = bomb(x, name, "err.xlsx.why_too_large");
			goto done;
		}
		if (x->total > lim->max_total) {
			code = err_key(x->e, MM_EINVAL, "err.xlsx.bomb_total");
			goto done;
		}
		if (got > lim->ratio_grace && got / comp > lim->max_ratio) {
			code = bomb(x, name, "err.xlsx.why_ratio");
			goto done;
		}
		if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR)
			break;
		if (progress != NULL && progress->progress != NULL && sb.size > 0)
			progress->progress(progress->ctx, (int)(got * 1000 / sb.size), 1000);
		if (n == 0)
			break;
	}
	if (job->doctype)
		code = err_keyf(x->e, MM_EINVAL, "err.xlsx.dtd", "{part}%s", name);
	else if (job->code != MM_OK)
		code = job->code;
	else if (XML_GetErrorCode(p) != XML_ERROR_NONE)
		code = err_keyf(x->e, MM_EINVAL, "err.xlsx.xml", "{part}%s{line}%lu{reason}%s", name,
		    (unsigned long)XML_GetCurrentLineNumber(p),
		    XML_ErrorString(XML_GetErrorCode(p)));
done:
	if (p != NULL)
		XML_ParserFree(p);
	free(chunk);
	zip_fclose(zf);
	return code;
}

/* --- relationships: _rels/.rels and the workbook's */

struct rels {
	struct xml_job job;
	const char *want_id;       /* the Id looked for, or NULL */
	const char *want_type[2];  /* Type suffixes looked for, or NULL */
	char by_id[XLSX_PATH_MAX];
	char by_type[2][XLSX_PATH_MAX];
};

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels *r = ud;
	const char *id, *type, *target, *mode;
	size_t k;

	if (strcmp(xlsx_local(name), "Relationship") != 0)
		return;
	id = xlsx_attr(atts, "Id");
	type = xlsx_attr(atts, "Type");
	target = xlsx_attr(atts, "Target");
	mode = xlsx_attr(atts, "TargetMode");
	if (target == NULL || (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (r->want_id != NULL && id != NULL && strcmp(id, r->want_id) == 0 && !r->by_id[0])
		snprintf(r->by_id, sizeof(r->by_id), "%s", target);
	for (k = 0; k < 2; k++)
		if (r->want_type[k] != NULL && type != NULL && ends_with(type, r->want_type[k]) &&
		    !r->by_type[k][0])
			snprintf(r->by_type[k], sizeof(r->by_type[k]), "%s", target);
}

void XMLCALL
xlsx_no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

void XMLCALL
xlsx_no_text(void *ud, const XML_Char *s, int len)
{
	(void)ud;
	(void)s;
	(void)len;
}

/* --- the workbook: which sheet */

struct book {
	struct xml_job job;
	const char *want;          /* the sheet name asked for, or NULL */
	char name[XLSX_NAME_MAX];   /* the sheet chosen */
	char rid[XLSX_NAME_MAX];
	int rank;                  /* 3: the name asked for, 2: first visible, 1: first */
	size_t nsheets;
};

static void XMLCALL
book_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct book *b = ud;
	const char *sname, *rid, *state;
	int rank;

	if (strcmp(xlsx_local(name), "workbookPr") == 0) {
		const char *v = xlsx_attr(atts, "date1904");
		b->job.x->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		return;
	}
	if (strcmp(xlsx_local(name), "sheet") != 0)
		return;
	sname = xlsx_attr(atts, "name");
	rid = xlsx_attr(atts, "id");
	state = xlsx_attr(atts, "state");
	if (sname == NULL || rid == NULL)
		return;
	b->nsheets++;
	if (b->want != NULL && strcmp(sname, b->want) == 0)
		rank = 3;
	else if (state == NULL || strcmp(state, "visible") == 0)
		rank = 2;
	else
		rank = 1;
	if (rank > b->rank) {
		b->rank = rank;
		snprintf(b->name, sizeof(b->name), "%s", sname);
		snprintf(b->rid, sizeof(b->rid), "%s", rid);
	}
}

/* --- putting it together */

/* the folder of part PATH ("xl/workbook.xml" → "xl/") into OUT */
static void
folder_of(const char *path, char *out, size_t outsz)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path + 1) : 0;

	snprintf(out, outsz, "%.*s", (int)n, path);
}

/* the relationships part of PATH ("xl/workbook.xml" →
 * "xl/_rels/workbook.xml.rels") */
static bool
rels_of(const char *path, char *out, size_t outsz)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path + 1) : 0;
	int len = snprintf(out, outsz, "%.*s_rels/%s.rels", (int)n, path, path + n);

	return len > 0 && (size_t)len < outsz;
}

enum mm_err
xlsx_in_read(const char *data, size_t len, const char *sheet,
    const struct xlsx_in_limits *lim, const struct table_sink *sink,
    char *sheet_out, size_t outsz, struct err *e)
{
	struct xlsx_in_limits deflim;
	struct xlsx x;
	struct rels rels;
	struct book book;
	zip_source_t *src = NULL;
	zip_error_t ze;
	char book_path[XLSX_PATH_MAX], book_rels[XLSX_PATH_MAX], dir[XLSX_PATH_MAX];
	char sheet_path[XLSX_PATH_MAX], sst_path[XLSX_PATH_MAX], st_path[XLSX_PATH_MAX];
	enum mm_err code;

	if (lim == NULL) {
		xlsx_in_limits_default(&deflim);
		lim = &deflim;
	}
	if (sheet_out != NULL && outsz > 0)
		sheet_out[0] = '\0';
	memset(&x, 0, sizeof(x));
	x.lim = lim;
	x.e = e;
	buf_init(&x.sst, lim->max_string_bytes);
	if (len > lim->max_file) {
		code = err_keyf(e, MM_EINVAL, "err.import.too_large", "{max}%zu",
		    lim->max_file / (1024 * 1024));
		goto done;
	}
	if (!xlsx_in_is_zip(data, len)) {
		code = err_key(e, MM_EINVAL, "err.xlsx.not_xlsx");
		goto done;
	}
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (x.zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		code = err_keyf(e, MM_EINVAL, "err.xlsx.broken", "{reason}%s",
		    zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		goto done;
	}
	zip_error_fini(&ze);
	if ((size_t)zip_get_num_entries(x.zip, 0) > lim->max_entries) {
		code = err_keyf(e, MM_EINVAL, "err.xlsx.too_many_entries", "{max}%zu",
		    lim->max_entries);
		goto done;
	}
	/* the workbook: named by the package's relationships, else the usual place */
	memset(&rels, 0, sizeof(rels));
	rels.want_type[0] = "/officeDocument";
	code = xlsx_read_part(&x, "_rels/.rels", false, &rels.job, rels_start, xlsx_no_end,
	    xlsx_no_text, NULL);
	if (code != MM_OK && code != MM_ENOTFOUND)
		goto done;
	if (!rels.by_type[0][0] || !resolve("", rels.by_type[0], book_path, sizeof(book_path)))
		snprintf(book_path, sizeof(book_path), "xl/workbook.xml");
	memset(&book, 0, sizeof(book));
	book.want = sheet != NULL && *sheet != '\0' ? sheet : NULL;
	if ((code = xlsx_read_part(&x, book_path, true, &book.job, book_start, xlsx_no_end,
	    xlsx_no_text, NULL)) != MM_OK)
		goto done;
	if (book.nsheets == 0) {
		code = err_key(e, MM_EINVAL, "err.xlsx.no_sheet");
		goto done;
	}
	/* where the chosen sheet, the shared strings and the styles are */
	memset(&rels, 0, sizeof(rels));
	rels.want_id = book.rid;
	rels.want_type[0] = "/sharedStrings";
	rels.want_type[1] = "/styles";
	if (!rels_of(book_path, book_rels, sizeof(book_rels))) {
		code = err_key(e, MM_EINVAL, "err.xlsx.book_name");
		goto done;
	}
	folder_of(book_path, dir, sizeof(dir));
	if ((code = xlsx_read_part(&x, book_rels, true, &rels.job, rels_start, xlsx_no_end,
	    xlsx_no_text, NULL)) != MM_OK)
		goto done;
	if (!rels.by_id[0] || !resolve(dir, rels.by_id, sheet_path, sizeof(sheet_path))) {
		code = err_keyf(e, MM_EINVAL, "err.xlsx.sheet_missing", "{sheet}%s", book.name);
		goto done;
	}
	if (rels.by_type[0][0] && resolve(dir, rels.by_type[0], sst_path, sizeof(sst_path))) {
		code = xlsx_read_strings(&x, sst_path);
		if (code != MM_OK && code != MM_ENOTFOUND)
			goto done;
	}
	if (rels.by_type[1][0] && resolve(dir, rels.by_type[1], st_path, sizeof(st_path))) {
		code = xlsx_read_styles(&x, st_path);
		if (code != MM_OK && code != MM_ENOTFOUND)
			goto done;
	}
	if (sheet_out != NULL)
		snprintf(sheet_out, outsz, "%s", book.name);
	code = xlsx_read_sheet(&x, sheet_path, book.name, sink);
done:
	if (x.zip != NULL)
		zip_discard(x.zip);
	buf_free(&x.sst);
	free(x.sst_off);
	free(x.xf_date);
	return code;
}
