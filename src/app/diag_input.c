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
	struct err problems; /* err.diag_input.invalid, the problems as "items" */
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

/* add the problem WHAT found at WHERE (a message naming the line or the
 * member, or NULL) */
static void
problem_err(struct parse *p, const struct err *where, const struct err *what)
{
	struct err one;

	p->nproblems++;
	if (p->nproblems > MAX_PROBLEMS)
		return;
	if (where == NULL) {
		err_add(&p->problems, "items", what);
		return;
	}
	err_key(&one, MM_EINVAL, "err.diag_input.located");
	err_add(&one, "where", where);
	err_add(&one, "what", what);
	err_add(&p->problems, "items", &one);
}

static void problem(struct parse *p, const struct err *where, const char *key,
    const char *params, ...) __attribute__((format(printf, 4, 5)));

/* problem_err of the message KEY with PARAMS (see err_keyf) */
static void
problem(struct parse *p, const struct err *where, const char *key,
    const char *params, ...)
{
	struct err what;
	va_list ap;

	va_start(ap, params);
	err_vkeyf(&what, MM_EINVAL, key, params, ap);
	va_end(ap);
	problem_err(p, where, &what);
}

/* record item NO_S = ANSWER_S (+ NOTE) found at WHERE */
static void
take(struct parse *p, const struct err *where, const char *no_s, const char *answer_s,
    const char *note)
{
	const struct diag_model *m = p->m;
	enum diag_answer a;
	long no;
	char buf[DIAG_NOTE_MAX + 1];
	struct err e;

	if (!text_parse_long(no_s, &no) || no < 1 || (size_t)no > m->nitems) {
		problem(p, where, "err.diag_input.item_number", "{value}%s{max}%zu", no_s,
		    m->nitems);
		return;
	}
	if (p->seen[no - 1]) {
		problem(p, where, "err.diag_input.duplicate", "{no}%ld", no);
		return;
	}
	p->seen[no - 1] = true;
	a = diag_answer_parse(m, answer_s);
	if (a == DIAG_UNANSWERED) {
		problem(p, where, "err.diag_input.answer", "{no}%ld{value}%s", no, answer_s);
		return;
	}
	if (!diag_answer_allowed(m, (int)no, a)) {
		problem(p, where, "err.diag_input.na_not_allowed", "{no}%ld", no);
		return;
	}
	p->out->sheet.answers[no - 1] = a;
	if (note != NULL && *note != '\0') {
		if (input_text("err.field.memo", note, false, DIAG_NOTE_MAX / 3, buf, sizeof(buf),
		    &e) != MM_OK) {
			struct err item;
			err_keyf(&item, MM_EINVAL, "err.diag_input.item_note", "{no}%ld", no);
			err_add(&item, "problem", &e);
			problem_err(p, where, &item);
			return;
		}
		if (buf[0] != '\0' && (p->out->notes.notes[no - 1] = strdup(buf)) == NULL)
			problem(p, NULL, "err.nomem", NULL);
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
	struct err where;
	char *no, *answer;
	long dummy;

	(void)c;
	p->row++;
	err_keyf(&where, MM_EINVAL, "err.diag_input.line", "{line}%ld", p->row);
	no = text_trim(p->no);
	answer = text_trim(p->answer);
	if (p->field == 1 && *no == '\0') {
		/* a blank line */
	} else if (p->field_too_long) {
		problem(p, &where, "err.diag_input.value_too_long", NULL);
	} else if (p->field > 3) {
		problem(p, &where, "err.diag_input.too_many_columns", NULL);
	} else if (p->row == 1 && !text_parse_long(no, &dummy)) {
		/* a header line such as "no,answer,note" or "番号,回答,メモ" */
	} else if (p->field < 2) {
		problem(p, &where, "err.diag_input.no_answer", NULL);
	} else {
		take(p, &where, no, answer, p->field == 3 ? p->note : NULL);
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
		problem(p, NULL, "err.nomem", NULL);
		return;
	}
	if (csv_parse(&cp, data, len, csv_field, csv_row, p) != len ||
	    csv_fini(&cp, csv_field, csv_row, p) != 0)
		problem(p, NULL, "err.diag_input.csv", "{line}%ld{reason}%s", p->row + 1,
		    csv_strerror(csv_error(&cp)));
	csv_free(&cp);
	free(p->note);
	p->note = NULL;
}

/* the problem of the member "respondent": WHAT, or not a string (NULL) */
static void
problem_err_respondent(struct parse *p, const struct err *what)
{
	struct err one;

	err_key(&one, MM_EINVAL, "err.diag_input.respondent");
	if (what != NULL)
		err_add(&one, "problem", what);
	else
		err_addf(&one, "problem", "err.diag_input.not_string", NULL);
	problem_err(p, NULL, &one);
}

static void
parse_json(struct parse *p, const char *data, size_t len)
{
	json_error_t je;
	json_t *root, *answers, *notes, *v, *resp;
	const char *key;
	struct err where;
	char num[32];
	struct err e;

	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		problem(p, NULL, "err.diag_input.json", "{line}%d{reason}%s", je.line, je.text);
		return;
	}
	answers = json_object_get(root, "answers");
	notes = json_object_get(root, "notes");
	resp = json_object_get(root, "respondent");
	if (!json_is_object(root) || !json_is_object(answers)) {
		problem(p, NULL, "err.diag_input.json_form", NULL);
		goto done;
	}
	if (notes != NULL && !json_is_object(notes))
		problem(p, NULL, "err.diag_input.json_notes", NULL);
	if (resp != NULL && (!json_is_string(resp) ||
	    input_text("err.field.respondent_json", json_string_value(resp), false, 80,
	    p->out->respondent, sizeof(p->out->respondent), &e) != MM_OK))
		problem_err_respondent(p, json_is_string(resp) ? &e : NULL);
	json_object_foreach(answers, key, v) {
		const char *note = json_string_value(json_object_get(notes, key));
		err_keyf(&where, MM_EINVAL, "err.diag_input.member", "{key}%.20s", key);
		if (json_is_integer(v)) {
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
			take(p, &where, key, num, note);
		} else if (json_is_string(v)) {
			take(p, &where, key, json_string_value(v), note);
		} else {
			problem(p, &where, "err.diag_input.answer_type", NULL);
		}
	}
	if (json_is_object(notes))
		json_object_foreach(notes, key, v)
			if (json_object_get(answers, key) == NULL || !json_is_string(v))
				problem(p, NULL, "err.diag_input.json_note", "{key}%.20s", key);
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
	if (len > DIAG_INPUT_MAX_BYTES)
		return err_keyf(e, MM_EINVAL, "err.diag_input.too_large", "{max}%u",
		    DIAG_INPUT_MAX_BYTES);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!text_utf8_valid(data, len))
		return err_key(e, MM_EINVAL, "err.diag_input.not_utf8");
	err_key(&p.problems, MM_EINVAL, "err.diag_input.invalid");
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
			problem(&p, NULL, "err.diag.no_answer", "{no}%zu", i + 1);
	if (p.nproblems > 0) {
		if (p.nproblems > MAX_PROBLEMS)
			err_addf(&p.problems, "more", "err.diag_input.more", "{n}%d",
			    p.nproblems - MAX_PROBLEMS);
		else
			err_addf(&p.problems, "more", "err.diag_input.no_more", NULL);
		code = MM_EINVAL;
		if (e != NULL)
			*e = p.problems;
		diag_input_free(out);
		memset(out, 0, sizeof(*out));
	}
	return code;
}
