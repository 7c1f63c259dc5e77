// The organisation profile: an edit shows a flash and persists across a
// reload; the dashboard and header follow it.
import { adminReady, visit, pathOf, flashText, alertText, fillProfile } from './lib.mjs';

export const name = 'profile: an edit persists and shows a flash';

export default async function (t) {
	const { srv, page } = await adminReady(t);

	await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '組織情報' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === `/o/${srv.slug}/profile`, 'the navigation leads to the profile', page.url());
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), '組織情報', 'the profile page has its title');
	t.equal(await page.getByLabel('代表者の氏名', { exact: true }).inputValue(), '山田 太郎', 'the setup values are shown');

	const edit = {
		name: '株式会社サンプル商事',
		industry: 'jsic-i', // I 卸売業，小売業
		employees: '31',
		representative: '佐藤 花子',
		representativeTitle: '代表取締役社長',
		address: '大阪府大阪市北区梅田 1-2-3',
	};
	await fillProfile(page, edit);
	await page.getByLabel('宣言した段階').selectOption('star1');
	await page.getByLabel('自己宣言ID', { exact: true }).fill('123456789012');
	await page.getByLabel('宣言日', { exact: true }).fill('2026-04-01');
	await page.getByLabel('基本方針を公開している URL').fill('https://example.co.jp/security-policy');
	await page.getByRole('button', { name: '保存する' }).click();
	await page.waitForLoadState('load');
	t.must(pathOf(page) === `/o/${srv.slug}/profile`, 'saving returns to the profile', `${page.url()} ${await alertText(page)}`);
	t.match(await flashText(page), /保存しました/, 'a flash confirms the save');
	t.clean('saving the profile');

	// a reload: the values are stored, the flash is gone
	await page.reload();
	t.equal(await flashText(page), '', 'the flash is shown once');
	const got = {
		name: await page.getByLabel('組織名', { exact: true }).inputValue(),
		industry: await page.getByLabel('業種 (日本標準産業分類)').inputValue(),
		employees: await page.getByLabel('従業員数', { exact: true }).inputValue(),
		representative: await page.getByLabel('代表者の氏名', { exact: true }).inputValue(),
		representativeTitle: await page.getByLabel('代表者の役職', { exact: true }).inputValue(),
		address: await page.getByLabel('所在地', { exact: true }).inputValue(),
	};
	t.equal(got, edit, 'every field keeps its new value after a reload');
	t.equal(await page.getByLabel('宣言した段階').inputValue(), 'star1', 'the SECURITY ACTION level is kept');
	t.equal(await page.getByLabel('自己宣言ID', { exact: true }).inputValue(), '123456789012', 'the declaration ID is kept');
	t.equal(await page.getByLabel('宣言日', { exact: true }).inputValue(), '2026-04-01', 'the declaration date is kept');
	t.equal(await page.getByLabel('基本方針を公開している URL').inputValue(), 'https://example.co.jp/security-policy', 'the policy URL is kept');
	t.match(await page.locator('header .org-name').innerText(), /株式会社サンプル商事/, 'the header shows the new name');

	// the dashboard shows the recorded declaration
	await visit(page, srv.orgUrl('/'));
	t.match(await page.getByRole('region', { name: 'SECURITY ACTION の準備状況' }).innerText(),
		/宣言済み: ★ ID 123456789012 2026-04-01/, 'the dashboard shows the recorded declaration');

	// a bad value: refused with a message, nothing changed
	await visit(page, srv.orgUrl('/profile'));
	await page.getByLabel('組織名', { exact: true }).fill('株式会社変更されない');
	await page.getByLabel('従業員数', { exact: true }).evaluate((el) => { el.removeAttribute('pattern'); el.value = '-5'; });
	await page.getByRole('button', { name: '保存する' }).click();
	await page.waitForLoadState('load');
	const err = await alertText(page);
	t.match(err, /従業員数|整数|0 以上/, 'a negative number of employees is refused with a Japanese message', err);
	await visit(page, srv.orgUrl('/profile'));
	t.equal(await page.getByLabel('組織名', { exact: true }).inputValue(), '株式会社サンプル商事', 'a refused save changes nothing');
	t.clean('profile');
}
