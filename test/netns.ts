/*
 * Running commands, waiting, and the network namespaces the labs build (test/lab for the
 * SNAT lab, test/routerlab for the router lab): one set of helpers for both.
 */
import { spawnSync } from 'node:child_process';

export interface Run { code: number; stdout: string; stderr: string }

export function run(cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): Run {
	const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 64 << 20, env: env ?? process.env });
	return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

/** run(), but a failure throws with the command and what it printed. */
export function must(cmd: string, args: string[], input?: string): string {
	const r = run(cmd, args, input);
	if (r.code != 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
	return r.stdout;
}

export function sleep(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls `probe` until it returns a value (not null/undefined/false) or `ms` pass. */
export function waitFor<T>(what: string, ms: number, probe: () => T | null | undefined | false): T {
	const end = Date.now() + ms;
	for (;;) {
		const v = probe();
		if (v !== null && v !== undefined && v !== false) return v;
		if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		sleep(100);
	}
}

/** A new namespace with its loopback up. */
export function addNamespace(ns: string): void {
	must('ip', ['netns', 'add', ns]);
	ipIn(ns, 'link', 'set', 'lo', 'up');
}

/** Ends every process still in the namespace (they would keep it alive), then deletes it. */
export function removeNamespace(ns: string): void {
	if (run('ip', ['netns', 'pids', ns]).code != 0) return;
	const pids = run('ip', ['netns', 'pids', ns]).stdout.trim().split(/\s+/).filter(Boolean);
	for (const pid of pids) run('kill', ['-9', pid]);
	if (pids.length) sleep(50);
	run('ip', ['netns', 'del', ns]);
}

/** `ip -n <ns> <args>`. */
export function ipIn(ns: string, ...args: string[]): string {
	return must('ip', ['-n', ns, ...args]);
}

/** sysctl -w in a namespace; `kv` is `key=value`. */
export function sysctlIn(ns: string, kv: string): void {
	must('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', kv]);
}

/** A command inside a namespace. */
export function execIn(ns: string, cmd: string[], input?: string): Run {
	return run('ip', ['netns', 'exec', ns, ...cmd], input);
}

/** `nft -f -` in a namespace; throws with nft's message on failure. */
export function nftIn(ns: string, script: string): void {
	const r = execIn(ns, ['nft', '-f', '-'], script);
	if (r.code != 0) throw new Error(`nft -f in ${ns} failed: ${r.stderr}\n--- script ---\n${script.slice(0, 2000)}`);
}

/** A veth pair: `a` in namespace `nsA`, `b` in `nsB`, both up. */
export function veth(nsA: string, a: string, nsB: string, b: string): void {
	must('ip', ['-n', nsA, 'link', 'add', a, 'type', 'veth', 'peer', 'name', b, 'netns', nsB]);
	ipIn(nsA, 'link', 'set', a, 'up');
	ipIn(nsB, 'link', 'set', b, 'up');
}
