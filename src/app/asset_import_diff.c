/* asset_import_diff.c — what an import changes in an asset, for the
 * dry-run report: one message per column that changes, "備考: 旧 → 新"
 * (err.import.change), shown in the reader's language. See
 * asset_io_int.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/asset_io_int.h"
#include "util/array.h"

#define SHOWN_CHARS 24 /* of a text shown in a change */

bool
asset_io_treatment_differs(const struct asset *b, const struct asset *a)
{
	if (b->has_treatment != a->has_treatment)
		return true;
	return a->has_treatment && (strcmp(b->t_kind, a->t_kind) != 0 ||
	    strcmp(b->t_measure, a->t_measure) != 0 || strcmp(b->t_owner, a->t_owner) != 0 ||
	    strcmp(b->t_due, a->t_due) != 0);
}

void
asset_io_changes_clear(struct asset_io_changes *d)
{
	size_t k;

	for (k = 0; k < d->n; k++)
		err_msg_free(d->v[k]);
	d->n = 0;
	d->failed = false;
}

void
asset_io_changes_free(struct asset_io_changes *d)
{
	asset_io_changes_clear(d);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* one value shown in a change: a message KEY ("自動"), else a text (cut
 * to SHOWN_CHARS) or a label in both languages (EN non-NULL); an empty
 * text is shown as "(空欄)" */
struct shown {
	const char *key;
	const char *text;
	const char *en;
};

static struct shown
text(const char *s)
{
	struct shown v = { NULL, s, NULL };
	return v;
}

static struct shown
label(const struct ltext *l, const char *id)
{
	struct shown v = { NULL, l ? l->ja : id, l ? l->en : NULL };
	return v;
}

static struct shown
number(int n, bool zero_auto, char *buf, size_t bufsz)
{
	struct shown v = { NULL, buf, NULL };

	if (n == 0 && zero_auto)
		v.key = "err.import.auto";
	snprintf(buf, bufsz, "%d", n);
	return v;
}

/* a flag: ○ or empty */
static struct shown
flag(bool on)
{
	return text(on ? "○" : "");
}

static const struct ltext *
medium(const struct risk_model *m, const char *id)
{
	const struct risk_medium *md = risk_medium_find(m, id);

	return md ? &md->label : NULL;
}

static struct shown
kind(const struct risk_model *m, const struct asset *as)
{
	const struct risk_treatment_kind *k;

	if (!as->has_treatment)
		return text("");
	k = risk_treatment_find(m, as->t_kind);
	return label(k ? &k->label : NULL, as->t_kind);
}

static void
add_value(struct err *m, const char *name, struct shown v)
{
	char cut[128];

	if (v.key != NULL)
		err_addf(m, name, v.key, NULL);
	else if (v.text[0] == '\0')
		err_addf(m, name, "err.import.blank", NULL);
	else if (v.en != NULL)
		err_addf(m, name, "err.import.text", "{~text}%s%s", v.text, v.en);
	else {
		asset_io_shorten(v.text, SHOWN_CHARS, cut, sizeof(cut));
		err_addf(m, name, "err.import.text", "{text}%s", cut);
	}
}

/* add the change of the column named by message key COL from OLD to NEW
 * to D, built in M */
static void
change(struct asset_io_changes *d, struct err *m, const char *col, struct shown old,
    struct shown new)
{
	if (d->failed)
		return;
	err_key(m, MM_OK, "err.import.change");
	err_addf(m, "column", col, NULL);
	add_value(m, "old", old);
	add_value(m, "new", new);
	if (!array_room(&d->v, &d->alloc, d->n, sizeof(*d->v), 8)) {
		d->failed = true;
		return;
	}
	if ((d->v[d->n] = err_msg_save(m)) == NULL)
		d->failed = true;
	else
		d->n++;
}

static void
say(struct asset_io_changes *d, struct err *m, const char *col, struct shown old,
    struct shown new)
{
	if (strcmp(old.text, new.text) != 0)
		change(d, m, col, old, new);
}

static void
say_int(struct asset_io_changes *d, struct err *m, const char *col, int old, int new,
    bool zero_auto)
{
	char o[16], n[16];

	if (old != new)
		change(d, m, col, number(old, zero_auto, o, sizeof(o)),
		    number(new, zero_auto, n, sizeof(n)));
}

void
asset_io_describe(const struct risk_model *m, const struct asset *b,
    const struct asset *a, struct asset_io_changes *d)
{
	struct err *e = malloc(sizeof(*e)); /* some 7 kB: not on the stack */

	asset_io_changes_clear(d);
	if (e == NULL) {
		d->failed = true;
		return;
	}
#define L(col) asset_io_cols[col].label
	say(d, e, L(ACOL_CATEGORY), text(b->business_category), text(a->business_category));
	say(d, e, L(ACOL_NAME), text(b->name), text(a->name));
	say(d, e, L(ACOL_NOTE), text(b->note), text(a->note));
	say(d, e, L(ACOL_USERS), text(b->users_scope), text(a->users_scope));
	say(d, e, L(ACOL_DEPARTMENT), text(b->department), text(a->department));
	say(d, e, L(ACOL_MEDIUM), label(medium(m, b->medium), b->medium),
	    label(medium(m, a->medium), a->medium));
	say(d, e, L(ACOL_PERSONAL), flag(b->personal), flag(a->personal));
	say(d, e, L(ACOL_SENSITIVE), flag(b->sensitive), flag(a->sensitive));
	say(d, e, L(ACOL_MY_NUMBER), flag(b->my_number), flag(a->my_number));
	say_int(d, e, L(ACOL_C), b->c, a->c, false);
	say_int(d, e, L(ACOL_I), b->i, a->i, false);
	say_int(d, e, L(ACOL_A), b->a, a->a, false);
	say(d, e, L(ACOL_RETENTION), text(b->retention), text(a->retention));
	say(d, e, L(ACOL_REGISTERED), text(b->registered_on), text(a->registered_on));
	say_int(d, e, "err.import.threat_override", b->threat_override, a->threat_override,
	    true);
	say_int(d, e, "err.import.vulnerability_override", b->vulnerability_override,
	    a->vulnerability_override, true);
	if (asset_io_treatment_differs(b, a)) {
		say(d, e, L(ACOL_T_KIND), kind(m, b), kind(m, a));
		say(d, e, L(ACOL_T_MEASURE), text(b->has_treatment ? b->t_measure : ""),
		    text(a->has_treatment ? a->t_measure : ""));
		say(d, e, L(ACOL_T_OWNER), text(b->has_treatment ? b->t_owner : ""),
		    text(a->has_treatment ? a->t_owner : ""));
		say(d, e, L(ACOL_T_DUE), text(b->has_treatment ? b->t_due : ""),
		    text(a->has_treatment ? a->t_due : ""));
	}
#undef L
	free(e);
}
