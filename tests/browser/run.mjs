// run.mjs — the browser tests: MAMORI=/abs/mamori node tests/browser/run.mjs [FILTER…]
//
// Runs every tests/browser/*.test.mjs in the order of their names (or
// only those whose name contains one of FILTER), each with a fresh
// server and browser, and prints TAP: "ok N - name" or "not ok N - name"
// followed by the failed checks as comments. A test gets at most 60 s (or
// the `seconds` it exports, for the few that walk every page as every
// role) and the whole run at most 8 minutes (MAMORI_BROWSER_TEST_SECONDS
// lowers the limit of a test, to try it). Exits 0 only when every test
// passed.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeTest, StopTest, MAMORI, CHROMIUM } from './lib.mjs';

const TEST_MS = Number(process.env.MAMORI_BROWSER_TEST_SECONDS || 60) * 1000; // each test
const RUN_MS = 8 * 60_000; // the whole run
const here = path.dirname(fileURLToPath(import.meta.url));
const started = Date.now();

function comment(text) {
	for (const line of String(text).split('\n')) process.stdout.write(`# ${line}\n`);
}

// the first lines of an error and where in the tests it was thrown
function describeError(e) {
	if (!e || !e.message) return String(e);
	// playwright appends a call log full of terminal colours: keep its gist
	const msg = e.message.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => l.trim() && !/^Call log:/.test(l)).slice(0, 3).join('\n    ');
	const at = (e.stack || '').split('\n').find((l) => /\.test\.mjs|lib\.mjs/.test(l));
	return at ? `${msg}\n    ${at.trim()}` : msg;
}

function bail(msg) {
	process.stdout.write(`Bail out! ${msg}\n`);
	process.exit(1);
}

if (!fs.existsSync(MAMORI)) bail(`MAMORI=${MAMORI} does not exist (run make first)`);
if (!fs.existsSync(CHROMIUM)) bail(`${CHROMIUM} does not exist (install Debian's chromium)`);

const filters = process.argv.slice(2);
const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()
	.filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) bail('no test matches');

let current = null;
process.on('unhandledRejection', (e) => comment(`(late error, ignored: ${e && e.message ? e.message.split('\n')[0] : e})`));
// an error thrown outside the awaited chain of a test (an event handler)
// fails the test that runs, instead of ending the run without cleaning up
process.on('uncaughtException', (e) => {
	if (current) current.failures.push(`uncaught: ${describeError(e)}`);
	else comment(`uncaught: ${describeError(e)}`);
});
const runTimer = setTimeout(async () => {
	comment(`the whole run took more than ${RUN_MS / 1000} s`);
	if (current) await Promise.race([current.cleanup(), new Promise((r) => setTimeout(r, 10000))]);
	bail('time limit of the run exceeded');
}, RUN_MS);

process.stdout.write(`TAP version 13\n1..${files.length}\n`);
let failed = 0;
for (const [i, file] of files.entries()) {
	const n = i + 1;
	let mod;
	try {
		mod = await import(pathToFileURL(path.join(here, file)).href);
	} catch (e) {
		process.stdout.write(`not ok ${n} - ${file}\n`);
		comment(`cannot load: ${e.stack || e}`);
		failed++;
		continue;
	}
	const name = `${file.replace(/\.test\.mjs$/, '')}: ${mod.name || ''}`.trim();
	const t = makeTest(name);
	current = t;
	const t0 = Date.now();
	const limitMs = process.env.MAMORI_BROWSER_TEST_SECONDS ? TEST_MS : (mod.seconds || 60) * 1000;
	let timer;
	try {
		await Promise.race([
			Promise.resolve().then(() => mod.default(t)),
			new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`timed out after ${limitMs / 1000} s`)), limitMs);
			}),
		]);
	} catch (e) {
		if (!(e instanceof StopTest))
			t.failures.push(describeError(e));
		else
			t.failures.push('(stopped: the checks above are needed for the rest)');
	} finally {
		clearTimeout(timer);
	}
	// what happened in the pages after the last explicit check
	const late = t.watcher.take();
	if (late.length) t.failures.push(`console errors, CSP violations or server errors:\n    ${late.join('\n    ')}`);
	await Promise.race([t.cleanup(), new Promise((r) => setTimeout(r, 15000))]);
	current = null;
	const secs = ((Date.now() - t0) / 1000).toFixed(1);
	if (t.failures.length === 0) {
		process.stdout.write(`ok ${n} - ${name} (${t.checks} checks, ${secs} s)\n`);
	} else {
		failed++;
		process.stdout.write(`not ok ${n} - ${name} (${t.checks} checks, ${secs} s)\n`);
		for (const f of t.failures) comment(`  ${f}`);
		// what the server said besides its banner (errors it logged)
		for (const srv of t.servers) {
			const said = srv.log.split('\n').filter((l) => l.trim() &&
				!/最初の管理者|メールアドレス:|一時パスワード:|で起動しました|停止しています/.test(l));
			if (said.length) comment(`  server log (end):\n    ${said.slice(-10).join('\n    ')}`);
		}
	}
	for (const note of t.notes) comment(`  ${note}`);
}
clearTimeout(runTimer);
const total = ((Date.now() - started) / 1000).toFixed(1);
comment(`${files.length - failed} of ${files.length} browser tests passed in ${total} s`);
process.stdout.write(`browser: ${files.length - failed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
