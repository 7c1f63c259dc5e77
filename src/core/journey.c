/* journey.c — the Step 1→4 journey, derived from facts. */
#include "core/journey.h"

#include <string.h>

static const char *const action_ids[JA_COUNT] = {
	"", "profile", "pledge_measures", "pledge", "diagnose", "check_unknown",
	"improve", "policy", "handbook", "record_declaration", "rediagnose", "treat_risks"
};

const char *
journey_action_id(enum journey_action a)
{
	if ((int)a < 0 || a >= JA_COUNT)
		return "";
	return action_ids[a];
}

static int
percent(int done, int total)
{
	if (total <= 0)
		return 0;
	if (done >= total)
		return 100;
	return done * 100 / total;
}

static void
add(struct journey *j, enum journey_action a)
{
	if (j->nnext < JOURNEY_NEXT)
		j->next[j->nnext++] = a;
}

bool
journey_risk_analysed(const struct journey_facts *f)
{
	return f->assets > 0 && f->media_unrated == 0;
}

void
journey_derive(const struct journey_facts *f, struct journey *j)
{
	bool analysed = journey_risk_analysed(f);
	int s;

	memset(j, 0, sizeof(*j));
	/* Step 1: each principle done, and the pledge */
	j->total[0] = f->pledges_total + 1;
	j->done[0] = f->pledges_done + (f->pledged ? 1 : 0);
	/* Step 2: diagnosis, policy established, policy published, handbook */
	j->total[1] = 4;
	j->done[1] = (f->diagnoses_completed > 0) + f->policy_established +
	    (f->policy_established && f->policy_published) + f->handbook_published;
	j->total[2] = f->step3_total;
	j->done[2] = f->step3_done + analysed + (analysed && f->high_risks_untreated == 0);
	j->total[3] = f->step4_total;
	j->done[3] = f->step4_done;
	for (s = 0; s < JOURNEY_STEPS; s++)
		j->percent[s] = percent(j->done[s], j->total[s]);
	j->step = JOURNEY_STEPS;
	for (s = 0; s < JOURNEY_STEPS; s++)
		if (j->total[s] == 0 || j->done[s] < j->total[s]) {
			j->step = s + 1;
			break;
		}
	j->star1_ready = f->pledged;
	j->star2_ready = f->diagnoses_completed > 0 && f->policy_established &&
	    f->policy_published;

	/* the next actions, most basic first */
	if (!f->profile_complete)
		add(j, JA_PROFILE);
	if (f->high_risks_untreated > 0)
		add(j, JA_TREAT_RISKS);
	if (f->pledges_done < f->pledges_total)
		add(j, JA_PLEDGE_MEASURES);
	if (!f->pledged)
		add(j, JA_PLEDGE);
	if (f->diagnoses_completed == 0)
		add(j, JA_DIAGNOSE);
	if (f->diagnoses_completed > 0 && f->unknown_items > 0)
		add(j, JA_CHECK_UNKNOWN);
	if (f->diagnoses_completed > 0 && f->weakest_item > 0)
		add(j, JA_IMPROVE);
	if (!(f->policy_established && f->policy_published))
		add(j, JA_POLICY);
	if (!f->handbook_published)
		add(j, JA_HANDBOOK);
	if (j->star1_ready && !f->declaration_recorded)
		add(j, JA_RECORD_DECLARATION);
	if (f->diagnoses_completed > 0)
		add(j, JA_REDIAGNOSE);
}
