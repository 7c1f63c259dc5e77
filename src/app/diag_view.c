/* diag_view.c — the 自社診断 results as JSON. */
#include "app/diag_view.h"

#include <string.h>

static json_t *
band_json(const struct diag_band *b, enum lang lang)
{
	return json_pack("{ssssssss}", "id", b->id, "label", ltext_get(&b->label, lang),
	    "meaning", ltext_get(&b->meaning, lang),
	    "next_step", ltext_get(&b->next_step, lang));
}

json_t *
diag_result_json(const struct diag_model *m, const struct diag_sheet *s,
    const struct diag_result *r, enum diag_na_rule rule, enum lang lang)
{
	json_t *o, *parts, *unknown, *weak, *items;
	size_t i;

	o = json_pack("{sisisbsssososososo}", "total", r->total, "max", r->max,
	    "rescaled", r->rescaled, "na_rule", rule == DIAG_NA_EXCLUDE ? "exclude" : "full",
	    "band", band_json(r->band, lang), "parts", parts = json_array(),
	    "unknown", unknown = json_array(), "weak", weak = json_array(),
	    "items", items = json_array());
	if (o == NULL)
		return NULL;
	for (i = 0; i < m->nparts; i++)
		json_array_append_new(parts, json_pack("{sssssisi}", "id", m->parts[i].id,
		    "label", ltext_get(&m->parts[i].label, lang),
		    "score", r->parts[i].score, "max", r->parts[i].max));
	for (i = 0; i < r->nunknown; i++)
		json_array_append_new(unknown, json_integer(r->unknown[i]));
	for (i = 0; i < r->nweak; i++) {
		const struct diag_item *it = &m->items[r->weak[i] - 1];
		enum diag_answer a = s->answers[it->no - 1];
		json_array_append_new(weak, json_pack("{sisssssiss}", "no", it->no,
		    "title", ltext_get(&it->title, lang), "answer", diag_answer_id(a),
		    "points", r->points[it->no - 1],
		    "advice", ltext_get(&it->advice[a], lang)));
	}
	for (i = 0; i < m->nitems; i++) {
		json_t *item = json_pack("{sisssi}", "no", (int)i + 1,
		    "answer", diag_answer_id(s->answers[i]), "points", r->points[i]);
		if (item != NULL && !r->counted[i])
			json_object_set_new(item, "excluded", json_true());
		json_array_append_new(items, item);
	}
	return o;
}

json_t *
diag_round_summary_json(const struct diag_model *m,
    const struct diag_round_row *r, enum lang lang)
{
	json_t *o = json_pack("{sIssssssssss?}", "id", (json_int_t)r->id,
	    "respondent", r->respondent, "respondent_kind", r->respondent_kind,
	    "status", r->completed ? "completed" : "draft",
	    "started_at", r->started_at,
	    "completed_at", r->completed ? r->completed_at : NULL);
	size_t i;

	if (o == NULL || !r->completed)
		return o;
	json_object_set_new(o, "total", json_integer(r->total));
	for (i = 0; i < m->nbands; i++)
		if (strcmp(m->bands[i].id, r->band) == 0)
			json_object_set_new(o, "band", json_pack("{ssss}", "id", r->band,
			    "label", ltext_get(&m->bands[i].label, lang)));
	return o;
}

json_t *
diag_compare_json(const struct diag_model *m, const struct diag_round_view *a,
    const struct diag_round_view *b)
{
	struct diag_change ch[DIAG_MAX_ITEMS];
	json_t *o, *items;
	size_t i;

	diag_compare(m, &a->sheet, &b->sheet, b->row.na_rule, ch);
	o = json_pack("{s{sIsi}s{sIsi}sisoso}",
	    "from", "id", (json_int_t)a->row.id, "total", a->result.total,
	    "to", "id", (json_int_t)b->row.id, "total", b->result.total,
	    "delta", b->result.total - a->result.total,
	    "rescaled", json_boolean(a->result.rescaled || b->result.rescaled),
	    "items", items = json_array());
	if (o == NULL)
		return NULL;
	for (i = 0; i < m->nitems; i++)
		if (ch[i].before != ch[i].after)
			json_array_append_new(items, json_pack("{sisssssi}", "no", ch[i].no,
			    "before", diag_answer_id(ch[i].before),
			    "after", diag_answer_id(ch[i].after), "delta", ch[i].delta));
	return o;
}

json_t *
diag_round_json(const struct diag_model *m, const struct diag_round_view *v,
    const struct diag_round_view *prev, enum lang lang)
{
	json_t *o = diag_round_summary_json(m, &v->row, lang), *answers;
	size_t i;

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "answers", answers = json_array());
	for (i = 0; i < m->nitems; i++) {
		if (v->sheet.answers[i] == DIAG_UNANSWERED)
			continue;
		json_array_append_new(answers, json_pack("{sissss?}", "no", (int)i + 1,
		    "answer", diag_answer_id(v->sheet.answers[i]),
		    "note", v->notes.notes[i]));
	}
	if (v->row.completed) {
		json_object_set_new(o, "result", diag_result_json(m, &v->sheet, &v->result,
		    v->row.na_rule, lang));
		json_object_set_new(o, "change",
		    prev ? diag_compare_json(m, prev, v) : json_null());
	}
	return o;
}

const char *
diag_answer_label(const struct diag_model *m, enum diag_answer a, enum lang lang)
{
	if ((int)a <= DIAG_UNANSWERED || a >= DIAG_ANSWER_KINDS)
		return "";
	return ltext_get(&m->answers[a].label, lang);
}

json_t *
diag_parts_json(const struct diag_model *m, const struct diag_sheet *s,
    const struct diag_notes *notes, const struct diag_result *r, enum lang lang)
{
	json_t *parts = json_array(), *part, *items, *item;
	size_t p, i;

	for (p = 0; parts != NULL && p < m->nparts; p++) {
		int answered = 0, count = 0;
		part = json_pack("{sssssisiso}", "id", m->parts[p].id,
		    "label", ltext_get(&m->parts[p].label, lang), "first", m->parts[p].first,
		    "last", m->parts[p].last, "items", items = json_array());
		if (part == NULL)
			break;
		for (i = 0; i < m->nitems; i++) {
			const struct diag_item *it = &m->items[i];
			enum diag_answer a = s ? s->answers[i] : DIAG_UNANSWERED;
			const char *note = notes ? notes->notes[i] : NULL;
			if (it->part != p)
				continue;
			count++;
			answered += a != DIAG_UNANSWERED;
			item = json_pack("{sisssssssbsoso}", "no", it->no,
			    "title", ltext_get(&it->title, lang),
			    "question", ltext_get(&it->question, lang),
			    "explanation", ltext_get(&it->explanation, lang),
			    "na_allowed", it->na_allowed,
			    "answer", a == DIAG_UNANSWERED ? json_null() : json_string(diag_answer_id(a)),
			    "answer_label", a == DIAG_UNANSWERED ? json_null() :
			    json_string(diag_answer_label(m, a, lang)));
			if (item == NULL)
				continue;
			json_object_set_new(item, "note", note && *note ? json_string(note) : json_null());
			if (r != NULL && a != DIAG_UNANSWERED) {
				json_object_set_new(item, "points", json_integer(r->points[i]));
				if (!r->counted[i])
					json_object_set_new(item, "excluded", json_true());
			}
			json_array_append_new(items, item);
		}
		json_object_set_new(part, "answered", json_integer(answered));
		json_object_set_new(part, "count", json_integer(count));
		json_array_append_new(parts, part);
	}
	return parts;
}
