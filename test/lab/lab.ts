/*
 * A MAP-E SNAT lab in network namespaces (real kernel NAT, no tunnel):
 *
 *   lan 198.18.1.2 ── 198.18.1.1 rtr map-wanmap 192.0.2.1 ── 198.18.2.2 br 198.18.3.1 ── 198.18.3.2 srv
 *
 * - rtr: forwards; the script under test is loaded here with `nft -f`; the customer's IPv4
 *   (CE_IPV4, a documentation address) is on the tunnel device, as map.sh puts it.
 * - br: enforces the port set as a MAP-E BR does: every forwarded packet from rtr whose
 *   source address is not CE_IPV4, or whose TCP/UDP source port or ICMP echo id is outside
 *   the set, is counted and dropped (counters `bad_addr`, `bad_port`); the rest is counted
 *   (`good`). The set is derived from RFC 7597 (portset.ts), not from the engine.
 * - srv: records every source port it sees (dynamic nft sets: tcp SYNs, udp, icmp echo ids).
 * - lan: records TCP SYNs it sends per source port; a second SYN from one port is a
 *   retransmission (set `retx`): exact first-SYN accounting.
 *
 * Names: mapelab-<pid>-<n>-{lan,rtr,br,srv}; all addresses are benchmarking (198.18.0.0/15)
 * or documentation (192.0.2.0/24) space, and nothing is routed out of the namespaces.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { addNamespace, execIn, ipIn, must, nftIn, removeNamespace, run, sysctlIn, veth } from '../netns.ts';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowedPorts, intervals, type Shape } from './portset.ts';

export const CE_IPV4 = '192.0.2.1';
export const SERVER = '198.18.3.2';
export const MAP_DEVICE = 'map-wanmap';
const AGENT = join(dirname(fileURLToPath(import.meta.url)), 'agent.ts');
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

let serial = 0;

/** Labs not destroyed yet: removed on exit too, so an aborted run leaves no namespace behind. */
const live = new Set<Lab>();
process.once('exit', () => { for (const lab of live) lab.destroy(); });

/** Why the lab cannot run here, or null when it can (root, `ip netns`, `nft`). */
export function labUnavailable(): string | null {
	if (process.platform != 'linux') return 'the SNAT lab needs Linux network namespaces';
	if (process.getuid && process.getuid() != 0) return 'the SNAT lab needs root (network namespaces, nftables)';
	if (run('nft', ['--version']).code != 0) return 'nft is not installed (Debian: apt-get install nftables)';
	if (run('ip', ['-V']).code != 0) return 'ip is not installed (Debian: apt-get install iproute2)';
	const probe = `mapelab-${process.pid}-probe`;
	const add = run('ip', ['netns', 'add', probe]);
	if (add.code != 0) return `ip netns add fails here: ${add.stderr.trim()}`;
	const nft = run('ip', ['netns', 'exec', probe, 'nft', 'list', 'tables']);
	run('ip', ['netns', 'del', probe]);
	if (nft.code != 0) return `nft does not work in a network namespace here: ${nft.stderr.trim()}`;
	return null;
}

/**
 * The BR's check, as a MAP-E BR enforces it: every packet from the CE side (`dev`) whose
 * source is not the CE's IPv4, or whose TCP/UDP source port or ICMP echo id is outside the
 * shape's port set, is counted and dropped (`bad_addr`, `bad_port`); the rest is counted
 * (`good`). The set comes from RFC 7597 (portset.ts), not from the engine.
 */
export function borderTable(ce: string, dev: string, shape: Shape): string {
	const ports = intervals(allowedPorts(shape)).map(([a, b]) => (a == b ? `${a}` : `${a}-${b}`)).join(', ');
	return `table inet br {
	set ports { type inet_service; flags interval; elements = { ${ports} } }
	set ids { typeof icmp id; flags interval; elements = { ${ports} } }
	counter good {}
	counter bad_addr {}
	counter bad_port {}
	chain forward {
		type filter hook forward priority 0; policy accept;
		iifname "${dev}" ip saddr != ${ce} counter name bad_addr drop
		iifname "${dev}" meta l4proto { tcp, udp } th sport != @ports counter name bad_port drop
		iifname "${dev}" icmp type echo-request icmp id != @ids counter name bad_port drop
		iifname "${dev}" counter name good
	}
}
`;
}

/** The server's record of every source port (ICMP: echo id) it sees from the CE's IPv4. */
export function seenTable(ce: string): string {
	return `table inet seen {
	set tcp_ports { type inet_service; flags dynamic; size 65536; }
	set udp_ports { type inet_service; flags dynamic; size 65536; }
	set icmp_ports { typeof icmp id; flags dynamic; size 65536; }
	chain input {
		type filter hook input priority 0; policy accept;
		ip saddr ${ce} tcp flags & (syn | ack) == syn add @tcp_ports { tcp sport }
		ip saddr ${ce} meta l4proto udp add @udp_ports { udp sport }
		ip saddr ${ce} icmp type echo-request add @icmp_ports { icmp id }
		meta l4proto udp drop
	}
}
`;
}

