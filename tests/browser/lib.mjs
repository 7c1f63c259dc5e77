// lib.mjs — shared helpers of the browser tests.
//
// A test file exports `name` (one line) and a default async function
// receiving a test object `t` (made by run.mjs with makeTest below):
//
//   const srv = await t.server();          // mamori serving a fresh database
//   const ctx = await t.browser();         // headless Debian chromium, watched
//   const page = await ctx.newPage();
//   t.ok(cond, 'what should hold', detail) // a check; the test goes on
//
// Every page of every context a test opens is watched: a console error, an
// uncaught exception, a Content-Security-Policy violation or a 5xx answer
// fails the test, unless the test announced it with t.allow(pattern).
// Everything a test starts (servers, browsers, temporary folders) is
// stopped and removed when it ends, also when it fails or times out.

import { spawn, execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'package.json'));
const { chromium } = require('playwright-core');

export const ROOT = path.resolve(here, '..', '..');
export const MAMORI = process.env.MAMORI || path.join(ROOT, 'mamori');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	'--disable-quic', '--no-first-run'];

export const ORG_NAME = '株式会社サンプル';
export const SLUG = 'sample';
export const ADMIN_EMAIL = 'admin@mamori.local';
// a password long enough and not on the list of common ones
export const STRONG_PASSWORD = 'ひだまりの窓辺で猫が三匹ねむる 2026';
// long enough (≥ 12) but on the list of common passwords
export const COMMON_PASSWORD = 'password1234';

// The stored-XSS corpus (QUALITY.md S9).
export const XSS = [
	'<script>window.__xss=1</script>',
	'<img src=x onerror="window.__xss=1">',
	'"><svg onload=window.__xss=1>',
	'javascript:window.__xss=1',
];

// the environment of every mamori process: no fake clock, no database
// from the caller, a UTF-8 locale
function mamoriEnv(extra = {}) {
	const env = { ...process.env, LC_ALL: 'C.UTF-8' };
	delete env.MAMORI_DB;
	delete env.MAMORI_FAKE_NOW;
	delete env.MAMORI_FAKE_NOW_UNIX;
	return { ...env, ...extra };
}

export function tempDir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// mamori ARGS… → { code, stdout, stderr }; never throws
export function mamori(args, { env = {}, input, timeout = 20000 } = {}) {
	return new Promise((resolve) => {
		const child = execFile(MAMORI, args, { env: mamoriEnv(env), timeout, encoding: 'utf8' },
			(err, stdout, stderr) => {
				resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0,
					stdout, stderr, error: err && typeof err.code !== 'number' ? String(err) : '' });
			});
		if (input !== undefined) child.stdin.end(input);
		else child.stdin.end();
	});
}

// A mamori server on a free port of 127.0.0.1 over a new database in a
// temporary folder. The database is made by `mamori init`, so the first
// administrator and its one-time password come from `serve`.
const running = new Set();
process.on('exit', () => {
	for (const child of running) {
		try { child.kill('SIGKILL'); } catch { /* gone */ }
	}
});

export class Server {
	constructor(dir) {
		this.dir = dir;
		this.db = path.join(dir, 'mamori.db');
		this.log = '';
		this.child = null;
		this.exited = null;
		this.url = '';
		this.adminEmail = ADMIN_EMAIL;
		this.adminPassword = '';
		this.slug = SLUG;
		this.orgName = ORG_NAME;
	}

	get base() { return `${this.url}o/${this.slug}`; }
	orgUrl(p = '/') { return `${this.url}o/${this.slug}${p}`; }
	abs(p) { return new URL(p, this.url).href; }

	// mamori --db DB ARGS…
	cli(args, opts) { return mamori(['--db', this.db, ...args], opts); }

	async init({ org = ORG_NAME, slug = SLUG } = {}) {
		this.slug = slug;
		this.orgName = org;
		const r = await this.cli(['init', '--org', org, '--slug', slug]);
		if (r.code !== 0)
			throw new Error(`mamori init failed (${r.code}): ${r.stderr || r.error}`);
	}

