/*
 * The product in real LuCI (router lab): the router's uhttpd serves the LuCI of the pinned
 * sources (JS, CSS, bootstrap theme, translations) with the real rpcd, our plugin installed
 * by opkg, and headless Chromium on the LAN host logs in as a user would
 * (test/routerlab/luci.ts). On the /64 RA-only v6plus line (240b:10:abcd:ef00::/64), per
 * release:
 * - Setup and Status render before and after Auto configure, in English and Japanese, at
 *   desktop and phone width, light and dark, without console or page errors; screenshots go
 *   to test-results/screenshots/luci-<release>-*.png;
 * - Auto configure is clicked through (plan dialog, LuCI's apply with rollback, confirmed):
 *   what rpcd committed is exactly `mape plan`'s operations, applied to what was there;
 *   netifd brings the MAP interface up (stage 2, tunnel stand-in) and Status shows it;
 * - Restore from the Setup page, through the same apply with rollback: network, dhcp and
 *   firewall come back byte for byte, the MAP interface and our nft table are gone;
 * - with wan6 down, Setup shows the specific explanation, Auto configure is unavailable and
 *   no config file changes;
 * - the ISP renumbers to another rule: auto-follow re-applies and Status shows only the new
 *   IPv4; then to an unknown prefix: Setup explains it and nothing changes.
 * On the /56 PD OCN line (2400:4050:1234:5600::/56, kea as the ISP), Auto configure from a
 * Japanese browser at phone width commits exactly the plan, and Status shows the MAP-E IPv4.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './backend-build.ts';
import { realTest } from './openwrt-env.ts';
import { LAB_RELEASES, SUITE_TIMEOUT, labLog, routerImage, type Router } from './routerlab/router.ts';
import { waitFor } from './netns.ts';
import { RouterLab, SERVER, labMissing } from './routerlab/lab.ts';
import { Agent } from './lab/lab.ts';
import { IPK, OTHER_RULE, UNKNOWN_PREFIX, applySettled, backups, engine, renumber, waitForFw4MapZone, waitForWan6, wan6Up, wanmapGaveUp } from './routerlab/scenarios.ts';
import { CHROMIUM, LuciBrowser, WIDTHS, openView, type LuciPage, type PageOptions } from './routerlab/luci.ts';
import { untranslatedWords } from './browser/prose.ts';
import { OCN, V6PLUS } from './lab/portset.ts';
import { parsePo } from '../tools/i18n/po.ts';

const PREFIX = '240b:10:abcd:ef00::/64';
const PD_PREFIX = '2400:4050:1234:5600::/56';
const SHOTS = join(REPO, 'test-results/screenshots');
const SETUP = 'admin/network/mape/setup';
const STATUS = 'admin/network/mape/status';
const CONFIGS = ['network', 'dhcp', 'firewall'];
const log = labLog;

const ja = parsePo(readFileSync(join(REPO, 'po/ja/mape.po'), 'utf8'));
const tr = (id: string, lang: string) => lang == 'ja' ? ja.entries.find((e) => e.msgid == id)?.msgstr[0] || id : id;

/** `uci show <config>` as key → value ('network.wan6.proto' → "'dhcpv6'"). */
function uciShow(r: Router, config: string): Map<string, string> {
	const out = r.exec(['/sbin/uci', 'show', config]);
	assert.equal(out.code, 0, out.stderr);
	return new Map(out.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

const quoted = (v: string | string[]) => (Array.isArray(v) ? v : [v]).map((x) => `'${x}'`).join(' ');

/** What `uci show` must say after the plan's operations are committed on top of `before`. */
function expectedAfter(before: Map<string, string>, config: string, ops: any[]): Map<string, string> {
	const after = new Map(before);
	for (const op of ops.filter((o) => o.config == config)) {
		const at = `${config}.${op.ref}`;
		if (op.op == 'add') after.set(at, op.type);
		else if (op.op == 'set') after.set(`${at}.${op.option}`, quoted(op.new));
		else if (op.op == 'delete') after.delete(`${at}.${op.option}`);
		else if (op.op == 'remove') for (const k of [...after.keys()]) if (k == at || k.startsWith(`${at}.`)) after.delete(k);
	}
	return after;
}

/** Latin words a Japanese page may show: those in the installed Japanese catalogs (LuCI's and ours) and the router's own values. */
function japaneseWords(r: Router): Set<string> {
	const words = (text: string | null) => text?.match(/[A-Za-z][A-Za-z0-9_.-]*/g) ?? [];
	const catalogs = ['base', 'mape'].map((c) => r.file(`usr/lib/lua/luci/i18n/${c}.ja.lmo`));
	assert.ok(catalogs.every((c) => c != null), 'both Japanese catalogs are installed');
	return new Set([...catalogs.flatMap(words), ...words(JSON.stringify(r.call('luci.mape', 'status')))]);
}

async function expectJapanese(p: LuciPage, r: Router): Promise<void> {
	assert.deepEqual(await untranslatedWords(p.page, japaneseWords(r)), [], `English left on the Japanese page ${p.page.url()}`);
}

/** openView; on a Japanese page, no English may have escaped translation. */
async function openChecked(r: Router, p: LuciPage, path: string, ready: string, lang: 'en' | 'ja'): Promise<void> {
	await openView(p, path, ready);
	if (lang == 'ja') await expectJapanese(p, r);
}

/** Visible text of the view. */
const viewText = async (p: LuciPage) => (await p.page.textContent('#view')) ?? '';

/**
 * Clicks `button` and waits until LuCI's apply with rollback was confirmed: ui.js fires
 * 'uci-applied' when its `uci confirm` succeeded (a rollback never fires it), then reloads
 * the page. Language-independent, so the same wait serves both languages.
 */
async function clickAndApply(p: LuciPage, button: string): Promise<void> {
	let confirmed!: () => void;
	const done = new Promise<void>((resolve) => { confirmed = resolve; });
	await p.page.exposeFunction('__labApplied', () => confirmed());
	await p.page.evaluate(() => document.addEventListener('uci-applied', () => (globalThis as any).__labApplied(), { once: true }));
	await p.page.click(button);
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([done, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('LuCI did not confirm the apply within 150 s (rolled back?)')), 150000); })]);
	} finally {
		clearTimeout(timer);
	}
	await p.page.waitForLoadState('load');
}

