/*
 * `mape provision` (router/provision_command.ts) end to end, against a real DNS server and a
 * real HTTPS server on ::1 (test/hb46pp-servers.ts: a throw-away CA made now with openssl):
 *
 *   - on Node: the JavaScript build with Node's DNS and HTTPS (runtime/provision_io.ts):
 *     the JSON contract, the request's parameters, every failure's code, the cache and its
 *     timers, the switch and the settings;
 *   - on the router's code in real ucode (23.05, 24.10, master) with real busybox nslookup
 *     (Debian's, the same networking/nslookup.c as OpenWrt's 1.36.1): byte-identical output
 *     for everything decided up to the HTTP request. uclient-fetch is not on this machine
 *     (and not in the router image build), so the ucode path's HTTP step is checked through
 *     its argv and the parsing of uclient-fetch's documented messages (openwrt/uclient
 *     uclient-fetch.c), and it is shown to say HB46PP_TOOL_MISSING rather than pretend;
 *   - capture(), the router's way of running a tool, with real /bin/sh: values with shell
 *     syntax arrive as they are, the size limit, stderr, exit status and the deadline.
 *
 * Expected values: the answers of test/hb46pp-cases.ts (shared/docs/ipv4-over-ipv6-
 * provisioning.md §1.8), the worked example of japan-ipoe.md §5.1 for MAP-E (through `mape
 * calc`), the spec's request parameters (§1.4) and timers (§1.7), uclient-fetch's and busybox
 * nslookup's messages as their sources print them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildBackendForTest, runAsync, type CliRun } from './backend-build.ts';
import { scratchDir } from './scratch.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { dnsServer, provisioningServer, testCa, type DnsServer, type ProvisioningServer, type TestCa } from './hb46pp-servers.ts';
import { MAPE_BODY, TRANSIX_BODY, V6CONNECT_BODY, V6CONNECT_TOKEN } from './hb46pp-cases.ts';

const RUNNER = join(REPO, 'test/fixtures/router/run-router.ts');
/** The codes the two modules document in their header comments. */
const HEADERS = ['luci-app-mape/router/provision_command.ts', 'luci-app-mape/core/hb46pp.ts']
	.map((f) => { const t = readFileSync(join(REPO, f), 'utf8'); return t.slice(0, t.indexOf('*/')); }).join('\n');
const documented = (code: string) => new RegExp(`\\b${code}\\b`).test(HEADERS);
const b = buildBackendForTest();
const dir = scratchDir('mape-provision');
const BUSYBOX = ['/usr/bin/busybox', '/bin/busybox'].find((p) => existsSync(p)) ?? null;

let ca: TestCa;
let otherCa: TestCa;
let dns: DnsServer;
let web: ProvisioningServer;
let plain: ProvisioningServer;
/** The HTTPS server's routes (a test may change one for a while). */
const routes: Record<string, any> = {};
/** name → TXT behaviour, filled once the servers' ports are known. */
const zone: Record<string, any> = {};

before(async () => {
	ca = testCa(dir, 'good');
	otherCa = testCa(dir, 'other');
	const big = JSON.stringify({ order: ['dslite'], dslite: { aftr: 'gw.transix.jp' }, pad: 'x'.repeat(140000) });
	web = await provisioningServer(Object.assign(routes, {
		'/transix': { body: TRANSIX_BODY },
		'/v6connect': { body: V6CONNECT_BODY },
		'/mape': { body: MAPE_BODY },
		'/403': { status: 403, body: 'forbidden' },
		'/404': { status: 404, body: 'not here' },
		'/500': { status: 500, body: 'oops' },
		'/redirect': { status: 307, headers: { Location: '/transix' } },
		'/hang': { hang: true },
		'/big': { body: big },
		'/notjson': { body: '<html>maintenance</html>' },
		'/empty': { body: JSON.stringify({ ttl: 3600, order: [] }) },
	}), ca);
	plain = await provisioningServer({ '/transix': { body: TRANSIX_BODY } }, null);
	const rec = (url: string, t = 'b') => [`v=v6mig-1 url=${url} t=${t}`];
	Object.assign(zone, {
		'transix.test': rec(`${web.base}/transix`),
		'v6connect.test': rec(`${web.base}/v6connect`),
		'mape.test': rec(`${web.base}/mape`),
		'403.test': rec(`${web.base}/403`), '404.test': rec(`${web.base}/404`), '500.test': rec(`${web.base}/500`),
		'redirect.test': rec(`${web.base}/redirect`),
		'hang.test': rec(`${web.base}/hang`),
		'big.test': rec(`${web.base}/big`),
		'notjson.test': rec(`${web.base}/notjson`),
		'empty.test': rec(`${web.base}/empty`),
		'noverify.test': rec(`${web.base}/transix`, 'a'),
		'refused.test': rec('https://[::1]:9/config'),
		'plain.test': rec(`${plain.base}/transix`, 'a'),
		'plain-verify.test': rec(`${plain.base}/transix`, 'b'),
		'nodata.test': [],
		'servfail.test': 2,
		'refusing.test': 5,
		'silent.test': 'drop',
		'two.test': [`v=v6mig-1 url=${web.base}/transix t=b`, `v=v6mig-1 url=${web.base}/mape t=b`],
		'others.test': ['v=spf1 -all', `v=v6mig-1 url=${web.base}/transix t=b`, 'google-site-verification=x'],
		'malformed.test': ['v=v6mig-1 url=https://x.example/ t=c'],
		'split.test': [[`v=v6mig-1 url=${web.base}/tran`, 'six t=b']],
		'utf8.test': ['v=v6mig-1 url=https://x.example/ t=b ê'],
	});
	dns = await dnsServer(zone);
});

