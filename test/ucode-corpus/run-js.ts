/*
 * Runs compiled corpus programs (JavaScript) one after another in this process through
 * the runtime's runScript() (output captured, exit(n) → n, uncaught exception → 254).
 * Arguments: NAME=FILE.js …  Prints one JSON line per program:
 * { name, stdout (base64 of UTF-8), stderr, rc }. Used by harness.ts (runJsBatch).
 */
import { runScript } from '../../luci-app-mape/runtime/index.ts';

const realWrite = process.stdout.write.bind(process.stdout);

for (const arg of process.argv.slice(2)) {
	const eq = arg.indexOf('=');
	const name = arg.slice(0, eq);
	const file = arg.slice(eq + 1);
	let line: string;
	try {
		const r = await runScript(file, { argv: [], capture: true });
		line = JSON.stringify({ name, stdout: Buffer.from(r.stdout, 'utf8').toString('base64'), stderr: r.stderr, rc: r.code });
	} catch (e) {
		// runScript itself failed (e.g. the module could not be loaded).
		line = JSON.stringify({ name, stdout: '', stderr: `[runScript failed] ${e instanceof Error ? e.stack ?? e.message : String(e)}`, rc: -1 });
	}
	realWrite(line + '\n');
}
