/*
 * A running ubusd + rpcd of one release's userland (test/openwrt-env.ts), with this
 * package's rpcd plugin and ucode modules where that rpcd looks for them.
 *
 * rpcd has its paths compiled in (<prefix>/share/rpcd/ucode for ucode plugins, the ucode
 * library's <prefix>/share/ucode for modules). It runs in a private mount namespace in which
 * the test's directories are bind-mounted onto those paths, so the shared build cache is
 * never written to and several test processes can run stacks at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from './openwrt-env.ts';
import { onExit, scratchDir } from './scratch.ts';
import { run, waitFor } from './netns.ts';

export interface RunningStack {
	stack: Stack;
	socket: string;
	/** `ubus -s <socket> <args>`. */
	ubus(args: string[]): { code: number; stdout: string; stderr: string };
	/** rpcd's stdout and stderr so far (for failure messages). */
	log(): string;
	stop(): void;
}

export interface StackOptions {
	/** Directory with the rpcd ucode plugins to load (→ <prefix>/share/rpcd/ucode). */
	plugins: string;
	/** Directory of this package's ucode modules (→ <prefix>/share/ucode/mape). */
	modules: string;
	/** Environment for rpcd (the plugin reads it), given the stack's ubus socket. */
	env: (socket: string) => NodeJS.ProcessEnv;
}

function kill(child: ChildProcess | null): void {
	if (child?.pid && child.exitCode == null && child.signalCode == null) {
		try { process.kill(child.pid, 'SIGKILL'); } catch { /* already gone */ }
	}
}

export function startStack(stack: Stack, opts: StackOptions): RunningStack {
	const dir = scratchDir(`mape-stack-${stack.release}`);
	const socket = join(dir, 'ubus.sock');
	const logFile = join(dir, 'rpcd.log');
	const ubus = (args: string[]) => run(stack.ubus, ['-s', socket, ...args]);
	/** Waits for `ok`; on timeout stops the stack and throws `message()`. */
	const expect = (ok: () => boolean, message: () => string) => {
		try {
			waitFor(message(), 2000, ok);
		} catch {
			stop();
			throw new Error(message());
		}
	};

	const ubusd = spawn(stack.ubusd, ['-s', socket], { stdio: 'ignore' });
	let rpcd: ChildProcess | null = null;
	const stop = onExit(() => {
		kill(rpcd);
		kill(ubusd);
	});
	expect(() => existsSync(socket), () => `ubusd (${stack.ubusd}) did not create ${socket}`);

	const pluginMount = join(stack.prefix, 'share/rpcd/ucode');
	const moduleMount = join(stack.prefix, 'share/ucode/mape');
	for (const p of [pluginMount, moduleMount]) {
		if (!existsSync(p)) throw new Error(`${p} is missing: rebuild the userland (make openwrt)`);
	}
	// exec keeps rpcd's pid = the spawned process, so killing it ends the namespace too.
	const script = 'mount --bind "$1" "$2" && mount --bind "$3" "$4" && exec "$5" -s "$6" >"$7" 2>&1';
	rpcd = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh',
		opts.plugins, pluginMount, opts.modules, moduleMount, stack.rpcd, socket, logFile], { stdio: 'ignore', env: opts.env(socket) });
	const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
	expect(() => ubus(['list', 'session']).code == 0, () => `rpcd ${stack.release} did not publish its objects: ${log()}`);
	return { stack, socket, ubus, log, stop };
}
