// A realistic dashboard — 株式会社サンプル with its profile, four of the
// 5か条 done and pledged, two completed 自社診断 three months apart — checked
// and photographed in a 1280×900 window for the README (docs/dashboard.png,
// the whole page, so that the radar and the trend below the fold show).
import path from 'node:path';
import fs from 'node:fs';
import { adminReady, visit, flashText, fillProfile, recordDiagnosis, japaneseFonts, ROOT, PROFILE } from './lib.mjs';

export const name = 'a realistic dashboard, saved as docs/dashboard.png';

const SHOT = path.join(ROOT, 'docs', 'dashboard.png');

// first round: the basics half done; second: improved
const FIRST = { 2: 'partial', 3: 'no', 4: 'unknown', 6: 'partial', 9: 'no', 12: 'no', 14: 'partial',
	17: 'unknown', 19: 'no', 21: 'partial', 22: 'no', 24: 'partial', 25: 'no' };
const SECOND = { 3: 'partial', 9: 'partial', 17: 'partial', 22: 'partial', 25: 'no' };

export default async function (t) {
	t.ok(japaneseFonts().length > 0, 'a Japanese font is installed, so that the screenshot shows text, not boxes',
		'fc-list :lang=ja finds no font: install the Debian package fonts-noto-cjk');
	const { srv, page } = await adminReady(t);

	await visit(page, srv.orgUrl('/profile'));
	await fillProfile(page, PROFILE);
	await page.getByRole('button', { name: '保存する' }).click();
	await page.waitForLoadState('load');
	t.match(await flashText(page), /保存しました/, 'the profile (with the address) is saved');

	// 5か条: four done, one in progress, pledged
	await visit(page, srv.orgUrl('/pledges'));
	const notes = ['全パソコンで自動更新を有効化 (4月)', 'ウイルス対策ソフトを全台に導入済み', '社内規程で 12 文字以上に統一',
		'共有フォルダの権限を部署ごとに見直し中', '毎月の朝礼で手口を共有'];
	for (let i = 0; i < 5; i++) {
		const card = page.locator('section.pledge').nth(i);
		await card.getByRole('radio', { name: i === 3 ? '取組中' : '実施済み' }).check();
		await card.getByLabel(/メモ/).fill(notes[i]);
		await card.getByRole('button', { name: '保存する' }).click();
		await page.waitForLoadState('load');
	}
	await page.locator('section#declaration').getByRole('button', { name: '5か条に取り組むことを宣言する' }).click();
	await page.waitForLoadState('load');
	t.match(await flashText(page), /宣言しました/, 'the 5か条 are pledged');

	// two completed rounds, recorded with the CLI at two dates
	const r1 = await recordDiagnosis(srv, FIRST, { respondent: '総務部 田中', when: '2026-01-20T01:00:00Z' });
	const r2 = await recordDiagnosis(srv, SECOND, { respondent: '総務部 田中', when: '2026-04-20T01:00:00Z' });
	t.must(typeof r2 === 'object' && typeof r2.total === 'number', 'mamori diagnose --answers --format json gives the result', JSON.stringify(r2).slice(0, 200));
	t.ok(r2.total > r1.total, 'the second round scores higher than the first', `${r1.total} → ${r2.total}`);

	await page.setViewportSize({ width: 1280, height: 900 });
	await visit(page, srv.orgUrl('/'));
	const latest = page.getByRole('region', { name: '最新の自社診断' });
	t.equal(await latest.locator('.total').innerText(), String(r2.total), 'the dashboard shows the latest total');
	t.match(await latest.innerText(), new RegExp(`/ ${r2.max ?? 100} 点`), '… out of the maximum');
	if (r2.band && r2.band.label) t.match(await latest.innerText(), new RegExp(r2.band.label), '… with its band');
	const radar = page.getByRole('region', { name: '区分別の達成度' });
	t.equal(await radar.locator('svg').count(), 1, 'the radar of the parts is shown');
	t.match(await radar.innerText(), /基本的対策/, 'the radar labels its axes in text');
	const trend = page.getByRole('region', { name: '点数の推移' });
	t.equal(await trend.locator('svg').count(), 1, 'the trend over the rounds is shown');
	t.match(await trend.innerText(), /2026-01-20[\s\S]*2026-04-20/, 'the trend labels both rounds with their dates');
	const sa = page.getByRole('region', { name: 'SECURITY ACTION の準備状況' });
	t.match(await sa.getByRole('listitem').first().innerText(), /宣言の準備ができています/, '★ is ready');
	t.match(await page.getByRole('region', { name: '情報セキュリティ5か条' }).innerText(), /4\s*\/\s*5[\s\S]*宣言済み/, '4 / 5 principles, pledged');
	t.ok(await page.getByRole('region', { name: '現在のステップ' }).getByRole('link').count() === 3, 'three next actions');
	t.clean('the dashboard');

	// what a reader of the README sees: progress bars, whole chart labels
	const bars = await page.locator('.steps [role="progressbar"]').evaluateAll((els) =>
		els.map((e) => ({ now: Number(e.getAttribute('aria-valuenow')), width: Math.round(e.getBoundingClientRect().width) })));
	t.ok(bars.length === 4 && bars.every((b) => b.width >= 40), 'each step has a visible progress bar',
		`progress bars (aria-valuenow, width in px): ${JSON.stringify(bars)}`);
	const clipped = await page.locator('main svg').evaluateAll((svgs) => svgs.flatMap((svg) => {
		const box = svg.getBoundingClientRect();
		return [...svg.querySelectorAll('text')].map((tx) => ({ text: tx.textContent, r: tx.getBoundingClientRect() }))
			.filter(({ r }) => r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
				r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5))
			.map(({ text, r }) => `${svg.closest('section')?.querySelector('h2')?.textContent}: "${text}" ` +
				`x ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of 0..${Math.round(box.width)}`);
	}));
	t.ok(clipped.length === 0, 'no label of the radar or the trend is cut off at the edge of its chart', clipped.join('\n'));

	// the user menu closed, the mouse away from links; the whole page at
	// the width of 1280×900 window, so that the charts below the fold show
	await page.mouse.move(1270, 890);
	await page.evaluate(() => document.fonts && document.fonts.ready);
	fs.mkdirSync(path.dirname(SHOT), { recursive: true });
	const tmp = `${SHOT}.tmp-${process.pid}.png`;
	await page.screenshot({ path: tmp, fullPage: true, animations: 'disabled', caret: 'hide' });
	fs.renameSync(tmp, SHOT);
	const png = fs.readFileSync(SHOT);
	t.ok(png.length > 10000 && png.readUInt32BE(16) === 1280 && png.readUInt32BE(20) >= 900,
		'docs/dashboard.png is a PNG of the 1280 px wide page', `${png.length} bytes, ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);
	t.note(`docs/dashboard.png: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}, ${png.length} bytes`);
}