	async start(timeoutMs = 10000) {
		const child = spawn(MAMORI, ['--db', this.db, 'serve', '--listen', '127.0.0.1:0'],
			{ env: mamoriEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
		this.child = child;
		running.add(child);
		this.exited = new Promise((resolve) => child.on('exit', (code, sig) => {
			running.delete(child);
			resolve({ code, sig });
		}));
		await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(
				`mamori serve printed no address within ${timeoutMs} ms:\n${this.log}`)), timeoutMs);
			const onData = (d) => {
				this.log += d.toString('utf8');
				const pw = this.log.match(/一時パスワード:\s*(\S+)/);
				if (pw) this.adminPassword = pw[1];
				const m = this.log.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
				if (m && !this.url) {
					this.url = `http://127.0.0.1:${m[1]}/`;
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			child.on('error', (err) => {
				clearTimeout(timer);
				running.delete(child);
				reject(new Error(`cannot start ${MAMORI}: ${err.message}`));
			});
			this.exited.then(({ code, sig }) => {
				clearTimeout(timer);
				reject(new Error(`mamori serve exited (${code ?? sig}) before serving:\n${this.log}`));
			});
		});
		return this;
	}

	running() { return this.child !== null && this.child.exitCode === null && this.child.signalCode === null; }

	// SIGTERM, then SIGKILL after 5 s
	async stop() {
		if (!this.child) return null;
		const child = this.child;
		this.child = null;
		if (child.exitCode !== null || child.signalCode !== null) return this.exited;
		child.kill('SIGTERM');
		const t = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, 5000);
		const r = await this.exited;
		clearTimeout(t);
		return r;
	}
}

// Watches every page of a context: console errors, uncaught exceptions,
// CSP violations (the securitypolicyviolation event, reported through a
// binding that works under any CSP) and 5xx answers.
export class Watcher {
	constructor() {
		this.problems = [];
		this.allowed = []; // { re, left }
	}

	allow(re, times = 1) { this.allowed.push({ re, left: times }); }

	record(kind, text, url) {
		const line = `${kind}: ${text}${url ? ` (at ${url})` : ''}`;
		for (const a of this.allowed)
			if (a.left > 0 && a.re.test(line)) {
				a.left--;
				return;
			}
		this.problems.push(line);
	}

	take() {
		const p = this.problems;
		this.problems = [];
		return p;
	}

	async attach(ctx) {
		await ctx.exposeBinding('__mamoriCspViolation', ({ frame }, v) => {
			this.record('CSP violation', `${v.directive} blocked ${v.blocked || '(inline)'}` +
				`${v.sample ? ` sample ${JSON.stringify(v.sample)}` : ''}`, frame ? frame.url() : '');
		});
		await ctx.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (e) => {
				try {
					window.__mamoriCspViolation({ directive: e.violatedDirective,
						blocked: e.blockedURI, sample: e.sample });
				} catch { /* the binding is always there */ }
			});
		});
		const onPage = (page) => {
			// a page answered with 4xx is the test's business (it checks the
			// status it expects); Chromium also logs it as a console error
			const docStatus = new Map();
			page.on('console', (msg) => {
				if (msg.type() !== 'error') return;
				const m = msg.text().match(/^Failed to load resource: the server responded with a status of (\d+)/);
				if (m && (docStatus.get(m[1]) || 0) > 0) {
					docStatus.set(m[1], docStatus.get(m[1]) - 1);
					return;
				}
				this.record('console error', msg.text(), page.url());
			});
			page.on('pageerror', (err) => this.record('uncaught exception', String(err), page.url()));
			page.on('response', (res) => {
				const st = res.status(), req = res.request();
				if (st >= 500)
					this.record('server error', `${st} ${req.method()} ${res.url()}`);
				else if (st >= 400 && req.resourceType() === 'document' && req.frame() === page.mainFrame())
					docStatus.set(String(st), (docStatus.get(String(st)) || 0) + 1);
				else if (st >= 400)
					this.record('failed resource', `${st} ${req.method()} ${res.url()}`, page.url());
			});
		};
		ctx.pages().forEach(onPage);
		ctx.on('page', onPage);
	}
}