after(async () => {
	await dns?.close();
	await web?.close();
	await plain?.close();
});

interface Box {
	run: string;
	conf: string;
	ubus: string;
	env: Record<string, string | undefined>;
}

/**
 * A scratch router: its run and config directories, optionally a netifd dump (wan6 with
 * `prefix`, transix's by default); `stock`: OpenWrt 24.10's first-boot network, firewall and
 * dhcp configs (for plan and apply) instead of a network with wan6 alone.
 */
function box(opts: { mape?: string; dnsServers?: string[]; mac?: string; prefix?: string; stock?: boolean } = {}): Box {
	const root = scratchDir('mape-prov-box');
	const run = join(root, 'run');
	const conf = join(root, 'config');
	mkdirSync(run);
	mkdirSync(conf);
	if (opts.mape != null) writeFileSync(join(conf, 'mape'), opts.mape);
	const ubus = join(root, 'ubus.json');
	const env: Record<string, string | undefined> = { ...process.env, MAPE_RUNDIR: run, MAPE_CONFDIR: conf, MAPE_SAVEDIR: join(root, 'save'), MAPE_STATEDIR: join(root, 'state'), MAPE_RPCD_SNAPSHOTS: join(root, 'rpcd-snapshots'), MAPE_DRYRUN: join(root, 'commands') };
	if (opts.stock) for (const c of ['network', 'firewall', 'dhcp']) writeFileSync(join(conf, c), readFileSync(join(REPO, 'test/fixtures/router/openwrt-24.10', c)));
	if (opts.dnsServers != null) {
		if (!opts.stock) writeFileSync(join(conf, 'network'), "config interface 'wan6'\n\toption device 'eth1'\n\toption proto 'dhcpv6'\n");
		const prefix = opts.prefix ?? '2409:10:1234:5600::';
		writeFileSync(ubus, JSON.stringify({
			dump: { interface: [{ interface: 'wan6', up: true, proto: 'dhcpv6', device: 'eth1', l3_device: 'eth1', 'ipv6-address': [{ address: `${prefix}1`, mask: 64 }], 'ipv6-prefix': [{ address: prefix, mask: 56 }], 'dns-server': opts.dnsServers }] },
			devices: { eth1: { macaddr: opts.mac ?? '52:54:00:12:34:56' } },
		}));
		env.MAPE_TEST_UBUS = ubus;
	}
	return { run, conf, ubus, env };
}

/** `mape …` on Node (the JavaScript build with runtime/provision_io.ts) for scratch router `bx`. */
function mapeOn(bx: Box, args: string[]): Promise<CliRun> {
	return runAsync(process.execPath, ['--import', 'tsx', RUNNER, join(b.js, 'luci-app-mape/router/cli.js'), ...args], bx.env);
}

/** `mape provision …` on Node. */
const node = (bx: Box, args: string[]) => mapeOn(bx, ['provision', ...args]);

/** The same in real ucode, with busybox nslookup on PATH (and no uclient-fetch). */
let toolDir: string | null = null;
function ucode(bin: string, bx: Box, args: string[]): Promise<CliRun> {
	if (toolDir == null) {
		toolDir = scratchDir('mape-prov-tools');
		symlinkSync(BUSYBOX!, join(toolDir, 'nslookup'));
	}
	const env = { ...bx.env, PATH: `${toolDir}:/usr/sbin:/usr/bin:/sbin:/bin`, POSIXLY_CORRECT: '1' };
	return runAsync(bin, ['-L', join(b.root, 'usr/share/ucode'), join(b.root, 'usr/sbin/mape'), 'provision', ...args], env);
}

const at = () => `::1#${dns.port}`;
const via = (name: string, ...more: string[]) => ['--json', '--dns', at(), '--domain', name, '--ca-file', ca.ca, '--timeout', '2', ...more];

