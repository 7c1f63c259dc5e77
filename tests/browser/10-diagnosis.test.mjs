// The 自社診断 in the browser: start a round, answer part of it, save the
// draft, reload and come back to it, try to complete it too early, answer
// the rest and complete it; the result page shows total, band, meaning,
// next step, part subtotals, the わからない items and advice; the round can
// not be changed any more; the dashboard shows the latest score. Then a
// second round answered step by step, compared with the first.
import { adminReady, visit, pathOf, flashText, alertText } from './lib.mjs';

export const name = '自社診断 in the browser: draft, resume, complete, result, dashboard, step by step, compare';

const LABEL = { yes: '実施している', partial: '一部実施している', no: '実施していない', unknown: 'わからない', na: '該当なし' };
const POINTS = { yes: 4, partial: 2, no: 0, unknown: -1, na: 4 };
// a mix: 2 partial/no/unknown in each part, 該当なし on item 9 (allowed there)
const ANSWERS = [null,
	'yes', 'partial', 'no', 'unknown', 'yes',
	'yes', 'partial', 'yes', 'na', 'no', 'yes', 'yes', 'unknown', 'yes', 'partial', 'yes', 'yes', 'no',
	'yes', 'yes', 'partial', 'yes', 'yes', 'no', 'yes'];
const PARTS = [['基本的対策', 1, 5], ['従業員としての対策', 6, 18], ['組織としての対策', 19, 25]];
const RESPONDENT = '総務部 田中';

const sum = (from, to, ans = ANSWERS) => { let s = 0; for (let i = from; i <= to; i++) s += POINTS[ans[i]]; return s; };

async function answer(page, no, a) {
	await page.locator(`#q-${no}`).getByRole('radio', { name: LABEL[a], exact: true }).check();
}

async function press(page, value) {
	await page.locator(`form#form button[name="action"][value="${value}"]`).click();
	await page.waitForLoadState('load');
}

async function answeredCount(page) {
	return Number((await page.locator('.diag-progress .total').innerText()).trim());
}

