// A phone (390×844): no page scrolls sideways — the dashboard (with its
// charts), the 5か条 and the other pages an owner uses.
import { adminReady, visit, horizontalOverflow, recordDiagnosis, login, STRONG_PASSWORD } from './lib.mjs';

export const name = 'phone viewport 390×844: no horizontal overflow';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };

async function noOverflow(t, page, what) {
	const o = await horizontalOverflow(page);
	t.ok(o.scrollWidth <= o.innerWidth, `${what}: scrollWidth ≤ innerWidth on a phone`,
		`scrollWidth ${o.scrollWidth} > innerWidth ${o.innerWidth}; sticking out: ${o.over.join(', ')}`);
}

export default async function (t) {
	const { srv, browser, page } = await adminReady(t, { browserOptions: PHONE });
	t.equal(await page.evaluate(() => window.innerWidth), 390, 'the page is laid out at the width of a phone');

	await visit(page, srv.orgUrl('/'));
	await noOverflow(t, page, 'dashboard (new organisation)');
	await visit(page, srv.orgUrl('/pledges'));
	await noOverflow(t, page, '5か条');

	// a dashboard with charts: two rounds recorded with the CLI
	await recordDiagnosis(srv, { 3: 'no', 4: 'unknown', 7: 'partial', 12: 'no', 20: 'partial' }, { when: '2026-01-15T01:00:00Z' });
	await recordDiagnosis(srv, { 4: 'partial', 12: 'partial' }, { when: '2026-04-15T01:00:00Z' });
	await visit(page, srv.orgUrl('/'));
	t.ok(await page.locator('main svg').count() >= 2, 'the dashboard shows the radar and the trend');
	await noOverflow(t, page, 'dashboard with radar and trend');
	const svgs = await page.locator('main svg').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().right)));
	t.ok(svgs.every((r) => r <= 390), 'the charts fit the screen', JSON.stringify(svgs));

	// the user menu opened
	await page.locator('header details.menu summary').click();
	await noOverflow(t, page, 'dashboard with the user menu open');

	for (const p of ['/pledges/sheet', '/profile', '/users', '/diagnosis', '/diagnosis/new', '/diagnosis/rounds/1',
		'/diagnosis/rounds/2', '/diagnosis/compare?a=1&b=2', '/diagnosis/org', '/diagnosis/mine', '/diagnosis/sheet'])
		await visit(page, srv.orgUrl(p)).then(() => noOverflow(t, page, p));

	// answering on a phone: all at once and step by step
	await visit(page, srv.orgUrl('/diagnosis/new'));
	await page.locator('section', { has: page.getByRole('heading', { name: '画面で回答する' }) })
		.getByRole('button', { name: '回答を始める' }).click();
	await page.waitForLoadState('load');
	if (t.ok(/\/answer$/.test(page.url()), 'a round starts on a phone', page.url())) {
		await noOverflow(t, page, 'the answer page (all items)');
		await page.locator('#q-1 details summary').click();
		await noOverflow(t, page, 'the answer page with an explanation open');
		await page.getByRole('link', { name: /区分ごとに 1 画面ずつ/ }).click();
		await page.waitForLoadState('load');
		await noOverflow(t, page, 'the answer page step by step');
		const choice = await page.locator('#q-1').getByRole('radio').first().boundingBox();
		t.ok(choice && choice.x >= 0 && choice.x + choice.width <= 390, 'the answer choices are on the screen', JSON.stringify(choice));
	}
	await visit(page, srv.abs('/account/tokens'));
	await noOverflow(t, page, '/account/tokens');
	await visit(page, srv.abs('/account/password'));
	await noOverflow(t, page, '/account/password');
	await visit(page, srv.orgUrl('/?lang=en'));
	await noOverflow(t, page, 'dashboard in English');
	await visit(page, srv.orgUrl('/pledges'));
	await noOverflow(t, page, '5か条 in English');
	await visit(page, srv.orgUrl('/?lang=ja'));

	// the login page, logged out
	const other = await browser.newContext(PHONE);
	const lp = await other.newPage();
	await login(lp, srv, srv.adminEmail, STRONG_PASSWORD + ' (wrong)');
	await noOverflow(t, lp, 'login page with an error');
	await other.close();
	t.clean('phone pages');
}
