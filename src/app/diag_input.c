/* diag_input.c — parse the 自社診断 answers from CSV or JSON. */
#include "app/diag_input.h"

#include <csv.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "app/input.h"
#include "util/buf.h"
#include "util/text.h"

#define MAX_PROBLEMS 8
#define MAX_FIELD 4096

struct parse {
	const struct diag_model *m;
	struct diag_input *out;
	struct buf problems;
	int nproblems;
	bool seen[DIAG_MAX_ITEMS];
	/* CSV state */
	long row;
	int field;
	char no[32];
	char answer[256];
	char *note;
	bool field_too_long;
};

static void problem(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
problem(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	p->nproblems++;
	if (p->nproblems > MAX_PROBLEMS)
		return;
	if (p->problems.len > 0)
		buf_putc(&p->problems, '\n');
	va_start(ap, fmt);
	buf_vprintf(&p->problems, fmt, ap);
	va_end(ap);
}

/* record item NO_S = ANSWER_S (+ NOTE) found at WHERE */
static void
take(struct parse *p, const char *where, const char *no_s, const char *answer_s,
    const char *note)
{
	const struct diag_model *m = p->m;
	enum diag_answer a;
	long no;
	char buf[DIAG_NOTE_MAX + 1];
	struct err e;

	if (!text_parse_long(no_s, &no) || no < 1 || (size_t)no > m->nitems) {
		problem(p, "%s: 項目番号 \"%s\" は 1〜%zu の数字ではありません", where,
		    no_s, m->nitems);
		return;
	}
	if (p->seen[no - 1]) {
		problem(p, "%s: 項目 %ld の回答が重複しています", where, no);
		return;
	}
	p->seen[no - 1] = true;
	a = diag_answer_parse(m, answer_s);
	if (a == DIAG_UNANSWERED) {
		problem(p, "%s: 項目 %ld の回答 \"%s\" が読めません (実施している / 一部実施している"
		    " / 実施していない / わからない / 該当なし、yes / partial / no / unknown / na、"
		    "または 4 / 2 / 0 / -1)", where, no, answer_s);
		return;
	}
	if (!diag_answer_allowed(m, (int)no, a)) {
		problem(p, "%s: 項目 %ld は「該当なし」にできません", where, no);
		return;
	}
	p->out->sheet.answers[no - 1] = a;
	if (note != NULL && *note != '\0') {
		if (input_text("err.field.memo", note, false, DIAG_NOTE_MAX / 3, buf, sizeof(buf),
		    &e) != MM_OK) {
			problem(p, "%s: 項目 %ld: %s", where, no, e.msg);
			return;
		}
		if (buf[0] != '\0' && (p->out->notes.notes[no - 1] = strdup(buf)) == NULL)
			problem(p, "メモリが足りません");
	}
}

static void
csv_field(void *s, size_t len, void *ctx)
{
	struct parse *p = ctx;
	char *dst = NULL;
	size_t cap = 0;

	if (p->field == 0) {
		dst = p->no;
		cap = sizeof(p->no);
	} else if (p->field == 1) {
		dst = p->answer;
		cap = sizeof(p->answer);
	} else if (p->field == 2) {
		free(p->note);
		p->note = NULL;
		if (len > MAX_FIELD) {
			p->field_too_long = true;
		} else if ((p->note = malloc(len + 1)) != NULL) {
			memcpy(p->note, s ? s : "", len);
			p->note[len] = '\0';
		}
	}
	if (dst != NULL) {
		if (len >= cap) {
			p->field_too_long = true;
			len = cap - 1;
		}
		memcpy(dst, s ? s : "", len);
		dst[len] = '\0';
	}
	p->field++;
}

static void
csv_row(int c, void *ctx)
{
	struct parse *p = ctx;
	char where[32], *no, *answer;
	long dummy;

	(void)c;
	p->row++;
	snprintf(where, sizeof(where), "%ld 行目", p->row);
	no = text_trim(p->no);
	answer = text_trim(p->answer);
	if (p->field == 1 && *no == '\0') {
		/* a blank line */
	} else if (p->field_too_long) {
		problem(p, "%s: 値が長すぎます", where);
	} else if (p->field > 3) {
		problem(p, "%s: 列が多すぎます (番号,回答[,メモ] の形です)", where);
	} else if (p->row == 1 && !text_parse_long(no, &dummy)) {
		/* a header line such as "no,answer,note" or "番号,回答,メモ" */
	} else if (p->field < 2) {
		problem(p, "%s: 回答がありません (番号,回答[,メモ] の形です)", where);
	} else {
		take(p, where, no, answer, p->field == 3 ? p->note : NULL);
	}
	free(p->note);
	p->note = NULL;
	p->field = 0;
	p->no[0] = p->answer[0] = '\0';
	p->field_too_long = false;
}

static void
parse_csv(struct parse *p, const char *data, size_t len)
{
	struct csv_parser cp;

	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		problem(p, "メモリが足りません");
		return;
	}
	if (csv_parse(&cp, data, len, csv_field, csv_row, p) != len ||
	    csv_fini(&cp, csv_field, csv_row, p) != 0)
		problem(p, "%ld 行目付近: CSV として読めません (%s)", p->row + 1,
		    csv_strerror(csv_error(&cp)));
	csv_free(&cp);
	free(p->note);
	p->note = NULL;
}

