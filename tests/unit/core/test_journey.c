/* test_journey.c — the Step 1→4 journey (core/journey.h): the boundary of
 * each step, the percentages, SECURITY ACTION readiness (★ from the
 * pledge; ★★ only from a diagnosis AND a policy both established and
 * published — never from a URL alone), the next actions in their order
 * and their limit of 3, checked one case at a time and then exhaustively
 * against a model written from the header over small fact combinations;
 * and the stable names of the actions. */
#include "support/mm_test.h"

#include "core/journey.h"

/* facts of an organisation that has done nothing yet */
static struct journey_facts
nothing(void)
{
	struct journey_facts f;

	memset(&f, 0, sizeof(f));
	f.pledges_total = 5;
	return f;
}

/* facts of an organisation that has done everything of Steps 1 and 2 */
static struct journey_facts
steps12(void)
{
	struct journey_facts f = nothing();

	f.pledges_done = 5;
	f.pledged = true;
	f.diagnoses_completed = 1;
	f.policy_established = true;
	f.policy_published = true;
	f.handbook_published = true;
	f.profile_complete = true;
	f.declaration_recorded = true;
	return f;
}

static struct journey
derive(const struct journey_facts *f)
{
	struct journey j;

	memset(&j, 0xA5, sizeof(j)); /* journey_derive must set everything */
	journey_derive(f, &j);
	return j;
}

static void
assert_next(const struct journey *j, const enum journey_action *want, size_t n)
{
	size_t i;

	if (j->nnext != n) {
		print_error("nnext %zu, expected %zu\n", j->nnext, n);
		for (i = 0; i < j->nnext && i < JOURNEY_NEXT; i++)
			print_error("  next[%zu] = %s\n", i, journey_action_id(j->next[i]));
		fail();
	}
	for (i = 0; i < n; i++)
		if (j->next[i] != want[i]) {
			print_error("next[%zu] = %s, expected %s\n", i,
			    journey_action_id(j->next[i]), journey_action_id(want[i]));
			fail();
		}
}

/* ---- Step 1 ------------------------------------------------------- */

static void
test_nothing_done(void **state)
{
	struct journey_facts f = nothing();
	struct journey j = derive(&f);
	static const enum journey_action want[] = { JA_PROFILE, JA_PLEDGE_MEASURES, JA_PLEDGE };
	int s;

	(void)state;
	assert_int_equal(j.step, 1);
	assert_int_equal(j.done[0], 0);
	assert_int_equal(j.total[0], 6); /* five principles and the pledge */
	assert_int_equal(j.done[1], 0);
	assert_int_equal(j.total[1], 4);
	for (s = 0; s < JOURNEY_STEPS; s++)
		assert_int_equal(j.percent[s], 0);
	assert_false(j.star1_ready);
	assert_false(j.star2_ready);
	assert_next(&j, want, 3);
}

/* each principle done counts; the step is not done until all five are
 * done AND pledged */
static void
test_step1_boundaries(void **state)
{
	static const int pct[7] = { 0, 16, 33, 50, 66, 83, 100 };
	struct journey_facts f = nothing();
	struct journey j;
	int k;

	(void)state;
	f.profile_complete = true;
	for (k = 0; k <= 5; k++) {
		f.pledges_done = k;
		f.pledged = false;
		j = derive(&f);
		assert_int_equal(j.step, 1);
		assert_int_equal(j.done[0], k);
		assert_int_equal(j.percent[0], pct[k]);
		assert_false(j.star1_ready);
		f.pledged = true;
		j = derive(&f);
		assert_int_equal(j.done[0], k + 1);
		assert_int_equal(j.percent[0], pct[k + 1]);
		assert_true(j.star1_ready);
		/* 4 of 5 principles and the pledge: still Step 1 */
		assert_int_equal(j.step, k == 5 ? 2 : 1);
	}
}

/* a pledge alone is ★ ready: it is a self-declaration */
static void
test_star1_is_the_pledge(void **state)
{
	struct journey_facts f = nothing();
	struct journey j;

	(void)state;
	f.pledged = true;
	j = derive(&f);
	assert_true(j.star1_ready);
	assert_false(j.star2_ready);
	assert_int_equal(j.step, 1);
	f = steps12();
	f.pledged = false;
	j = derive(&f);
	assert_false(j.star1_ready);
	assert_int_equal(j.step, 1);
	/* everything else but the pledge: ★★ facts do not give ★ */
	assert_true(j.star2_ready);
}

