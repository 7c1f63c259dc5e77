/* diag_tty.c — the 自社診断 as a questionnaire in the terminal. */
#include "cli/diag_tty.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/diag_service.h"
#include "cli/cli.h"
#include "cli/diag_print.h"
#include "util/text.h"

#define LINE_MAX_BYTES 4096
#define EXIT_INTERRUPTED 130
#define ASK_MORE (-1) /* keep asking */
#define ASK_STOP (-2) /* stop, keeping the draft */

static volatile sig_atomic_t interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* the keys 1..5 in the order of the answer scale */
static const enum diag_answer keys[] = {
	DIAG_YES, DIAG_PARTIAL, DIAG_NO, DIAG_UNKNOWN, DIAG_NA
};

struct session {
	struct app *a;
	const struct org *o;
	const struct diag_model *m;
	int in;             /* read with read(2): a Ctrl-C is never lost */
	char pending[LINE_MAX_BYTES]; /* bytes read past the last line */
	size_t npending;
	FILE *out;
	long long round;
	struct diag_sheet sheet;
	struct diag_notes notes;
};

enum read_result { READ_OK, READ_EOF, READ_INTR };

/* read one line into BUF, trimmed; the wait is in slices so that a
 * Ctrl-C arriving at any moment is seen */
static enum read_result
read_line(struct session *s, const char *prompt, char *buf, size_t size,
    char **line)
{
	struct pollfd pfd = { s->in, POLLIN, 0 };
	char *nl;
	size_t n;
	ssize_t got;

	fputs(prompt, s->out);
	fflush(s->out);
	for (;;) {
		if (interrupted)
			return READ_INTR;
		nl = memchr(s->pending, '\n', s->npending);
		if (nl != NULL || s->npending == sizeof(s->pending)) {
			n = nl ? (size_t)(nl - s->pending) : s->npending;
			if (n >= size)
				n = size - 1;
			memcpy(buf, s->pending, n);
			buf[n] = '\0';
			n = nl ? (size_t)(nl - s->pending) + 1 : s->npending;
			memmove(s->pending, s->pending + n, s->npending - n);
			s->npending -= n;
			*line = text_trim(buf);
			return READ_OK;
		}
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		got = read(s->in, s->pending + s->npending, sizeof(s->pending) - s->npending);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (s->npending == 0)
				return READ_EOF;
			/* a last line without a newline */
			s->pending[s->npending++] = '\n';
			continue;
		}
		s->npending += (size_t)got;
	}
}

static size_t
answered(const struct session *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->m->nitems; i++)
		n += s->sheet.answers[i] != DIAG_UNANSWERED;
	return n;
}

static void
show_item(struct session *s, size_t idx)
{
	const struct diag_item *it = &s->m->items[idx];
	enum diag_answer cur = s->sheet.answers[idx];
	size_t k;

	fprintf(s->out, "\n──── [%s] 項目 %d / %zu (回答済み %zu) ────\n",
	    ltext_get(&s->m->parts[it->part].label, LANG_JA), it->no, s->m->nitems,
	    answered(s));
	fprintf(s->out, "%s\n", ltext_get(&it->question, LANG_JA));
	if (it->explanation.ja[0])
		fprintf(s->out, "  (説明) %s\n", ltext_get(&it->explanation, LANG_JA));
	if (cur != DIAG_UNANSWERED)
		fprintf(s->out, "  現在の回答: %s\n", ltext_get(&s->m->answers[cur].label, LANG_JA));
	if (s->notes.notes[idx] != NULL)
		fprintf(s->out, "  メモ: %s\n", s->notes.notes[idx]);
	fputs(" ", s->out);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		if (keys[k] == DIAG_NA && !it->na_allowed)
			continue;
		fprintf(s->out, " %zu:%s", k + 1, ltext_get(&s->m->answers[keys[k]].label, LANG_JA));
	}
	fputs("\n  b:戻る  s:とばす  m:メモ  g 番号:移動  q:保存して中断\n", s->out);
}

static bool
save(struct session *s, size_t idx, enum diag_answer a, const char *note)
{
	struct err e;
	char *copy = NULL;

	err_clear(&e);
	if (diag_draft_answer(s->a, s->o, s->round, (int)idx + 1, a, note, &e) != MM_OK) {
		fprintf(s->out, "保存できませんでした: %s\n", e.msg);
		return false;
	}
	s->sheet.answers[idx] = a;
	if (note != NULL && *note != '\0' && (copy = strdup(note)) == NULL)
		return false;
	free(s->notes.notes[idx]);
	s->notes.notes[idx] = copy;
	return true;
}

