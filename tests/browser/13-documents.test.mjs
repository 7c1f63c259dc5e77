// The policy documents in the browser, by clicking: an editor generates
// the 基本方針 from the list, edits it (a changed sentence and a paragraph
// carrying a script and a javascript: link), previews it (the change
// shows, nothing runs, no javascript: link is left) and saves version 2;
// the comparison highlights the added line; the owner approves through
// the confirmation, an administrator publishes; the public page opens
// without cookies; the owner's dashboard shows ★★ ready and no longer
// asks for the policy; a member, sent by the dashboard's notice, reads it
// and presses 読みました, the list and the dashboard follow; the
// administrator's 読んだ人 page names who has not read it in the list to
// copy; the PDF download is a PDF; on a phone the document, its editor,
// the comparison and the list do not scroll sideways. No CSP violation
// or page error anywhere.
import fs from 'node:fs';
import {
	adminReady, visit, pathOf, flashText, alertText, addUser, loginFirstTime, horizontalOverflow,
	recordDiagnosis,
} from './lib.mjs';

export const name = '文書: generate, edit with a safe preview, compare, approve, publish, public page, ★★, 読みました, readers, PDF, phone';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const OLD_SENTENCE = '必要な人員と予算を確保し、組織的かつ継続的に対策を改善していく。';
const NEW_SENTENCE = '必要な人員と予算を毎年見直して確保し、組織的かつ継続的に対策を改善していく。';
const ADDED = '当社は、情報セキュリティに関するお客様からの問い合わせに誠実に対応する。';
const PARAGRAPH = `## 6. 問い合わせへの対応\n\n${ADDED}<script>window.__xss=1</script> ` +
	'詳しくは [link](javascript:window.__xss=2) を参照する。\n';

const EMAIL = {
	editor: 'henshu@example.jp',
	admin: 'kanri@example.jp',
	member: 'jugyoin@example.jp',
	member2: 'jugyoin2@example.jp',
};

async function click(page, locator) {
	await Promise.all([page.waitForLoadState('load'), locator.click()]);
	await page.waitForLoadState('load');
}

// what an injected payload would have left: window.__xss, javascript: links,
// the script element
async function injected(page) {
	return page.evaluate(() => {
		const found = [];
		if (typeof window.__xss !== 'undefined') found.push(`window.__xss=${window.__xss}`);
		for (const a of document.querySelectorAll('a[href]'))
			if (/^\s*javascript:/i.test(a.getAttribute('href'))) found.push(`<a href="${a.getAttribute('href')}">`);
		for (const s of document.querySelectorAll('script'))
			if (/__xss/.test(s.textContent)) found.push('<script>');
		return found;
	});
}

async function noOverflow(t, page, what) {
	const o = await horizontalOverflow(page);
	t.ok(o.scrollWidth <= o.innerWidth, `${what} on a phone: no horizontal scrolling`,
		`scrollWidth ${o.scrollWidth} > innerWidth ${o.innerWidth}; sticking out: ${o.over.join(', ')}`);
}

// a second person in a context of their own, logged in (the forced
// password change done); returns the page
async function person(browser, srv, email, otp) {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	await loginFirstTime(page, srv, email, otp);
	return page;
}

async function toDocuments(page) {
	await click(page, page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '文書', exact: true }));
}

