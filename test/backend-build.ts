/*
 * Test helper: build the whole backend (core + router) into a scratch directory exactly as
 * tools/build.ts does — the router files under <dir>/root/ and the JavaScript build under
 * <dir>/js/ — and run the `mape` CLI from either build.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import { buildBackend } from '../tools/build.ts';
import { scratchDir } from './scratch.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BackendBuild { dir: string; root: string; js: string }

let built: BackendBuild | null = null;

export function buildBackendForTest(): BackendBuild {
	if (built) return built;
	const dir = scratchDir('mape-backend');
	const js = join(dir, 'js');
	const root = join(dir, 'root');
	for (const f of buildBackend(js)) {
		const p = join(dir, f.path);
		mkdirSync(dirname(p), { recursive: true });
		writeFileSync(p, f.content);
		chmodSync(p, f.mode);
	}
	// The JavaScript build is ES modules (outside the repository nothing says so by default).
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	// The Node entry, as tools/mape-node.ts but pointing at this build.
	writeFileSync(join(dir, 'run-cli.ts'), [
		`import { runScript } from ${JSON.stringify(join(REPO, 'luci-app-mape/runtime/index.ts'))};`,
		`const result = await runScript(${JSON.stringify(join(js, 'luci-app-mape/router/cli.js'))}, { argv: process.argv.slice(2), capture: false });`,
		'process.exitCode = result.code;',
		'',
	].join('\n'));
	built = { dir, root, js };
	return built;
}

export interface CliRun { code: number; stdout: string; stderr: string }

/** `mape <args>` on Node (the JavaScript build through the runtime). */
export function runNodeCli(args: string[], input = ''): CliRun {
	const b = buildBackendForTest();
	const r = spawnSync(process.execPath, ['--import', 'tsx', join(b.dir, 'run-cli.ts'), ...args], { input, encoding: 'utf8', cwd: REPO });
	return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A command run asynchronously, its output collected: for tests whose servers (DNS, HTTPS)
 * answer from this process's event loop, which a synchronous spawn would block.
 */
export function runAsync(cmd: string, args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { env, cwd: REPO });
		let stdout = '', stderr = '';
		child.stdout.on('data', (d) => { stdout += d; });
		child.stderr.on('data', (d) => { stderr += d; });
		child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
	});
}

/**
 * `mape <args>` in a real ucode interpreter, as on the router. POSIXLY_CORRECT keeps glibc's
 * getopt from taking the script's own options (musl on OpenWrt never permutes).
 */
export function runUcodeCli(ucode: string, args: string[], input = ''): CliRun {
	const b = buildBackendForTest();
	const r = spawnSync(ucode, ['-L', join(b.root, 'usr/share/ucode'), join(b.root, 'usr/sbin/mape'), ...args], {
		input, encoding: 'utf8', env: { ...process.env, POSIXLY_CORRECT: '1' },
	});
	return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