/* returns an exit status, ASK_MORE or ASK_STOP */
static int
finish(struct session *s, size_t *idx)
{
	struct diag_round_view v, prev;
	char buf[LINE_MAX_BYTES], *line;
	struct err e;
	size_t i;
	int first = 0, rc;
	enum read_result r;

	for (i = s->m->nitems; i-- > 0;)
		if (s->sheet.answers[i] == DIAG_UNANSWERED)
			first = (int)i + 1;
	if (first != 0) {
		fputs("\n未回答の項目があります:", s->out);
		for (i = 0; i < s->m->nitems; i++)
			if (s->sheet.answers[i] == DIAG_UNANSWERED)
				fprintf(s->out, " %zu", i + 1);
		fputs("\n最初の未回答の項目に戻ります (q で保存して中断できます)。\n", s->out);
		*idx = (size_t)first - 1;
		return ASK_MORE;
	}
	fprintf(s->out, "\n%zu 項目すべてに回答しました。診断を完了しますか? 完了した診断は変更できません。\n",
	    s->m->nitems);
	r = read_line(s, "y:完了して結果を見る  n:見直す> ", buf, sizeof(buf), &line);
	if (r != READ_OK)
		return r == READ_INTR ? EXIT_INTERRUPTED : ASK_STOP;
	if (line[0] != 'y' && line[0] != 'Y') {
		*idx = 0;
		return ASK_MORE;
	}
	err_clear(&e);
	if (diag_draft_complete(s->a, s->o, s->round, &e) != MM_OK ||
	    diag_round_load(s->a, s->o, s->round, &v, &e) != MM_OK)
		return cli_error(&e);
	rc = diag_round_before(s->a, s->o, &v, &prev, &e);
	fputs("\n", s->out);
	diag_print_round(s->out, s->m, &v, rc == MM_OK ? &prev : NULL);
	if (rc == MM_OK)
		diag_round_view_free(&prev);
	diag_round_view_free(&v);
	return CLI_OK;
}

static int
ask(struct session *s, size_t idx)
{
	char buf[LINE_MAX_BYTES], nbuf[LINE_MAX_BYTES], *line, *note;
	enum read_result r;
	long n;
	int rc;

	for (;;) {
		if (idx >= s->m->nitems) {
			if ((rc = finish(s, &idx)) != ASK_MORE)
				return rc;
			continue;
		}
		show_item(s, idx);
		r = read_line(s, "回答> ", buf, sizeof(buf), &line);
		if (r != READ_OK)
			return r == READ_INTR ? EXIT_INTERRUPTED : ASK_STOP;
		if (line[0] >= '1' && line[0] <= '5' && line[1] == '\0') {
			enum diag_answer a = keys[line[0] - '1'];
			if (!diag_answer_allowed(s->m, (int)idx + 1, a)) {
				fputs("この項目は「該当なし」にできません。\n", s->out);
				continue;
			}
			if (save(s, idx, a, s->notes.notes[idx]))
				idx++;
		} else if (strcmp(line, "b") == 0) {
			if (idx > 0)
				idx--;
		} else if (strcmp(line, "s") == 0 || line[0] == '\0') {
			idx++;
		} else if (strcmp(line, "m") == 0) {
			if (s->sheet.answers[idx] == DIAG_UNANSWERED) {
				fputs("メモは回答を選んでから付けてください。\n", s->out);
				continue;
			}
			r = read_line(s, "メモ (空で削除)> ", nbuf, sizeof(nbuf), &note);
			if (r != READ_OK)
				return r == READ_INTR ? EXIT_INTERRUPTED : ASK_STOP;
			save(s, idx, s->sheet.answers[idx], note);
		} else if (line[0] == 'g' && text_parse_long(text_trim(line + 1), &n) &&
		    n >= 1 && (size_t)n <= s->m->nitems) {
			idx = (size_t)n - 1;
		} else if (strcmp(line, "q") == 0) {
			return ASK_STOP;
		} else {
			fputs("数字 (1〜5) か b / s / m / g 番号 / q で答えてください。\n", s->out);
		}
	}
}

int
diag_tty_run(struct app *a, const struct org *o, const char *respondent,
    const char *kind, int in, FILE *out)
{
	struct session s;
	struct diag_round_row row;
	struct sigaction sa, old;
	struct err e;
	bool resumed;
	size_t idx;
	int rc;

	memset(&s, 0, sizeof(s));
	s.a = a;
	s.o = o;
	s.m = &a->cat->diag;
	s.in = in;
	s.out = out;
	err_clear(&e);
	if (diag_draft_start(a, o, respondent, kind, &row, &resumed, &e) != MM_OK ||
	    diag_answers_load(a->db, row.id, &s.sheet, &s.notes, &e) != MM_OK)
		return cli_error(&e);
	s.round = row.id;
	fprintf(out, "5分でできる！情報セキュリティ自社診断 — %s (回答者: %s)\n", o->name,
	    row.respondent);
	if (resumed)
		fprintf(out, "前回の下書きを再開します (%zu / %zu 項目回答済み)。\n", answered(&s),
		    s.m->nitems);
	else
		fputs("数字で答えてください。答えはその都度保存されます。\n", out);
	for (idx = 0; idx < s.m->nitems && s.sheet.answers[idx] != DIAG_UNANSWERED; idx++)
		;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a read is interrupted */
	interrupted = 0;
	sigaction(SIGINT, &sa, &old);
	rc = ask(&s, idx);
	sigaction(SIGINT, &old, NULL);
	if (rc == ASK_STOP || rc == EXIT_INTERRUPTED) {
		fprintf(out, "\n下書きを保存しました (%zu / %zu 項目回答済み)。"
		    "mamori diagnose で続きから再開できます。\n", answered(&s), s.m->nitems);
		if (rc == ASK_STOP)
			rc = CLI_OK;
	}
	diag_notes_free(&s.notes);
	return rc;
}
