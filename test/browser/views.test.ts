/*
 * The views on DS-Lite lines in headless Chromium (Debian `chromium`, driven by
 * playwright-core), on a LuCI-like harness page (test/browser/harness/) that serves
 * backend replies recorded from the real backend (make-states.ts).
 *
 * Every MAP-E state and flow is tested in real LuCI on the router lab
 * (routerlab-luci.test.ts). DS-Lite cannot be: netifd's `dslite` protocol handler
 * (dslite.sh, OpenWrt's ds-lite package) is not among the pinned sources, so no router
 * there has a DS-Lite tunnel, up or failed. Here each DS-Lite state renders in en/ja at
 * desktop and phone width without console or page errors, shows the texts that matter,
 * and leaves a screenshot in test-results/screenshots/; Auto configure on a DS-Lite line
 * stages exactly the planned uci changes and applies them with rollback.
 *
 * Skipped, with the reason printed, when /usr/bin/chromium is missing (CI installs it).
 * Playwright starts Chromium with a fresh temporary profile (its own --user-data-dir).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer } from './harness/server.ts';
import { untranslatedWords } from './prose.ts';
import { parsePo } from '../../tools/i18n/po.ts';

// Page-side callbacks run in the browser; the root tsconfig has no DOM lib.
declare const window: any, document: any;
declare function getComputedStyle(element: unknown): { color: string };
type HTMLElement = { style: { display: string } };

const REPO = join(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(REPO, 'test-results/screenshots');
const STATES = join(REPO, 'test/fixtures/view/states');
const states: { [name: string]: any } = Object.fromEntries(readdirSync(STATES).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(STATES, f), 'utf8'))]));
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium; or set CHROMIUM=/path)`;
if (skip) console.log(`# browser tests skipped: ${skip}`);

const ja = parsePo(existsSync(join(REPO, 'po/ja/mape.po')) ? readFileSync(join(REPO, 'po/ja/mape.po'), 'utf8') : '');
const tr = (id: string) => ja.entries.find((e) => e.msgid == id)?.msgstr[0] || id;
/** ASCII words the Japanese catalog itself keeps (technical terms and names). */
const jaAscii = new Set(ja.entries.flatMap((e) => e.msgstr.join(' ').match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? []));

let browser: Browser;
let base = '';
let stop: () => void = () => {};

before(async () => {
	if (skip) return;
	const { chromium } = await import('playwright-core');
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
	});
	const s = await startServer();
	base = s.base;
	stop = () => s.server.close();
	mkdirSync(SHOTS, { recursive: true });
	console.log(`# screenshots: ${SHOTS}`);
});

after(async () => {
	await browser?.close();
	stop();
});

interface Opened { page: Page; problems: string[]; close(): Promise<void> }

