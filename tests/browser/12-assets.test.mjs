// The 情報資産管理台帳 and the risk analysis by hand, with real clicks and
// no JavaScript of ours: from the empty ledger to the first asset (the
// C/I/A criteria beside the inputs, mamori's rule for 要配慮個人情報), its
// risk breakdown, a treatment, a second asset whose texts are the XSS
// corpus, sorting and filtering the list, a bulk edit through its
// confirmation, 脅威の状況 (saving recomputes the risk), the heat map whose
// cell leads to its assets, deleting through the confirmation, the
// dashboard's risk card and next action, an auditor who reads but can not
// change, and a phone on which no page scrolls sideways.
import {
	adminReady, visit, pathOf, flashText, alertText, addUser, loginFirstTime, horizontalOverflow, XSS,
} from './lib.mjs';

export const name = '情報資産管理台帳: register, breakdown, treatment, bulk edit, threats, heat map, delete, roles, phone';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function injected(page) {
	return page.evaluate(() => {
		const found = [];
		if (typeof window.__xss !== 'undefined') found.push('window.__xss');
		for (const el of document.querySelectorAll('*')) {
			for (const a of el.attributes)
				if (a.name.toLowerCase().startsWith('on')) found.push(`<${el.localName} ${a.name}>`);
			if (el.localName === 'img' && el.getAttribute('src') === 'x') found.push('<img src="x">');
			if (el.localName === 'script' && /__xss/.test(el.textContent)) found.push('<script>');
		}
		return found;
	});
}

async function click(page, locator) {
	await Promise.all([page.waitForLoadState('load'), locator.click()]);
	await page.waitForLoadState('load');
}

// fill the asset form: TEXTS by label, the medium, the flags, C/I/A
async function fillAsset(page, { texts = {}, medium, flags = {}, cia }) {
	for (const [label, value] of Object.entries(texts))
		await page.getByLabel(label, { exact: false }).first().fill(value);
	if (medium) await page.getByLabel(/媒体・保存先/).first().selectOption({ label: medium });
	for (const [label, on] of Object.entries(flags)) {
		const box = page.getByRole('checkbox', { name: label, exact: true });
		if (on) await box.check(); else await box.uncheck();
	}
	if (cia) {
		const [c, i, a] = cia;
		await page.locator(`#cia-c input[value="${c}"]`).check();
		await page.locator(`#cia-i input[value="${i}"]`).check();
		await page.locator(`#cia-a input[value="${a}"]`).check();
	}
}