/* ---- Step 2 ------------------------------------------------------- */

static void
test_step2_boundaries(void **state)
{
	struct journey_facts f = nothing();
	struct journey j;

	(void)state;
	f.pledges_done = 5;
	f.pledged = true;
	j = derive(&f);
	assert_int_equal(j.step, 2);
	assert_int_equal(j.percent[0], 100);
	assert_int_equal(j.done[1], 0);
	f.diagnoses_completed = 1;
	j = derive(&f);
	assert_int_equal(j.done[1], 1);
	assert_int_equal(j.percent[1], 25);
	f.policy_established = true;
	j = derive(&f);
	assert_int_equal(j.done[1], 2);
	assert_int_equal(j.percent[1], 50);
	f.policy_published = true;
	j = derive(&f);
	assert_int_equal(j.done[1], 3);
	assert_int_equal(j.percent[1], 75);
	assert_int_equal(j.step, 2);
	f.handbook_published = true;
	j = derive(&f);
	assert_int_equal(j.done[1], 4);
	assert_int_equal(j.percent[1], 100);
	assert_int_equal(j.step, 3);
	/* several diagnoses count once */
	f.diagnoses_completed = 7;
	j = derive(&f);
	assert_int_equal(j.done[1], 4);
	/* Step 2 done but Step 1 not: the current step is still 1 */
	f.pledged = false;
	j = derive(&f);
	assert_int_equal(j.step, 1);
	assert_int_equal(j.percent[1], 100);
}

/* a published URL without an established policy is neither a Step 2
 * fact nor ★★ */
static void
test_policy_url_alone(void **state)
{
	struct journey_facts f = steps12();
	struct journey j;

	(void)state;
	f.policy_established = false;
	f.policy_published = true;
	j = derive(&f);
	assert_false(j.star2_ready);
	assert_int_equal(j.done[1], 2); /* diagnosis, handbook */
	assert_int_equal(j.step, 2);
	/* established but not published: one fact, still no ★★ */
	f.policy_established = true;
	f.policy_published = false;
	j = derive(&f);
	assert_false(j.star2_ready);
	assert_int_equal(j.done[1], 3);
	/* both, but no diagnosis: no ★★ */
	f.policy_published = true;
	f.diagnoses_completed = 0;
	j = derive(&f);
	assert_false(j.star2_ready);
	f.diagnoses_completed = 1;
	j = derive(&f);
	assert_true(j.star2_ready);
	/* ★★ does not need the handbook, the pledge or the profile */
	f.handbook_published = false;
	f.pledged = false;
	f.pledges_done = 0;
	f.profile_complete = false;
	j = derive(&f);
	assert_true(j.star2_ready);
	assert_false(j.star1_ready);
}

/* ---- Steps 3 and 4 ------------------------------------------------ */

static void
test_steps34_boundaries(void **state)
{
	struct journey_facts f = steps12();
	struct journey j;

	(void)state;
	/* later capabilities not there yet: Step 3 (total 0) is not done */
	j = derive(&f);
	assert_int_equal(j.step, 3);
	assert_int_equal(j.total[2], 0);
	assert_int_equal(j.percent[2], 0);
	assert_int_equal(j.percent[3], 0);
	f.step3_total = 5;
	f.step3_done = 4;
	j = derive(&f);
	assert_int_equal(j.step, 3);
	assert_int_equal(j.percent[2], 80);
	f.step3_done = 5;
	j = derive(&f);
	assert_int_equal(j.step, 4);
	assert_int_equal(j.percent[2], 100);
	f.step4_total = 8;
	f.step4_done = 7;
	j = derive(&f);
	assert_int_equal(j.step, 4);
	assert_int_equal(j.percent[3], 87);
	/* everything done: the journey stays at Step 4 (改善を続けましょう) */
	f.step4_done = 8;
	j = derive(&f);
	assert_int_equal(j.step, 4);
	assert_int_equal(j.percent[3], 100);
	/* more done than there is: 100, never more */
	f.step4_done = 9;
	j = derive(&f);
	assert_int_equal(j.percent[3], 100);
	/* Step 4 done but not Step 3: Step 3 */
	f.step3_done = 2;
	j = derive(&f);
	assert_int_equal(j.step, 3);
	assert_int_equal(j.percent[2], 40);
}