/** The BR's counters (borderTable) in namespace `ns`. */
export function borderCounters(ns: string): Counters {
	const out: any = {};
	for (const name of ['good', 'bad_addr', 'bad_port']) {
		const j = JSON.parse(must('ip', ['netns', 'exec', ns, 'nft', '-j', 'list', 'counter', 'inet', 'br', name]));
		out[name] = j.nftables.find((o: any) => o.counter).counter.packets;
	}
	return out;
}

/** The elements of an nft set of integers (ports, echo ids), sorted. */
export function setElements(ns: string, table: string, set: string): number[] {
	const j = JSON.parse(must('ip', ['netns', 'exec', ns, 'nft', '-j', 'list', 'set', 'inet', table, set]));
	const elem = j.nftables.find((o: any) => o.set).set.elem ?? [];
	return elem.map((e: any) => (typeof e == 'number' ? e : e.elem?.val ?? e.val ?? e)).map(Number).sort((a: number, b: number) => a - b);
}

export interface Counters { good: number; bad_addr: number; bad_port: number }

export class Lab {
	readonly lan: string;
	readonly rtr: string;
	readonly br: string;
	readonly srv: string;
	private agents: Agent[] = [];

	/** Builds the four namespaces; `shape` and `reserved` only configure the BR's port set. */
	constructor(readonly shape: Shape) {
		const base = `mapelab-${process.pid}-${serial++}`;
		this.lan = `${base}-lan`;
		this.rtr = `${base}-rtr`;
		this.br = `${base}-br`;
		this.srv = `${base}-srv`;
		live.add(this);
		try {
			this.build();
		} catch (e) {
			this.destroy();
			throw e;
		}
	}

	private build(): void {
		for (const ns of [this.lan, this.rtr, this.br, this.srv]) addNamespace(ns);
		this.veth(this.lan, 'eth0', this.rtr, 'lan0');
		this.veth(this.rtr, MAP_DEVICE, this.br, 'rtr0');
		this.veth(this.br, 'srv0', this.srv, 'eth0');
		this.addr(this.lan, 'eth0', '198.18.1.2/24');
		this.addr(this.rtr, 'lan0', '198.18.1.1/24');
		// As on a router: the tunnel device carries the customer's IPv4 (masquerade picks it).
		this.addr(this.rtr, MAP_DEVICE, CE_IPV4 + '/32');
		this.addr(this.br, 'rtr0', '198.18.2.2/24');
		this.addr(this.br, 'srv0', '198.18.3.1/24');
		this.addr(this.srv, 'eth0', SERVER + '/24');
		this.ip(this.lan, 'route', 'add', 'default', 'via', '198.18.1.1');
		this.ip(this.rtr, 'route', 'add', 'default', 'via', '198.18.2.2', 'dev', MAP_DEVICE, 'onlink');
		this.ip(this.br, 'route', 'add', CE_IPV4 + '/32', 'dev', 'rtr0');
		this.ip(this.srv, 'route', 'add', 'default', 'via', '198.18.3.1');
		for (const ns of [this.rtr, this.br]) this.sysctl(ns, 'net.ipv4.ip_forward', '1');
		this.sysctl(this.srv, 'net.core.somaxconn', '8192');
		this.sysctl(this.srv, 'net.ipv4.tcp_max_syn_backlog', '8192');
		this.sysctl(this.lan, 'net.ipv4.ping_group_range', '0 2147483647');

		this.nft(this.br, borderTable(CE_IPV4, 'rtr0', this.shape));
		this.nft(this.srv, seenTable(CE_IPV4));
		this.nft(this.lan, `table inet syn {
	set sent { type inet_service; flags dynamic; size 65536; }
	set retx { type inet_service; flags dynamic; size 65536; }
	chain output {
		type filter hook output priority 0; policy accept;
		tcp flags & (syn | ack) == syn tcp sport @sent add @retx { tcp sport }
		tcp flags & (syn | ack) == syn add @sent { tcp sport }
	}
}
`);
	}

	private veth(nsA: string, a: string, nsB: string, b: string): void {
		veth(nsA, a, nsB, b);
	}

	private addr(ns: string, dev: string, cidr: string): void {
		this.ip(ns, 'addr', 'add', cidr, 'dev', dev);
	}

	ip(ns: string, ...args: string[]): string {
		return ipIn(ns, ...args);
	}

	sysctl(ns: string, key: string, value: string): void {
		sysctlIn(ns, `${key}=${value}`);
	}

	/** Runs a command inside a namespace. */
	exec(ns: string, cmd: string[], input?: string) {
		return execIn(ns, cmd, input);
	}