// Debian's chromium, headless, with a fresh profile in a temporary folder.
// Returns the persistent context; more contexts (other people) come from
// newContext(), each watched by the same watcher.
export class Browser {
	constructor(watcher) {
		this.watcher = watcher;
		this.profile = '';
		this.ctx = null;
		this.others = [];
	}

	async launch(options = {}) {
		if (!fs.existsSync(CHROMIUM))
			throw new Error(`${CHROMIUM} is missing (install the Debian package chromium)`);
		this.profile = tempDir('mamori-chromium-');
		this.ctx = await chromium.launchPersistentContext(this.profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1280, height: 900 },
			locale: 'ja-JP',
			timezoneId: 'Asia/Tokyo',
			timeout: 30000,
			...options,
		});
		this.ctx.setDefaultTimeout(10000);
		this.ctx.setDefaultNavigationTimeout(15000);
		await this.watcher.attach(this.ctx);
		return this;
	}

	async newPage() {
		const blank = this.ctx.pages().find((p) => p.url() === 'about:blank' && !p.__mamoriUsed);
		const page = blank || await this.ctx.newPage();
		page.__mamoriUsed = true;
		return page;
	}

	// a separate context (own cookies) in the same browser
	async newContext(options = {}) {
		const browser = this.ctx.browser();
		let ctx;
		if (browser) {
			ctx = await browser.newContext({ viewport: { width: 1280, height: 900 },
				locale: 'ja-JP', timezoneId: 'Asia/Tokyo', ...options });
		} else {
			const b = new Browser(this.watcher);
			await b.launch(options);
			this.others.push(b);
			ctx = b.ctx;
		}
		ctx.setDefaultTimeout(10000);
		ctx.setDefaultNavigationTimeout(15000);
		if (browser) await this.watcher.attach(ctx);
		return ctx;
	}

	async close() {
		for (const b of this.others) await b.close();
		this.others = [];
		if (this.ctx) {
			const ctx = this.ctx;
			this.ctx = null;
			await Promise.race([ctx.close().catch(() => {}), sleep(10000)]);
		}
		if (this.profile) fs.rmSync(this.profile, { recursive: true, force: true });
		this.profile = '';
	}
}