/* ---- next actions ------------------------------------------------- */

static void
test_next_order(void **state)
{
	struct journey_facts f = nothing();
	struct journey j;

	(void)state;
	/* profile given: measures, pledge, diagnose */
	f.profile_complete = true;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_PLEDGE_MEASURES, JA_PLEDGE, JA_DIAGNOSE };
		assert_next(&j, w, 3);
	}
	/* Step 1 done, no declaration recorded yet */
	f.pledges_done = 5;
	f.pledged = true;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_DIAGNOSE, JA_POLICY, JA_HANDBOOK };
		assert_next(&j, w, 3);
	}
	/* diagnosed with わからない and weak items */
	f.diagnoses_completed = 1;
	f.unknown_items = 2;
	f.weak_items = 3;
	f.weakest_item = 7;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_CHECK_UNKNOWN, JA_IMPROVE, JA_POLICY };
		assert_next(&j, w, 3);
	}
	/* no わからない, nothing weak */
	f.unknown_items = 0;
	f.weak_items = 0;
	f.weakest_item = 0;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_POLICY, JA_HANDBOOK,
		    JA_RECORD_DECLARATION };
		assert_next(&j, w, 3);
	}
	/* policy and handbook done: the declaration, then diagnose again */
	f.policy_established = true;
	f.policy_published = true;
	f.handbook_published = true;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_RECORD_DECLARATION, JA_REDIAGNOSE };
		assert_next(&j, w, 2);
	}
	f.declaration_recorded = true;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_REDIAGNOSE };
		assert_next(&j, w, 1);
	}
	/* a declaration recorded without a pledge is not asked for */
	f.pledged = false;
	f.declaration_recorded = false;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_PLEDGE, JA_REDIAGNOSE };
		assert_next(&j, w, 2);
	}
}

/* facts of a round that are stale (no diagnosis) give no action */
static void
test_next_without_diagnosis(void **state)
{
	struct journey_facts f = steps12();
	struct journey j;

	(void)state;
	f.diagnoses_completed = 0;
	f.unknown_items = 3;
	f.weakest_item = 4;
	f.policy_established = false;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_DIAGNOSE, JA_POLICY };
		assert_next(&j, w, 2);
	}
}

/* ---- exhaustive --------------------------------------------------- */

/* the model: the header's rules, written independently */
static void
model(const struct journey_facts *f, struct journey *m)
{
	enum journey_action all[16];
	size_t n = 0, i;
	bool done[JOURNEY_STEPS];
	int s;

	memset(m, 0, sizeof(*m));
	m->total[0] = f->pledges_total + 1;
	m->done[0] = f->pledges_done + f->pledged;
	m->total[1] = 4;
	m->done[1] = (f->diagnoses_completed > 0) + f->policy_established +
	    (f->policy_established && f->policy_published) + f->handbook_published;
	m->total[2] = f->step3_total;
	m->done[2] = f->step3_done;
	m->total[3] = f->step4_total;
	m->done[3] = f->step4_done;
	done[0] = f->pledges_done >= f->pledges_total && f->pledged;
	done[1] = f->diagnoses_completed > 0 && f->policy_established &&
	    f->policy_published && f->handbook_published;
	done[2] = f->step3_total > 0 && f->step3_done >= f->step3_total;
	done[3] = f->step4_total > 0 && f->step4_done >= f->step4_total;
	m->step = 4;
	for (s = JOURNEY_STEPS - 1; s >= 0; s--)
		if (!done[s])
			m->step = s + 1;
	for (s = 0; s < JOURNEY_STEPS; s++) {
		int d = m->done[s], t = m->total[s];
		m->percent[s] = t <= 0 ? 0 : d >= t ? 100 : (int)((long)d * 100 / t);
	}
	m->star1_ready = f->pledged;
	m->star2_ready = f->diagnoses_completed > 0 && f->policy_established &&
	    f->policy_published;
	if (!f->profile_complete)
		all[n++] = JA_PROFILE;
	if (f->pledges_done < f->pledges_total)
		all[n++] = JA_PLEDGE_MEASURES;
	if (!f->pledged)
		all[n++] = JA_PLEDGE;
	if (f->diagnoses_completed == 0)
		all[n++] = JA_DIAGNOSE;
	else {
		if (f->unknown_items > 0)
			all[n++] = JA_CHECK_UNKNOWN;
		if (f->weakest_item > 0)
			all[n++] = JA_IMPROVE;
	}
	if (!f->policy_established || !f->policy_published)
		all[n++] = JA_POLICY;
	if (!f->handbook_published)
		all[n++] = JA_HANDBOOK;
	if (f->pledged && !f->declaration_recorded)
		all[n++] = JA_RECORD_DECLARATION;
	if (f->diagnoses_completed > 0)
		all[n++] = JA_REDIAGNOSE;
	for (i = 0; i < n && i < JOURNEY_NEXT; i++)
		m->next[i] = all[i];
	m->nnext = i;
}