function json(r: CliRun): any {
	try { return JSON.parse(r.stdout); } catch { throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`); }
}

function requestsTo(path: string): { url: string; agent: string }[] {
	return web.requests.filter((r) => r.url.split('?')[0] == path);
}

/* ---- Node: answers ---- */

test('a DS-Lite answer over verified HTTPS: the output contract, the request the spec describes', async () => {
	const r = await node(box(), via('transix.test', '--prefix', '2409:10:1234:5600::/56'));
	assert.equal(r.code, 0, r.stderr + r.stdout);
	assert.equal(r.stderr, '');
	const out = json(r);
	assert.deepEqual(Object.keys(out), ['source', 'url', 'ttl', 'method', 'service', 'input', 'aftr', 'aftr_address', 'mtu', 'warnings', 'provisioning', 'raw']);
	assert.deepEqual(out, {
		source: 'hb46pp', url: `${web.base}/transix`, ttl: 86400, method: 'dslite', service: 'transix', input: '2409:10:1234:5600::/56',
		aftr: '2404:8e00::feed:101', aftr_address: '2404:8e00::feed:101', mtu: 1460, warnings: [],
		provisioning: { enabler_name: 'Internet Multifeed Co.', service_name: 'transix IPv4接続（DS-Lite）', isp_name: 'transix', ttl: 86400 },
		raw: JSON.parse(TRANSIX_BODY),
	});
	// §1.4: GET <url>?vendorid=…&product=…&version=…&capability=…, read back by Node's URL parser.
	const req = requestsTo('/transix').at(-1)!;
	const q = new URL(req.url, 'https://x').searchParams;
	assert.deepEqual([...q.keys()], ['vendorid', 'product', 'version', 'capability']);
	assert.equal(q.get('vendorid'), 'acde48-luci_app_mape', 'no uplink MAC on this "PC": the documentation OUI');
	assert.equal(q.get('product'), 'luci-app-mape');
	assert.equal(q.get('version'), JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version.replaceAll('.', '_'));
	assert.equal(q.get('capability'), 'map_e,dslite,hubspoke');
	assert.equal(req.agent, 'luci-app-mape/0.1.0');
});

test('a MAP-E answer: for the line prefix, exactly what `mape calc` computes, plus the answer\'s rules', async () => {
	const prefix = '240b:10:abcd:ef00::/56';
	const r = await node(box(), via('mape.test', '--prefix', prefix));
	assert.equal(r.code, 0, r.stdout + r.stderr);
	const out = json(r);
	const calc = JSON.parse(spawnSync(process.execPath, ['--import', 'tsx', join(b.dir, 'run-cli.ts'), 'calc', '--json', prefix], { encoding: 'utf8', cwd: REPO }).stdout);
	assert.deepEqual(Object.keys(out).slice(0, 6), ['source', 'url', 'ttl', 'method', 'service', 'input']);
	for (const k of ['input', 'method', 'service', 'br', 'ipv4', 'psid', 'psidlen', 'offset', 'ealen', 'ip4prefix', 'ip4prefixlen', 'ce', 'portsets', 'ports', 'mtu']) {
		if (k == 'ip4prefix' || k == 'ip4prefixlen' || k == 'ealen') continue; // the answer's /32 → /16 rule, not the table's /31 → /15
		assert.deepEqual(out[k], calc[k], k);
	}
	assert.equal(out.ipv4, '106.72.171.205');
	assert.equal(out.psid, 239);
	assert.deepEqual([out.ip6prefix, out.ip6prefixlen, out.ip4prefix, out.ip4prefixlen, out.ealen], ['240b:10::', 32, '106.72.0.0', 16, 24]);
	assert.equal(out.ceformat, 'legacy');
	assert.equal(out.rules.length, 8);
	assert.deepEqual(out.raw, JSON.parse(MAPE_BODY));
	// Without a prefix a MAP-E answer cannot be used.
	const none = await node(box(), via('mape.test'));
	assert.equal(none.code, 1);
	assert.equal(json(none).error.code, 'HB46PP_NO_PREFIX');
});

test('the human-readable report', async () => {
	const r = await node(box(), [...via('transix.test', '--prefix', '2409:10:1234:5600::/56')].filter((a) => a != '--json'));
	assert.equal(r.code, 0, r.stderr);
	assert.match(r.stdout, new RegExp(`^HB46PP answer from ${web.base.replace(/[[\]]/g, '\\$&')}/transix \\(ttl 86400 s\\)\\n2409:10:1234:5600::/56\\n`));
	assert.match(r.stdout, /Method +DS-Lite via transix IPv4接続（DS-Lite）/);
	assert.match(r.stdout, /AFTR +2404:8e00::feed:101/);
	const bad = await node(box(), ['--dns', at(), '--domain', '403.test', '--ca-file', ca.ca]);
	assert.equal(bad.code, 1);
	assert.equal(bad.stdout, 'Error (HB46PP_NOT_SUBSCRIBER): HTTP 403: not a known subscriber address.\n');
});

/* ---- Node: every failure has its code ---- */

const FAILURES: [string, string, string[]?][] = [
	['unknown.test', 'HB46PP_NXDOMAIN'],
	['nodata.test', 'HB46PP_NO_RECORD'],
	['servfail.test', 'HB46PP_DNS_FAILED'],
	['refusing.test', 'HB46PP_DNS_FAILED'],
	['silent.test', 'HB46PP_DNS_TIMEOUT'],
	['two.test', 'HB46PP_MULTIPLE_RECORDS'],
	['malformed.test', 'HB46PP_TXT_BAD_T'],
	['plain-verify.test', 'HB46PP_TXT_HTTP_VERIFY'],
	['plain.test', 'HB46PP_PLAIN_HTTP'],
	['403.test', 'HB46PP_NOT_SUBSCRIBER'],
	['404.test', 'HB46PP_NOT_SUBSCRIBER'],
	['500.test', 'HB46PP_HTTP_STATUS'],
	['redirect.test', 'HB46PP_HTTP_REDIRECT'],
	['hang.test', 'HB46PP_HTTP_TIMEOUT', ['--timeout', '1']],
	['big.test', 'HB46PP_TOO_LARGE'],
	['notjson.test', 'HB46PP_BAD_JSON'],
	['empty.test', 'HB46PP_NOTHING_OFFERED'],
	['refused.test', 'HB46PP_HTTP_CONNECT'],
	['transix.test', 'HB46PP_HTTP_TLS', ['--ca-file', '']],
];

for (const [name, code, extra] of FAILURES) {
	test(`${name}: ${code}, exit 1, {"error":{code,message}}`, async () => {
		let args = via(name, '--prefix', '2409:10:1234:5600::/56', ...(extra ?? []));
		if (extra?.[0] == '--ca-file') args = [...via(name), '--ca-file', otherCa.ca];
		const r = await node(box(), args);
		assert.equal(r.code, 1, r.stdout + r.stderr);
		const out = json(r);
		assert.deepEqual(Object.keys(out), ['error']);
		assert.deepEqual(Object.keys(out.error), ['code', 'message']);
		assert.equal(out.error.code, code, out.error.message);
		assert.ok(out.error.message.length > 10);
		assert.ok(documented(code), `${code} is documented`);
	});
}

test('what is never fetched: t=b over plain http, plain http without the test flag, a redirect\'s target', async () => {
	const before = plain.requests.length;
	await node(box(), via('plain-verify.test'));
	await node(box(), via('plain.test'));
	assert.equal(plain.requests.length, before, 'nothing was sent to the http server');
	const allowed = await node(box(), [...via('plain.test'), '--insecure-http-test-only']);
	assert.equal(allowed.code, 0, allowed.stdout);
	assert.equal(plain.requests.length, before + 1);
	// Even the test flag never allows http for a t=b record.
	const still = await node(box(), [...via('plain-verify.test'), '--insecure-http-test-only']);
	assert.equal(json(still).error.code, 'HB46PP_TXT_HTTP_VERIFY');
	assert.equal(plain.requests.length, before + 1);
	const transix = requestsTo('/transix').length;
	await node(box(), via('redirect.test'));
	assert.equal(requestsTo('/transix').length, transix, 'the redirect was not followed');
});

test('t=a: the certificate is not checked; other TXT records and extra strings are handled like busybox shows them', async () => {
	const r = await node(box(), [...via('noverify.test'), '--ca-file', otherCa.ca]);
	assert.equal(r.code, 0, r.stdout);
	assert.equal(json(r).aftr, '2404:8e00::feed:101');
	assert.equal(json(await node(box(), via('others.test'))).method, 'dslite', 'non-v6mig records are ignored');
	// Only a record's first character-string counts (what busybox prints): this one is cut.
	const cut = json(await node(box(), via('split.test')));
	assert.equal(cut.error.code, 'HB46PP_TXT_BAD_T', cut.error.message);
});

/* ---- Node: defaults, settings, the switch ---- */

test('without --dns the uplink\'s own DNS servers are asked (netifd\'s dns-server), never another; none → HB46PP_NO_DNS_SERVER', async () => {
	const none = await node(box({ dnsServers: [] }), ['--json']);
	assert.equal(none.code, 1);
	assert.equal(json(none).error.code, 'HB46PP_NO_DNS_SERVER');
	// ::1 port 53: nothing listens there in the test, so the query is refused or unanswered.
	const r = await node(box({ dnsServers: ['::1'] }), ['--json', '--timeout', '2']);
	const e = json(r).error;
	assert.ok(['HB46PP_DNS_TIMEOUT', 'HB46PP_NXDOMAIN', 'HB46PP_DNS_FAILED'].includes(e.code), e.code);
	assert.match(e.message, /::1#53\b/, 'port 53 of the address netifd lists');
});

test('vendorid: the uplink MAC\'s OUI when universally administered, mape.vendorid when set (and checked)', async () => {
	const seen = async (bx: Box) => {
		await node(bx, via('transix.test'));
		return new URL(requestsTo('/transix').at(-1)!.url, 'https://x').searchParams.get('vendorid');
	};
	assert.equal(await seen(box({ dnsServers: [], mac: '00:1A:2B:3C:4D:5E' })), '001a2b-luci_app_mape');
	assert.equal(await seen(box({ dnsServers: [], mac: '52:54:00:12:34:56' })), 'acde48-luci_app_mape', 'a locally administered MAC names no maker');
	assert.equal(await seen(box({ mape: "config mape 'config'\n\toption vendorid 'abcdef-my_router'\n" })), 'abcdef-my_router');
	const bad = await node(box({ mape: "config mape 'config'\n\toption vendorid 'nothex'\n" }), via('transix.test'));
	assert.equal(json(bad).error.code, 'HB46PP_BAD_VENDORID');
	const flag = await node(box(), via('transix.test', '--vendorid', '123456'));
	assert.equal(flag.code, 0);
	assert.equal(new URL(requestsTo('/transix').at(-1)!.url, 'https://x').searchParams.get('vendorid'), '123456');
});

test('mape.hb46pp 0: nothing is asked; `--if-due` then does nothing quietly', async () => {
	const bx = box({ mape: "config mape 'config'\n\toption hb46pp '0'\n" });
	const queries = dns.queries.length;
	const r = await node(bx, via('transix.test'));
	assert.equal(r.code, 1);
	assert.equal(json(r).error.code, 'HB46PP_DISABLED');
	const due = await node(bx, ['--if-due', '--dns', at()]);
	assert.deepEqual([due.code, due.stdout, due.stderr], [0, '', '']);
	assert.equal(dns.queries.length, queries);
	assert.equal(existsSync(join(bx.run, 'mape/hb46pp.json')), false);
});

test('bad usage exits 2 with the usage on stderr', async () => {
	for (const args of [['--dns', 'dns.example'], ['--dns', '::1#0'], ['--domain', '-type=any'], ['--ca-file', join(dir, 'missing.pem')], ['--timeout', '0'], ['--nope'], ['--dns']]) {
		const r = await node(box(), args);
		assert.equal(r.code, 2, args.join(' '));
		assert.match(r.stderr, /^mape provision: .*\nUsage: mape provision/, args.join(' '));
		assert.equal(r.stdout, '');
	}
});

/* ---- Node: the cache and its timers (§1.7) ---- */

test('the cache: answer, expiry and the next query; --if-due asks only when due; a failure keeps the answer; the token goes back', async () => {
	const bx = box();
	const cachePath = join(bx.run, 'mape/hb46pp.json');
	const cache = () => JSON.parse(readFileSync(cachePath, 'utf8'));
	const base = ['--json', '--dns', at(), '--ca-file', ca.ca, '--timeout', '2', '--prefix', '2405:6580:1234:5600::/56'];
	zone['4over6.info'] = [`v=v6mig-1 url=${web.base}/v6connect t=b`];
	const first = await node(bx, base);
	assert.equal(first.code, 0, first.stdout);
	const c1 = cache();
	assert.deepEqual(Object.keys(c1), ['checked', 'next', 'prefix', 'url', 'token', 'result', 'expires', 'error']);
	assert.equal(c1.next, c1.checked + 86400, 'a valid answer: its ttl');
	assert.equal(c1.expires, c1.checked + 86400);
	assert.equal(c1.token, V6CONNECT_TOKEN);
	assert.equal(c1.result.service, 'v6connect');
	assert.equal(c1.error, null);
	assert.ok(!new URL(requestsTo('/v6connect').at(-1)!.url, 'https://x').searchParams.has('token'), 'no token on the first request');
	// Not due: no query at all.
	const queries = dns.queries.length;
	const quiet = await node(bx, [...base, '--if-due']);
	assert.deepEqual([quiet.code, quiet.stdout, quiet.stderr], [0, '', '']);
	assert.equal(dns.queries.length, queries);
	// A forced run sends the token back.
	await node(bx, base);
	assert.equal(new URL(requestsTo('/v6connect').at(-1)!.url, 'https://x').searchParams.get('token'), V6CONNECT_TOKEN);
	const good = cache();
	// A failure (the server answers 500 for a while) keeps the last answer and the token and
	// asks again in 10-30 minutes.
	const saved = routes['/v6connect'];
	routes['/v6connect'] = { status: 500 };
	const fail = await node(bx, base);
	routes['/v6connect'] = saved;
	assert.equal(fail.code, 1);
	const c2 = cache();
	assert.equal(c2.error.code, 'HB46PP_HTTP_STATUS');
	assert.deepEqual(c2.result, good.result, 'an error does not tear down what works');
	assert.equal(c2.expires, good.expires);
	assert.equal(c2.token, V6CONNECT_TOKEN, 'the token stays');
	assert.ok(c2.next - c2.checked >= 600 && c2.next - c2.checked <= 1800, `${c2.next - c2.checked}`);
	// Another server: the token belongs to the first one and is not sent there.
	zone['4over6.info'] = [`v=v6mig-1 url=${web.base}/403 t=b`];
	await node(bx, base);
	assert.ok(!new URL(requestsTo('/403').at(-1)!.url, 'https://x').searchParams.has('token'));
	assert.equal(cache().token, null);
	// No HB46PP on the line: 1-3 hours.
	delete zone['4over6.info'];
	await node(bx, base);
	const c3 = cache();
	assert.equal(c3.error.code, 'HB46PP_NXDOMAIN');
	assert.ok(c3.next - c3.checked >= 3600 && c3.next - c3.checked <= 10800);
	// A DNS failure: 1-10 minutes.
	zone['4over6.info'] = 2;
	await node(bx, base);
	const c4 = cache();
	assert.ok(c4.next - c4.checked >= 60 && c4.next - c4.checked <= 600);
	// Another prefix makes it due at once, and the old answer (for the old prefix) goes.
	zone['4over6.info'] = [`v=v6mig-1 url=${web.base}/transix t=b`];
	const moved = await node(bx, ['--json', '--dns', at(), '--ca-file', ca.ca, '--prefix', '2409:10:1234:5600::/56', '--if-due']);
	assert.equal(moved.code, 0);
	assert.equal(json(moved).service, 'transix');
	assert.equal(cache().prefix, '2409:10:1234:5600::/56');
	delete zone['4over6.info'];
	// Runs with --domain or the test flag leave the cache alone.
	const kept = readFileSync(cachePath, 'utf8');
	await node(bx, via('transix.test'));
	await node(bx, [...via('plain.test'), '--insecure-http-test-only']);
	assert.equal(readFileSync(cachePath, 'utf8'), kept);
});

test('a background run (--if-due, as the wan6 hotplug starts it) with a new answer re-applies the provider\'s parameters when auto_follow is on; off, it only caches the answer', async () => {
	// A v6plus line configured from the table; JPNE's answer has other rule fields (ealen 24).
	const shipped = readFileSync(join(REPO, 'root/etc/config/mape'), 'utf8');
	zone['4over6.info'] = [`v=v6mig-1 url=${web.base}/mape t=b`];
	try {
		for (const follow of [true, false]) {
			const mape = follow ? shipped : shipped.replace("option auto_follow '1'", "option auto_follow '0'");
			assert.notEqual(mape.includes("option auto_follow '0'"), follow, 'the setting as meant');
			const bx = box({ stock: true, mape, dnsServers: [at()], prefix: '240b:10:abcd:ef00::' });
			assert.equal((await mapeOn(bx, ['apply'])).code, 0);
			const tableNetwork = readFileSync(join(bx.conf, 'network'), 'utf8');
			assert.match(tableNetwork, /option ealen '25'/, 'the table\'s rule');
			writeFileSync(bx.env.MAPE_DRYRUN!, '');

			const ran = await node(bx, ['--json', '--if-due', '--ca-file', ca.ca, '--timeout', '2']);
			assert.equal(ran.code, 0, ran.stdout + ran.stderr);
			assert.equal(json(ran).source, 'hb46pp');
			const commands = readFileSync(bx.env.MAPE_DRYRUN!, 'utf8');
			const network = readFileSync(join(bx.conf, 'network'), 'utf8');
			if (follow) {
				assert.match(network, /option ealen '24'/, 'the provider\'s parameters applied');
				assert.match(commands, /reconfigured for the new MAP-E rule/, 'logged like a prefix change');
				assert.equal(JSON.parse((await mapeOn(bx, ['status', '--json'])).stdout).state, 'CONFIGURED', 'the configuration matches the provider\'s parameters');
				// The same answer again (a forced run): nothing more to do.
				writeFileSync(bx.env.MAPE_DRYRUN!, '');
				const cache = join(bx.run, 'mape/hb46pp.json');
				writeFileSync(cache, JSON.stringify({ ...JSON.parse(readFileSync(cache, 'utf8')), next: 0 }));
				assert.equal((await node(bx, ['--json', '--if-due', '--ca-file', ca.ca, '--timeout', '2'])).code, 0);
				assert.doesNotMatch(readFileSync(bx.env.MAPE_DRYRUN!, 'utf8'), /reconfigured/);
			} else {
				assert.equal(network, tableNetwork, 'auto_follow 0: nothing applied');
				assert.doesNotMatch(commands, /reconfigured/);
				assert.equal(JSON.parse((await mapeOn(bx, ['status', '--json'])).stdout).state, 'STALE', 'the page says it is out of date');
			}
		}
	} finally {
		delete zone['4over6.info'];
	}
});

/* ---- The router's code in real ucode ---- */

const UCODES = ucodeBinaries();
const noUcode = ucodeMissing('the router\'s provisioning is not run in real ucode') || (BUSYBOX ? false : 'no busybox (for nslookup)');

/** Outcomes decided before the HTTP request: the router must print exactly what Node prints. */
const BEFORE_HTTP = ['unknown.test', 'nodata.test', 'servfail.test', 'refusing.test', 'silent.test', 'two.test', 'malformed.test',
	'plain-verify.test', 'plain.test', 'split.test', 'utf8.test'];

realTest('in real ucode with busybox nslookup: byte-identical output up to the HTTP request (JSON and text)', noUcode, async () => {
	for (const name of BEFORE_HTTP) {
		for (const args of [via(name, '--timeout', '2'), via(name, '--timeout', '2').filter((a) => a != '--json')]) {
			const expected = await node(box(), args);
			assert.equal(expected.code, 1, `${name}: ${expected.stdout}`);
			for (const bin of UCODES) {
				const got = await ucode(bin, box(), args);
				assert.deepEqual([got.code, got.stdout, got.stderr], [expected.code, expected.stdout, expected.stderr], `${bin} ${args.join(' ')}`);
			}
		}
	}
});

realTest('in real ucode: the HTTP step needs uclient-fetch, which this machine lacks: HB46PP_TOOL_MISSING, never a fake answer', noUcode, async () => {
	for (const bin of UCODES) {
		const bx = box();
		const r = await ucode(bin, bx, via('transix.test'));
		assert.equal(r.code, 1, r.stderr);
		assert.deepEqual(json(r), { error: { code: 'HB46PP_TOOL_MISSING', message: 'uclient-fetch could not be run.' } });
		assert.equal(existsSync(join(bx.run, 'mape/hb46pp-io.out')), false, 'temporary files are removed');
	}
});

/** The router's tool handling, run by each real ucode (and the JavaScript build) on the same inputs. */
const IO_SCRIPT = `
import { capture, nslookupArgv, parseNslookup, uclientArgv, parseUclient } from 'mape.provision_io';
import * as fs from 'fs';
let c = json(fs.readfile(ARGV[0]));
let out = { nslookup: [], uclient: [], argv: [ nslookupArgv('2404:1a8:7f01:a::3', 53, '4over6.info', 5), nslookupArgv('192.0.2.53', 5353, 'x.test', 1) ] };
for (let n in c.nslookup) push(out.nslookup, parseNslookup(n[0], n[1]));
for (let u in c.uclient) push(out.uclient, parseUclient(u[0], u[1], u[2], 16));
for (let r in c.requests) push(out.argv, uclientArgv(r));
let w = ARGV[1];
out.capture = [
	capture(w, ['printf', '%s', c.nasty], 1000, 5000),
	capture(w, ['printf', '%0700d', '0'], 100, 5000),
	capture(w, ['sh', '-c', 'echo oops >&2; exit 3'], 100, 5000),
	capture(w, ['no-such-tool-for-mape'], 100, 5000),
	capture(w, ['sleep', '3'], 100, 300),
];
out.leftovers = fs.lsdir(fs.dirname(w));
printf('%J', out);
`;

const NSLOOKUP_OUT = (lines: string[]) => `Server:\t\t[::1]:53\nAddress:\t[::1]:53\n\nNon-authoritative answer:\n${lines.join('\n')}\n\n`;
const IO_CASES = {
	nslookup: [
		[NSLOOKUP_OUT(['4over6.info\ttext = "v=v6mig-1 url=https://setup46.transix.jp/config t=b"']), 0],
		[NSLOOKUP_OUT(['4over6.info\ttext = "v=spf1 -all"', '4over6.info\ttext = "a "quoted" text"']), 0],
		[NSLOOKUP_OUT([]), 0],
		['Server:\t\t[::1]:53\nAddress:\t[::1]:53\n\n** server can\'t find 4over6.info: NXDOMAIN\n\n', 1],
		['Server:\t\t[::1]:53\nAddress:\t[::1]:53\n\n** server can\'t find 4over6.info: REFUSED\n\n', 1],
		[';; connection timed out; no servers could be reached\n\n', 1],
		['Server:\t\t[::1]:53\nAddress:\t[::1]:53\n\n*** Can\'t find 4over6.info: Parse error\n\n', 1],
		['', 127], ['', -1], ['', 1],
	],
	// uclient-fetch.c (openwrt/uclient): what it writes to stderr without -q, and its exit codes.
	uclient: [
		['{"order":[]}', 'Downloading \'https://p.example/config\'\nConnecting to 2001:db8::1:443\nWriting to stdout\n\rDownload completed (12 bytes)\n', 0],
		['', 'Downloading \'https://p.example/config\'\nConnecting to 2001:db8::1:443\nHTTP error 403\n', 8],
		['', 'HTTP error 404\n', 8], ['', 'HTTP error 500\n', 8],
		['{"order":[]}', 'Redirected to /other on p2.example\nWriting to stdout\nDownload completed (12 bytes)\n', 0],
		['', 'Failed to redirect to /x on p2.example\n', 8],
		['', 'Error: Partial content received, full content requested\n', 8],
		['', 'Connection error: Connection timed out\n', 4],
		['', 'Connection error: Connection failed\n', 4],
		['', 'Connection error: Invalid SSL certificate\n', 5],
		['', 'Connection error: Server hostname does not match SSL certificate\n', 5],
		['', 'SSL error: handshake failed\nConnection error: Connection failed\n', 4],
		['{"order":[]}', 'Connection error: Invalid SSL certificate (ignored)\nDownload completed (12 bytes)\n', 0],
		['', 'Connection reset prematurely\n', 4],
		['01234567890123456', 'Write to output file failed: Broken pipe\n', 2],
		['', 'sh: uclient-fetch: not found\n', 127],
		['', '', -1],
		['', 'Failed to send request: Invalid argument\n', 4],
		['', 'uclient-fetch: SSL support not available, please install one of the libustream-.*[ssl|tls] packages as well as the ca-bundle and ca-certificates packages.\n', 1],
		['', 'Failed to allocate uclient context\n', 1],
	],
	requests: [
		{ url: 'https://setup46.transix.jp/config?vendorid=acde48&product=p&version=1&capability=dslite', verify: true, cafile: null, timeout: 10, max: 131072, agent: 'luci-app-mape/0.1.0' },
		{ url: 'https://[2001:db8::1]:8443/c?x=1&vendorid=acde48', verify: true, cafile: '/etc/mape/ca.pem', timeout: 5, max: 131072, agent: 'a' },
		{ url: 'https://p.example/', verify: false, cafile: '/etc/mape/ca.pem', timeout: 3, max: 10, agent: 'a' },
	],
	nasty: '$(touch /tmp/mape-pwned); `id` "x" \'y\' ; | & > < * \\ \n',
};

const IO_EXPECTED = {
	nslookup: [
		{ texts: ['v=v6mig-1 url=https://setup46.transix.jp/config t=b'] },
		{ texts: ['v=spf1 -all', 'a "quoted" text'] },
		{ texts: [] },
		{ error: { code: 'HB46PP_NXDOMAIN', detail: '' } },
		{ error: { code: 'HB46PP_DNS_FAILED', detail: 'REFUSED' } },
		{ error: { code: 'HB46PP_DNS_TIMEOUT', detail: '' } },
		{ error: { code: 'HB46PP_DNS_FAILED', detail: 'unreadable answer' } },
		{ error: { code: 'HB46PP_TOOL_MISSING', detail: 'nslookup' } },
		{ error: { code: 'HB46PP_DNS_TIMEOUT', detail: '' } },
		{ error: { code: 'HB46PP_DNS_FAILED', detail: 'nslookup exit 1' } },
	],
	uclient: [
		{ status: 200, body: '{"order":[]}' },
		{ status: 403, body: '' }, { status: 404, body: '' }, { status: 500, body: '' },
		{ error: { code: 'HB46PP_HTTP_REDIRECT', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_REDIRECT', detail: '' } },
		{ status: 206, body: '' },
		{ error: { code: 'HB46PP_HTTP_TIMEOUT', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_CONNECT', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_TLS', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_TLS', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_TLS', detail: '' } },
		{ status: 200, body: '{"order":[]}' },
		{ error: { code: 'HB46PP_HTTP_CONNECT', detail: '' } },
		{ status: 200, body: '01234567890123456' },
		{ error: { code: 'HB46PP_TOOL_MISSING', detail: 'uclient-fetch' } },
		{ error: { code: 'HB46PP_HTTP_TIMEOUT', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_CONNECT', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_TLS', detail: '' } },
		{ error: { code: 'HB46PP_HTTP_FAILED', detail: 'uclient-fetch exit 1' } },
	],
	argv: [
		['nslookup', '-type=txt', '-timeout=5', '4over6.info', '[2404:1a8:7f01:a::3]:53'],
		['nslookup', '-type=txt', '-timeout=1', 'x.test', '192.0.2.53:5353'],
		['uclient-fetch', '-6', '-Y', 'off', '-T', '10', '-U', 'luci-app-mape/0.1.0', '-O', '-', '--', 'https://setup46.transix.jp/config?vendorid=acde48&product=p&version=1&capability=dslite'],
		['uclient-fetch', '-6', '-Y', 'off', '-T', '5', '-U', 'a', '-O', '-', '--ca-certificate=/etc/mape/ca.pem', '--', 'https://[2001:db8::1]:8443/c?x=1&vendorid=acde48'],
		['uclient-fetch', '-6', '-Y', 'off', '-T', '3', '-U', 'a', '-O', '-', '--no-check-certificate', '--', 'https://p.example/'],
	],
	capture: [
		{ out: IO_CASES.nasty, err: '', rc: 0 },
		{ out: '0'.repeat(512), err: '', rc: -25 },
		{ out: '', err: 'oops\n', rc: 3 },
		{ rc: 127 },
		{ out: '', err: '', rc: -9 },
	],
};

function checkIo(out: any, who: string): void {
	assert.deepEqual(out.nslookup, IO_EXPECTED.nslookup, `${who}: busybox nslookup output`);
	assert.deepEqual(out.uclient, IO_EXPECTED.uclient, `${who}: uclient-fetch messages`);
	assert.deepEqual(out.argv, IO_EXPECTED.argv, `${who}: argv`);
	assert.deepEqual(out.capture[0], IO_EXPECTED.capture[0], `${who}: shell syntax in a value arrives as it is`);
	assert.deepEqual(out.capture[1], IO_EXPECTED.capture[1], `${who}: the size limit (512-byte blocks), past it SIGXFSZ`);
	assert.deepEqual(out.capture[2], IO_EXPECTED.capture[2], `${who}: stderr and the exit status`);
	assert.equal(out.capture[3].rc, 127, `${who}: a missing tool`);
	assert.deepEqual(out.capture[4], IO_EXPECTED.capture[4], `${who}: the deadline`);
	assert.deepEqual(out.leftovers, [], `${who}: no temporary file is left`);
	assert.equal(existsSync('/tmp/mape-pwned'), false);
}

test('the router\'s tool handling (JavaScript build of router/provision_io.ts): argv, the tools\' messages, capture()', async () => {
	const work = scratchDir('mape-io');
	// Beside the work folder, whose leftovers the check lists, in a scratch folder of its own.
	const cases = join(scratchDir('mape-io-cases'), 'cases.json');
	writeFileSync(cases, JSON.stringify(IO_CASES));
	const script = join(b.dir, 'io-check.ts');
	writeFileSync(script, [
		`import * as io from ${JSON.stringify(join(b.js, 'luci-app-mape/router/provision_io.js'))};`,
		`import { readFileSync, readdirSync } from 'node:fs';`,
		`import { dirname } from 'node:path';`,
		`const c = JSON.parse(readFileSync(process.argv[2], 'utf8'));`,
		`const w = process.argv[3];`,
		`const out = { nslookup: c.nslookup.map((n) => io.parseNslookup(n[0], n[1])), uclient: c.uclient.map((u) => io.parseUclient(u[0], u[1], u[2], 16)),`,
		`	argv: [io.nslookupArgv('2404:1a8:7f01:a::3', 53, '4over6.info', 5), io.nslookupArgv('192.0.2.53', 5353, 'x.test', 1), ...c.requests.map(io.uclientArgv)],`,
		`	capture: [io.capture(w, ['printf', '%s', c.nasty], 1000, 5000), io.capture(w, ['printf', '%0700d', '0'], 100, 5000), io.capture(w, ['sh', '-c', 'echo oops >&2; exit 3'], 100, 5000),`,
		`		io.capture(w, ['no-such-tool-for-mape'], 100, 5000), io.capture(w, ['sleep', '3'], 100, 300)] };`,
		`out.leftovers = readdirSync(dirname(w));`,
		`process.stdout.write(JSON.stringify(out));`,
	].join('\n'));
	const r = spawnSync(process.execPath, ['--import', 'tsx', script, cases, join(work, 'io')], { encoding: 'utf8', cwd: REPO });
	assert.equal(r.status, 0, r.stderr);
	checkIo(JSON.parse(r.stdout), 'node');
});

realTest('the router\'s tool handling in real ucode: the same answers, and capture() with a real /bin/sh', ucodeMissing('provision_io.uc is not run in real ucode'), () => {
	const script = join(b.dir, 'io-check.uc');
	writeFileSync(script, IO_SCRIPT);
	for (const bin of UCODES) {
		const work = scratchDir('mape-io');
		const cases = join(scratchDir('mape-io-cases'), 'cases.json');
		writeFileSync(cases, JSON.stringify(IO_CASES));
		const r = spawnSync(bin, ['-L', join(b.root, 'usr/share/ucode'), script, cases, join(work, 'io')], { encoding: 'utf8', env: { ...process.env, POSIXLY_CORRECT: '1' } });
		assert.equal(r.status, 0, `${bin}: ${r.stderr}`);
		checkIo(JSON.parse(r.stdout), bin);
	}
});
