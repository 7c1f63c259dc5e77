/* mustache.h — our Mustache template engine, HTML-escaping by default.
 *
 * Templates are parsed once into a compiled tree (struct mustache_tpl) that
 * lives in a struct mustache_set, a collection of named templates that also
 * serves as the namespace for partials ({{>name}}). Rendering reads a view
 * model given as a jansson json_t (objects, arrays, strings, numbers,
 * booleans, null), so that one view model serves both the HTML page and the
 * JSON API.
 *
 * Supported: the core modules of the Mustache spec (variables, sections,
 * inverted sections, comments, partials with standalone indentation, set
 * delimiters) and the optional dynamic partial names ({{>*name}}). Not
 * supported: lambdas and template inheritance ({{<parent}}, {{$block}}):
 * those tags are a parse error rather than being misread.
 *
 * Values, as the house renders them:
 *  - a string is written HTML-escaped: & < > " ' become &amp; &lt; &gt;
 *    &quot; &#39;. {{{x}}} and {{& x}} do NOT write a plain string raw: in
 *    the default mode they escape it too. Raw output is reserved for
 *    trusted HTML, see below.
 *  - trusted HTML is an object of exactly the form {"$safe_html": "<svg…>"}
 *    (make one with mustache_safe_html()). It is written as is by {{x}},
 *    {{{x}}} and {{& x}} alike. Such objects must only be made by our own
 *    renderers (SVG charts and the like): never copy a JSON object that came
 *    from a user or a file into a view model, or a "$safe_html" key in it
 *    would be trusted.
 *  - an integer is written in decimal, a real as the shortest text that
 *    reads back as the same double (1.5 → "1.5", 1.21 → "1.21");
 *    true/false as "true"/"false"; null, a missing name, an array or any
 *    other object as nothing.
 *  - sections: false, null, a missing name, an empty array and the empty
 *    string are falsey (the section is skipped, an inverted section is
 *    shown). An array repeats the section once per element, each pushed on
 *    the context stack; any other truthy value (numbers, including 0, and
 *    objects) is pushed once.
 *  - names: "." is the top of the context stack; "a.b.c" looks "a" up from
 *    the top of the stack down, then "b" and "c" inside what was found only.
 *  - a partial that is not in the set renders as nothing (as the spec
 *    says); mustache_set_check() finds such references ahead of time.
 *
 * Limits (a parse error or a render error with a message, never a crash):
 * MUSTACHE_MAX_TEMPLATE bytes of template text, MUSTACHE_MAX_NESTING nested
 * sections in one template, MUSTACHE_MAX_PARTIAL_DEPTH nested partials,
 * MUSTACHE_MAX_CONTEXT entries on the context stack, MUSTACHE_MAX_STEPS
 * units of work per render (nodes visited plus contexts searched: nested
 * loops that write little could otherwise run for ages), and the output is
 * bounded by the cap of the caller's struct buf.
 *
 * Thread-safety: a set (and its templates) is built by one thread; once
 * filled it is read-only, and any number of threads may render from it at
 * the same time, also with the same data (rendering never modifies the
 * set, a template or the data).
 */
#ifndef MM_MUSTACHE_H
#define MM_MUSTACHE_H

#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"
#include "util/err.h"

#define MUSTACHE_MAX_TEMPLATE (1024u * 1024) /* bytes of one template */
#define MUSTACHE_MAX_NESTING 64              /* sections in sections */
#define MUSTACHE_MAX_PARTIAL_DEPTH 32        /* partials in partials */
#define MUSTACHE_MAX_CONTEXT 256             /* context stack entries */
#define MUSTACHE_MAX_NAME 255                /* bytes of a template name */
#define MUSTACHE_MAX_STEPS 10000000ul        /* work of one render */

/* Render flags. They exist for the conformance tests only: production code
 * renders with 0. */
enum mustache_flags {
	/* escape only & < > " as the spec does (not ') */
	MUSTACHE_SPEC_ESCAPE = 1u << 0,
	/* {{{x}}} and {{& x}} write plain strings unescaped, as the spec does */
	MUSTACHE_SPEC_RAW = 1u << 1,
	MUSTACHE_SPEC = MUSTACHE_SPEC_ESCAPE | MUSTACHE_SPEC_RAW
};

struct mustache_set;
struct mustache_tpl;

