/* line_diff.h — the difference between two texts, line by line: which
 * lines of the old text were removed, which of the new one were added,
 * and which are the same (a longest common subsequence). Pure. */
#ifndef MM_LINE_DIFF_H
#define MM_LINE_DIFF_H

#include <stdbool.h>
#include <stddef.h>

enum diff_op { DIFF_SAME = 0, DIFF_DEL, DIFF_ADD };

/* One line of the result. TEXT points into the text it comes from (old
 * for SAME and DEL, new for ADD) and is LEN bytes long without its line
 * end. OLD_NO / NEW_NO are 1-based line numbers (0 where the line is not
 * in that text). */
struct diff_line {
	enum diff_op op;
	const char *text;
	size_t len;
	size_t old_no, new_no;
};

/* Above this many cells (lines changed in the old × in the new text,
 * after the common start and end are set aside) the middle is shown as
 * removed and then added instead of being matched line by line. */
#define LINE_DIFF_MAX_CELLS ((size_t)4 * 1024 * 1024)

/* line_diff — compare OLD_TEXT with NEW_TEXT (NUL-terminated; "\n" or
 * "\r\n" line ends) into a new array *OUT of *N lines in reading order
 * (free() it; it borrows the texts). *ADDED and *REMOVED count the lines
 * (may be NULL). Returns false when out of memory (*OUT NULL). */
bool line_diff(const char *old_text, const char *new_text,
    struct diff_line **out, size_t *n, size_t *added, size_t *removed);

#endif