export default async function (t) {
	const { srv, browser, page } = await adminReady(t);

	// the navigation leads to the empty ledger, which says how to start
	await click(page, page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '情報資産' }));
	t.must(pathOf(page) === `/o/${srv.slug}/assets`, 'the navigation leads to the ledger', page.url());
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), '情報資産管理台帳', 'the ledger has its title');
	t.match(await page.locator('main').innerText(), /まだ情報資産がありません[\s\S]*洗い出|書き出します/, 'the empty ledger says how to start');
	t.clean('the empty ledger');

	// the first asset
	await click(page, page.getByRole('link', { name: '最初の情報資産を登録する' }));
	t.equal(pathOf(page), `/o/${srv.slug}/assets/new`, 'the link opens the form');
	const form = await page.locator('main').innerText();
	t.match(form, /要配慮個人情報・特定個人情報を含む資産の機密性は 3 になります \(mamori の基準\)/, "the form states mamori's rule");
	t.match(form, /漏えいすると法的責任を問われる/, 'the criteria of each level are shown beside the input');
	await fillAsset(page, {
		texts: { '業務分類': '営業', '情報資産名称': '顧客名簿', '利用者範囲': '営業部', '管理部署': '営業部', '保存期限': '5年' },
		medium: '書類', flags: { '個人情報': true }, cia: [2, 2, 1],
	});
	await click(page, page.getByRole('button', { name: '保存する' }));
	t.must(/\/assets\/\d+$/.test(pathOf(page)), 'saving opens the asset', `${page.url()} ${await alertText(page)}`);
	const assetUrl = page.url();
	t.match(await flashText(page), /登録しました/, 'a flash confirms');
	const risk = page.getByRole('region', { name: 'リスクの内訳' });
	t.match(await risk.innerText(), /重要度 2[\s\S]*脅威の発生頻度 2[\s\S]*未評価[\s\S]*脆弱性 3[\s\S]*被害発生可能性 2[\s\S]*リスク値 4/,
		'the breakdown: importance 2, threat 2 (未評価), vulnerability 3, likelihood 2, risk 4');
	t.match(await risk.innerText(), /自社診断がまだないため 3/, '… saying why the vulnerability is 3');
	t.equal(await page.locator('.risk-big .band').innerText(), '中', '… in the band 中');

	// edit: 要配慮個人情報 raises 機密性 to 3
	await click(page, page.getByRole('link', { name: '編集する' }));
	await fillAsset(page, { flags: { '要配慮個人情報': true }, cia: [1, 2, 1] });
	await click(page, page.getByRole('button', { name: '保存する' }));
	t.match(await flashText(page), /保存しました/, 'the edit is saved');
	const facts = await page.getByRole('region', { name: '台帳の記載' }).innerText();
	t.match(facts, /機密性\s*3/, '要配慮個人情報 makes 機密性 3 although 1 was chosen');
	t.match(await page.locator('.risk-big').innerText(), /6\s*大/, '… and the risk 6 (大)');
	t.match(await page.getByRole('region', { name: 'リスクへの対応' }).innerText(), /対応がまだ決まっていません/,
		'a 大 risk without a treatment is pointed out');

	// a refused edit keeps what was typed and changes nothing
	await click(page, page.getByRole('link', { name: '編集する' }));
	await page.getByLabel('情報資産名称', { exact: false }).first().fill('   ');
	await page.locator('input[name="name"]').evaluate((el) => el.removeAttribute('required'));
	await click(page, page.getByRole('button', { name: '保存する' }));
	t.match(await alertText(page), /情報資産名称 を入力してください/, 'a blank name is refused in Japanese');
	await visit(page, assetUrl);
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), '顧客名簿', '… and the asset is unchanged');
	t.clean('registering and editing');

	// a treatment
	const treat = page.locator('#treatment');
	await treat.getByRole('radio', { name: /^低減/ }).check();
	await treat.getByLabel('対策の内容').fill('鍵のかかる書庫で保管し、持ち出しを記録する');
	await treat.getByLabel('担当').fill('営業部 佐藤');
	await treat.getByLabel('期限').fill('2026-12-31');
	await treat.getByLabel('状況').selectOption({ label: '実施中' });
	await treat.getByLabel('対応後に見込むリスク値').selectOption('3');
	await click(page, treat.getByRole('button', { name: '対応を保存する' }));
	t.match(await flashText(page), /対応を保存しました/, 'the treatment is saved');
	t.match(await page.locator('#treatment').innerText(), /低減[\s\S]*鍵のかかる書庫[\s\S]*営業部 佐藤[\s\S]*2026-12-31[\s\S]*実施中/,
		'… and shown');

	// a second asset whose texts are the XSS corpus
	await visit(page, srv.orgUrl('/assets/new'));
	await fillAsset(page, {
		texts: { '情報資産名称': XSS[1], '備考': XSS.join(' '), '管理部署': XSS[2], '業務分類': XSS[0] },
		medium: '社外サーバー・クラウド', cia: [3, 3, 3],
	});
	await click(page, page.getByRole('button', { name: '保存する' }));
	t.must(/\/assets\/\d+$/.test(pathOf(page)), 'an asset whose texts are the XSS corpus is registered', await alertText(page));
	for (const p of ['/assets', '/assets?all=1', '/risk', '/risk/threats', '/', '/assets?sort=name']) {
		await visit(page, srv.orgUrl(p));
		t.equal(JSON.stringify(await injected(page)), '[]', `${p}: no payload runs or leaves an element`);
	}
	t.clean('the XSS corpus');

	// the list: two rows, sorted by risk, filtered by medium
	await visit(page, srv.orgUrl('/assets'));
	const rows = page.locator('table.ledger tbody tr');
	t.equal(await rows.count(), 2, 'the ledger lists two assets');
	t.match(await page.locator('.list-count').innerText(), /2 件/, '… and says so');
	await click(page, page.locator('table.ledger thead').getByRole('link', { name: /リスク値/ }));
	t.match(page.url(), /sort=risk&dir=desc/, 'the risk header sorts by risk, highest first');
	const risks = (await page.locator('table.ledger tbody td.risk strong').allInnerTexts()).map(Number);
	t.ok(risks.length === 2 && risks[0] >= risks[1], '… the highest risk first', JSON.stringify(risks));
	await page.getByLabel('媒体・保存先').first().selectOption({ label: '書類' });
	await click(page, page.getByRole('button', { name: '絞り込む' }));
	t.equal(await rows.count(), 1, 'filtering by 書類 leaves one row');
	t.equal(await rows.first().locator('td.name a').innerText(), '顧客名簿', '… the 書類 asset');
	await click(page, page.getByRole('link', { name: '条件を解除する' }));
	t.equal(await rows.count(), 2, 'clearing the filter shows both again');

	// bulk edit: both rows, through the confirmation
	await rows.nth(0).getByRole('checkbox').check();
	await rows.nth(1).getByRole('checkbox').check();
	const bulk = page.locator('#bulk-form');
	await bulk.getByLabel('管理部署').fill('情報システム部');
	await bulk.getByLabel('可用性').selectOption('2');
	await click(page, bulk.getByRole('button', { name: '内容を確認する' }));
	t.equal(await page.getByRole('heading', { level: 1 }).innerText(), '一括変更の確認', 'a bulk edit asks for confirmation first');
	t.match(await page.locator('main').innerText(), /2 件の情報資産を、次のとおり変更します[\s\S]*管理部署\s*情報システム部[\s\S]*可用性\s*2/,
		'… saying what changes on how many assets');
	await click(page, page.getByRole('button', { name: '変更する' }));
	t.match(await flashText(page), /変更しました/, 'the bulk edit is applied');
	t.equal(await page.locator('table.ledger tbody td:nth-child(4)').allInnerTexts().then((d) => d.join(',')),
		'情報システム部,情報システム部', '… to both rows');
	t.clean('the list and the bulk edit');

	// 脅威の状況: rating 書類 1 lowers the first asset's risk
	await click(page, page.getByRole('link', { name: '脅威の状況' }).first());
	t.equal(pathOf(page), `/o/${srv.slug}/risk/threats`, 'the ledger links to 脅威の状況');
	const paper = page.locator('#medium-paper');
	t.match(await paper.innerText(), /盗難[\s\S]*紛失/, 'each medium lists its threats');
	t.match(await paper.innerText(), /No\.12/, '… and the 自社診断 items mapped to it');
	await paper.getByRole('radio', { name: /^1: 通常の状況で発生しない/ }).check();
	await click(page, page.getByRole('button', { name: '保存してリスク値を計算し直す' }));
	t.match(await flashText(page), /計算し直しました/, 'the rating is saved and the risks recomputed');
	t.ok(await page.locator('#medium-paper').getByRole('radio', { name: /^1: / }).isChecked(), '… and stays chosen');
	await visit(page, assetUrl);
	t.match(await page.getByRole('region', { name: 'リスクの内訳' }).innerText(), /脅威の発生頻度 1[\s\S]*脅威の状況で評価した値/,
		'the asset now takes T 1 from the rating');
	t.clean('脅威の状況');

	// the risk page: the heat map's cell leads to its asset
	await click(page, page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'リスク分析' }));
	const heat = page.locator('svg.heatmap');
	t.equal(await heat.count(), 1, 'the risk page shows the heat map');
	// the cloud asset: importance 3, the default threat 2 and V 3 → likelihood 2, risk 6
	const cell = heat.locator('a[aria-label*="重要度 3・被害発生可能性 2"]');
	t.match(await cell.getAttribute('aria-label'), /リスク値 6 \(大\)、1 件/, 'the 3×2 cell counts one asset of risk 6');
	t.match(await heat.locator('a[aria-label*="重要度 3・被害発生可能性 1"]').getAttribute('aria-label'), /リスク値 3 \(小\)、1 件/,
		'the 3×1 cell counts the 書類 asset, now of risk 3');
	await click(page, cell);
	t.match(page.url(), /importance=3&likelihood=2/, 'the cell leads to the ledger filtered by the cell');
	t.equal(await rows.count(), 1, '… showing its one asset');
	t.equal(await rows.first().locator('td.name a').innerText(), XSS[1], '… the cloud asset');
	t.match(await page.locator('main .notice').first().innerText(), /重要度 3・被害発生可能性 2/, '… and saying so');
	await visit(page, srv.orgUrl('/risk'));
	t.match(await page.locator('#gaps').innerText(), /対応が決まっていない「大」のリスク[\s\S]*1 件/, 'the gaps: one 大 risk without a treatment');

	// the dashboard: counts and the next action
	await visit(page, srv.orgUrl('/'));
	t.match(await page.getByRole('region', { name: 'リスク分析' }).innerText(), /大\s*1[\s\S]*中\s*0[\s\S]*小\s*1/,
		'the dashboard counts the risks per band');
	const actions = await page.getByRole('region', { name: '現在のステップ' }).getByRole('link').allInnerTexts();
	t.ok(actions.includes('「大」のリスクに対応を決める'), 'the next actions ask to decide on the 大 risk', JSON.stringify(actions));
	await click(page, page.getByRole('link', { name: '「大」のリスクに対応を決める' }));
	t.equal(pathOf(page), `/o/${srv.slug}/risk`, '… and lead to the risk page');
	t.clean('the risk page and the dashboard');

	// delete through the confirmation
	await visit(page, assetUrl);
	await click(page, page.getByRole('link', { name: '削除する' }));
	t.match(await page.locator('main').innerText(), /削除すると元に戻せません/, 'deleting asks first, saying it can not be undone');
	await click(page, page.getByRole('button', { name: '削除する' }));
	t.match(await flashText(page), /削除しました/, 'the asset is deleted');
	t.equal(await rows.count(), 1, '… and the ledger has one asset left');
	t.equal((await page.request.get(assetUrl)).status(), 404, '… its page is gone');

	// an auditor reads but does not change
	const otp = await addUser(srv, 'kansa@example.jp', 'auditor', '監査 花子');
	const actx = await browser.newContext();
	const apage = await actx.newPage();
	await loginFirstTime(apage, srv, 'kansa@example.jp', otp);
	await visit(apage, srv.orgUrl('/assets'));
	t.equal(await apage.getByRole('heading', { level: 1 }).innerText(), '情報資産管理台帳', 'an auditor reads the ledger');
	t.equal(await apage.getByRole('link', { name: '情報資産を登録する' }).count(), 0, '… without the link to register');
	t.equal(await apage.locator('#bulk-form').count(), 0, '… nor the bulk edit');
	await click(apage, apage.locator('table.ledger tbody td.name a').first());
	t.equal(await apage.getByRole('button', { name: '対応を保存する' }).count(), 0, '… nor the treatment form');
	await visit(apage, srv.orgUrl('/risk/threats'));
	t.equal(await apage.getByRole('button', { name: '保存してリスク値を計算し直す' }).count(), 0, '… nor saving 脅威の状況');
	await actx.close();
	t.clean('an auditor');

	// a phone: nothing sticks out sideways
	const pctx = await browser.newContext(PHONE);
	const ppage = await pctx.newPage();
	const cookies = await page.context().cookies();
	await pctx.addCookies(cookies);
	for (const p of ['/assets', '/assets?all=1', '/assets/new', '/risk', '/risk/threats', '/']) {
		await visit(ppage, srv.orgUrl(p));
		const o = await horizontalOverflow(ppage);
		t.ok(o.scrollWidth <= o.innerWidth, `${p} on a phone: no horizontal scrolling`,
			`scrollWidth ${o.scrollWidth} > ${o.innerWidth}: ${o.over.join(', ')}`);
	}
	const id = (await ppage.request.get(srv.abs(`/api/assets?org=${srv.slug}`), { headers: { Accept: 'application/json' } })
		.then((r) => r.json())).assets[0].id;
	await visit(ppage, srv.orgUrl(`/assets/${id}`));
	const o = await horizontalOverflow(ppage);
	t.ok(o.scrollWidth <= o.innerWidth, 'an asset page on a phone: no horizontal scrolling', o.over.join(', '));
	await pctx.close();
	t.clean('a phone');
}