static void
compare(const struct journey_facts *f, const struct journey *j, const struct journey *m)
{
	size_t i;
	int s;
	bool same = j->step == m->step && j->star1_ready == m->star1_ready &&
	    j->star2_ready == m->star2_ready && j->nnext == m->nnext;

	for (s = 0; s < JOURNEY_STEPS; s++)
		same = same && j->done[s] == m->done[s] && j->total[s] == m->total[s] &&
		    j->percent[s] == m->percent[s] && j->percent[s] >= 0 && j->percent[s] <= 100;
	for (i = 0; same && i < m->nnext; i++)
		same = j->next[i] == m->next[i];
	if (same)
		return;
	print_error("facts: pledges %d/%d pledged %d diag %d unknown %d weak %d weakest %d "
	    "pol %d/%d handbook %d profile %d decl %d s3 %d/%d s4 %d/%d\n",
	    f->pledges_done, f->pledges_total, f->pledged, f->diagnoses_completed,
	    f->unknown_items, f->weak_items, f->weakest_item, f->policy_established,
	    f->policy_published, f->handbook_published, f->profile_complete,
	    f->declaration_recorded, f->step3_done, f->step3_total, f->step4_done,
	    f->step4_total);
	print_error("got step %d stars %d/%d nnext %zu; expected step %d stars %d/%d nnext %zu\n",
	    j->step, j->star1_ready, j->star2_ready, j->nnext, m->step, m->star1_ready,
	    m->star2_ready, m->nnext);
	for (s = 0; s < JOURNEY_STEPS; s++)
		print_error("  step %d: got %d/%d %d%%, expected %d/%d %d%%\n", s + 1, j->done[s],
		    j->total[s], j->percent[s], m->done[s], m->total[s], m->percent[s]);
	for (i = 0; i < JOURNEY_NEXT; i++)
		print_error("  next[%zu]: got %s, expected %s\n", i,
		    i < j->nnext ? journey_action_id(j->next[i]) : "-",
		    i < m->nnext ? journey_action_id(m->next[i]) : "-");
	fail();
}

static void
test_exhaustive(void **state)
{
	static const int s34[][2] = { { 0, 0 }, { 0, 2 }, { 1, 2 }, { 2, 2 } };
	struct journey_facts f;
	struct journey j, m;
	unsigned bits, k3, k4;
	int pd, dg, un, wk, cases = 0;

	(void)state;
	for (pd = 0; pd <= 5; pd++)
	for (dg = 0; dg <= 2; dg++)
	for (un = 0; un <= 1; un++)
	for (wk = 0; wk <= 1; wk++)
	for (bits = 0; bits < 64; bits++)
	for (k3 = 0; k3 < 4; k3++)
	for (k4 = 0; k4 < 4; k4++) {
		memset(&f, 0, sizeof(f));
		f.pledges_total = 5;
		f.pledges_done = pd;
		f.diagnoses_completed = dg;
		f.unknown_items = un * 3;
		f.weak_items = wk * 5;
		f.weakest_item = wk ? 12 : 0;
		f.pledged = bits & 1;
		f.policy_established = bits & 2;
		f.policy_published = bits & 4;
		f.handbook_published = bits & 8;
		f.profile_complete = bits & 16;
		f.declaration_recorded = bits & 32;
		f.step3_done = s34[k3][0];
		f.step3_total = s34[k3][1];
		f.step4_done = s34[k4][0];
		f.step4_total = s34[k4][1];
		journey_derive(&f, &j);
		model(&f, &m);
		compare(&f, &j, &m);
		/* invariants that do not depend on the model */
		assert_true(j.step >= 1 && j.step <= JOURNEY_STEPS);
		assert_true(j.nnext <= JOURNEY_NEXT);
		assert_int_equal(j.star1_ready, f.pledged);
		if (j.star2_ready)
			assert_true(dg > 0 && f.policy_established && f.policy_published);
		cases++;
	}
	assert_int_equal(cases, 6 * 3 * 2 * 2 * 64 * 4 * 4);
}

