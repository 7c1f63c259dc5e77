/* doc_write.c — a document to a file. See doc_write.h. */
#include "cli/doc_write.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "render/docx_out.h"
#include "render/md_out.h"
#include "render/pdf_out.h"

bool
cli_doc_format_ok(const char *format)
{
	return strcmp(format, "pdf") == 0 || strcmp(format, "docx") == 0 ||
	    strcmp(format, "md") == 0;
}

bool
cli_doc_to_terminal(const char *format, const char *file)
{
	return file == NULL && strcmp(format, "md") != 0 && isatty(STDOUT_FILENO);
}

void
cli_doc_prepare(const char *format)
{
	if (format != NULL && strcmp(format, "pdf") == 0)
		pdf_prepare();
}

int
cli_doc_write(const struct doc *d, const char *format, const char *file)
{
	struct buf b;
	struct err e;
	enum mm_err code;
	FILE *f;
	int rc = CLI_OK;

	buf_init(&b, 256u * 1024 * 1024);
	err_clear(&e);
	if (strcmp(format, "pdf") == 0)
		code = pdf_out(d, &b, &e);
	else if (strcmp(format, "docx") == 0)
		code = docx_out(d, &b, &e);
	else
		code = md_out(d, &b, &e);
	if (code != MM_OK) {
		rc = cli_error(&e);
	} else if (file != NULL) {
		bool ok = (f = fopen(file, "wb")) != NULL;

		if (ok)
			ok = fwrite(buf_cstr(&b), 1, b.len, f) == b.len;
		if (f != NULL && fclose(f) != 0)
			ok = false;
		if (!ok) {
			fprintf(stderr, "mamori: %s に書き込めません\n", file);
			rc = CLI_FAIL;
		} else {
			fprintf(stderr, "%s を %s に書き出しました。\n", d->title, file);
		}
	} else if (fwrite(buf_cstr(&b), 1, b.len, stdout) != b.len) {
		rc = CLI_FAIL;
	}
	buf_free(&b);
	return rc;
}