export default async function (t) {
	// the first administrator is the owner of the organisation
	const { srv, browser, page: owner } = await adminReady(t);
	const otp = {};
	otp.editor = await addUser(srv, EMAIL.editor, 'editor', '編集 一郎');
	otp.admin = await addUser(srv, EMAIL.admin, 'admin', '管理 次郎');
	otp.member = await addUser(srv, EMAIL.member, 'member', '従業員 花子');
	otp.member2 = await addUser(srv, EMAIL.member2, 'member', '従業員 三郎');
	// a completed 自社診断 with every answer 実施している: what ★★ needs
	// besides the policy (setup without clicks)
	await recordDiagnosis(srv, {});

	// the owner's dashboard before: ★★ not ready, the policy is asked for
	await visit(owner, srv.orgUrl('/'));
	const sa = owner.getByRole('region', { name: 'SECURITY ACTION の準備状況' });
	const star2 = sa.locator('li', { hasText: '★★' });
	t.match(await star2.innerText(), /まだです/, 'before: ★★ is not ready on the dashboard');
	const actions = () => owner.getByRole('region', { name: '現在のステップ' }).getByRole('listitem').allInnerTexts();
	t.ok((await actions()).includes('情報セキュリティ基本方針を定めて公開する (★★ の準備)'),
		'before: the next actions ask for the policy', JSON.stringify(await actions()));
	t.clean('the dashboard before');

	// ---- the editor generates the 基本方針 from the list
	const editor = await person(browser, srv, EMAIL.editor, otp.editor);
	await toDocuments(editor);
	t.must(pathOf(editor) === `/o/${srv.slug}/documents`, 'the navigation leads to the documents', editor.url());
	const policyCard = editor.locator('#doc-policy');
	t.match(await policyCard.innerText(), /情報セキュリティ基本方針[\s\S]*未作成[\s\S]*まだ作られていません/,
		'the policy is not made yet and the card says how to make it');
	await click(editor, policyCard.getByRole('button', { name: '作成する', exact: true }));
	const m = pathOf(editor).match(new RegExp(`^/o/${srv.slug}/documents/(\\d+)$`));
	t.must(m !== null, 'generating opens the new document', `${editor.url()} ${await alertText(editor)}`);
	const docUrl = srv.orgUrl(`/documents/${m[1]}`);
	t.match(await flashText(editor), /新しい下書きの版を作りました/, 'a flash says a draft was made');
	t.match(await editor.locator('main section.card').first().innerText(), /第1版[\s\S]*下書き/, 'version 1, a draft');
	const body1 = await editor.locator('#body').innerText();
	t.ok(body1.includes(srv.orgName) && body1.includes(OLD_SENTENCE), 'the body has the company and the sentence to change',
		body1.slice(0, 300));
	t.equal(await editor.getByRole('link', { name: '前の版と比べる' }).count(), 0, 'version 1 has nothing to compare with');
	t.clean('generating');

	// ---- the editor: change a sentence, add a paragraph, preview
	await click(editor, editor.getByRole('link', { name: '編集する', exact: true }));
	t.equal(pathOf(editor), `/o/${srv.slug}/documents/${m[1]}/edit`, '編集する opens the editor');
	const area = editor.getByLabel('本文 (Markdown)');
	const text = await area.inputValue();
	t.must(text.includes(OLD_SENTENCE), 'the editor holds the Markdown of version 1', text.slice(0, 300));
	const edited = `${text.replace(OLD_SENTENCE, NEW_SENTENCE).trimEnd()}\n\n${PARAGRAPH}`;
	await area.fill(edited);
	await editor.getByLabel('変更の説明 (任意)').fill('予算の見直しと問い合わせ対応を加えた');
	await click(editor, editor.getByRole('button', { name: 'プレビュー', exact: true }));
	const preview = editor.locator('#preview');
	t.must(await preview.count() === 1, 'プレビュー shows the preview', `${editor.url()} ${await alertText(editor)}`);
	const pv = await preview.innerText();
	t.ok(pv.includes(NEW_SENTENCE), 'the preview shows the changed sentence', pv.slice(0, 400));
	t.ok(pv.includes(ADDED), 'the preview shows the added paragraph', pv.slice(-400));
	t.equal(await preview.getByRole('heading', { name: '6. 問い合わせへの対応' }).count(), 1, 'the added heading is a heading');
	t.equal(JSON.stringify(await injected(editor)), '[]', 'in the preview no script ran and no javascript: link exists');
	t.equal(await area.inputValue(), edited, 'the editor keeps the text being previewed');
	t.clean('the preview');

	// save
	await click(editor, editor.getByRole('button', { name: '新しい版として保存する', exact: true }));
	t.must(pathOf(editor) === `/o/${srv.slug}/documents/${m[1]}`, 'saving opens the document', `${editor.url()} ${await alertText(editor)}`);
	t.match(await flashText(editor), /新しい下書きの版として保存しました/, 'a flash says the version was saved');
	t.match(await editor.locator('main section.card').first().innerText(), /第2版[\s\S]*下書き/, 'the document shows 第2版 and 下書き');
	t.match(await editor.locator('main').innerText(), /経営者 \(owner\) の承認を待っています/, '… waiting for the owner');
	const body2 = await editor.locator('#body').innerText();
	t.ok(body2.includes(NEW_SENTENCE) && body2.includes(ADDED) && !body2.includes(OLD_SENTENCE),
		'the saved body has the changes', body2.slice(-400));
	t.equal(JSON.stringify(await injected(editor)), '[]', 'on the document page no script ran and no javascript: link exists');
	t.match(await editor.locator('#versions').innerText(), /予算の見直しと問い合わせ対応を加えた/, 'the list of versions shows the note');
	t.clean('saving');

	// compare with the previous version
	await click(editor, editor.getByRole('link', { name: '前の版と比べる' }));
	t.equal(pathOf(editor), `/o/${srv.slug}/documents/${m[1]}/diff`, '前の版と比べる opens the comparison');
	const added = editor.locator('tr.diff-add', { hasText: ADDED });
	t.equal(await added.count(), 1, 'the added line is highlighted (diff-add)');
	t.equal(await editor.locator('tr.diff-add', { hasText: NEW_SENTENCE }).count(), 1, 'the changed sentence is an added line');
	t.equal(await editor.locator('tr.diff-del', { hasText: OLD_SENTENCE }).count(), 1, '… and the old one a removed line');
	const addBg = await added.evaluate((el) => getComputedStyle(el).backgroundColor);
	const sameBg = await editor.locator('tr.diff-same, tr.diff-skip').first()
		.evaluate((el) => getComputedStyle(el).backgroundColor).catch(() => '');
	t.ok(addBg !== sameBg && addBg !== 'rgba(0, 0, 0, 0)', 'the added line has a colour of its own', `${addBg} vs ${sameBg}`);
	t.equal(JSON.stringify(await injected(editor)), '[]', 'the comparison runs nothing either');
	t.clean('the comparison');

	// ---- the public page does not exist before publication
	const anon = await browser.newContext();
	const apage = await anon.newPage();
	const before = await visit(apage, srv.abs(`/p/${srv.slug}/policy`));
	t.equal(before.status(), 404, 'before publication there is no public page');

	// ---- the owner approves through the confirmation
	await visit(owner, docUrl);
	const approve = owner.locator('#approve');
	t.must(await approve.count() === 1, 'the owner sees the approval form');
	await approve.getByRole('button', { name: '承認する' }).click();
	t.ok(await approve.getByRole('checkbox').evaluate((el) => el.validity.valueMissing),
		'approving without ticking the confirmation is stopped by the form');
	t.equal(owner.url(), docUrl, '… and stays on the document');
	await approve.getByRole('checkbox', { name: 'この版の内容を確認しました' }).check();
	await click(owner, approve.getByRole('button', { name: '承認する' }));
	t.match(await flashText(owner), /承認しました/, 'the owner approves');
	t.match(await owner.locator('main section.card').first().innerText(), /第2版[\s\S]*承認済み \(未公開\)[\s\S]*承認/, '… the version is approved');
	t.equal(await owner.locator('#approve').count(), 0, '… and the approval form is gone');
	t.clean('approving');

	// ---- an administrator publishes
	const admin = await person(browser, srv, EMAIL.admin, otp.admin);
	await toDocuments(admin);
	await click(admin, admin.locator('#doc-policy').getByRole('link', { name: '開く' }));
	t.equal(admin.url(), docUrl, 'the administrator opens the policy from the list');
	await click(admin, admin.locator('#publish').getByRole('button', { name: '公開する' }));
	t.match(await flashText(admin), /公開しました/, 'the administrator publishes');
	t.match(await admin.locator('main section.card').first().innerText(), /公開中/, '… the version is published');
	t.equal(await admin.locator('main').getByRole('link', { name: `/p/${srv.slug}/policy` }).count(), 1,
		'… and the page links to the public page');
	t.clean('publishing');

	// ---- the public page, without cookies
	t.equal((await anon.cookies()).length, 0, 'the fresh context has no cookies');
	const pub = await visit(apage, srv.abs(`/p/${srv.slug}/policy`));
	t.equal(pub.status(), 200, 'the public page opens without login');
	const ptext = await apage.locator('main').innerText();
	t.ok(ptext.includes(srv.orgName), 'the public page shows the company name', ptext.slice(0, 200));
	t.ok(ptext.includes(ADDED) && ptext.includes(NEW_SENTENCE), 'the public page shows the published text with the added paragraph',
		ptext.slice(-400));
	t.equal(await apage.locator('nav.main-nav').count(), 0, 'the public page shows nothing of the organisation’s pages');
	t.equal(JSON.stringify(await injected(apage)), '[]', 'the public page runs nothing');
	await anon.close();
	t.clean('the public page');

	// ---- the owner's dashboard after: ★★ ready, the policy no longer asked for
	await visit(owner, srv.orgUrl('/'));
	t.match(await star2.innerText(), /宣言の準備ができています/, 'after: ★★ is ready on the dashboard');
	t.match(await star2.getAttribute('class'), /\bok\b/, '… marked ok');
	t.ok(!(await actions()).some((a) => a.includes('基本方針')), 'after: the next actions no longer ask for the policy',
		JSON.stringify(await actions()));
	t.clean('the dashboard after');

	// ---- a member reads it
	const member = await person(browser, srv, EMAIL.member, otp.member);
	await visit(member, srv.orgUrl('/'));
	const notice = member.locator('#documents-to-read');
	t.match(await notice.innerText().catch(() => ''), /まだ読んでいない情報セキュリティの文書があります: 1/,
		"the member's dashboard says one document is still to read");
	await click(member, notice.getByRole('link'));
	const mcard = member.locator('#doc-policy');
	t.match(await mcard.innerText(), /公開中の版をまだ読んでいません/, 'the member sees the policy as unread');
	t.match(await member.locator('#to-read').innerText(), /まだ読んでいない文書: 1/, '… and the list counts one to read');
	await click(member, mcard.getByRole('link', { name: '開く' }));
	t.equal(member.url(), docUrl, 'the member opens the published policy');
	t.ok((await member.locator('#body').innerText()).includes(ADDED), '… and reads the published text');
	t.equal(await member.getByRole('link', { name: '編集する' }).count(), 0, '… without the editor');

	// the PDF download
	const pdfLink = member.getByRole('link', { name: 'PDF', exact: true });
	const href = await pdfLink.getAttribute('href');
	const [download] = await Promise.all([
		member.waitForEvent('download', { timeout: 15000 }),
		pdfLink.click(),
	]);
	const file = await download.path();
	const head = file ? fs.readFileSync(file).subarray(0, 5).toString('latin1') : '';
	t.equal(head, '%PDF-', 'the PDF link downloads a PDF');
	t.match(download.suggestedFilename(), /\.pdf$/, '… named .pdf');
	const res = await member.request.get(new URL(href, member.url()).href, { timeout: 15000 });
	t.equal(res.status(), 200, 'the PDF link answers 200');
	t.match(res.headers()['content-type'], /^application\/pdf\b/, '… with application/pdf');

	await click(member, member.getByRole('button', { name: '読みました', exact: true }));
	t.match(await flashText(member), /「読みました」を記録しました/, 'the member presses 読みました');
	t.match(await member.locator('#ack').innerText(), /公開中の版を読みました/, '… and the page says it is read');
	t.equal(await member.getByRole('button', { name: '読みました', exact: true }).count(), 0, '… without the button any more');
	await toDocuments(member);
	t.match(await mcard.innerText(), /公開中の版を読みました \(/, 'the list shows the policy as read');
	t.ok(!(await mcard.innerText()).includes('まだ読んでいません'), '… and no longer as unread');
	t.equal(await member.locator('#to-read').count(), 0, '… and says nothing is left to read');
	await visit(member, srv.orgUrl('/'));
	t.equal(await notice.count(), 0, "the member's dashboard no longer says something is to read");
	t.clean('reading');

	// ---- the administrator sees who has not read it
	await visit(admin, docUrl);
	const readersLink = admin.getByRole('link', { name: /^読んだ人/ });
	t.match(await readersLink.innerText(), /読んだ人 \(1 \/ \d+\)/, 'the document counts one reader');
	await click(admin, readersLink);
	t.equal(pathOf(admin), `/o/${srv.slug}/documents/${m[1]}/readers`, '読んだ人 opens the readers');
	const list = await admin.locator('#pending-list').inputValue();
	t.ok(list.split('\n').map((l) => l.trim()).includes(EMAIL.member2), 'the list to copy names the member who has not read it', list);
	t.ok(!list.includes(EMAIL.member), '… and not the member who has', list);
	t.ok(await admin.locator('#pending-list').evaluate((el) => el.readOnly), '… in a read-only textarea');
	t.match(await admin.locator('#done').innerText(), new RegExp(EMAIL.member.replace(/\./g, '\\.')), 'the member is among those who read it');
	t.clean('the readers');

	// ---- a phone: the document and its editor do not scroll sideways
	const pctx = await browser.newContext(PHONE);
	await pctx.addCookies(await editor.context().cookies());
	const phone = await pctx.newPage();
	await visit(phone, docUrl);
	t.equal(await phone.evaluate(() => window.innerWidth), 390, 'the page is laid out at the width of a phone');
	t.equal(pathOf(phone), `/o/${srv.slug}/documents/${m[1]}`, 'the editor opens the document on a phone');
	await noOverflow(t, phone, 'the document page');
	await visit(phone, `${docUrl}/edit`);
	t.equal(await phone.getByLabel('本文 (Markdown)').count(), 1, 'the editor opens on a phone');
	await noOverflow(t, phone, 'the editor');
	await click(phone, phone.getByRole('button', { name: 'プレビュー', exact: true }));
	await noOverflow(t, phone, 'the editor with its preview');
	await visit(phone, `${docUrl}/diff?from=1&to=2`);
	await noOverflow(t, phone, 'the comparison');
	await visit(phone, srv.orgUrl('/documents'));
	await noOverflow(t, phone, 'the list of documents');
	await pctx.close();
	t.clean('a phone');
}
