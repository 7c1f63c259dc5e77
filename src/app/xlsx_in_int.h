/* xlsx_in_int.h — what the package side of the XLSX reader (xlsx_in.c:
 * zip, limits, relationships, workbook) and its parts (xlsx_in_sheet.c:
 * shared strings, styles, the sheet) share. Not for other modules. */
#ifndef MM_XLSX_IN_INT_H
#define MM_XLSX_IN_INT_H

#include <expat.h>
#include <zip.h>

#include "app/xlsx_in.h"
#include "util/buf.h"

#define XLSX_PATH_MAX 256         /* a part's name */
#define XLSX_NAME_MAX 256         /* a sheet's name */
#define XLSX_ROW_LIMIT 1048576L   /* Excel's last row */
#define XLSX_COL_LIMIT 16384      /* Excel's last column, XFD */
#define XLSX_XF_MAX 65536         /* cell formats read from styles.xml */
#define XLSX_DATE_FMT_MAX 256     /* custom number formats that are dates */

/* One reading of one package. */
struct xlsx {
	zip_t *zip;
	const struct xlsx_in_limits *lim;
	struct err *e;
	size_t total;      /* bytes inflated so far */
	/* the shared strings, each NUL-ended in SST */
	struct buf sst;
	size_t *sst_off;
	size_t nsst, sst_alloc;
	/* the cell formats (styles.xml) that show a number as a date */
	bool *xf_date;
	size_t nxf, xf_alloc;
	bool date1904;     /* the workbook counts days from 1904 */
};

/* What every part's handlers share; the first member of each parser's
 * own state, so that expat's user data can be either. */
struct xml_job {
	XML_Parser parser;
	struct xlsx *x;
	enum mm_err code;  /* a handler's failure (message in x->e) */
	bool doctype;      /* a DOCTYPE was met */
};


/* xlsx_local — the local part of an expat name "namespace|local". */
const char *xlsx_local(const char *name);

/* xlsx_attr — the attribute of ATTS with local name NAME, or NULL. */
const char *xlsx_attr(const char **atts, const char *name);

/* xlsx_job_fail — stop the parser of JOB with CODE (the message is in
 * job->x->e already; the first code stays). */
void xlsx_job_fail(struct xml_job *job, enum mm_err code);

/* Handlers that do nothing. */
void XMLCALL xlsx_no_end(void *ud, const XML_Char *name);
void XMLCALL xlsx_no_text(void *ud, const XML_Char *s, int len);

/* xlsx_read_part — inflate part NAME of X into an expat parser with the
 * handlers given (user data: JOB, the first member of theirs), counting
 * the bytes against X's limits; DTDs refused. PROGRESS (may be NULL) is
 * told how far it got. A part that is not there is MM_ENOTFOUND without a
 * message when not REQUIRED. */
enum mm_err xlsx_read_part(struct xlsx *x, const char *name, bool required,
    struct xml_job *job, XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text, const struct table_sink *progress);

/* xlsx_read_strings / xlsx_read_styles — the shared strings / the date
 * formats of part PATH into X (MM_ENOTFOUND when there is no such part). */
enum mm_err xlsx_read_strings(struct xlsx *x, const char *path);
enum mm_err xlsx_read_styles(struct xlsx *x, const char *path);

/* xlsx_read_sheet — stream the sheet at PATH (called SHEET_NAME in
 * messages) to SINK, one row with a value at a time. */
enum mm_err xlsx_read_sheet(struct xlsx *x, const char *path, const char *sheet_name,
    const struct table_sink *sink);

#endif