/* mustache_set_new — an empty set of templates with flags 0. Returns NULL
 * when out of memory. The caller owns the set: mustache_set_free(). */
struct mustache_set *mustache_set_new(void);

/* mustache_set_free — free SET and every template in it (NULL is fine).
 * No render may be running from SET. */
void mustache_set_free(struct mustache_set *set);

/* mustache_set_flags — render every template of SET with FLAGS (a mask of
 * enum mustache_flags; 0 is the safe default). Call before sharing SET. */
void mustache_set_flags(struct mustache_set *set, unsigned flags);

/* mustache_set_add — parse the LEN bytes at TEXT (need not be
 * NUL-terminated) and add them to SET as the template NAME (1 to
 * MUSTACHE_MAX_NAME bytes, e.g. "page/home"). The text is copied.
 * Returns MM_OK; MM_EINVAL for a syntax error or a limit (the message names
 * the template, line and column, e.g. `テンプレート home:3:14: …`),
 * MM_ECONFLICT when NAME is already in SET, MM_ENOMEM. SET is unchanged on
 * failure. Not thread-safe: fill a set before rendering from it. */
enum mm_err mustache_set_add(struct mustache_set *set, const char *name,
    const char *text, size_t len, struct err *e);

/* mustache_set_add_embedded — add every embedded file (util/embed.h) named
 * DIR + NAME + ".mustache" (DIR e.g. "templates/") as the template NAME.
 * Returns MM_OK (also when there are none) or the first error of
 * mustache_set_add(). */
enum mm_err mustache_set_add_embedded(struct mustache_set *set,
    const char *dir, struct err *e);

/* mustache_set_get — the template called NAME in SET, or NULL. The
 * template belongs to SET. Thread-safe once SET is filled. */
const struct mustache_tpl *mustache_set_get(const struct mustache_set *set,
    const char *name);

/* mustache_set_check — MM_OK when every partial named literally in a
 * template of SET ({{>name}}, not {{>*dynamic}}) is in SET; otherwise
 * MM_ENOTFOUND with the first missing name and where it is used. */
enum mm_err mustache_set_check(const struct mustache_set *set, struct err *e);

/* mustache_tpl_name — the name TPL was added under (owned by the set). */
const char *mustache_tpl_name(const struct mustache_tpl *tpl);

/* mustache_render — render TPL (a template of SET) with DATA as the root
 * context, appending to OUT (initialised by the caller). Partials are looked
 * up in SET. Returns MM_OK; MM_EINVAL when a render limit is hit (the
 * message names template, line and column); MM_ENOMEM when OUT reached its
 * cap or memory ran out. On failure OUT holds a partial page: discard it.
 * Thread-safe: SET, TPL and DATA are only read. */
enum mm_err mustache_render(const struct mustache_set *set,
    const struct mustache_tpl *tpl, const json_t *data, struct buf *out,
    struct err *e);

/* mustache_render_name — mustache_render() of the template NAME of SET;
 * MM_ENOTFOUND when SET has no such template. */
enum mm_err mustache_render_name(const struct mustache_set *set,
    const char *name, const json_t *data, struct buf *out, struct err *e);

/* mustache_render_text — parse and render a one-off template: the LEN
 * bytes at TEXT, with PARTIALS (a JSON object of name → template text, or
 * NULL) as the partials, DATA as the root context and FLAGS as in
 * mustache_set_flags(). Appends to OUT. Errors as mustache_set_add() and
 * mustache_render(); the one-off template is called "(template)". For tests
 * and tools: pages use a set parsed once. */
enum mm_err mustache_render_text(const char *text, size_t len,
    const json_t *partials, const json_t *data, unsigned flags,
    struct buf *out, struct err *e);

/* mustache_safe_html — a new reference to {"$safe_html": HTML}, which every
 * interpolation writes unescaped. HTML must be valid UTF-8 and trusted
 * (made by our own code). Returns NULL when out of memory or HTML is not
 * UTF-8. */
json_t *mustache_safe_html(const char *html);

/* mustache_safe_html_checked — mustache_safe_html of the LEN bytes of HTML
 * that the caller has already checked to be valid UTF-8 (a page part
 * kept in a cache: checked once when kept, not on every use). */
json_t *mustache_safe_html_checked(const char *html, size_t len);

#endif
