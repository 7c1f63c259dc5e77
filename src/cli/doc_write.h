/* doc_write.h — writing a document (render/docmodel.h) made by a command
 * as PDF, DOCX or Markdown, to a file or to standard output. */
#ifndef MM_CLI_DOC_WRITE_H
#define MM_CLI_DOC_WRITE_H

#include <stdbool.h>

#include "render/docmodel.h"

/* cli_doc_format_ok — FORMAT is "pdf", "docx" or "md". */
bool cli_doc_format_ok(const char *format);

/* cli_doc_to_terminal — true when FORMAT is binary (pdf, docx), FILE is
 * NULL and standard output is a terminal: the caller refuses. */
bool cli_doc_to_terminal(const char *format, const char *file);

/* cli_doc_prepare — a command about to write a document as FORMAT lets
 * the PDF writer load its fonts meanwhile (pdf_prepare). */
void cli_doc_prepare(const char *format);

/* cli_doc_write — D as FORMAT into FILE (NULL: standard output); on
 * success a line on standard error names the file. Returns CLI_OK or
 * CLI_FAIL (the reason printed). */
int cli_doc_write(const struct doc *d, const char *format, const char *file);

#endif
