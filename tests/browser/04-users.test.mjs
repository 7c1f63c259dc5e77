// Users: an administrator invites a member (the one-time password shown
// once); the member logs in in another browser context, must change the
// password, sees the dashboard but not /users (403 in Japanese). Then a
// role change and disabling the account.
import { adminReady, visit, pathOf, flashText, alertText, login, submitPassword } from './lib.mjs';

export const name = 'users: invite a member (one-time password once), member login, 403 on /users, role, disable';

const MEMBER = { email: 'suzuki@example.co.jp', name: '鈴木 一郎', password: '夏の夜空に花火がひらく 鈴木の合言葉' };

export default async function (t) {
	const { srv, browser, page } = await adminReady(t);

	await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '利用者' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === `/o/${srv.slug}/users`, 'the navigation leads to the users', page.url());
	t.match(await page.locator('main table').innerText(), /admin@mamori\.local/, 'the administrator is listed');

	const invite = page.locator('section', { has: page.getByRole('heading', { name: '利用者を招待する' }) });
	await invite.getByLabel('メールアドレス').fill(MEMBER.email);
	await invite.getByLabel('氏名').fill(MEMBER.name);
	await invite.getByLabel('役割').selectOption('member');
	await invite.getByRole('button', { name: '招待する' }).click();
	await page.waitForLoadState('load');
	const shown = page.getByRole('status').filter({ hasText: '一時パスワード' });
	t.must(await shown.count() === 1, 'the invitation shows a one-time password', `${await alertText(page)}`);
	t.match(await shown.innerText(), new RegExp(MEMBER.email.replace(/\./g, '\\.')), 'the notice names the invited e-mail');
	t.match(await shown.innerText(), /一度だけ表示されます/, 'the notice says it is shown only once');
	const otp = (await shown.locator('code').innerText()).trim();
	t.must(/^\S{8,}$/.test(otp), 'the one-time password is shown in full', otp);
	const row = page.locator('main table tr', { hasText: MEMBER.email });
	t.match(await row.innerText(), /鈴木 一郎[\s\S]*従業員 \(member\)/, 'the member is listed with name and role');

	// shown once: not on the next visit of the page
	await visit(page, srv.orgUrl('/users'));
	t.ok(!(await page.content()).includes(otp), 'the one-time password is not shown again');
	t.equal(await page.getByRole('status').filter({ hasText: '一時パスワード' }).count(), 0, 'no one-time password notice on a later visit');
	t.clean('invitation');

	// the member, in another context
	const ctx2 = await browser.newContext();
	const mp = await ctx2.newPage();
	await login(mp, srv, MEMBER.email, otp);
	t.must(pathOf(mp) === '/account/password', 'the member is forced to change the one-time password', mp.url());
	await submitPassword(mp, otp, MEMBER.password);
	t.must(pathOf(mp) === `/o/${srv.slug}/`, 'after the change a member lands on the dashboard (no setup)', `${mp.url()} ${await alertText(mp)}`);
	t.equal(await mp.getByRole('heading', { level: 1 }).innerText(), 'ダッシュボード', 'the member sees the dashboard');
	t.match(await mp.locator('header details.menu summary').innerText(), /鈴木 一郎/, 'the header shows the member by name');
	const nav = await mp.getByRole('navigation', { name: 'メニュー' }).getByRole('link').allInnerTexts();
	t.ok(!nav.includes('利用者'), 'the member has no 利用者 in the navigation', JSON.stringify(nav));
	t.ok(nav.includes('ダッシュボード') && nav.includes('5か条'), 'the member has the dashboard and 5か条', JSON.stringify(nav));

	const res = await visit(mp, srv.orgUrl('/users'));
	t.equal(res.status(), 403, 'GET /users as a member answers 403');
	t.match(await mp.locator('main').innerText(), /権限がありません/, 'the 403 page explains it in Japanese');
	t.equal(await mp.locator('html').getAttribute('lang'), 'ja', 'the 403 page is a Japanese page');
	t.equal(await mp.getByRole('link', { name: 'ダッシュボードへ戻る' }).count(), 1, 'the 403 page leads back');
	const setup = await visit(mp, srv.orgUrl('/setup'));
	t.equal(setup.status(), 403, 'a member cannot open the setup either');
	// the member may read the 5か条 but not change them
	await visit(mp, srv.orgUrl('/pledges'));
	t.equal(await mp.getByRole('button', { name: '保存する' }).count(), 0, 'a member sees the 5か条 without the forms');
	t.clean('the member');

	// the administrator changes the role to editor
	await visit(page, srv.orgUrl('/users'));
	const mrow = page.locator('main table tr', { hasText: MEMBER.email });
	await mrow.getByRole('combobox', { name: '役割' }).selectOption('editor');
	await mrow.getByRole('button', { name: '変更' }).click();
	await page.waitForLoadState('load');
	t.match(await flashText(page), /保存しました/, 'a role change shows a flash');
	t.match(await page.locator('main table tr', { hasText: MEMBER.email }).innerText(), /担当者 \(editor\)/, 'the new role is listed');
	await visit(mp, srv.orgUrl('/pledges'));
	t.equal(await mp.getByRole('button', { name: '保存する' }).count(), 5, 'as an editor the same person now gets the 5か条 forms');

	// … and disables the account: the session ends
	await page.locator('main table tr', { hasText: MEMBER.email }).getByRole('button', { name: '無効にする' }).click();
	await page.waitForLoadState('load');
	t.match(await page.locator('main table tr', { hasText: MEMBER.email }).innerText(), /無効/, 'the account is listed as disabled');
	await mp.reload();
	t.equal(pathOf(mp), '/login', 'a disabled account is logged out at its next request');
	await login(mp, srv, MEMBER.email, MEMBER.password);
	t.equal(pathOf(mp), '/login', 'a disabled account cannot log in');
	t.clean('role change and disable');
	await ctx2.close();
}
