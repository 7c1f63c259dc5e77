// Stored XSS (QUALITY.md S9): the payload corpus goes into every text field
// an administrator can reach — organisation name, representative and title,
// address, SECURITY ACTION ID, policy URL, the 5か条 notes, invited users'
// names, token names, a second organisation, the 自社診断 respondent and
// notes, the ledger, the document settings and a policy document's text
// and note — then every page is opened as every role: no payload runs, no
// element of a payload is in the DOM, no CSP violation, no console error.
import fs from 'node:fs';
import path from 'node:path';
import {
	XSS, visit, pathOf, loginFirstTime, fillProfile, alertText, flashText, linksOf, STRONG_PASSWORD,
} from './lib.mjs';

export const name = 'stored XSS: the payload corpus in every text field, every page as every role';

const ALL = XSS.join(' ');
const ROLES = ['admin', 'editor', 'auditor', 'member', 'supporter'];
const MAX_PAGES = 60; // per role
// every page as six roles: more than the usual minute on a busy 2-core machine
export const seconds = 150;

// what a payload would leave in the DOM if it were not escaped
async function injected(page) {
	return page.evaluate(() => {
		const found = [];
		if (typeof window.__xss !== 'undefined') found.push(`window.__xss = ${String(window.__xss)}`);
		for (const el of document.querySelectorAll('*')) {
			for (const a of el.attributes) {
				const n = a.name.toLowerCase(), v = a.value.trim().toLowerCase();
				if (n.startsWith('on')) found.push(`<${el.localName} ${a.name}="${a.value}">`);
				if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(n) && v.startsWith('javascript:'))
					found.push(`<${el.localName} ${a.name}="${a.value}">`);
			}
			if (el.localName === 'img' && el.getAttribute('src') === 'x') found.push('<img src="x">');
			if (el.localName === 'script' && /__xss/.test(el.textContent)) found.push(`<script>${el.textContent}</script>`);
			if (['iframe', 'object', 'embed'].includes(el.localName)) found.push(`<${el.localName}>`);
		}
		return found;
	});
}

