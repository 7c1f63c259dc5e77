// Logout (a POST form in the user menu) ends the session: the back button
// and a reload show the login page, and the old cookie is dead on the
// server too.
import { adminReady, visit, pathOf, flashText, logout, STRONG_PASSWORD } from './lib.mjs';

export const name = 'logout ends the session (back button, reload, old cookie)';

async function statusWithCookie(srv, cookie, p) {
	const r = await fetch(srv.abs(p), { headers: { Cookie: cookie }, redirect: 'manual' });
	return { status: r.status, location: r.headers.get('location') || '' };
}

export default async function (t) {
	const { srv, page } = await adminReady(t);
	const ctx = page.context();

	await visit(page, srv.orgUrl('/pledges'));
	const session = (await ctx.cookies(srv.url)).find((c) => /mamori_session$/.test(c.name));
	t.must(session !== undefined, 'a session cookie is set', JSON.stringify(await ctx.cookies(srv.url)));
	t.ok(session.httpOnly && session.sameSite === 'Lax', 'the session cookie is HttpOnly and SameSite=Lax', JSON.stringify(session));
	const cookie = `${session.name}=${session.value}`;
	t.equal((await statusWithCookie(srv, cookie, `/o/${srv.slug}/`)).status, 200, 'the cookie opens the dashboard before logout');

	await logout(page);
	t.equal(pathOf(page), '/login', 'logout leads to the login page');
	t.match(await flashText(page), /ログアウトしました/, 'a flash confirms the logout');
	const after = (await ctx.cookies(srv.url)).find((c) => /mamori_session$/.test(c.name));
	t.ok(!after || after.value === '', 'the browser no longer holds the session cookie', JSON.stringify(after));
	t.clean('logout');

	await page.goBack();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), '/login', 'the back button shows the login page, not the 5か条');
	t.equal(await page.getByRole('heading', { name: '情報セキュリティ5か条' }).count(), 0, '… and none of the page behind it');
	await page.reload();
	t.equal(pathOf(page), '/login', 'a reload shows the login page');
	await visit(page, srv.orgUrl('/'));
	t.equal(pathOf(page), '/login', 'the dashboard asks for a login');
	t.equal(new URL(page.url()).searchParams.get('next'), `/o/${srv.slug}/`, '… and remembers where to go next');

	// the old cookie was ended on the server, not only forgotten by the browser
	const old = await statusWithCookie(srv, cookie, `/o/${srv.slug}/`);
	t.ok(old.status === 303 && old.location.startsWith('/login'), 'the old session cookie no longer works',
		JSON.stringify(old));

	// logging in again continues where it was asked
	await page.getByLabel('メールアドレス', { exact: true }).fill(srv.adminEmail);
	await page.getByLabel('パスワード', { exact: true }).fill(STRONG_PASSWORD);
	await page.getByRole('button', { name: 'ログイン', exact: true }).click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), `/o/${srv.slug}/`, 'logging in again leads to the page asked for');
	const fresh = (await ctx.cookies(srv.url)).find((c) => /mamori_session$/.test(c.name));
	t.ok(fresh && fresh.value !== session.value, 'a new login gets a new session id');
	t.clean('login again');
}
