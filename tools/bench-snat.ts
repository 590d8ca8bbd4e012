/*
 * SNAT benchmark on a real kernel (prints figures; not a test). Needs root, ip netns, nft
 * (and conntrack-tools for the "expired" churn variant).
 *
 *   sudo npx tsx tools/bench-snat.ts [--quick]
 *
 * For v6plus-shaped (240 ports, psidlen 8, offset 4) and OCN-shaped (1008 ports, psidlen 6,
 * offset 6) port sets, in fresh namespaces per scenario (test/lab/lab.ts: no conntrack or
 * TIME_WAIT state carries over), with the strategies of core/snat.ts — spill (the default),
 * group, and the baselines port (community numgen fix) and stock (fw4's rendering of map.sh):
 *
 * - K concurrent TCP connections from the LAN host to one server address and port, K = 50 %,
 *   90 %, 100 % of the port count: first-SYN success (exact: the LAN host's nft set of source
 *   ports that sent a second SYN), distinct groups seen by the server, packets the BR dropped
 *   as out of the port set, and the wall time of `nft -f` for the ruleset;
 * - churn: a connection on every port, close (FIN) a random half, open as many new ones:
 *   first-SYN success of the new ones, with the closed flows' conntrack entries kept
 *   (TIME_WAIT, 120 s: the kernel reuses such a tuple only when the new SYN's sequence number
 *   is past the old one, about one time in two) and with them expired (conntrack -D).
 */
import { spawnSync } from 'node:child_process';
import { Lab, labUnavailable, CE_IPV4, SERVER } from '../test/lab/lab.ts';
import { V6PLUS, OCN, groupOf, type Shape } from '../test/lab/portset.ts';
import { snatScriptFor } from '../test/lab/generator.ts';

const STRATEGIES = ['spill', 'group', 'port', 'stock'];
const SHAPES: [string, Shape, number][] = [['v6plus', V6PLUS, 240], ['OCN', OCN, 1008]];
const OPEN_TIMEOUT = 1500; // the first SYN retransmission is at 1 s

interface Row { shape: string; strategy: string; scenario: string; attempted: number; firstSyn: number; connected: number; groups: number; outOfSet: number; loadMs: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hasConntrack = spawnSync('conntrack', ['--version']).status == 0;

async function scenario(shape: Shape, ports: number, strategy: string, kind: string, k: number): Promise<Omit<Row, 'shape' | 'strategy' | 'scenario'>> {
	const lab = new Lab(shape);
	try {
		const loadMs = lab.loadRouter(await snatScriptFor(shape, { ipv4: CE_IPV4, strategy }));
		const server = await lab.agent(lab.srv);
		await server.call({ cmd: 'listen', host: SERVER, port: 80 });
		const client = await lab.agent(lab.lan);
		let attempted = k;
		let opened;
		if (kind == 'open') {
			opened = await client.call({ cmd: 'open', host: SERVER, port: 80, n: k, timeout: OPEN_TIMEOUT });
		} else {
			await client.call({ cmd: 'open', host: SERVER, port: 80, n: ports, timeout: OPEN_TIMEOUT });
			const closed = await client.call({ cmd: 'close', fraction: 0.5 });
			await sleep(300);
			if (kind == 'churn-expired') lab.exec(lab.rtr, ['conntrack', '-D', '-p', 'tcp', '--state', 'TIME_WAIT']);
			lab.resetSynAccounting();
			attempted = closed.closed;
			opened = await client.call({ cmd: 'open', host: SERVER, port: 80, n: attempted, timeout: OPEN_TIMEOUT });
		}
		const c = lab.counters();
		return {
			attempted,
			firstSyn: attempted - lab.retransmitted().length,
			connected: opened.connected,
			groups: new Set(lab.seen('tcp').map((p) => groupOf(p, shape))).size,
			outOfSet: c.bad_port + c.bad_addr,
			loadMs,
		};
	} finally {
		lab.destroy();
	}
}

async function benchShape(name: string, shape: Shape, ports: number, quick: boolean): Promise<Row[]> {
	const rows: Row[] = [];
	const scenarios: [string, string, number][] = [
		['K=50%', 'open', Math.round(ports * 0.5)],
		['K=90%', 'open', Math.round(ports * 0.9)],
		['K=100%', 'open', ports],
		['churn', 'churn', 0],
	];
	if (hasConntrack) scenarios.push(['churn, expired', 'churn-expired', 0]);
	for (const strategy of STRATEGIES) {
		for (const [label, kind, k] of scenarios) {
			if (quick && strategy == 'stock' && kind != 'open') continue;
			rows.push({ shape: name, strategy, scenario: label, ...(await scenario(shape, ports, strategy, kind, k)) });
		}
	}
	return rows;
}

function pct(a: number, b: number): string {
	return b == 0 ? '-' : (100 * a / b).toFixed(1) + ' %';
}

async function main(): Promise<void> {
	const why = labUnavailable();
	if (why) {
		console.error('bench-snat: ' + why);
		process.exit(2);
	}
	const quick = process.argv.includes('--quick');
	const t0 = Date.now();
	const rows = (await Promise.all(SHAPES.map(([n, s, p]) => benchShape(n, s, p, quick)))).flat();
	console.log(`MAP-E SNAT benchmark, kernel ${spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim()}, ${spawnSync('nft', ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
	console.log('');
	console.log('| shape | strategy | scenario | connections | first-SYN success | connected | groups used | out-of-set packets | nft -f |');
	console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		console.log(`| ${r.shape} | ${r.strategy} | ${r.scenario} | ${r.attempted} | ${pct(r.firstSyn, r.attempted)} | ${r.connected} | ${r.groups} | ${r.outOfSet} | ${r.loadMs.toFixed(0)} ms |`);
	}
	console.log('');
	console.log('First-SYN success of spill relative to the baselines (spill ÷ baseline):');
	console.log('');
	console.log('| shape | scenario | ÷ group | ÷ port (numgen) | ÷ stock |');
	console.log('|---|---|---:|---:|---:|');
	for (const r of rows.filter((x) => x.strategy == 'spill')) {
		const ratio = (strategy: string) => {
			const b = rows.find((x) => x.shape == r.shape && x.scenario == r.scenario && x.strategy == strategy);
			if (!b || b.firstSyn == 0) return b ? '∞' : '-';
			return ((r.firstSyn / r.attempted) / (b.firstSyn / b.attempted)).toFixed(2);
		};
		console.log(`| ${r.shape} | ${r.scenario} | ${ratio('group')} | ${ratio('port')} | ${ratio('stock')} |`);
	}
	console.log('');
	console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s${hasConntrack ? '' : '; conntrack-tools missing: no "expired" churn'})`);
}

await main();