/* the same facts always give the same journey, and nothing else is read */
static void
test_pure(void **state)
{
	struct journey_facts f = steps12();
	struct journey a, b;

	(void)state;
	f.unknown_items = 1;
	memset(&a, 0x00, sizeof(a));
	memset(&b, 0xFF, sizeof(b));
	journey_derive(&f, &a);
	journey_derive(&f, &b);
	assert_int_equal(a.step, b.step);
	assert_int_equal(a.nnext, b.nnext);
	assert_memory_equal(a.next, b.next, a.nnext * sizeof(a.next[0]));
	assert_memory_equal(a.percent, b.percent, sizeof(a.percent));
	assert_memory_equal(a.done, b.done, sizeof(a.done));
	assert_memory_equal(a.total, b.total, sizeof(a.total));
}

/* ---- the risk analysis (情報資産管理台帳) ---------------------------- */

/* Step 3 counts the analysis (an asset, every medium in use rated) and,
 * once it is done, "every 大 risk has a treatment" */
static void
test_risk_facts_step3(void **state)
{
	struct journey_facts f = steps12();
	struct journey j;

	(void)state;
	f.step3_total = 5;
	f.step3_done = 1;
	j = derive(&f);
	assert_false(journey_risk_analysed(&f));
	assert_int_equal(j.done[2], 1);
	/* assets, but a medium in use is not rated */
	f.assets = 12;
	f.media_unrated = 2;
	j = derive(&f);
	assert_false(journey_risk_analysed(&f));
	assert_int_equal(j.done[2], 1);
	/* rated with 大 risks left without a treatment: the analysis only */
	f.media_unrated = 0;
	f.high_risks_untreated = 3;
	j = derive(&f);
	assert_true(journey_risk_analysed(&f));
	assert_int_equal(j.done[2], 2);
	assert_int_equal(j.percent[2], 40);
	/* every 大 risk decided: both */
	f.high_risks_untreated = 0;
	j = derive(&f);
	assert_int_equal(j.done[2], 3);
	assert_int_equal(j.total[2], 5);
	assert_int_equal(j.step, 3);
	/* with the other Step 3 facts done, Step 3 is complete */
	f.step3_done = 3;
	j = derive(&f);
	assert_int_equal(j.done[2], 5);
	assert_int_equal(j.percent[2], 100);
	assert_int_equal(j.step, 4);
	/* no asset: no decision counts either, even with nothing untreated */
	f.assets = 0;
	j = derive(&f);
	assert_int_equal(j.done[2], 3);
	assert_int_equal(j.step, 3);
}

/* 大 risks without a treatment: the action comes right after the
 * profile, before everything else, and only while there are some */
static void
test_risk_next_action(void **state)
{
	struct journey_facts f = nothing();
	struct journey j;

	(void)state;
	f.assets = 4;
	f.high_risks_untreated = 1;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_PROFILE, JA_TREAT_RISKS,
		    JA_PLEDGE_MEASURES };
		assert_next(&j, w, 3);
	}
	f.profile_complete = true;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_TREAT_RISKS, JA_PLEDGE_MEASURES,
		    JA_PLEDGE };
		assert_next(&j, w, 3);
	}
	/* also while a medium is still unrated (the risk is computed with
	 * the default) */
	f.media_unrated = 1;
	j = derive(&f);
	assert_int_equal(j.next[0], JA_TREAT_RISKS);
	/* everything else done: the only action besides diagnosing again */
	f = steps12();
	f.assets = 30;
	f.high_risks_untreated = 7;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_TREAT_RISKS, JA_REDIAGNOSE };
		assert_next(&j, w, 2);
	}
	f.high_risks_untreated = 0;
	j = derive(&f);
	{
		static const enum journey_action w[] = { JA_REDIAGNOSE };
		assert_next(&j, w, 1);
	}
	assert_string_equal(journey_action_id(JA_TREAT_RISKS), "treat_risks");
}

/* over small combinations: the asset facts add to Step 3 and the action
 * appears exactly when there are gaps, without changing anything else */