/** waitFor that lets the browser run meanwhile. */
async function waitForAsync(what: string, ms: number, check: () => boolean): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((res) => setTimeout(res, 200));
	}
}

declare const document: any;

interface LuciLab { lab: RouterLab; r: Router; browser: LuciBrowser; stock: Record<string, string | null> }

/** A stage-2 router on the line `setup` makes, the package installed by opkg, Chromium on its LAN. */
async function bootWithLuci(release: string, setup: (lab: RouterLab) => void): Promise<LuciLab> {
	mkdirSync(SHOTS, { recursive: true });
	const lab = new RouterLab(release, log);
	try {
		setup(lab);
		const r = lab.boot(undefined, true);
		r.recordHotplug();
		const inst = r.installPackage(IPK);
		assert.equal(inst.code, 0, inst.stdout + inst.stderr);
		lab.lanHost();
		waitFor('wan6 with a global address or prefix', 30000, () => wan6Up(r));
		const stock = r.configFiles(CONFIGS);
		return { lab, r, stock, browser: await LuciBrowser.launch(lab.lan) };
	} catch (e) {
		lab.destroy();
		throw e;
	}
}

/**
 * Auto configure clicked through on the Setup page (plan dialog, apply with rollback,
 * confirmed); then what rpcd committed must be exactly the plan `mape plan` printed before,
 * applied to what was there, a backup must exist and nothing be left to do.
 */
async function autoConfigure(l: LuciLab, options: PageOptions, shot: (name: string) => string): Promise<void> {
	const { r } = l;
	const plan = JSON.parse(r.exec(['/usr/sbin/mape', 'plan', '--json']).stdout);
	assert.ok(plan.ops?.length > 0, JSON.stringify(plan));
	const before = Object.fromEntries(CONFIGS.map((c) => [c, uciShow(r, c)]));
	const backupsBefore = backups(r).length;
	const p = await l.browser.open(options);
	try {
		await openView(p, SETUP, '#mape-auto');
		await p.page.click('#mape-auto');
		await p.page.waitForSelector('#mape-plan');
		assert.doesNotMatch(await p.page.textContent('#modal_overlay') ?? '', /cfg[0-9a-f]{6}/, 'sections by name, never by generated id');
		await p.page.screenshot({ path: shot('plan'), fullPage: true });
		await clickAndApply(p, '#mape-confirm');
		await p.page.screenshot({ path: shot('applied'), fullPage: true });
		assert.deepEqual(p.problems, []);
	} finally {
		await p.close();
	}
	for (const c of CONFIGS) {
		assert.deepEqual(uciShow(r, c), expectedAfter(before[c], c, plan.ops), `${c}: committed = before + the plan`);
	}
	// The reload took wan6 down and up again: once it has its address back, nothing is left.
	waitFor('wan6 up again after the reload', 30000, () => wan6Up(r));
	const again = r.exec(['/usr/sbin/mape', 'plan', '--json']);
	assert.deepEqual(JSON.parse(again.stdout).ops, [], `nothing left to do: ${again.stdout}`);
	assert.equal(backups(r).length, backupsBefore + 1, 'the page saved a backup first');
	log(`check: Auto configure in LuCI committed the ${plan.ops.length} planned operations`);
}

