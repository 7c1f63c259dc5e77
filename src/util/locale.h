/* locale.h — the UI strings of both languages (locale/ja, locale/en).
 *
 * Every JSON file under locale/LANG/ holds nested objects of strings;
 * the files of one language are merged into one tree (a top-level key
 * defined in two files is refused). A text is named by its dotted key
 * ("nav.dashboard", "err.org.employees_range") and may hold placeholders
 * "{{name}}" that locale_render replaces by parameters, as plain text:
 * escaping is the business of whoever writes the result (the templates
 * HTML-escape it).
 *
 * Lookup falls back to Japanese when the English text is missing; a key
 * missing in both is shown as the key itself.
 *
 * The program's own tables (locale_app) are loaded from the embedded
 * files on first use and are read-only after that: every function here
 * may be called from any thread.
 */
#ifndef MM_LOCALE_H
#define MM_LOCALE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/embed.h"
#include "util/err.h"
#include "util/lang.h"

struct locale;

/* locale_load — the tables of both languages from the files of FILES
 * (ended by a NULL name) whose names start with "locale/ja/" and
 * "locale/en/". *OUT is owned by the caller (locale_free). Fails with
 * MM_EINVAL for a file that is not a JSON object or a top-level key
 * defined twice, MM_ENOTFOUND when a language has no file. */
enum mm_err locale_load(const struct embed_file *files, struct locale **out,
    struct err *e);

/* locale_free — release L (NULL is fine). */
void locale_free(struct locale *l);

/* locale_app — the program's tables, loaded from the embedded files on
 * first use (thread-safe). Never NULL: when loading failed, the tables
 * are empty and every text shows its key (locale_app_check tells why). */
const struct locale *locale_app(void);

/* locale_app_check — MM_OK when the program's tables loaded, else the
 * error, in E. Called at start (web_init, the command line) so that a
 * broken locale file stops the program instead of showing keys. */
enum mm_err locale_app_check(struct err *e);

/* locale_text — the text at dotted KEY in LANG, the Japanese one when
 * LANG has none, NULL when neither has it (or it is not a string).
 * Borrowed from L. */
const char *locale_text(const struct locale *l, enum lang lang, const char *key);

/* locale_tree — the whole tree of LANG (borrowed from L; never changed
 * after loading), for templates. */
json_t *locale_tree(const struct locale *l, enum lang lang);

/* locale_param_fn — writes the value of parameter NAME (NAMELEN bytes,
 * not NUL-terminated) to OUT and returns true, or returns false when
 * there is no such parameter. */
typedef bool (*locale_param_fn)(void *ctx, const char *name, size_t namelen,
    struct buf *out);

/* locale_render — append the text of KEY in LANG to OUT with every
 * "{{name}}" replaced by what PARAM writes for it (PARAM may be NULL). A
 * placeholder without a parameter is kept as written; a missing key is
 * written as the key. Returns false when OUT failed (full or no memory). */
bool locale_render(const struct locale *l, enum lang lang, const char *key,
    locale_param_fn param, void *ctx, struct buf *out);

/* locale_format — locale_render with the parameters given as PARAMS:
 * name, value, name, value, …, NULL (PARAMS may be NULL). */
bool locale_format(const struct locale *l, enum lang lang, const char *key,
    const char *const *params, struct buf *out);

#endif