static void
parse_json(struct parse *p, const char *data, size_t len)
{
	json_error_t je;
	json_t *root, *answers, *notes, *v, *resp;
	const char *key;
	char where[64], num[32];
	struct err e;

	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		problem(p, "%d 行目: JSON として読めません (%s)", je.line, je.text);
		return;
	}
	answers = json_object_get(root, "answers");
	notes = json_object_get(root, "notes");
	resp = json_object_get(root, "respondent");
	if (!json_is_object(root) || !json_is_object(answers)) {
		problem(p, "JSON には {\"answers\": {\"1\": \"yes\", …}} の形で回答を書いてください");
		goto done;
	}
	if (notes != NULL && !json_is_object(notes))
		problem(p, "JSON の \"notes\" は {\"番号\": \"メモ\"} の形です");
	if (resp != NULL && (!json_is_string(resp) ||
	    input_text("err.field.respondent_json", json_string_value(resp), false, 80,
	    p->out->respondent, sizeof(p->out->respondent), &e) != MM_OK))
		problem(p, "JSON の \"respondent\": %s",
		    json_is_string(resp) ? e.msg : "文字列で書いてください");
	json_object_foreach(answers, key, v) {
		const char *note = json_string_value(json_object_get(notes, key));
		snprintf(where, sizeof(where), "answers の \"%.20s\"", key);
		if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
			take(p, where, key, num, note);
		} else if (json_is_string(v)) {
			take(p, where, key, json_string_value(v), note);
		} else {
			problem(p, "%s: 回答は文字列か点数で書いてください", where);
		}
	}
	if (json_is_object(notes))
		json_object_foreach(notes, key, v)
			if (json_object_get(answers, key) == NULL || !json_is_string(v))
				problem(p, "notes の \"%.20s\": 回答のない項目か、文字列でないメモです",
				    key);
done:
	json_decref(root);
}

void
diag_input_free(struct diag_input *in)
{
	diag_notes_free(&in->notes);
}

enum mm_err
diag_input_parse(const struct diag_model *m, const char *data, size_t len,
    enum diag_input_format fmt, struct diag_input *out, struct err *e)
{
	struct parse p;
	size_t i, missing = 0;
	enum mm_err code = MM_OK;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	p.m = m;
	p.out = out;
	buf_init(&p.problems, 8192);
	if (len > DIAG_INPUT_MAX_BYTES) {
		buf_free(&p.problems);
		return err_set(e, MM_EINVAL, "回答ファイルが大きすぎます (上限 %u バイト)",
		    DIAG_INPUT_MAX_BYTES);
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!text_utf8_valid(data, len)) {
		buf_free(&p.problems);
		return err_set(e, MM_EINVAL,
		    "回答ファイルが UTF-8 ではありません (Excel からは「CSV UTF-8」で保存してください)");
	}
	if (fmt == DIAG_INPUT_AUTO) {
		for (i = 0; i < len && strchr(" \t\r\n", data[i]) != NULL; i++)
			;
		fmt = i < len && data[i] == '{' ? DIAG_INPUT_JSON : DIAG_INPUT_CSV;
	}
	if (fmt == DIAG_INPUT_JSON)
		parse_json(&p, data, len);
	else
		parse_csv(&p, data, len);
	/* missing items matter only when every line was readable */
	for (i = 0; i < m->nitems && (size_t)p.nproblems == missing; i++)
		if (out->sheet.answers[i] == DIAG_UNANSWERED && missing++ < 5)
			problem(&p, "項目 %zu の回答がありません", i + 1);
	if (p.nproblems > MAX_PROBLEMS)
		buf_printf(&p.problems, "\nほか %d 件", p.nproblems - MAX_PROBLEMS);
	if (p.nproblems > 0) {
		code = err_set(e, MM_EINVAL, "回答ファイルに誤りがあります。何も記録していません:\n%s",
		    buf_cstr(&p.problems));
		diag_input_free(out);
		memset(out, 0, sizeof(*out));
	}
	buf_free(&p.problems);
	return code;
}