// the font families fontconfig offers for Japanese (empty: chromium draws
// boxes instead of kana and kanji)
export function japaneseFonts() {
	try {
		return execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8', timeout: 10000 })
			.split('\n').map((l) => l.trim()).filter(Boolean);
	} catch {
		return [];
	}
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

// ---- the test object --------------------------------------------------

export function makeTest(name) {
	const cleanups = [];
	const watcher = new Watcher();
	const t = {
		name,
		checks: 0,
		failures: [],
		notes: [],
		watcher,
		servers: [],
		defer(fn) { cleanups.push(fn); },
		note(msg) { t.notes.push(String(msg)); },
		ok(cond, desc, detail) {
			t.checks++;
			if (!cond) t.failures.push(detail !== undefined ? `${desc}\n    ${String(detail).replace(/\n/g, '\n    ')}` : desc);
			return !!cond;
		},
		equal(got, want, desc) {
			return t.ok(Object.is(got, want) || JSON.stringify(got) === JSON.stringify(want), desc,
				`expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
		},
		match(text, re, desc) {
			const s = text == null ? '' : String(text);
			return t.ok(re.test(s), desc, `expected ${re}, got ${JSON.stringify(s.slice(0, 300))}`);
		},
		// a check that must hold for the rest of the test to make sense
		must(cond, desc, detail) {
			if (!t.ok(cond, desc, detail)) throw new StopTest(desc);
		},
		allow(re, times = 1) { watcher.allow(re, times); },
		// no console error, CSP violation or 5xx since the last call
		clean(desc) {
			const p = watcher.take();
			return t.ok(p.length === 0, `${desc}: no console error, CSP violation or server error`,
				p.join('\n'));
		},
		async server({ org = ORG_NAME, slug = SLUG } = {}) {
			const dir = tempDir('mamori-browser-');
			t.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
			const srv = new Server(dir);
			t.servers.push(srv);
			t.defer(async () => {
				const alive = srv.running();
				const r = await srv.stop();
				if (!alive && r) t.failures.push(`the server had exited by itself (${r.code ?? r.sig}):\n    ${srv.log.trim().split('\n').slice(-10).join('\n    ')}`);
			});
			await srv.init({ org, slug });
			await srv.start();
			return srv;
		},
		async browser(options) {
			const b = new Browser(watcher);
			t.defer(() => b.close());
			await b.launch(options);
			return b;
		},
		async cleanup() {
			while (cleanups.length) {
				const fn = cleanups.pop();
				try { await fn(); } catch (e) { t.notes.push(`cleanup: ${e.message}`); }
			}
		},
	};
	return t;
}

export class StopTest extends Error {}

// ---- pages ---------------------------------------------------------------

// go to URL; returns the response (status checked by the caller)
export async function visit(page, url) {
	return page.goto(url, { waitUntil: 'load' });
}

export function pathOf(page) {
	const u = new URL(page.url());
	return u.pathname;
}

export async function login(page, srv, email, password) {
	await visit(page, srv.abs('/login'));
	await page.getByLabel('メールアドレス', { exact: true }).fill(email);
	await page.getByLabel('パスワード', { exact: true }).fill(password);
	await Promise.all([
		page.waitForLoadState('load'),
		page.getByRole('button', { name: 'ログイン', exact: true }).click(),
	]);
	await page.waitForLoadState('load');
}

// the password form: current, new and confirmation; submits
export async function submitPassword(page, current, next, confirm = next) {
	await page.getByLabel('現在のパスワード', { exact: true }).fill(current);
	await page.getByLabel('新しいパスワード', { exact: true }).fill(next);
	await page.getByLabel('新しいパスワード (確認)', { exact: true }).fill(confirm);
	await page.getByRole('button', { name: '変更する', exact: true }).click();
	await page.waitForLoadState('load');
}

// log in with a one-time password and change it (the forced change);
// ends wherever mamori sends a person next
export async function loginFirstTime(page, srv, email, otp, password = STRONG_PASSWORD) {
	await login(page, srv, email, otp);
	if (pathOf(page) !== '/account/password')
		throw new Error(`after logging in with a one-time password, expected /account/password, got ${page.url()}`);
	await submitPassword(page, otp, password);
	if (pathOf(page) === '/account/password')
		throw new Error(`the new password was refused: ${await alertText(page)}`);
}

export const PROFILE = {
	name: ORG_NAME,
	industry: 'jsic-e', // E 製造業
	employees: '24',
	representative: '山田 太郎',
	representativeTitle: '代表取締役',
	address: '東京都千代田区丸の内一丁目 1-1',
};

// fill the fields shared by the setup and profile forms
export async function fillProfile(page, p) {
	if (p.name !== undefined) await page.getByLabel('組織名', { exact: true }).fill(p.name);
	if (p.industry !== undefined) await page.getByLabel('業種 (日本標準産業分類)').selectOption(p.industry);
	if (p.employees !== undefined) await page.getByLabel('従業員数', { exact: true }).fill(p.employees);
	if (p.representative !== undefined) await page.getByLabel('代表者の氏名', { exact: true }).fill(p.representative);
	if (p.representativeTitle !== undefined) await page.getByLabel('代表者の役職', { exact: true }).fill(p.representativeTitle);
	if (p.address !== undefined) await page.getByLabel('所在地', { exact: true }).fill(p.address);
}

// the first administrator logs in, changes the one-time password and
// completes the setup; ends on the dashboard
export async function adminReady(t, { profile = PROFILE, browserOptions } = {}) {
	const srv = await t.server();
	const browser = await t.browser(browserOptions);
	const page = await browser.newPage();
	t.must(srv.adminPassword !== '', 'mamori serve printed the one-time password of the first administrator', srv.log);
	await loginFirstTime(page, srv, srv.adminEmail, srv.adminPassword);
	if (pathOf(page) !== `/o/${srv.slug}/setup`)
		throw new Error(`expected the setup page after the first password change, got ${page.url()}`);
	await fillProfile(page, { ...profile, address: undefined });
	await page.getByRole('button', { name: '登録してダッシュボードへ' }).click();
	await page.waitForLoadState('load');
	if (pathOf(page) !== `/o/${srv.slug}/`)
		throw new Error(`expected the dashboard after the setup, got ${page.url()}: ${await alertText(page)}`);
	return { srv, browser, page };
}

export async function alertText(page) {
	const a = page.getByRole('alert');
	return (await a.count()) ? (await a.first().innerText()).trim() : '';
}

export async function flashText(page) {
	const f = page.locator('main .flash[role="status"], main p[role="status"]');
	return (await f.count()) ? (await f.first().innerText()).trim() : '';
}

// open the user menu (a <details> in the header) and log out
export async function logout(page) {
	const menu = page.locator('header details.menu');
	await menu.locator('summary').click();
	await Promise.all([
		page.waitForURL(/\/login/),
		menu.getByRole('button', { name: /ログアウト|Log out|Sign out/i }).click(),
	]);
	await page.waitForLoadState('load');
}

// create a one-time-password account with the CLI; returns the password
export async function addUser(srv, email, role, name) {
	const args = ['user', 'add', email, '--org', srv.slug, '--role', role];
	if (name) args.push('--name', name);
	const r = await srv.cli(args);
	if (r.code !== 0) throw new Error(`mamori user add ${email} failed: ${r.stderr}`);
	return r.stdout.trim();
}

// write a CSV of the 25 answers (ANSWERS: array of 25, or {no: answer}
// over "yes") and record it as a completed round with the CLI
export async function recordDiagnosis(srv, answers, { respondent, when } = {}) {
	const list = Array.from({ length: 25 }, (_, i) =>
		Array.isArray(answers) ? answers[i] : (answers[i + 1] || 'yes'));
	const file = path.join(srv.dir, `answers-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
	fs.writeFileSync(file, 'no,answer\n' + list.map((a, i) => `${i + 1},${a}`).join('\n') + '\n');
	const args = ['diagnose', '--org', srv.slug, '--answers', file, '--format', 'json'];
	if (respondent) args.push('--respondent', respondent);
	const r = await srv.cli(args, { env: when ? { MAMORI_FAKE_NOW: when } : {} });
	if (r.code !== 0) throw new Error(`mamori diagnose --answers failed (${r.code}): ${r.stderr}`);
	try { return JSON.parse(r.stdout); } catch { return r.stdout; }
}

// the same-origin pages linked from PAGE (GET links only, no fragments,
// no language switch)
export async function linksOf(page) {
	const origin = new URL(page.url()).origin;
	const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
	const out = new Set();
	for (const h of hrefs) {
		let u;
		try { u = new URL(h); } catch { continue; }
		if (u.origin !== origin) continue;
		u.hash = '';
		if (u.searchParams.has('lang')) continue;
		if (u.pathname.startsWith('/static/')) continue;
		out.add(u.href);
	}
	return [...out];
}

// scrollWidth ≤ innerWidth: nothing sticks out sideways
export async function horizontalOverflow(page) {
	return page.evaluate(() => {
		const doc = document.documentElement;
		const over = [];
		if (doc.scrollWidth > window.innerWidth)
			for (const el of document.querySelectorAll('body *')) {
				const r = el.getBoundingClientRect();
				if (r.right > window.innerWidth + 0.5 && r.width > 0) {
					over.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}`);
					if (over.length >= 5) break;
				}
			}
		return { scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, over };
	});
}