for (const release of LAB_RELEASES) {
	const image = routerImage(release);
	const missing = labMissing() || (typeof image != 'string' ? image.missing : false)
		|| (existsSync(IPK) ? false : `${IPK} is missing (make builds it)`)
		|| (existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`);
	if (missing) {
		realTest(`router lab ${release}: real LuCI`, missing, () => {});
		continue;
	}

	describe(`router lab ${release}: real LuCI on the /64 RA-only v6plus line`, { timeout: SUITE_TIMEOUT }, () => {
		let l: LuciLab;
		let lab: RouterLab;
		let r: Router;
		let browser: LuciBrowser;
		const calc = engine(PREFIX);
		const shot = (name: string) => join(SHOTS, `luci-${release}-${name}.png`);

		before(async () => {
			l = await bootWithLuci(release, (x) => x.raOnlyLine(PREFIX));
			({ lab, r, browser } = l);
		});
		after(async () => {
			await browser?.close();
			lab?.destroy();
		});

		test('Setup and Status before Auto configure: en/ja, desktop/phone, light/dark, no errors, the detected line', async () => {
			for (const lang of ['en', 'ja'] as const) {
				for (const [width, size] of Object.entries(WIDTHS)) {
					for (const dark of width == 'desktop' ? [false, true] : [false]) {
						const p = await browser.open({ lang, size, dark });
						try {
							await openChecked(r, p, SETUP, '#mape-auto', lang);
							const text = await viewText(p);
							assert.ok(text.includes(tr('Not configured', lang)), `${lang}: "Not configured"`);
							assert.ok(text.includes(calc.ipv4) && text.includes(String(calc.psid)), `${lang}: the IPv4 and PSID of the line`);
							assert.equal(await p.page.getAttribute('#mape-auto', 'disabled'), null, 'Auto configure is available');
							const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - (globalThis as any).innerWidth);
							assert.ok(overflow <= 1, `${lang}/${width}: no horizontal scrolling (${overflow}px)`);
							await p.page.screenshot({ path: shot(`setup-unconfigured-${lang}-${width}${dark ? '-dark' : ''}`), fullPage: true });
							await openChecked(r, p, STATUS, '#view .cbi-section', lang);
							await p.page.screenshot({ path: shot(`status-unconfigured-${lang}-${width}${dark ? '-dark' : ''}`), fullPage: true });
							assert.deepEqual(p.problems, [], `${lang}/${width}${dark ? '/dark' : ''}: no console or page errors`);
						} finally {
							await p.close();
						}
					}
				}
			}
		});

		test('Auto configure in real LuCI: plan dialog, apply with rollback, confirmed; rpcd committed exactly the plan', async () => {
			await autoConfigure(l, { lang: 'en' }, (n) => shot(`setup-${n}-en-desktop`));
		});

		test('after Auto configure: the MAP interface comes up; Status and Setup show it (en/ja, desktop/phone, dark)', async () => {
			lab.border(calc.ipv4, V6PLUS);
			waitFor('wanmap up', 30000, () => r.interfaces().wanmap?.up);
			waitFor('inet mape_wanmap', 20000, () => r.sh('nft list table inet mape_wanmap').code == 0);
			waitForFw4MapZone(r); // for the next test's traffic
			for (const lang of ['en', 'ja'] as const) {
				for (const [width, size] of Object.entries(WIDTHS)) {
					const p = await browser.open({ lang, size, dark: width == 'phone' });
					try {
						await openChecked(r, p, SETUP, '#mape-auto', lang);
						assert.ok((await viewText(p)).includes(tr('Configured and working', lang)), `${lang}: Configured and working`);
						await p.page.screenshot({ path: shot(`setup-configured-${lang}-${width}`), fullPage: true });
						await openChecked(r, p, STATUS, '#view .cbi-section', lang);
						await p.page.waitForFunction((ip) => document.querySelector('#view')!.textContent!.includes(ip), calc.ipv4);
						await p.page.screenshot({ path: shot(`status-configured-${lang}-${width}`), fullPage: true });
						assert.deepEqual(p.problems, []);
					} finally {
						await p.close();
					}
				}
			}
		});

		test('configured: Auto configure again only says nothing is to change; Status polls the port usage in place; the manual rule fields appear on demand', async () => {
			const p = await browser.open({ lang: 'en' });
			const server = new Agent(lab.srv);
			const client = new Agent(lab.lan);
			try {
				await openView(p, SETUP, '#mape-auto');
				await p.page.click('#mape-auto');
				await p.page.waitForFunction((t) => document.body.textContent!.includes(t), 'The configuration already matches the line: nothing to change.');
				assert.equal(await p.page.$('#mape-plan'), null, 'no plan dialog');
				assert.equal(r.exec(['/bin/ubus', 'call', 'uci', 'changes']).stdout.includes('"network"'), false, 'nothing staged');
				const manualShown = () => p.page.$eval('[data-name="ealen"]', (row: any) => row.style.display != 'none' && row.offsetParent !== null);
				assert.equal(await manualShown(), false, 'manual rule fields hidden');
				await p.page.click('[data-name="manual"] input[type=checkbox]');
				assert.equal(await manualShown(), true, 'shown once "Manual rule" is ticked');

				// Status: LuCI's poll refreshes the usage without reloading the page.
				await openView(p, STATUS, '#mape-usage');
				await p.page.evaluate(() => { (globalThis as any).__samePage = true; });
				const summary = async () => (await p.page.textContent('#mape-usage-summary')) ?? '';
				const usedNow = Number((await summary()).match(/^(\d+)/)?.[1] ?? 0);
				await server.ready;
				await client.ready;
				await server.call({ cmd: 'listen', host: SERVER, port: 80 });
				const opened = await client.call({ cmd: 'open', host: SERVER, port: 80, n: 60, timeout: 5000 });
				assert.equal(opened.connected, 60);
				await p.page.waitForFunction((n) => Number(document.querySelector('#mape-usage-summary')?.textContent?.match(/^(\d+)/)?.[1] ?? 0) >= n, usedNow + 60, { timeout: 20000 });
				assert.equal(await p.page.evaluate(() => (globalThis as any).__samePage), true, 'updated in place');
				assert.equal(await p.page.$$eval('#mape-bars .mape-bar', (b) => b.length), calc.portsets.length, 'one bar per port group');
				await p.page.screenshot({ path: shot('status-polled-en-desktop'), fullPage: true });
				assert.deepEqual(p.problems, []);
			} finally {
				server.kill();
				client.kill();
				await p.close();
			}
		});

		test('a MAP option changed by hand: Setup and Status say the configuration is out of date and name the option (en/ja)', async () => {
			// Another BR than the rule's: the interface no longer matches the line. Auto-follow is
			// off meanwhile, or wan6's next RA update (hotplug ifupdate) would put it right again.
			const good = r.exec(['/sbin/uci', 'get', 'network.wanmap.peeraddr']).stdout.trim();
			assert.equal(r.sh("uci set mape.config.auto_follow='0' && uci commit mape && uci set network.wanmap.peeraddr='2404:9200:225:100::65' && uci commit network").code, 0);
			assert.equal(r.call('luci.mape', 'status').state, 'STALE');
			try {
				for (const lang of ['en', 'ja'] as const) {
					const p = await browser.open({ lang });
					try {
						await openChecked(r, p, SETUP, '#mape-auto', lang);
						const text = await viewText(p);
						assert.ok(text.includes(tr('Configuration out of date', lang)) && text.includes(tr('Options that differ', lang)), `${lang}: stale, with the differing options: ${text}`);
						assert.ok(text.includes('peeraddr'), `the differing option: ${text}`);
						await p.page.screenshot({ path: shot(`setup-stale-${lang}-desktop`), fullPage: true });
						await openChecked(r, p, STATUS, '#view .cbi-section', lang);
						assert.ok((await viewText(p)).includes(tr('Configuration out of date', lang)), `${lang}: Status says so too`);
						assert.deepEqual(p.problems, []);
					} finally {
						await p.close();
					}
				}
			} finally {
				r.sh(`uci set network.wanmap.peeraddr='${good}' && uci commit network && uci set mape.config.auto_follow='1' && uci commit mape`);
			}
		});

		test('Restore from the Setup page, with rollback: network, dhcp and firewall byte-identical; MAP interface and SNAT table gone', async () => {
			// First what a rolled-back restore leaves behind: the page's mark of the restore it
			// applied, and a live configuration that is not the backup's. The page asks the
			// backend, says so and writes nothing.
			const files = r.configFiles();
			const early = await browser.open({ lang: 'en' });
			try {
				await openView(early, SETUP, '#mape-restore');
				await early.page.evaluate((id) => (globalThis as any).sessionStorage.setItem('luci-app-mape.restore', JSON.stringify({ backup: id, applied: false })), backups(r).at(-1));
				await early.page.reload();
				await early.page.waitForSelector('[data-code="RESTORE_NOT_APPLIED"]');
				assert.ok((await early.page.textContent('[data-code="RESTORE_NOT_APPLIED"]'))?.includes('Previous configuration not restored'));
				assert.deepEqual(early.problems, []);
			} finally {
				await early.close();
			}
			for (const [c, text] of Object.entries(files)) assert.equal(r.file(`etc/config/${c}`), text, `${c} unchanged`);

			const p = await browser.open({ lang: 'ja' });
			try {
				await openView(p, SETUP, '#mape-restore');
				await p.page.click('#mape-restore');
				await p.page.waitForSelector('#mape-plan');
				// The diff in Japanese, sections by name (the stock wan zone is anonymous).
				const dialog = await p.page.textContent('#modal_overlay') ?? '';
				assert.doesNotMatch(dialog, /cfg[0-9a-f]{6}/);
				for (const text of [tr('Restore previous configuration: planned changes', 'ja'), 'ファイアウォールゾーン「wan」', tr('(section removed)', 'ja')]) {
					assert.ok(dialog.includes(text), `the restore dialog says "${text}": ${dialog}`);
				}
				await p.page.screenshot({ path: shot('setup-restore-ja-desktop'), fullPage: true });
				await clickAndApply(p, '#mape-restore-confirm');
				// The page writes the backup's files back once LuCI confirmed (restore_finish),
				// across the reload LuCI makes, and then tells the outcome.
				await p.page.waitForSelector('#mape-restored, [data-code]', { timeout: 30000 });
				const failed = await p.page.$('[data-code]');
				assert.equal(failed && `${await failed.getAttribute('data-code')}: ${await failed.textContent()}`, null, 'restored');
				for (const c of CONFIGS) {
					await waitForAsync(`${c} written back`, 20000, () => r.file(`etc/config/${c}`) == l.stock[c]);
					assert.equal(r.file(`etc/config/${c}`), l.stock[c], `${c}: byte-identical to before Auto configure`);
				}
				await p.page.screenshot({ path: shot('setup-restored-ja-desktop'), fullPage: true });
				assert.deepEqual(p.problems, []);
			} finally {
				await p.close();
			}
			waitFor('wanmap gone', 20000, () => !r.interfaces().wanmap);
			waitFor('inet mape_wanmap gone', 20000, () => r.sh('nft list table inet mape_wanmap').code != 0);
		});

		test('wan6 down: Setup explains it, Auto configure is unavailable, no config file changes', async () => {
			const files = r.configFiles();
			r.ubus('call', 'network.interface.wan6', 'down');
			waitFor('wan6 down', 10000, () => !r.interfaces().wan6?.up);
			try {
				for (const lang of ['en', 'ja'] as const) {
					const p = await browser.open({ lang });
					try {
						await openChecked(r, p, SETUP, '#mape-auto', lang);
						assert.ok((await viewText(p)).includes(tr('No IPv6 on the line yet', lang)), `${lang}: the WAN6_DOWN explanation`);
						assert.notEqual(await p.page.getAttribute('#mape-auto', 'disabled'), null, 'Auto configure unavailable');
						await p.page.screenshot({ path: shot(`setup-wan6-down-${lang}-desktop`), fullPage: true });
						assert.deepEqual(p.problems, []);
					} finally {
						await p.close();
					}
				}
				for (const [c, text] of Object.entries(files)) assert.equal(r.file(`etc/config/${c}`), text, `${c} unchanged`);
			} finally {
				r.ubus('call', 'network.interface.wan6', 'up');
				waitForWan6(r, PREFIX);
			}
		});

		test('extendprefix removed from wan6 by hand: map.sh rejects the rule; Setup says so (en/ja), and Auto configure puts extendprefix back and the MAP interface comes up', async () => {
			applySettled(r, PREFIX);
			waitFor('wanmap up', 30000, () => r.interfaces().wanmap?.up);
			// What a forum guide that forgets extendprefix leaves: the /64 is no prefix of wan6,
			// so mapcalc finds nothing, map.sh reports INVALID_MAP_RULE and blocks restarts.
			assert.equal(r.sh('uci delete network.wan6.extendprefix && uci commit network').code, 0);
			assert.equal(r.service('network', 'reload').code, 0);
			waitFor('wanmap rejected (INVALID_MAP_RULE) with wan6 up', 30000, () => r.interfaces().wan6?.up && wanmapGaveUp(r, 'INVALID_MAP_RULE'));
			const status = r.call('luci.mape', 'status');
			assert.deepEqual([status.state, status.map?.errors], ['MAP_ERROR', ['INVALID_MAP_RULE']]);
			for (const lang of ['en', 'ja'] as const) {
				const p = await browser.open({ lang, size: lang == 'ja' ? WIDTHS.phone : WIDTHS.desktop });
				try {
					await openChecked(r, p, SETUP, '#mape-auto', lang);
					const text = await viewText(p);
					assert.ok(text.includes(tr('MAP rule rejected (INVALID_MAP_RULE)', lang)), `${lang}: the error, explained: ${text}`);
					assert.equal(await p.page.getAttribute('#mape-auto', 'disabled'), null, 'Auto configure is the fix');
					await p.page.screenshot({ path: shot(`setup-error-${lang}-${lang == 'ja' ? 'phone' : 'desktop'}`), fullPage: true });
					await openChecked(r, p, STATUS, '#view .cbi-section', lang);
					assert.ok((await viewText(p)).includes(tr('MAP rule rejected (INVALID_MAP_RULE)', lang)), `${lang}: Status says so too`);
					assert.deepEqual(p.problems, []);
				} finally {
					await p.close();
				}
			}
			// The plan is that one option; once wan6 lists the /64 again, the wan6 hotplug sets
			// the given-up MAP interface up again (netifd would not: restarts are blocked).
			assert.deepEqual(JSON.parse(r.exec(['/usr/sbin/mape', 'plan', '--json']).stdout).ops.map((o: any) => `${o.config}.${o.section}.${o.option}=${o.new}`),
				['network.wan6.extendprefix=1']);
			await autoConfigure(l, { lang: 'en' }, (n) => shot(`setup-error-${n}-en-desktop`));
			waitFor('wanmap up again', 30000, () => r.interfaces().wanmap?.up);
			assert.equal(r.call('luci.mape', 'status').state, 'MAP_UP');
		});

		test('Restore with the page reloaded before LuCI confirmed: LuCI confirms on the reloaded page, and the page finishes the restore there', async () => {
			// The backup is the one the previous test's Auto configure made (extendprefix removed).
			const id = backups(r).at(-1)!;
			const saved = CONFIGS.filter((c) => r.file(`etc/mape/backup/${id}/${c}`) != null);
			assert.ok(saved.includes('network'), `backup ${id} has network`);
			const p = await browser.open({ lang: 'en' });
			try {
				await openView(p, SETUP, '#mape-restore');
				await p.page.click('#mape-restore');
				await p.page.waitForSelector('#mape-plan');
				const applying = p.page.waitForResponse((res) => res.url().includes('/admin/uci/apply_rollback'));
				await p.page.click('#mape-restore-confirm');
				assert.equal((await applying).status(), 200, 'rpcd applied with rollback');
				// Reloaded before LuCI's first confirm (after its 4 s hold-off): the new page's
				// footer finds the rollback pending and confirms it.
				await p.page.reload();
				await p.page.waitForSelector('#mape-restored, [data-code]', { timeout: 30000 });
				const failed = await p.page.$('[data-code]');
				assert.equal(failed && `${await failed.getAttribute('data-code')}: ${await failed.textContent()}`, null, 'restored');
			} finally {
				await p.close();
			}
			await waitForAsync('rpcd no longer waits for a confirmation', 20000, () => (r.sh('ls -A /var/run/rpcd/snapshot-files 2>/dev/null').stdout.trim() == ''));
			for (const c of saved) assert.equal(r.file(`etc/config/${c}`), r.file(`etc/mape/backup/${id}/${c}`), `${c}: the backup's file, byte for byte`);
			waitForWan6(r, PREFIX); // the apply restarted wan6
		});

		test('the ISP renumbers to another rule: auto-follow re-applies and Status shows the new IPv4; then to an unknown prefix: Setup explains it, nothing changes', async () => {
			applySettled(r, PREFIX);
			const next = engine(OTHER_RULE);
			renumber(lab, PREFIX, OTHER_RULE);
			waitFor(`wanmap up with ${next.ipv4}`, 30000, () => r.interfaces().wanmap?.['ipv4-address']?.[0]?.address == next.ipv4);
			const p = await browser.open({ lang: 'ja' });
			try {
				await openView(p, STATUS, '#view .cbi-section');
				await p.page.waitForFunction((ip) => document.querySelector('#view')!.textContent!.includes(ip), next.ipv4);
				const text = await viewText(p);
				assert.ok(!text.includes(calc.ipv4), `the old IPv4 ${calc.ipv4} is gone from Status`);
				assert.ok(text.includes(tr('Configured and working', 'ja')));
				await p.page.screenshot({ path: shot('status-renumbered-ja-desktop'), fullPage: true });
				assert.deepEqual(p.problems, []);
			} finally {
				await p.close();
			}

			const files = r.configFiles();
			renumber(lab, OTHER_RULE, UNKNOWN_PREFIX);
			for (const lang of ['en', 'ja'] as const) {
				const u = await browser.open({ lang });
				try {
					await openChecked(r, u, SETUP, '#mape-auto', lang);
					assert.ok((await viewText(u)).includes(tr('Unknown prefix', lang)), `${lang}: the UNKNOWN explanation`);
					assert.notEqual(await u.page.getAttribute('#mape-auto', 'disabled'), null, 'Auto configure unavailable');
					await u.page.screenshot({ path: shot(`setup-unknown-${lang}-desktop`), fullPage: true });
					assert.deepEqual(u.problems, []);
				} finally {
					await u.close();
				}
			}
			for (const [c, text] of Object.entries(files)) assert.equal(r.file(`etc/config/${c}`), text, `${c} unchanged by the unknown prefix`);
		});
	});

	describe(`router lab ${release}: real LuCI on the /56 PD OCN line`, { timeout: SUITE_TIMEOUT }, () => {
		let l: LuciLab;
		const calc = engine(PD_PREFIX);
		const shot = (name: string) => join(SHOTS, `luci-${release}-pd-${name}.png`);
		before(async () => { l = await bootWithLuci(release, (x) => x.pdLine(PD_PREFIX, 56)); });
		after(async () => {
			await l?.browser.close();
			l?.lab.destroy();
		});

		test('Auto configure in real LuCI (Japanese, phone width): committed exactly the plan; Status shows the MAP-E IPv4 over the delegated prefix', async () => {
			const first = await l.browser.open({ lang: 'ja', size: WIDTHS.phone });
			try {
				await openChecked(l.r, first, SETUP, '#mape-auto', 'ja');
				const text = await viewText(first);
				assert.ok(text.includes(tr('Not configured', 'ja')) && text.includes(PD_PREFIX) && text.includes(calc.ipv4), 'the delegated /56 and its IPv4');
				await first.page.screenshot({ path: shot('setup-unconfigured-ja-phone'), fullPage: true });
				assert.deepEqual(first.problems, []);
			} finally {
				await first.close();
			}
			await autoConfigure(l, { lang: 'ja', size: WIDTHS.phone }, (n) => shot(`setup-${n}-ja-phone`));
			l.lab.border(calc.ipv4, OCN);
			waitFor('wanmap up', 30000, () => l.r.interfaces().wanmap?.up);
			const p = await l.browser.open({ lang: 'ja' });
			try {
				await openView(p, STATUS, '#view .cbi-section');
				await p.page.waitForFunction((ip) => document.querySelector('#view')!.textContent!.includes(ip), calc.ipv4);
				await expectJapanese(p, l.r);
				const text = await viewText(p);
				assert.ok(text.includes(PD_PREFIX), 'the delegated prefix');
				await p.page.screenshot({ path: shot('status-configured-ja-desktop'), fullPage: true });
				assert.deepEqual(p.problems, []);
			} finally {
				await p.close();
			}
		});
	});
}