export default async function (t) {
	const srv = await t.server();
	const browser = await t.browser();
	const page = await browser.newPage();
	let pagesChecked = 0;

	// check the page just rendered
	const check = async (p, what) => {
		pagesChecked++;
		const bad = await injected(p);
		t.ok(bad.length === 0, `${what}: no payload in the DOM, nothing ran`, bad.join('\n'));
		t.clean(what);
	};
	const submit = async (button, what) => {
		await button.click();
		await page.waitForLoadState('load');
		await check(page, what);
	};

	// the first login and the setup, with payloads
	await loginFirstTime(page, srv, srv.adminEmail, srv.adminPassword);
	t.must(pathOf(page) === `/o/${srv.slug}/setup`, 'the setup page after the first login', page.url());
	await fillProfile(page, { name: ALL, industry: 'jsic-g', employees: '12',
		representative: XSS[0] + XSS[1], representativeTitle: XSS[2] + XSS[3] });
	await submit(page.getByRole('button', { name: '登録してダッシュボードへ' }), 'setup with payloads');
	t.must(pathOf(page) === `/o/${srv.slug}/`, 'the setup accepts the payloads as text', `${page.url()} ${await alertText(page)}`);
	t.equal(await page.locator('header .org-name').innerText(), ALL, 'the organisation name is shown as text, character for character');

	// the profile: address, SECURITY ACTION ID
	await visit(page, srv.orgUrl('/profile'));
	await fillProfile(page, { address: ALL });
	await page.getByLabel('宣言した段階').selectOption('star1');
	await page.getByLabel('自己宣言ID', { exact: true }).fill(XSS[1]);
	await page.getByLabel('宣言日', { exact: true }).fill('2026-04-01');
	await submit(page.getByRole('button', { name: '保存する' }), 'profile with payloads');
	t.equal(await page.getByLabel('所在地', { exact: true }).inputValue(), ALL, 'the address keeps the payloads as text');
	// the policy URL: a javascript: URL must not be stored as a link (refusing it is fine)
	await page.getByLabel('基本方針を公開している URL').fill(XSS[3]);
	await submit(page.getByRole('button', { name: '保存する' }), 'profile with a javascript: policy URL');
	t.note(`policy URL "${XSS[3]}": ${(await alertText(page)) || 'accepted'}`);
	await visit(page, srv.orgUrl('/profile'));

	// the 5か条 notes
	await visit(page, srv.orgUrl('/pledges'));
	for (let i = 0; i < 5; i++) {
		const card = page.locator('section.pledge').nth(i);
		await card.getByRole('radio', { name: i % 2 ? '取組中' : '実施済み' }).check();
		await card.getByLabel(/メモ/).fill(`${ALL} ${i + 1}`);
		await submit(card.getByRole('button', { name: '保存する' }), `5か条 note ${i + 1}`);
	}
	await submit(page.locator('section#declaration').getByRole('button', { name: '5か条に取り組むことを宣言する' }), 'the pledge');

	// invited users: one per role, the name a payload; the page shows the password once
	const people = [];
	for (const [i, role] of ROLES.entries()) {
		await visit(page, srv.orgUrl('/users'));
		const invite = page.locator('section', { has: page.getByRole('heading', { name: '利用者を招待する' }) });
		const email = `${role}@example.co.jp`;
		await invite.getByLabel('メールアドレス').fill(email);
		await invite.getByLabel('氏名').fill(`${XSS[i % XSS.length]} ${role}`);
		await invite.getByLabel('役割').selectOption(role);
		await submit(invite.getByRole('button', { name: '招待する' }), `inviting the ${role}`);
		const otp = (await page.locator('main code.secret').innerText().catch(() => '')).trim();
		t.must(otp.length >= 8, `the invitation of the ${role} shows a one-time password`, await alertText(page));
		people.push({ role, email, otp });
	}

	// tokens: one per payload
	for (const [i, p] of XSS.entries()) {
		await visit(page, srv.abs('/account/tokens'));
		await page.getByLabel('名前', { exact: true }).fill(p);
		await submit(page.getByRole('button', { name: 'トークンを作成する' }), `token ${i + 1}`);
	}
	// revoke one, so that both kinds of rows show
	await visit(page, srv.abs('/account/tokens'));
	await submit(page.locator('main table tbody tr').first().getByRole('button', { name: '失効させる' }), 'revoking a token');

	// a second organisation, named with the payloads (the owner is the instance administrator)
	const res = await visit(page, srv.abs('/orgs/new'));
	if (t.equal(res.status(), 200, 'the first administrator can add an organisation')) {
		await page.getByLabel('組織名', { exact: true }).fill(ALL);
		await page.getByLabel(/識別名/).fill('second');
		await submit(page.getByRole('button', { name: '追加する' }), 'a second organisation');
		if (pathOf(page) === '/o/second/setup') {
			await fillProfile(page, { representative: XSS[2], employees: '3' });
			await submit(page.getByRole('button', { name: '登録してダッシュボードへ' }), 'setup of the second organisation');
		}
	}

	// 自社診断 rounds with a payload as respondent and payloads as notes (CLI)
	const csv = path.join(srv.dir, 'xss.csv');
	const q = (s) => `"${s.replace(/"/g, '""')}"`;
	fs.writeFileSync(csv, 'no,answer,note\n' + Array.from({ length: 25 }, (_, i) =>
		`${i + 1},${['yes', 'partial', 'no', 'unknown'][i % 4]},${q(XSS[i % XSS.length])}`).join('\n') + '\n');
	for (const who of [XSS[0], XSS[2]]) {
		const r = await srv.cli(['diagnose', '--org', srv.slug, '--answers', csv, '--respondent', who]);
		t.ok(r.code === 0, `a round with the respondent ${JSON.stringify(who)} is recorded`, r.stderr);
	}
	// … and in the browser: a round started with a payload as respondent,
	// payloads as notes, saved as a draft, then completed
	const startRes = await visit(page, srv.orgUrl('/diagnosis/new'));
	if (t.equal(startRes.status(), 200, 'the start page of a 自社診断 exists')) {
		const startForm = page.locator('section', { has: page.getByRole('heading', { name: '画面で回答する' }) });
		await startForm.getByLabel('回答者').fill(`${XSS[1]} ${XSS[2]}`);
		await submit(startForm.getByRole('button', { name: '回答を始める' }), 'starting a round with a payload respondent');
		if (t.ok(/\/answer$/.test(pathOf(page)), 'the round starts', page.url())) {
			for (let no = 1; no <= 25; no++) {
				const item = page.locator(`#q-${no}`);
				await item.getByRole('radio').nth(no % 3).check();
				await item.getByLabel('メモ (任意)').fill(`${XSS[no % XSS.length]} ${no}`);
			}
			await submit(page.locator('form#form button[name="action"][value="save"]'), 'a draft with payload notes');
			await visit(page, srv.orgUrl('/diagnosis'));
			await check(page, 'the list with a draft');
			await page.goBack();
			await submit(page.locator('form#form button[name="action"][value="complete"]'), 'completing the round with payloads');
		}
		// a file with payload notes, and a payload respondent
		await visit(page, srv.orgUrl('/diagnosis/new'));
		const fileForm = page.locator('section', { has: page.getByRole('heading', { name: 'ファイルから登録する' }) });
		await fileForm.getByLabel(/回答のファイル/).setInputFiles({ name: `${XSS[2]}.csv`, mimeType: 'text/csv', buffer: fs.readFileSync(csv) });
		await fileForm.getByLabel('回答者').fill(XSS[3]);
		await submit(fileForm.getByRole('button', { name: 'ファイルから登録する' }), 'a round from a file with payloads');
		t.match(await flashText(page), /登録しました/, 'the file is recorded', await alertText(page));
		// the employee check of the owner (shown to admins by name)
		await visit(page, srv.orgUrl('/diagnosis/mine'));
		const radios = page.locator('fieldset.diag-item');
		for (let i = 0; i < await radios.count(); i++) await radios.nth(i).getByRole('radio').first().check();
		await submit(page.getByRole('button', { name: '回答を保存する' }), 'the employee check of the owner');
	}

	// the ledger: assets with payloads in every text column, from a file
	// (a good file imported through the CLI) and by hand, with a payload
	// treatment; then a file with payloads and a bad row through the web
	// page's dry run, whose report shows the cells
	const ledger = path.join(srv.dir, `${XSS[2]}.csv`.replace(/[/"<>]/g, '_'));
	const head = '業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報,要配慮個人情報,特定個人情報,機密性,完全性,可用性,保存期限';
	const row = (i, c) => [XSS[i % XSS.length], `${XSS[(i + 1) % XSS.length]} ${i}`, XSS[(i + 2) % XSS.length],
		XSS[(i + 3) % XSS.length], XSS[i % XSS.length], '事務所PC', '○', '', '', c, '2', '3', XSS[(i + 1) % XSS.length]].map(q).join(',');
	fs.writeFileSync(ledger, head + '\n' + [0, 1, 2, 3].map((i) => row(i, '3')).join('\n') + '\n');
	let r = await srv.cli(['asset', 'import', ledger, '--org', srv.slug]);
	t.ok(r.code === 0, 'a ledger file with payloads is imported', r.stderr);
	r = await srv.cli(['asset', 'add', '--org', srv.slug, '--name', XSS[0], '--medium', 'cloud', '--c', '3', '--i', '3',
		'--a', '3', '--note', ALL, '--department', XSS[1], '--category', XSS[2], '--users', XSS[3], '--format', 'json']);
	t.ok(r.code === 0, 'an asset with payloads is added', r.stderr);
	const added = r.code === 0 ? JSON.parse(r.stdout).id : null;
	if (added != null) {
		r = await srv.cli(['asset', 'treat', String(added), '--org', srv.slug, '--kind', 'reduce', '--measure', ALL, '--owner', XSS[1]]);
		t.ok(r.code === 0, 'a treatment with payloads is recorded', r.stderr);
	}
	const bad = path.join(srv.dir, 'bad-ledger.csv');
	fs.writeFileSync(bad, head + '\n' + row(5, '3') + '\n' + row(6, XSS[0]) + '\n');
	if ((await visit(page, srv.orgUrl('/assets/import'))).status() === 200) {
		await page.getByLabel('台帳のファイル').setInputFiles({ name: `${XSS[1]}.csv`, mimeType: 'text/csv', buffer: fs.readFileSync(bad) });
		const dry = page.getByLabel(/確認だけ行う/);
		if (!(await dry.isChecked())) await dry.check();
		await submit(page.getByRole('button', { name: '送信' }), 'a dry run of a ledger file with payloads');
		await check(page, 'the dry-run report of a file with payloads');
	}

	// the policy documents: the document settings' text, the 基本方針
	// generated, edited with payloads in the text and the note (preview,
	// save), approved and published (its public page); the regulations
	// generated with the payload setting
	if ((await visit(page, srv.orgUrl('/documents/parameters'))).status() === 200) {
		await page.getByLabel('来訪者を通す場所', { exact: true }).fill(ALL);
		await submit(page.getByRole('button', { name: '保存する' }), 'document settings with payloads');
		await visit(page, srv.orgUrl('/documents'));
		await submit(page.locator('#doc-policy').getByRole('button', { name: '作成する' }), 'generating the policy');
		await submit(page.getByRole('link', { name: '編集する' }), 'the editor');
		const text = page.getByLabel('本文 (Markdown)');
		await text.fill(`${await text.inputValue()}\n\n${XSS.join('\n\n')}\n\n[${XSS[0]}](${XSS[3]}) ${ALL}\n`);
		await page.getByLabel('変更の説明 (任意)').fill(ALL);
		await submit(page.getByRole('button', { name: 'プレビュー' }), 'the preview of a text with payloads');
		await submit(page.getByRole('button', { name: '新しい版として保存する' }), 'saving a text with payloads');
		await page.getByLabel('この版の内容を確認しました').check();
		await submit(page.getByRole('button', { name: '承認する' }), 'approving it');
		await submit(page.getByRole('button', { name: '公開する' }), 'publishing it');
		await visit(page, srv.orgUrl('/documents'));
		await submit(page.locator('#doc-regulations').getByRole('button', { name: '作成する' }), 'the regulations with a payload setting');
	}

	// every page as every role
	const crawl = async (p, who, starts) => {
		const seen = new Set(), queue = [...starts], kinds = new Map();
		while (queue.length && seen.size < MAX_PAGES) {
			const url = queue.shift();
			if (seen.has(url)) continue;
			// at most 2 pages of one kind (/diagnosis/rounds/N/sheet …)
			const kind = new URL(url).pathname.replace(/\/\d+(?=\/|$)/g, '/N');
			if ((kinds.get(kind) || 0) >= 2) continue;
			kinds.set(kind, (kinds.get(kind) || 0) + 1);
			seen.add(url);
			if (/\.(csv|json|xlsx|docx|pdf|zip)$|\/download$/.test(new URL(url).pathname)) {
				// a document written as a whole HTML page is an attachment
				// under the same CSP as every page
				const r = await p.request.get(url);
				const type = r.headers()['content-type'] || '';
				if (/format=html/.test(url) && /^text\/html/.test(type)) {
					t.ok(r.status() === 200 && /^attachment;/.test(r.headers()['content-disposition'] || '') &&
						/script-src 'nonce-/.test(r.headers()['content-security-policy'] || ''),
						`${who} ${new URL(url).pathname}?format=html: an attachment under the CSP`,
						`${r.status()} ${r.headers()['content-disposition']}`);
					continue;
				}
			}
			if (/\.(csv|json|xlsx|docx|pdf|zip)$|\/download$/.test(new URL(url).pathname)) {
				// a download: never HTML, never sniffed
				const r = await p.request.get(url);
				const type = r.headers()['content-type'] || '';
				// (an .xlsx is application/vnd.openxmlformats-…: "xml" in its name, not a document a browser renders)
				t.ok(r.status() === 200 && !/^\s*(text\/html|application\/xhtml|text\/xml|application\/xml|image\/svg)/i.test(type) &&
					r.headers()['x-content-type-options'] === 'nosniff',
					`${who} ${new URL(url).pathname}: a download, not a page`, `${r.status()} ${type} nosniff=${r.headers()['x-content-type-options']}`);
				continue;
			}
			await visit(p, url);
			await check(p, `${who} ${new URL(url).pathname}`);
			for (const l of await linksOf(p))
				if (!seen.has(l) && !queue.includes(l)) queue.push(l);
		}
		return seen.size;
	};
	const fixed = (base) => ['/', `${base}/`, `${base}/dashboard`, `${base}/diagnosis`, `${base}/diagnosis/new`,
		`${base}/diagnosis/mine`, `${base}/pledges`, `${base}/pledges/sheet`, `${base}/profile`, `${base}/users`,
		`${base}/setup`, `${base}/assets`, `${base}/assets?all=1`, `${base}/risk`, `${base}/risk/threats`,
		`${base}/assets/import`, `${base}/documents`, `${base}/documents/parameters`,
		`/p/${srv.slug}/policy`, '/account/password', '/account/tokens', '/orgs/new', '/o/second/', '/no-such-page']
		.map((x) => srv.abs(x));

	const t0 = Date.now();
	const visited = { owner: await crawl(page, 'owner', fixed(`/o/${srv.slug}`)) };
	const timing = { owner: `${((Date.now() - t0) / 1000).toFixed(1)} s pages` };
	await visit(page, srv.orgUrl('/?lang=en'));
	await check(page, 'owner, English dashboard');
	await visit(page, srv.orgUrl('/pledges/sheet?lang=ja'));
	await check(page, 'owner, pledge sheet');

	// the other roles, three at a time, each in its own context
	const waiting = [...people];
	await Promise.all([1, 2, 3].map(async () => {
		for (let person; (person = waiting.shift());) {
			const ctx = await browser.newContext();
			const p = await ctx.newPage();
			const t1 = Date.now();
			await loginFirstTime(p, srv, person.email, person.otp, STRONG_PASSWORD);
			await check(p, `${person.role} after the first login`);
			const t2 = Date.now();
			visited[person.role] = await crawl(p, person.role, fixed(`/o/${srv.slug}`));
			timing[person.role] = `${((t2 - t1) / 1000).toFixed(1)} s login + ${((Date.now() - t2) / 1000).toFixed(1)} s pages`;
			await ctx.close();
		}
	}));
	t.note(`visiting as every role: ${((Date.now() - t0) / 1000).toFixed(1)} s (${Object.entries(timing).map(([k, v]) => `${k} ${v}`).join(', ')})`);
	t.note(`pages checked: ${pagesChecked}; distinct pages per role: ${JSON.stringify(visited)}`);
	t.ok(visited.owner >= 12, 'the owner saw at least a dozen pages', JSON.stringify(visited));
}
