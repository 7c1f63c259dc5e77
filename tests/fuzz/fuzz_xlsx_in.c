/* fuzz_xlsx_in.c — libFuzzer target for the XLSX reader (xlsx_in_read).
 *
 * The first byte of the input chooses what the rest is:
 *   even: a whole .xlsx file (zip and all);
 *   odd:  the XML of the sheet, optionally followed by "\n@@SST@@\n" and
 *         the XML of the shared strings, and by "\n@@STY@@\n" and the XML
 *         of the styles; they are packed here, stored without compression,
 *         with a fixed workbook around them, so that mutations reach the XML
 *         handlers instead of failing the zip's checksums.
 * Besides memory errors (ASan/UBSan), the contract is checked: rows
 * handed over have 1..max_cols cells, the last one not empty, each valid
 * UTF-8 of at most max_cell bytes; no more rows than allowed; a refusal is
 * MM_EINVAL or MM_ENOMEM with a message.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "app/xlsx_in.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SST_SEP "\n@@SST@@\n"
#define STY_SEP "\n@@STY@@\n"

struct seen {
	const struct xlsx_in_limits *lim;
	size_t rows;
};

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_xlsx_in: contract broken: %s\n", what);
		abort();
	}
}

static enum mm_err
on_row(void *ctx, const struct table_row *r, struct err *e)
{
	struct seen *s = ctx;
	size_t k;

	(void)e;
	check(r->row >= 1 && r->row <= 1048576, "a row number out of range");
	check(r->ncells >= 1 && r->ncells <= s->lim->max_cols, "a row with a bad cell count");
	check(r->cells[r->ncells - 1][0] != '\0', "a row ending in an empty cell");
	for (k = 0; k < r->ncells; k++) {
		size_t n = strlen(r->cells[k]);
		check(n <= s->lim->max_cell, "a cell over the limit");
		check(text_utf8_valid(r->cells[k], n), "a cell that is not UTF-8");
	}
	s->rows++;
	return MM_OK;
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org"
    "/package/2006/content-types\"/>";
static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
    "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\""
    "xl/workbook.xml\"/></Relationships>";
static const char book[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats."
    "org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships\"><sheets><sheet name=\"情報資産管理台帳\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char book_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
    "schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\""
    "worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats."
    "org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";

/* a stored zip of the fixed parts and SHEET, SST and STY (NULL: left
 * out) in a new buffer */
static char *
pack(const char *sheet, size_t sheet_len, const char *sst, size_t sst_len, const char *sty,
    size_t sty_len, size_t *len)
{
	const char *names[] = { "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
		"xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
		"xl/styles.xml" };
	const char *parts[] = { content_types, root_rels, book, book_rels, sheet, sst, sty };
	size_t lens[] = { sizeof(content_types) - 1, sizeof(root_rels) - 1, sizeof(book) - 1,
		sizeof(book_rels) - 1, sheet_len, sst_len, sty_len };
	zip_source_t *src, *part;
	zip_error_t ze;
	zip_t *z;
	zip_int64_t idx, n;
	char *out = NULL;
	size_t k;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto done;
	zip_source_keep(src);
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		goto done;
	}
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (parts[k] == NULL)
			continue;
		if ((part = zip_source_buffer(z, lens[k] ? parts[k] : "", lens[k], 0)) == NULL ||
		    (idx = zip_file_add(z, names[k], part, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(part);
			zip_discard(z);
			zip_source_free(src);
			goto done;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(src);
		goto done;
	}
	if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		n = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		if (n > 0 && (out = malloc((size_t)n)) != NULL &&
		    zip_source_read(src, out, (zip_uint64_t)n) != n) {
			free(out);
			out = NULL;
		}
		*len = n > 0 ? (size_t)n : 0;
		zip_source_close(src);
	}
	zip_source_free(src);
done:
	zip_error_fini(&ze);
	return out;
}

/* the first NEEDLE in the N bytes at HAY, or NULL */
static const char *
find(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), k;

	for (k = 0; m <= n && k <= n - m; k++)
		if (memcmp(hay + k, needle, m) == 0)
			return hay + k;
	return NULL;
}

static void
read_xlsx(const char *file, size_t len)
{
	struct xlsx_in_limits lim;
	struct table_sink sink;
	struct seen s;
	struct err e;
	char name[64];
	enum mm_err code;

	xlsx_in_limits_default(&lim);
	lim.max_file = 4u * 1024 * 1024;
	lim.max_part = 8u * 1024 * 1024;
	lim.max_total = 16u * 1024 * 1024;
	lim.max_strings = 10000;
	lim.max_string_bytes = 1024 * 1024;
	lim.max_rows = 1000;
	lim.max_cols = 64;
	lim.max_cell = 4096;
	memset(&s, 0, sizeof(s));
	s.lim = &lim;
	memset(&sink, 0, sizeof(sink));
	sink.row = on_row;
	sink.ctx = &s;
	err_clear(&e);
	code = xlsx_in_read(file, len, "情報資産管理台帳", &lim, &sink, name, sizeof(name), &e);
	if (code != MM_OK) {
		check(code == MM_EINVAL || code == MM_ENOMEM, "an unexpected error code");
		check(e.msg[0] != '\0', "a refusal without a message");
	} else {
		check(s.rows <= lim.max_rows, "more rows than allowed");
		check(text_utf8_valid(name, strlen(name)), "a sheet name that is not UTF-8");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data + 1, *sst = NULL, *sty = NULL;
	size_t n = size ? size - 1 : 0, len = 0, sheet_len, sst_len = 0, sty_len = 0;
	char *file;

	if (size < 1 || size > 4u * 1024 * 1024)
		return 0;
	if ((data[0] & 1) == 0) {
		/* an exact-size copy, so that reads past LEN are caught */
		if ((file = malloc(n ? n : 1)) == NULL)
			return 0;
		memcpy(file, rest, n);
		read_xlsx(file, n);
		free(file);
		return 0;
	}
	/* sheet [SST_SEP sst] [STY_SEP styles] */
	sheet_len = n;
	if ((sty = find(rest, n, STY_SEP)) != NULL) {
		sheet_len = (size_t)(sty - rest);
		sty += sizeof(STY_SEP) - 1;
		sty_len = n - (size_t)(sty - rest);
	}
	if ((sst = find(rest, sheet_len, SST_SEP)) != NULL) {
		sst_len = sheet_len - (size_t)(sst - rest) - (sizeof(SST_SEP) - 1);
		sheet_len = (size_t)(sst - rest);
		sst += sizeof(SST_SEP) - 1;
	}
	file = pack(rest, sheet_len, sst, sst_len, sty, sty_len, &len);
	if (file != NULL)
		read_xlsx(file, len);
	free(file);
	return 0;
}
