// The first login of the first administrator: one-time password, the
// forced password change (a common password refused in Japanese), the
// setup, and the dashboard at Step 1 with three next actions that work.
import {
	visit, pathOf, login, submitPassword, alertText, flashText, fillProfile,
	PROFILE, COMMON_PASSWORD, STRONG_PASSWORD,
} from './lib.mjs';

export const name = 'first login: one-time password, forced change, setup, dashboard at Step 1';

export default async function (t) {
	const srv = await t.server();
	t.must(/^\S{8,}$/.test(srv.adminPassword), 'serve prints a one-time password for admin@mamori.local', srv.log);
	const browser = await t.browser();
	const page = await browser.newPage();

	// nobody logged in: the dashboard leads to the login page
	await visit(page, srv.orgUrl('/'));
	t.equal(pathOf(page), '/login', 'the dashboard without a session redirects to /login');
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'ログイン', 'the login page is in Japanese');
	t.equal(await page.locator('html').getAttribute('lang'), 'ja', '<html lang="ja">');

	// a wrong password: refused, in Japanese, the e-mail kept
	await login(page, srv, srv.adminEmail, 'this is not the password');
	t.equal(pathOf(page), '/login', 'a wrong password stays on the login page');
	t.match(await alertText(page), /メールアドレスまたはパスワードが正しくありません/, 'a wrong password gives a Japanese message');
	t.clean('wrong password');

	// the one-time password: forced to change it
	await login(page, srv, srv.adminEmail, srv.adminPassword);
	t.must(pathOf(page) === '/account/password', 'the one-time password leads to /account/password', page.url());
	t.match(await page.locator('main').innerText(), /一時パスワードでログインしました/, 'the page says the one-time password must be changed');
	await visit(page, srv.orgUrl('/'));
	t.equal(pathOf(page), '/account/password', 'the dashboard is not reachable before the change');
	await visit(page, srv.orgUrl('/pledges'));
	t.equal(pathOf(page), '/account/password', '… nor the 5か条');

	// a common password: refused with a Japanese message
	await submitPassword(page, srv.adminPassword, COMMON_PASSWORD);
	t.equal(pathOf(page), '/account/password', 'a common password is refused');
	const weak = await alertText(page);
	t.match(weak, /[\u3040-\u30ff\u4e00-\u9fff]/, 'the refusal is in Japanese', weak);
	t.match(weak, /よく使われて|推測されやすい/, 'the refusal says why (common, guessable)');
	// a short one, past the browser's own minlength check: the server refuses it too
	await page.locator('input[minlength]').evaluateAll((els) => els.forEach((e) => e.removeAttribute('minlength')));
	await submitPassword(page, srv.adminPassword, 'みじかい');
	t.match(await alertText(page), /12 文字以上/, 'a short password is refused by the server, in Japanese');
	// confirmation that does not match
	await submitPassword(page, srv.adminPassword, STRONG_PASSWORD, STRONG_PASSWORD + 'x');
	t.match(await alertText(page), /一致しません/, 'a confirmation that differs is refused in Japanese');
	t.clean('refused passwords');

	// a strong password: accepted, then the setup
	await submitPassword(page, srv.adminPassword, STRONG_PASSWORD);
	t.must(pathOf(page) === `/o/${srv.slug}/setup`, 'after the change the owner meets the setup page', `${page.url()} ${await alertText(page)}`);
	t.match(await flashText(page), /パスワードを変更しました/, 'a flash says the password was changed');
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'はじめの設定', 'the setup page has its title');
	t.equal(await page.getByLabel('組織名', { exact: true }).inputValue(), srv.orgName, 'the setup starts from the organisation name given to init');

	await fillProfile(page, { ...PROFILE, address: undefined }); // the setup asks no address
	await page.getByRole('button', { name: '登録してダッシュボードへ' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === `/o/${srv.slug}/`, 'the setup leads to the dashboard', `${page.url()} ${await alertText(page)}`);
	t.match(await flashText(page), /組織の情報を登録しました/, 'a flash confirms the setup');
	t.match(await page.locator('header').innerText(), new RegExp(PROFILE.name), 'the header shows the organisation');

	// the dashboard: Step 1 and three next actions
	const step = page.getByRole('region', { name: '現在のステップ' });
	t.match(await step.locator('.step-now').innerText(), /^Step 1\b/, 'the dashboard shows Step 1 as the current step');
	const actions = step.getByRole('listitem');
	t.equal(await actions.count(), 3, 'three next actions are shown');
	const links = await step.getByRole('link').evaluateAll((as) => as.map((a) => ({ text: a.textContent.trim(), href: a.href })));
	t.equal(links.length, 3, 'each next action is a link');
	t.ok(links.every((l) => l.text.length > 0), 'each next action has a label', JSON.stringify(links));
	// the profile is complete, so the first actions are 5か条 and the 自社診断
	t.ok(links.some((l) => /5か条/.test(l.text)), 'one action leads to the 5か条', JSON.stringify(links));
	t.ok(links.some((l) => /自社診断/.test(l.text)), 'one action leads to the 自社診断', JSON.stringify(links));
	t.clean('setup and dashboard');

	for (const [i, l] of links.entries()) {
		await visit(page, srv.orgUrl('/'));
		await page.getByRole('region', { name: '現在のステップ' }).getByRole('link').nth(i).click();
		await page.waitForLoadState('load');
		const status = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.responseStatus ?? 0);
		const h1 = await page.getByRole('heading', { level: 1 }).first().innerText().catch(() => '');
		t.ok(status === 200 && !/エラー/.test(h1), `the next action "${l.text}" opens a page`,
			`GET ${new URL(l.href).pathname} → ${status} "${h1}"`);
	}
	t.clean('next actions');

	// the API agrees
	const api = await page.request.get(srv.abs('/api/dashboard'), { headers: { Accept: 'application/json' } });
	if (t.equal(api.status(), 200, 'GET /api/dashboard answers with the session')) {
		const d = await api.json();
		t.equal(d.step, 1, '/api/dashboard: step 1');
		t.equal(d.security_action && d.security_action.star1_ready, false, '/api/dashboard: ★ not ready yet');
		t.equal(d.latest_diagnosis, null, '/api/dashboard: no diagnosis yet');
	}
}