async function open(view: string, state: string, lang: string, size: { width: number; height: number }, dark = false): Promise<Opened> {
	const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: lang == 'ja' ? 'ja-JP' : 'en-US' });
	const page = await context.newPage();
	const problems: string[] = [];
	page.on('console', (m) => { if (m.type() == 'error' || m.type() == 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
	page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
	await page.goto(`${base}/?view=${view}&state=${state}&lang=${lang}&dark=${dark ? 1 : 0}`);
	await page.waitForFunction(() => (window as any).__harness?.ready === true, null, { timeout: 15000 });
	const errors: string[] = await page.evaluate(() => (window as any).__harness.errors);
	problems.push(...errors);
	return { page, problems, close: () => context.close() };
}

const KEY_TEXTS: { [state: string]: { setup: string[]; status: string[] } } = {
	'dslite-unconfigured-64': {
		setup: ['DS-Lite is not set up on this router yet. Press "Auto configure" to set it up with the parameters below.', 'Method', 'transix (Internet Multifeed)', 'Built-in table', 'DS-Lite parameters', 'resolved through the line\'s DNS servers each time the tunnel starts', '(planned)', 'DS-Lite interface name'],
		status: ['IPv4 upstream (DS-Lite)', 'DS-Lite line: no port sets', 'The AFTR translates addresses and ports for the whole line.'],
	},
	'dslite-up': { setup: ['Configured and working', 'The DS-Lite tunnel %s to %s is up.', 'DS-Lite interface'], status: ['IPv4 upstream (DS-Lite)', 'Configured and working', 'Device', 'DS-Lite line: no port sets'] },
	'dslite-error': {
		setup: ['AFTR name not resolved (AFTR_DNS_FAIL)', 'The name resolves only through the line\'s own DNS servers. If the router uses other DNS servers (custom or DoH), enter the AFTR\'s address under "Advanced settings".'],
		status: ['AFTR name not resolved (AFTR_DNS_FAIL)', 'The name resolves only through the line\'s own DNS servers. If the router uses other DNS servers (custom or DoH), enter the AFTR\'s address under "Advanced settings".', 'DS-Lite line: no port sets'],
	},
	'dslite-stale': { setup: ['Configuration out of date', 'The line now uses %s, but the router is set up for %s. Press "Auto configure" to switch.', 'MAP interface', 'DS-Lite parameters'], status: ['Configuration out of date', 'IPv4 upstream (DS-Lite)'] },
	'dslite-hb46pp': { setup: ['Parameters from', 'Provider (HB46PP)', 'Provider data valid for', '%d hour', 'AFTR'], status: ['IPv4 upstream (DS-Lite)', 'DS-Lite line: no port sets'] },
};

function expectedText(id: string, lang: string): string {
	const s = lang == 'ja' ? tr(id) : id;
	return s.replace(/%d/g, '').split(/\s*%s\s*/)[0].trim().slice(0, 40);
}

for (const state of Object.keys(KEY_TEXTS)) {
	for (const view of ['setup', 'status'] as const) {
		test(`${view} view, ${state}: renders in en/ja at desktop and phone width, no errors, key texts, screenshots`, { skip }, async () => {
			for (const lang of ['en', 'ja']) {
				for (const [wname, size] of Object.entries(WIDTHS)) {
					const o = await open(view, state, lang, size);
					try {
						assert.deepEqual(o.problems, [], `${view}/${state}/${lang}/${wname}: no console or page errors`);
						const text = await o.page.textContent('#view') ?? '';
						for (const id of KEY_TEXTS[state][view]) assert.ok(text.includes(expectedText(id, lang)), `${view}/${state}/${lang}: shows "${expectedText(id, lang)}"`);
						// Nothing wider than the screen (phone layout wraps instead of scrolling sideways).
						const overflow = await o.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
						assert.ok(overflow <= 1, `${view}/${state}/${lang}/${wname}: no horizontal scrolling (${overflow}px)`);
						if (lang == 'ja') {
							// Router values (interface names…) may appear inside sentences; they are data, not prose.
							const data = new Set(JSON.stringify(states[state]).match(/[A-Za-z][A-Za-z0-9_.-]*/g));
							const english = await untranslatedWords(o.page, new Set([...jaAscii, ...data]));
							assert.deepEqual(english, [], `${view}/${state}: no untranslated English in the Japanese page`);
						}
						await o.page.screenshot({ path: join(SHOTS, `${view}-${state}-${lang}-${wname}.png`), fullPage: true });
					} finally {
						await o.close();
					}
				}
			}
		});
	}
}

test('Auto configure: the diff lists exactly the planned operations, and confirming stages exactly the plan and applies with rollback', { skip }, async () => {
	for (const state of ['dslite-unconfigured-64', 'dslite-stale', 'dslite-hb46pp']) {
		const plan = states[state].plan;
		const o = await open('setup', state, 'en', WIDTHS.desktop);
		try {
			await o.page.click('#mape-auto');
			await o.page.waitForSelector('body.modal-overlay-active #mape-plan');
			// Every operation once: option rows, and section headings for additions and removals.
			const shown = await o.page.$$eval('#mape-plan tr[data-op]', (rows) => rows.map((r) => Number(r.getAttribute('data-op'))));
			const heads = await o.page.$$eval('#mape-plan tr[data-section-ops]', (r) => r.flatMap((x) => x.getAttribute('data-section-ops')!.split(' ').map(Number)));
			assert.deepEqual([...shown, ...heads].sort((a, b) => a - b), plan.ops.map((_: unknown, i: number) => i), `${state}: every op once`);
			const count = (op: string) => plan.ops.filter((o: any) => o.op == op).length;
			const notes = await o.page.$$eval('#mape-plan tr.mape-section', (rows) => rows.map((r) => r.textContent!));
			assert.equal(notes.filter((t) => t.includes('(new section)')).length, count('add'));
			assert.equal(notes.filter((t) => t.includes('(section removed)')).length, count('remove'));
			// The tunnel interfaces are named by their method, also the one a switch removes.
			for (const op of plan.ops.filter((o: any) => o.config == 'network' && (o.op == 'add' || o.op == 'remove')))
				assert.ok(notes.some((t) => t.startsWith(`${op.section == 'wanmap' ? 'MAP-E' : 'DS-Lite'} tunnel interface "${op.section}"`)), `${state}: ${op.op} ${op.section} titled`);
			const modal = await o.page.textContent('#modal_overlay') ?? '';
			for (const w of plan.warnings) assert.ok(modal.includes(w.code == 'FOREIGN_TUNNEL_KEPT' ? 'Other tunnel interface kept' : w.code), `${state}: warning ${w.code} shown`);
			await o.page.screenshot({ path: join(SHOTS, `setup-${state}-en-desktop-plan.png`), fullPage: true });

			await o.page.click('#mape-confirm');
			await o.page.waitForFunction(() => (window as any).__harness.applied.length > 0, null, { timeout: 10000 });
			const h = await o.page.evaluate(() => (window as any).__harness);
			const staged = h.uciCalls.filter((c: any[]) => ['add', 'set', 'unset', 'remove'].includes(c[0]));
			assert.deepEqual(staged, expectedCalls(plan.ops), `${state}: staged exactly the plan`);
			assert.deepEqual(h.uciCalls.filter((c: any[]) => c[0] == 'save'), [['save']], 'saved once');
			assert.ok(h.uciCalls.findIndex((c: any[]) => c[0] == 'load') < h.uciCalls.findIndex((c: any[]) => c[0] != 'load'), 'configs loaded before staging');
			assert.deepEqual(h.applied, [true], 'ui.changes.apply(true): apply with rollback');
			assert.ok(h.rpcCalls.some((c: any) => c.method == 'backup'), 'backup requested before applying');
			assert.equal(h.notifications.length, 0, 'no error notification');
			assert.deepEqual(o.problems, []);
			await o.page.screenshot({ path: join(SHOTS, `setup-${state}-en-desktop-applying.png`) });
		} finally {
			await o.close();
		}
	}
});

/** The uci calls staging must make for operations (uci.js's API; anonymous adds without a name). */
function expectedCalls(ops: any[]): unknown[][] {
	return ops.map((op) => op.op == 'add' ? ['add', op.config, op.type, op.anonymous ? null : op.section]
		: op.op == 'set' ? ['set', op.config, op.section, op.option, op.new]
			: op.op == 'remove' ? ['remove', op.config, op.section] : ['unset', op.config, op.section, op.option]);
}

test('Restore previous configuration on a DS-Lite router: the diff names the DS-Lite interface it removes', { skip }, async () => {
	const o = await open('setup', 'dslite-up', 'en', WIDTHS.desktop);
	try {
		await o.page.click('#mape-restore');
		await o.page.waitForSelector('body.modal-overlay-active #mape-plan');
		const headings = await o.page.$$eval('#mape-plan tr.mape-section th', (th) => th.map((t) => t.textContent));
		assert.deepEqual(headings, ['DS-Lite tunnel interface "wandslite" network.wandslite (section removed)', 'IPv6 uplink "wan6" network.wan6', 'Firewall zone "wan" firewall.@zone[1]']);
		assert.deepEqual(o.problems, []);
	} finally {
		await o.close();
	}
});

test('DS-Lite lines: Status shows the DS-Lite tunnel (device, AFTR, netifd\'s error) and no port chart, with a notice instead of an error; Setup\'s form has the DS-Lite settings', { skip }, async () => {
	for (const state of ['dslite-up', 'dslite-error']) {
		const o = await open('status', state, 'en', WIDTHS.desktop);
		try {
			assert.equal(await o.page.$('#mape-bars'), null, `${state}: no port chart`);
			assert.match(await o.page.$eval('#mape-usage-none', (e) => e.className), /alert-message notice/, `${state}: DSLITE_LINE is a notice`);
			const upstream = await o.page.textContent('#mape-upstream') ?? '';
			assert.ok(upstream.includes('wandslite') && upstream.includes('gw.transix.jp'), `${state}: interface and AFTR`);
			const errors = await o.page.$$eval('#mape-upstream .alert-message.danger', (a) => a.map((e) => e.textContent));
			assert.deepEqual(errors.length, state == 'dslite-error' ? 1 : 0);
			if (state == 'dslite-up') assert.ok(upstream.includes('ds-wandslite'));
			else assert.match(errors[0]!, /AFTR_DNS_FAIL/);
			await o.page.evaluate(() => (window as any).__harness.pollNow());
			assert.equal(await o.page.$('#mape-bars'), null, `${state}: still no chart after polling`);
			assert.deepEqual(o.problems, []);
		} finally {
			await o.close();
		}
	}
	const s = await open('setup', 'dslite-unconfigured-64', 'en', WIDTHS.desktop);
	try {
		assert.equal(await s.page.$eval('[data-name="dslite_interface"] input', (i: any) => i.placeholder), 'wandslite');
		assert.equal(await s.page.$eval('[data-name="aftr"] input', (i: any) => i.placeholder), 'gw.transix.jp');
		assert.equal(await s.page.$eval('#mape-auto', (b: any) => b.disabled), false, 'Auto configure is available on a DS-Lite line');
		assert.equal(await s.page.$('[data-name="snat"]') != null, true);
		assert.deepEqual(s.problems, []);
	} finally {
		await s.close();
	}
});
