/* markdown.h — the Markdown layer of the policy documents: a draft is
 * Markdown (GFM with tables) that the admin edits in the browser; it is
 * previewed as HTML and turned into a doc (docmodel.h) for the PDF, DOCX
 * and HTML writers. Both functions use cmark-gfm.
 *
 * Conventions of markdown_doc (Markdown → doc blocks):
 *
 *   # 題 / ## 題 / ### 題     DOC_HEADING level 1 / 2 / 3 (##### and
 *                             ###### are taken as level 3)
 *   #### 題                   starts an article: DOC_ARTICLE with title
 *                             "題" and as text the paragraph(s) that
 *                             follow it up to the next other block
 *                             (several paragraphs joined by "\n"). The
 *                             renderer numbers articles (第1条 …), so a
 *                             leading "第N条" (N in digits or kanji) and
 *                             the brackets （…）/(…) around the rest are
 *                             removed: "#### 第3条（目的）" → title "目的".
 *                             An empty title becomes NULL. Lists and
 *                             tables after the heading (an article's
 *                             numbered 項) stay blocks of their own,
 *                             following the article.
 *   paragraph                 DOC_PARAGRAPH; **strong** (and __strong__)
 *                             kept as "**…**" markers, other inline markup
 *                             reduced to its text; a link becomes
 *                             "text (url)" when the url is http(s) and not
 *                             already the text, else just its text; an
 *                             image becomes its alt text; raw HTML is
 *                             dropped; a hard break is "\n"; a soft break
 *                             is nothing between two non-ASCII characters
 *                             (Japanese) and a space otherwise. A literal
 *                             "*" in the text (and in a url) becomes "＊"
 *                             so that it is never taken for a bold marker.
 *   - item / 1. item          DOC_LIST_ITEM, level 1; a list inside an
 *                             item level 2 (deeper lists are flattened to
 *                             level 2); the item's own paragraphs joined by
 *                             "\n", followed by its nested items.
 *   | a | b | (GFM table)     DOC_TABLE, the first row the header; short
 *                             rows padded with empty cells
 *   ---  (thematic break)     DOC_PAGE_BREAK
 *   > quote                   its blocks, as if not quoted
 *   ``` code ```              DOC_PARAGRAPH with the code as text
 *   raw HTML block            dropped
 *
 * Headings, list items and table cells are plain text (no "**").
 *
 * Limits (both functions): at most MARKDOWN_MAX_BYTES of input, block
 * and inline nesting at most MARKDOWN_MAX_DEPTH, a table at most
 * MARKDOWN_MAX_COLS columns and MARKDOWN_MAX_CELLS cells. Invalid UTF-8 is replaced by U+FFFD.
 *
 * Thread-safety: both functions may be called from any thread.
 */
#ifndef MM_MARKDOWN_H
#define MM_MARKDOWN_H

#include <stddef.h>

#include "render/docmodel.h"
#include "util/buf.h"
#include "util/err.h"

#define MARKDOWN_MAX_BYTES (2u * 1024 * 1024)
#define MARKDOWN_MAX_DEPTH 32
#define MARKDOWN_MAX_COLS 64
#define MARKDOWN_MAX_CELLS 20000

/* markdown_html — MD (LEN bytes, need not be NUL-terminated) as an HTML
 * fragment appended to OUT, for the editor's preview. cmark-gfm in safe
 * mode with GFM tables, strikethrough and autolinks: raw HTML is replaced
 * by a comment, and a link or image whose url has a scheme other than
 * http, https or mailto (javascript:, vbscript:, data:, file:, …) gets an
 * empty url. Everything from the input is escaped, so the result may be
 * embedded as trusted HTML. Returns MM_OK; MM_EINVAL (over one of the
 * limits) or MM_ENOMEM with a Japanese message in E. On failure
 * OUT may hold a partial fragment: discard it. */
enum mm_err markdown_html(const char *md, size_t len, struct buf *out, struct err *e);

/* markdown_doc — MD (LEN bytes) converted to blocks appended to D with
 * the conventions above (D's title and metadata are not touched). Returns
 * MM_OK; MM_EINVAL (over one of the limits) or
 * MM_ENOMEM (also when D has failed) with a Japanese message in E. On
 * failure D may hold some of the blocks. */
enum mm_err markdown_doc(const char *md, size_t len, struct doc *d, struct err *e);

#endif