export default async function (t) {
	const { srv, page } = await adminReady(t);
	const total = sum(1, 25);

	// from the dashboard to the start page
	const latest = page.getByRole('region', { name: '最新の自社診断' });
	await latest.getByRole('link', { name: '自社診断を始める' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === `/o/${srv.slug}/diagnosis/new`, 'the dashboard leads to the start of a 自社診断', page.url());
	const startForm = page.locator('section', { has: page.getByRole('heading', { name: '画面で回答する' }) });
	await startForm.getByLabel('回答者').fill(RESPONDENT);
	await startForm.getByRole('radio', { name: '個人' }).check();
	await startForm.getByRole('button', { name: '回答を始める' }).click();
	await page.waitForLoadState('load');
	const m = pathOf(page).match(new RegExp(`^/o/${srv.slug}/diagnosis/rounds/(\\d+)/answer$`));
	t.must(m !== null, 'starting leads to the answer page of a new round', `${page.url()} ${await alertText(page)}`);
	const id = m[1];
	const answerUrl = page.url();
	t.match(await flashText(page), /診断を始めました/, 'a flash says the round started');
	t.equal(await page.locator('fieldset.diag-item').count(), 25, 'one screen shows all 25 items');
	t.equal(await page.locator('section.diag-part h2').allInnerTexts().then((h) => h.map((x) => x.split(' (')[0].trim())),
		PARTS.map((p) => p[0]), 'grouped in the three parts');
	const first = page.locator('#q-1');
	t.match(await first.locator('details summary').innerText(), /解説: OS・ソフトウェアの更新/, 'each item has its explanation at hand');
	await first.locator('details summary').click();
	t.ok((await first.locator('details p').innerText()).length > 20, 'the explanation opens');
	t.clean('the start');

	// part of it, a note, and save the draft
	for (let no = 1; no <= 12; no++) await answer(page, no, ANSWERS[no]);
	await page.locator('#q-3').getByLabel('メモ (任意)').fill('共有パソコンのパスワードが短い');
	await press(page, 'save');
	t.equal(page.url().split('#')[0], answerUrl, 'saving the draft stays on the answer page');
	t.match(await flashText(page), /下書きを保存しました/, 'a flash says the draft was saved');
	t.equal(await answeredCount(page), 12, '12 / 25 answered');
	t.clean('saving the draft');

	// reload: the answers are stored
	await page.reload();
	const checked = async () => page.locator('fieldset.diag-item').evaluateAll((fs) =>
		fs.map((f) => (f.querySelector('input[type="radio"]:checked') || {}).value || null));
	t.equal(await checked(), [...ANSWERS.slice(1, 13), ...Array(13).fill(null)], 'after a reload the 12 answers are kept, the rest unanswered');
	t.equal(await page.locator('#q-3').getByLabel('メモ (任意)').inputValue(), '共有パソコンのパスワードが短い', 'the note is kept');

	// away and back: the list shows the draft; starting again with the same respondent resumes it
	await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '自社診断' }).click();
	await page.waitForLoadState('load');
	const row = page.locator('table.diag-rounds tbody tr', { hasText: RESPONDENT });
	t.match(await row.innerText(), /下書き/, 'the list shows the round as a draft');
	await row.getByRole('link', { name: '進み具合を見る' }).click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), `/o/${srv.slug}/diagnosis/rounds/${id}`, 'the draft has a progress page');
	t.match(await page.locator('main').innerText(), /12\s*\/\s*25/, 'the progress page shows 12 / 25');
	await visit(page, srv.orgUrl('/diagnosis/new'));
	await startForm.getByLabel('回答者').fill(RESPONDENT);
	await startForm.getByRole('button', { name: '回答を始める' }).click();
	await page.waitForLoadState('load');
	t.equal(page.url(), answerUrl, 'starting again with the same respondent continues the same draft');
	t.match(await flashText(page), /続きから再開しました/, 'a flash says the draft was resumed');
	t.equal(await answeredCount(page), 12, 'continuing from 12 answered');

	// completing too early: refused, the missing items named, the new answers kept
	for (let no = 13; no <= 20; no++) await answer(page, no, ANSWERS[no]);
	await press(page, 'complete');
	const missing = await alertText(page);
	t.match(missing, /未回答の項目があるため完了できません \(項目 21, 22, 23, 24, 25\)/, 'completing with unanswered items is refused, naming them', missing);
	t.equal(await page.locator('.missing-list li').count(), 5, 'the five missing items are linked');
	t.equal(await answeredCount(page), 20, 'the answers given are saved as the draft');
	t.clean('completing too early');

	// the rest, and complete
	for (let no = 21; no <= 25; no++) await answer(page, no, ANSWERS[no]);
	await press(page, 'complete');
	t.must(pathOf(page) === `/o/${srv.slug}/diagnosis/rounds/${id}`, 'completing leads to the result', `${page.url()} ${await alertText(page)}`);
	t.match(await flashText(page), /診断を完了しました/, 'a flash says the round is complete');
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), `自社診断の結果 #${id}`, 'the result page has its title');
	const summary = page.locator('section.result-summary');
	t.equal(await summary.locator('.total').innerText(), String(total), `the result shows the total ${total}`);
	t.match(await summary.innerText(), /\/ 100 点/, '… out of 100');
	t.match(await summary.locator('.band').innerText(), /対策が不十分/, 'the band of 50–69 points');
	t.match(await summary.innerText(), /十分とはいえない状態/, 'the meaning of the band');
	t.match(await summary.innerText(), /次にやること:\s*点数の低い項目から/, 'the next step for the band');
	const parts = await page.locator('table.parts tbody tr').allInnerTexts();
	t.equal(parts.map((r) => r.replace(/\s+/g, ' ').trim()),
		PARTS.map(([label, a, b]) => `${label} ${sum(a, b)} / ${(b - a + 1) * 4}`), 'the subtotal of each part');
	t.equal(await page.locator('#unknown li').allInnerTexts(), ['4. アクセス制限', '13. 持ち出し時の盗難・紛失対策'], 'the わからない items are listed');
	const weak = ANSWERS.map((a, no) => (a && a !== 'yes' && a !== 'na' ? no : 0)).filter(Boolean);
	t.equal(await page.locator('#advice article.advice').evaluateAll((as) => as.map((a) => Number(a.id.replace('item-', '')))),
		weak, 'advice for every item below full points');
	const adv3 = page.locator('#advice #item-3');
	t.match(await adv3.innerText(), /パスワードの強化[\s\S]*実施していない[\s\S]*\S{20,}/, 'each piece of advice names the item, the answer and says what to do');
	t.match(await page.locator('#answer-3').innerText(), /共有パソコンのパスワードが短い/, 'the note is shown with the answers');
	t.ok(await page.locator('main svg').count() >= 1, 'the result has a radar of the parts');
	t.match(await page.locator('#change').innerText(), /以前の診断はありません/, 'the first round says there is nothing to compare yet');
	t.clean('the result');

	// completed means unchangeable
	await visit(page, answerUrl);
	t.equal(pathOf(page), `/o/${srv.slug}/diagnosis/rounds/${id}`, 'the answer page of a completed round shows its result');
	t.match(await flashText(page), /完了済み/, '… saying it is completed');

	// the dashboard
	await visit(page, srv.orgUrl('/'));
	const card = page.getByRole('region', { name: '最新の自社診断' });
	t.equal(await card.locator('.total').innerText(), String(total), 'the dashboard shows the latest score');
	t.match(await card.innerText(), /対策が不十分[\s\S]*わからない項目 2[\s\S]*改善が必要な項目 10/, 'the dashboard shows band, わからない and weak counts');
	t.equal(await card.getByRole('link', { name: '結果を見る' }).getAttribute('href'), `/o/${srv.slug}/diagnosis/rounds/${id}`, 'the dashboard links to the result');
	t.equal(await page.getByRole('region', { name: '区分別の達成度' }).locator('svg').count(), 1, 'the dashboard shows the radar');
	const api = await (await page.request.get(srv.abs('/api/dashboard'), { headers: { Accept: 'application/json' } })).json();
	t.equal(api.latest_diagnosis && api.latest_diagnosis.total, total, '/api/dashboard: latest_diagnosis.total');
	t.clean('the dashboard');

	// a second round, step by step (the phone way), then the comparison
	const SECOND = ANSWERS.map((a) => (a === null ? null : a === 'no' || a === 'unknown' ? 'partial' : a));
	await visit(page, srv.orgUrl('/diagnosis/new'));
	await startForm.getByLabel('回答者').fill(RESPONDENT);
	await startForm.getByRole('button', { name: '回答を始める' }).click();
	await page.waitForLoadState('load');
	const id2 = (pathOf(page).match(/rounds\/(\d+)\/answer/) || [])[1];
	t.ok(id2 && id2 !== id, 'a completed round is not resumed: a new round starts', page.url());
	await page.getByRole('link', { name: /区分ごとに 1 画面ずつ/ }).click();
	await page.waitForLoadState('load');
	for (const [i, [label, a, b]] of PARTS.entries()) {
		t.equal(await page.locator('fieldset.diag-item').count(), b - a + 1, `step ${i + 1}: only the items of ${label}`);
		for (let no = a; no <= b; no++) await answer(page, no, SECOND[no]);
		if (i < PARTS.length - 1) await press(page, 'next');
	}
	await press(page, 'complete');
	t.must(pathOf(page) === `/o/${srv.slug}/diagnosis/rounds/${id2}`, 'the step-by-step round completes', `${page.url()} ${await alertText(page)}`);
	const total2 = sum(1, 25, SECOND);
	t.equal(await page.locator('section.result-summary .total').innerText(), String(total2), `the second round totals ${total2}`);
	t.match(await page.locator('#change').innerText(), new RegExp(`${total}\\s*点?\\s*→\\D*${total2}`), 'the result shows the change since the previous round');
	await page.locator('#change').getByRole('link', { name: '前回と詳しく比べる' }).click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), `/o/${srv.slug}/diagnosis/compare`, 'the comparison page opens');
	t.match(await page.locator('main').innerText(), new RegExp(`合計点の増減: \\+?${total2 - total}`), 'the comparison shows the difference of the totals');
	t.equal(await page.locator('table.changes tbody tr').count(), 6, 'six items changed');
	await visit(page, srv.orgUrl('/'));
	t.equal(await page.getByRole('region', { name: '最新の自社診断' }).locator('.total').innerText(), String(total2), 'the dashboard shows the newest score');
	t.equal(await page.getByRole('region', { name: '点数の推移' }).locator('svg').count(), 1, 'with two rounds the dashboard shows the trend');
	t.clean('the second round');
}
