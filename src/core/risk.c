/* risk.c — the risk rules of 付録7. See risk.h. */
#include "core/risk.h"

#include <string.h>

bool
risk_level_valid(int v)
{
	return v >= 1 && v <= 3;
}

int
risk_importance(const struct risk_model *m, int c, int i, int a)
{
	int max = c;

	if (!risk_level_valid(c) || !risk_level_valid(i) || !risk_level_valid(a))
		return 0;
	if (i > max)
		max = i;
	if (a > max)
		max = a;
	return m->importance[max];
}

int
risk_likelihood(const struct risk_model *m, int t, int v)
{
	if (!risk_level_valid(t) || !risk_level_valid(v))
		return 0;
	return m->likelihood[t][v];
}

const struct risk_band *
risk_band_for(const struct risk_model *m, int value)
{
	size_t k;

	for (k = 0; k < m->nbands; k++)
		if (value >= m->bands[k].min && value <= m->bands[k].max)
			return &m->bands[k];
	return NULL;
}

int
risk_vulnerability(const struct risk_medium *medium, const struct diag_sheet *sheet)
{
	size_t k, done = 0, part = 0;

	if (sheet == NULL || medium->nitems == 0)
		return 3;
	for (k = 0; k < medium->nitems; k++) {
		enum diag_answer a = sheet->answers[medium->items[k] - 1];
		if (a == DIAG_YES || a == DIAG_NA)
			done++;
		else if (a == DIAG_PARTIAL)
			part++;
	}
	if (done == medium->nitems)
		return 1;
	if (done == 0 && part == 0)
		return 3;
	return 2;
}

const struct risk_medium *
risk_medium_find(const struct risk_model *m, const char *id)
{
	size_t k;

	for (k = 0; id != NULL && k < m->nmedia; k++)
		if (strcmp(m->media[k].id, id) == 0)
			return &m->media[k];
	return NULL;
}

const struct risk_treatment_kind *
risk_treatment_find(const struct risk_model *m, const char *id)
{
	size_t k;

	for (k = 0; id != NULL && k < m->ntreatments; k++)
		if (strcmp(m->treatments[k].id, id) == 0)
			return &m->treatments[k];
	return NULL;
}

int
risk_compute(const struct risk_model *m, const struct risk_input *in,
    struct risk_result *out)
{
	memset(out, 0, sizeof(*out));
	if (in->medium == NULL ||
	    (in->threat_override && !risk_level_valid(in->threat_override)) ||
	    (in->vulnerability_override && !risk_level_valid(in->vulnerability_override)) ||
	    (in->threat_rating && !risk_level_valid(in->threat_rating)))
		return -1;
	out->importance = risk_importance(m, in->c, in->i, in->a);
	if (out->importance == 0)
		return -1;
	if (in->threat_override) {
		out->threat = in->threat_override;
		out->threat_source = RISK_SRC_OVERRIDE;
	} else if (in->threat_rating) {
		out->threat = in->threat_rating;
		out->threat_source = RISK_SRC_RATED;
	} else {
		out->threat = in->medium->default_threat;
		out->threat_source = RISK_SRC_DEFAULT;
	}
	if (in->vulnerability_override) {
		out->vulnerability = in->vulnerability_override;
		out->vulnerability_source = RISK_SRC_OVERRIDE;
	} else {
		out->vulnerability = risk_vulnerability(in->medium, in->diagnosis);
		out->vulnerability_source = in->diagnosis ? RISK_SRC_RATED : RISK_SRC_DEFAULT;
	}
	out->likelihood = risk_likelihood(m, out->threat, out->vulnerability);
	out->value = out->importance * out->likelihood;
	out->band = risk_band_for(m, out->value);
	return out->likelihood == 0 || out->band == NULL ? -1 : 0;
}

const char *
risk_source_id(enum risk_source s)
{
	switch (s) {
	case RISK_SRC_DEFAULT: return "default";
	case RISK_SRC_RATED: return "rated";
	case RISK_SRC_OVERRIDE: return "override";
	}
	return "default";
}
