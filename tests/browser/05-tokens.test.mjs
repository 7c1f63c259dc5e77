// Personal API tokens: made in the user menu, shown once, usable as
// Authorization: Bearer, and revoked.
import { adminReady, visit, pathOf, flashText } from './lib.mjs';

export const name = 'API tokens: created and shown once, work as Bearer, revoked';

async function apiStatus(srv, token) {
	const r = await fetch(srv.abs(`/api/dashboard?org=${srv.slug}`), {
		headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
		redirect: 'manual',
	});
	return r.status;
}

export default async function (t) {
	const { srv, page } = await adminReady(t);

	// through the user menu
	const menu = page.locator('header details.menu');
	await menu.locator('summary').click();
	await menu.getByRole('link', { name: 'API トークン' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === '/account/tokens', 'the user menu leads to the tokens', page.url());
	t.match(await page.locator('main').innerText(), /トークンはまだありません/, 'an empty list says so');

	await page.getByLabel('名前', { exact: true }).fill('集計スクリプト');
	await page.getByRole('button', { name: 'トークンを作成する' }).click();
	await page.waitForLoadState('load');
	const notice = page.getByRole('status').filter({ hasText: 'トークンを作成しました' });
	t.must(await notice.count() === 1, 'creating a token shows it');
	t.match(await notice.innerText(), /二度と表示されません/, 'the notice says it is shown once');
	const token = (await notice.locator('code').innerText()).trim();
	t.must(token.length >= 20, 'the token is shown in full', token);
	t.match(await page.locator('main table').innerText(), /集計スクリプト/, 'the token is listed by name');
	t.clean('creating a token');

	t.equal(await apiStatus(srv, token), 200, 'the token works as Authorization: Bearer on /api/dashboard');
	t.equal(await apiStatus(srv, token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')), 401, 'a changed token is refused');

	await visit(page, srv.abs('/account/tokens'));
	t.ok(!(await page.content()).includes(token), 'the token is not shown again');
	const row = page.locator('main table tbody tr', { hasText: '集計スクリプト' });
	t.must(await row.count() === 1, 'one row for the token');
	t.ok(!/^\s*$/.test(await row.locator('td').nth(3).innerText()), 'the list shows when it was last used');

	await row.getByRole('button', { name: '失効させる' }).click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), '/account/tokens', 'revoking returns to the tokens');
	t.match(await flashText(page), /失効させました/, 'a flash confirms the revocation');
	t.match(await page.locator('main table tbody tr', { hasText: '集計スクリプト' }).innerText(), /失効済み/, 'the token is listed as revoked');
	t.equal(await page.locator('main table tbody tr', { hasText: '集計スクリプト' }).getByRole('button').count(), 0, 'a revoked token has no button any more');
	t.equal(await apiStatus(srv, token), 401, 'a revoked token is refused');
	t.clean('revoking');
}
