// 5か条: mark each principle done with a note, pledge, and see ★ ready on
// the dashboard; the printable sheet names the organisation.
import { adminReady, visit, pathOf, flashText, PROFILE } from './lib.mjs';

export const name = '5か条: all five done and pledged → ★ ready; the pledge sheet';

export default async function (t) {
	const { srv, page } = await adminReady(t);

	await visit(page, srv.orgUrl('/'));
	const sa = page.getByRole('region', { name: 'SECURITY ACTION の準備状況' });
	t.match(await sa.getByRole('listitem').first().innerText(), /まだです/, 'before: ★ is not ready');
	t.match(await sa.innerText(), /認証や認定ではありません/, 'SECURITY ACTION is never worded as a certification');

	await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '5か条' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === `/o/${srv.slug}/pledges`, 'the navigation leads to the 5か条', page.url());
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), '情報セキュリティ5か条', 'the 5か条 page has its title');
	const cards = page.locator('section.pledge');
	t.must(await cards.count() === 5, 'five principles are listed', `${await cards.count()}`);
	t.equal(await page.locator('main .score .total').first().innerText(), '0', 'none is done yet');

	for (let i = 0; i < 5; i++) {
		const card = page.locator('section.pledge').nth(i);
		const id = await card.getAttribute('id');
		t.ok((await card.getByRole('listitem').count()) > 0, `principle ${i + 1} lists example measures`);
		await card.getByRole('radio', { name: '実施済み' }).check();
		await card.getByLabel(/メモ/).fill(`担当: 総務部 ${i + 1}`);
		await card.getByRole('button', { name: '保存する' }).click();
		await page.waitForLoadState('load');
		t.equal(pathOf(page), `/o/${srv.slug}/pledges`, `principle ${i + 1}: saving returns to the 5か条`);
		t.match(await flashText(page), /保存しました/, `principle ${i + 1}: a flash confirms`);
		const saved = page.locator(`section.pledge#${id}`);
		t.equal(await saved.locator('p.status strong').innerText(), '実施済み', `principle ${i + 1}: the status is 実施済み`);
		t.ok(await saved.getByRole('radio', { name: '実施済み' }).isChecked(), `principle ${i + 1}: the radio button stays checked`);
		t.equal(await saved.getByLabel(/メモ/).inputValue(), `担当: 総務部 ${i + 1}`, `principle ${i + 1}: the note is kept`);
	}
	t.equal(await page.locator('main .score .total').first().innerText(), '5', 'five of five are done');
	t.clean('marking the five principles');

	// pledge
	const decl = page.locator('section#declaration');
	await decl.getByRole('button', { name: '5か条に取り組むことを宣言する' }).click();
	await page.waitForLoadState('load');
	t.match(await flashText(page), /宣言しました/, 'a flash confirms the pledge');
	t.match(await page.locator('section#declaration').innerText(), /宣言済み/, 'the 5か条 page shows 宣言済み');
	t.equal(await page.locator('section#declaration').getByRole('button', { name: '宣言を取り下げる' }).count(), 1,
		'the pledge can be withdrawn');

	// the dashboard: ★ ready, 5 / 5, pledged
	await visit(page, srv.orgUrl('/'));
	const star1 = page.getByRole('region', { name: 'SECURITY ACTION の準備状況' }).getByRole('listitem').first();
	t.match(await star1.innerText(), /★ 一つ星[\s\S]*宣言の準備ができています/, 'the dashboard shows ★ ready');
	t.equal(await star1.getAttribute('class'), 'ok', '… marked as done');
	const star2 = page.getByRole('region', { name: 'SECURITY ACTION の準備状況' }).getByRole('listitem').nth(1);
	t.match(await star2.innerText(), /まだです/, '★★ is not ready (no diagnosis, no policy)');
	const pl = page.getByRole('region', { name: '情報セキュリティ5か条' });
	t.match(await pl.innerText(), /5\s*\/\s*5/, 'the dashboard shows 5 / 5 principles');
	t.match(await pl.innerText(), /宣言済み/, 'the dashboard shows the pledge');
	const actions = await page.getByRole('region', { name: '現在のステップ' }).getByRole('link').allInnerTexts();
	t.ok(!actions.some((a) => /5か条/.test(a)), 'the 5か条 are no longer among the next actions', JSON.stringify(actions));
	const api = await (await page.request.get(srv.abs('/api/dashboard'), { headers: { Accept: 'application/json' } })).json();
	t.equal(api.security_action && api.security_action.star1_ready, true, '/api/dashboard: star1_ready');

	// the sheet
	await visit(page, srv.orgUrl('/pledges'));
	await page.getByRole('link', { name: '宣言シートを印刷する' }).click();
	await page.waitForLoadState('load');
	t.equal(pathOf(page), `/o/${srv.slug}/pledges/sheet`, 'the sheet link opens the sheet');
	const sheet = await page.locator('main').innerText();
	t.match(sheet, /情報セキュリティ5か条 宣言/, 'the sheet has its heading');
	t.equal(await page.locator('.sheet-org').innerText(), PROFILE.name, 'the sheet shows the organisation name');
	t.match(sheet, new RegExp(`${PROFILE.representativeTitle}\\s+${PROFILE.representative}`), 'the sheet shows the representative and title');
	t.match(sheet, /宣言日: \d{4}-\d{2}-\d{2}/, 'the sheet shows the date of the pledge');
	t.equal(await page.locator('.sheet-list > li').count(), 5, 'the sheet lists five principles');
	t.clean('pledge and sheet');
}
