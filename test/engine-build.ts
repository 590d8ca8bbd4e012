/*
 * Test helper: compile the engine (luci-app-mape/core/*.ts) with tools/ucc into a scratch
 * directory and import its JavaScript build, so the engine tests exercise exactly what runs
 * in Node and the browser (the same source as the router's ucode). The ucode output is
 * written next to it (<dir>/ucode/mape/*.uc) for the optional ucode comparison.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile, formatDiagnostic } from '../tools/ucc/index.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORE_DIR = join(REPO, 'luci-app-mape', 'core');

export interface EngineBuild {
	/** Scratch directory: js/<repo-relative path>.js and ucode/mape/<name>.uc. */
	dir: string;
	ucodeDir: string;
	/** Import one compiled module by its core file name ("mape", "ipv6", "result"…). */
	load(name: string): Promise<any>;
}

let built: EngineBuild | null = null;

export function buildEngine(): EngineBuild {
	if (built) return built;
	const dir = mkdtempSync(join(tmpdir(), 'mape-engine-'));
	const jsOutDir = join(dir, 'js');
	const ucodeDir = join(dir, 'ucode');
	const units = readdirSync(CORE_DIR)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
		.sort()
		.map((f) => ({ src: join(CORE_DIR, f), kind: 'module' as const }));
	const { diagnostics, outputs } = compile(units, {
		roots: [{ dir: CORE_DIR, prefix: 'mape' }],
		runtimeDir: join(REPO, 'luci-app-mape', 'runtime'),
		jsOutDir,
		baseDir: REPO,
	});
	if (diagnostics.length > 0) {
		throw new Error('core/ does not compile:\n' + diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
	}
	for (const out of outputs) {
		const jsPath = join(jsOutDir, relative(REPO, out.src).replace(/\.ts$/, '.js'));
		mkdirSync(dirname(jsPath), { recursive: true });
		writeFileSync(jsPath, out.js);
		const ucPath = join(ucodeDir, 'mape', relative(CORE_DIR, out.src).replace(/\.ts$/, '.uc'));
		mkdirSync(dirname(ucPath), { recursive: true });
		writeFileSync(ucPath, out.ucode);
	}
	const coreJs = join(jsOutDir, relative(REPO, CORE_DIR));
	built = {
		dir,
		ucodeDir,
		load: (name: string) => import(pathToFileURL(join(coreJs, name + '.js')).href),
	};
	return built;
}

/** The compiled engine's modules, loaded once per test process. */
export async function loadEngine(): Promise<{
	ipv6: any; ipv4: any; bits: any; rules: any; lookup: any; identify: any; mape: any; result: any;
}> {
	const b = buildEngine();
	const [ipv6, ipv4, bits, rules, lookup, identify, mape, result] = await Promise.all(
		['ipv6', 'ipv4', 'bits', 'rules', 'lookup', 'identify', 'mape', 'result'].map((n) => b.load(n)),
	);
	return { ipv6, ipv4, bits, rules, lookup, identify, mape, result };
}
