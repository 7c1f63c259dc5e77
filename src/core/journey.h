/* journey.h — the Step 1→4 journey of 実践編, derived from the data (never
 * ticked by hand), the SECURITY ACTION readiness and the next actions.
 *
 * Step 1 (まず始めましょう): the 5か条 carried out and pledged (★).
 * Step 2 (現状を知り改善しましょう): 自社診断 done, 基本方針 established and
 *   published (★★), the handbook made known.
 * Step 3 (本格的に取り組みましょう): the risk analysis of the 情報資産管理台帳
 *   (at least one asset, and the threats of every medium in use rated)
 *   and a decided treatment for every 大 risk; the other facts come with
 *   later capabilities and count as not done until then.
 * Step 4 (改善を続けましょう): facts of later capabilities.
 * The current step is the first one not done. SECURITY ACTION readiness is
 * a self-declaration, never a certification.
 */
#ifndef MM_JOURNEY_H
#define MM_JOURNEY_H

#include <stdbool.h>
#include <stddef.h>

#define JOURNEY_STEPS 4
#define JOURNEY_NEXT 3

struct journey_facts {
	int pledges_total;        /* 5 */
	int pledges_done;         /* principles marked done */
	bool pledged;             /* the 5か条 pledge is made */
	int diagnoses_completed;
	int unknown_items;        /* わからない in the latest round */
	int weak_items;           /* below 実施している in the latest round */
	int weakest_item;         /* an item number to improve first, 0: none */
	bool policy_established;  /* 基本方針 approved (documents) */
	bool policy_published;    /* 基本方針 published (public URL) */
	bool handbook_published;  /* ハンドブック made known (documents) */
	bool profile_complete;    /* industry, employees, representative given */
	bool declaration_recorded; /* the SECURITY ACTION ID is stored */
	/* the 情報資産管理台帳 and its risk analysis (Step 3) */
	int assets;               /* assets in the ledger */
	int media_unrated;        /* media used by an asset, threats not rated */
	int high_risks_untreated; /* 大 risks without a treatment (gaps) */
	/* Step 3 and 4 facts: STEP3_TOTAL counts every Step 3 fact, the two
	 * of the risk analysis included; STEP3_DONE the done ones among the
	 * others (later capabilities) */
	int step3_done, step3_total;
	int step4_done, step4_total;
};

enum journey_action {
	JA_NONE = 0,
	JA_PROFILE,          /* fill in the organisation profile */
	JA_PLEDGE_MEASURES,  /* carry out the 5か条 */
	JA_PLEDGE,           /* make the 5か条 pledge (★) */
	JA_DIAGNOSE,         /* run the first 自社診断 */
	JA_CHECK_UNKNOWN,    /* find out the わからない items */
	JA_IMPROVE,          /* improve the weakest item (weakest_item) */
	JA_POLICY,           /* establish and publish the 基本方針 (★★) */
	JA_HANDBOOK,         /* make the handbook known */
	JA_RECORD_DECLARATION, /* store the SECURITY ACTION declaration */
	JA_REDIAGNOSE,       /* diagnose again to see progress */
	JA_TREAT_RISKS,      /* decide the treatment of the 大 risks */
	JA_COUNT
};

struct journey {
	int step;                       /* 1..4 */
	int done[JOURNEY_STEPS];        /* per step: facts done */
	int total[JOURNEY_STEPS];       /* per step: facts in all */
	int percent[JOURNEY_STEPS];     /* per step: 0..100 */
	bool star1_ready;               /* ★: 5か条 pledged */
	bool star2_ready;               /* ★★: diagnosis + policy established and published */
	enum journey_action next[JOURNEY_NEXT];
	size_t nnext;
};

/* journey_risk_analysed — the risk analysis is done: at least one asset,
 * and every medium in use has its threats rated. */
bool journey_risk_analysed(const struct journey_facts *f);

/* journey_derive — the journey of an organisation with facts F. Pure.
 * Step 3 counts journey_risk_analysed() and "every 大 risk has a
 * treatment" (once the analysis is done) on top of STEP3_DONE. The next
 * actions, most urgent first: the profile, then JA_TREAT_RISKS while a
 * 大 risk has no treatment, then the steps in their order. */
void journey_derive(const struct journey_facts *f, struct journey *j);

/* journey_action_id — a stable name of A ("pledge", …). */
const char *journey_action_id(enum journey_action a);

#endif
