// The language switch in the header: Japanese by default, English after
// a click (remembered on the next pages), Japanese again after a click.
import { adminReady, visit, pathOf } from './lib.mjs';

export const name = 'language: switch to English and back';

const JA = /[\u3040-\u30ff\u4e00-\u9fff]/;

// the UI text of the page that must be in the language: headings,
// navigation, labels and buttons (not the organisation's own data)
async function uiText(page) {
	return page.evaluate(() => {
		const parts = [];
		for (const el of document.querySelectorAll('h1, h2, h3, nav a, label, button, summary, legend, th')) {
			const clone = el.cloneNode(true);
			clone.querySelectorAll('input, textarea, select, .org-name').forEach((x) => x.remove());
			parts.push(clone.textContent.trim());
		}
		return parts.filter(Boolean);
	});
}

export default async function (t) {
	const { srv, page } = await adminReady(t);
	const org = srv.orgName;

	await visit(page, srv.orgUrl('/'));
	t.equal(await page.locator('html').getAttribute('lang'), 'ja', 'Japanese by default');
	const toEn = page.locator('header').getByRole('link', { name: 'English' });
	t.must(await toEn.count() === 1, 'the header has a link "English"');

	await toEn.click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), `/o/${srv.slug}/`, 'the switch stays on the same page');
	t.equal(await page.locator('html').getAttribute('lang'), 'en', '<html lang="en"> after the switch');
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Dashboard', 'the dashboard title is English');
	const nav = await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allInnerTexts();
	t.ok(nav.includes('Dashboard') && nav.includes('Users'), 'the navigation is English', JSON.stringify(nav));
	let ja = (await uiText(page)).filter((s) => JA.test(s.replace(org, '')) && s !== '日本語');
	t.ok(ja.length === 0, 'no Japanese in the headings, navigation and buttons of the English dashboard', JSON.stringify(ja));
	t.clean('English dashboard');

	// remembered: other pages without ?lang= are English too
	for (const p of ['/pledges', '/profile', '/users', '/diagnosis']) {
		await visit(page, srv.orgUrl(p));
		t.equal(await page.locator('html').getAttribute('lang'), 'en', `${p} stays English`);
		ja = (await uiText(page)).filter((s) => JA.test(s.replace(org, '')) && s !== '日本語');
		t.ok(ja.length === 0, `no Japanese in the UI text of ${p} in English`, JSON.stringify(ja.slice(0, 8)));
	}
	await visit(page, srv.abs('/account/tokens'));
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'API tokens', 'the tokens page is English');
	t.clean('English pages');

	// and back
	await page.locator('header').getByRole('link', { name: '日本語' }).click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), '/account/tokens', 'switching back stays on the same page');
	t.equal(await page.locator('html').getAttribute('lang'), 'ja', '<html lang="ja"> after switching back');
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'API トークン', 'the page is Japanese again');
	await visit(page, srv.orgUrl('/'));
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'ダッシュボード', 'the next page is Japanese too');
	t.equal(await page.locator('header').getByRole('link', { name: 'English' }).count(), 1, 'the header offers English again');
	t.clean('back to Japanese');
}