static void
test_risk_facts_exhaustive(void **state)
{
	struct journey_facts f, g;
	struct journey j, k;
	unsigned bits;
	int assets, unrated, gaps, base;
	size_t i, n;

	(void)state;
	for (bits = 0; bits < 64; bits++)
	for (assets = 0; assets <= 2; assets++)
	for (unrated = 0; unrated <= 1; unrated++)
	for (gaps = 0; gaps <= 2; gaps++)
	for (base = 0; base <= 2; base++) {
		memset(&f, 0, sizeof(f));
		f.pledges_total = 5;
		f.pledges_done = bits & 1 ? 5 : 2;
		f.pledged = bits & 2;
		f.diagnoses_completed = bits & 4 ? 1 : 0;
		f.policy_established = f.policy_published = bits & 8;
		f.handbook_published = bits & 16;
		f.profile_complete = bits & 32;
		f.step3_total = 5;
		f.step3_done = base;
		g = f; /* the same without asset facts */
		f.assets = assets;
		f.media_unrated = unrated;
		f.high_risks_untreated = gaps;
		journey_derive(&f, &j);
		journey_derive(&g, &k);
		{
			bool analysed = assets > 0 && unrated == 0;
			assert_int_equal(journey_risk_analysed(&f), analysed);
			assert_int_equal(j.done[2], base + analysed + (analysed && gaps == 0));
			assert_int_equal(j.total[2], 5);
		}
		for (i = 0; i < 2; i++)
			assert_int_equal(j.done[i], k.done[i]);
		assert_int_equal(j.star1_ready, k.star1_ready);
		assert_int_equal(j.star2_ready, k.star2_ready);
		/* the actions: those without asset facts, with treat_risks put
		 * after the profile when there are gaps, cut at JOURNEY_NEXT */
		{
			enum journey_action want[JOURNEY_NEXT + 1];
			size_t w = 0;
			for (i = 0; i < k.nnext && k.next[i] == JA_PROFILE; i++)
				want[w++] = JA_PROFILE;
			if (gaps > 0)
				want[w++] = JA_TREAT_RISKS;
			for (; i < k.nnext && w < JOURNEY_NEXT; i++)
				want[w++] = k.next[i];
			n = w > JOURNEY_NEXT ? JOURNEY_NEXT : w;
			assert_next(&j, want, n);
		}
	}
}

/* ---- action names ------------------------------------------------- */

static void
test_action_ids(void **state)
{
	static const char *const want[JA_COUNT] = {
		"", "profile", "pledge_measures", "pledge", "diagnose", "check_unknown",
		"improve", "policy", "handbook", "record_declaration", "rediagnose",
		"treat_risks"
	};
	int a, b;

	(void)state;
	for (a = 0; a < JA_COUNT; a++)
		assert_string_equal(journey_action_id((enum journey_action)a), want[a]);
	/* out of range: "", never a crash */
	assert_string_equal(journey_action_id(JA_COUNT), "");
	assert_string_equal(journey_action_id((enum journey_action)(JA_COUNT + 100)), "");
	assert_string_equal(journey_action_id((enum journey_action)-1), "");
	/* distinct, and usable as ids (lower case, digits, _) */
	for (a = 1; a < JA_COUNT; a++) {
		const char *s = journey_action_id((enum journey_action)a);
		assert_true(*s != '\0');
		for (; *s; s++)
			assert_true((*s >= 'a' && *s <= 'z') || *s == '_');
		for (b = a + 1; b < JA_COUNT; b++)
			assert_string_not_equal(journey_action_id((enum journey_action)a),
			    journey_action_id((enum journey_action)b));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_done),
		cmocka_unit_test(test_step1_boundaries),
		cmocka_unit_test(test_star1_is_the_pledge),
		cmocka_unit_test(test_step2_boundaries),
		cmocka_unit_test(test_policy_url_alone),
		cmocka_unit_test(test_steps34_boundaries),
		cmocka_unit_test(test_next_order),
		cmocka_unit_test(test_next_without_diagnosis),
		cmocka_unit_test(test_exhaustive),
		cmocka_unit_test(test_pure),
		cmocka_unit_test(test_action_ids),
		cmocka_unit_test(test_risk_facts_step3),
		cmocka_unit_test(test_risk_next_action),
		cmocka_unit_test(test_risk_facts_exhaustive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
