/*
 * Test helper: the engine (luci-app-mape/core/*.ts) from the one backend build the tests
 * share (test/backend-build.ts, which builds exactly as tools/build.ts does), so the engine
 * tests exercise the JavaScript that runs in Node and the browser and, for the optional
 * ucode comparison, the very ucode files the package installs (<root>/usr/share/ucode/mape).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, buildBackendForTest } from './backend-build.ts';

export { REPO };

export interface EngineBuild {
	/** Scratch directory for a test's own files (drivers, inputs). */
	dir: string;
	/** Module search directory for ucode's -L: holds mape/<name>.uc. */
	ucodeDir: string;
	/** Import one compiled module by its core file name ("mape", "ipv6", "result"…). */
	load(name: string): Promise<any>;
}

export function buildEngine(): EngineBuild {
	const b = buildBackendForTest();
	const coreJs = join(b.js, 'luci-app-mape', 'core');
	return {
		dir: b.dir,
		ucodeDir: join(b.root, 'usr', 'share', 'ucode'),
		load: (name: string) => import(pathToFileURL(join(coreJs, name + '.js')).href),
	};
}

/** The compiled engine's modules, loaded once per test process. */
export async function loadEngine(): Promise<{
	ipv6: any; ipv4: any; bits: any; rules: any; lookup: any; identify: any; mape: any; result: any; dslite: any; hb46pp: any;
}> {
	const b = buildEngine();
	const [ipv6, ipv4, bits, rules, lookup, identify, mape, result, dslite, hb46pp] = await Promise.all(
		['ipv6', 'ipv4', 'bits', 'rules', 'lookup', 'identify', 'mape', 'result', 'dslite', 'hb46pp'].map((n) => b.load(n)),
	);
	return { ipv6, ipv4, bits, rules, lookup, identify, mape, result, dslite, hb46pp };
}