	/** `nft -f -` in a namespace; throws with nft's message on failure. */
	nft(ns: string, script: string): void {
		nftIn(ns, script);
	}

	/** Loads a script into the router and returns the wall time of `nft -f` in ms. */
	loadRouter(script: string): number {
		const t0 = process.hrtime.bigint();
		this.nft(this.rtr, script);
		return Number(process.hrtime.bigint() - t0) / 1e6;
	}

	listRouter(): string {
		return must('ip', ['netns', 'exec', this.rtr, 'nft', 'list', 'ruleset']);
	}

	counters(): Counters {
		return borderCounters(this.br);
	}

	/** Source ports (ICMP: echo ids) the server has seen from CE_IPV4. */
	seen(proto: 'tcp' | 'udp' | 'icmp'): number[] {
		return setElements(this.srv, 'seen', proto + '_ports');
	}

	/** LAN source ports whose SYN was sent more than once (first SYN lost). */
	retransmitted(): number[] {
		return setElements(this.lan, 'syn', 'retx');
	}

	resetSynAccounting(): void {
		this.nft(this.lan, 'flush set inet syn sent\nflush set inet syn retx\n');
	}

	/** One ping from the LAN host to the server; true when the reply came back. */
	ping(count = 1): boolean {
		return this.exec(this.lan, ['ping', '-n', '-c', String(count), '-i', '0.2', '-W', '2', SERVER]).code == 0;
	}

	/** A TCP/UDP agent (agent.ts) running in a namespace. */
	async agent(ns: string): Promise<Agent> {
		const a = new Agent(ns);
		this.agents.push(a);
		await a.ready;
		return a;
	}

	destroy(): void {
		live.delete(this);
		for (const a of this.agents) a.kill();
		for (const ns of [this.lan, this.rtr, this.br, this.srv]) removeNamespace(ns);
	}
}

/**
 * JSON-lines remote control of test/lab/agent.ts inside a namespace. Every answer has a
 * deadline, and the agent exiting (e.g. its namespace does not exist) fails what is still
 * waiting: a test must fail, never hang. (The test runner's --test-force-exit is no way
 * out: it exits before the report of a busy file is written, and its tests go missing.)
 */
export class Agent {
	private child: ChildProcess;
	private waiting: { resolve: (v: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
	private gone: string | null = null;
	readonly ready: Promise<any>;

	constructor(private readonly ns: string) {
		// Up to 1008 sockets per side: raise the descriptor limit for the agent.
		this.child = spawn('ip', ['netns', 'exec', ns, 'sh', '-c', 'ulimit -n $(ulimit -Hn) && exec "$0" --import tsx "$1"', process.execPath, AGENT],
			{ stdio: ['pipe', 'pipe', 'inherit'], cwd: REPO_ROOT });
		// Neither the agent nor its pipes keep the test process alive: while a call waits, its
		// deadline timer does; after a suite's deadline cancelled a test, nothing does.
		this.child.unref();
		for (const pipe of [this.child.stdin, this.child.stdout] as unknown as { unref?: () => void }[]) pipe.unref?.();
		const lines = createInterface({ input: this.child.stdout! });
		lines.on('line', (line) => {
			const w = this.waiting.shift();
			if (!w) return;
			clearTimeout(w.timer);
			w.resolve(JSON.parse(line));
		});
		const fail = (why: string) => {
			this.gone ??= why;
			for (const w of this.waiting.splice(0)) {
				clearTimeout(w.timer);
				w.reject(new Error(`agent in ${ns}: ${why}`));
			}
		};
		this.child.stdin!.on('error', (e) => fail(e.message));
		this.child.on('exit', (code, signal) => fail(`exited (${signal ?? code})`));
		this.child.on('error', (e) => fail(e.message));
		this.ready = this.answer(30000, 'start');
		this.ready.catch(() => {});
	}

	/** The next line the agent prints, within `ms`. */
	private answer(ms: number, what: string): Promise<any> {
		if (this.gone) return Promise.reject(new Error(`agent in ${this.ns}: ${this.gone}`));
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				const i = this.waiting.findIndex((w) => w.timer === timer);
				if (i >= 0) this.waiting.splice(i, 1);
				reject(new Error(`agent in ${this.ns}: no answer to ${what} within ${ms} ms`));
			}, ms);
			this.waiting.push({ resolve, reject, timer });
		});
	}

	/** One command; `ms` bounds the answer (opening a thousand connections takes a while). */
	call(command: Record<string, unknown>, ms = 120000): Promise<any> {
		const answer = this.answer(ms, String(command.cmd));
		if (!this.gone) this.child.stdin!.write(JSON.stringify(command) + '\n');
		return answer;
	}

	kill(): void {
		if (this.child.exitCode == null) this.child.kill('SIGKILL');
	}
}
