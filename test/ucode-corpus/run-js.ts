/*
 * Runs compiled corpus programs (JavaScript) one after another in this process, with
 * print/warn captured through the runtime's output hooks. Arguments: NAME=FILE.js …
 * Prints one JSON line per program: { name, stdout (base64 of UTF-8), stderr, rc }.
 * Used by harness.ts (runJsBatch); not a test by itself.
 */
import { pathToFileURL } from 'node:url';
import { UcodeExit, isUcodeException, setArgv, setErrorOutput, setOutput } from '../../luci-app-mape/runtime/builtins.ts';

const realWrite = process.stdout.write.bind(process.stdout);

for (const arg of process.argv.slice(2)) {
	const eq = arg.indexOf('=');
	const name = arg.slice(0, eq);
	const file = arg.slice(eq + 1);
	const out: string[] = [];
	const err: string[] = [];
	setOutput((s) => { out.push(s); });
	setErrorOutput((s) => { err.push(s); });
	setArgv([]);
	let rc = 0;
	try {
		await import(pathToFileURL(file).href);
	} catch (e) {
		if (e instanceof UcodeExit) rc = e.code;
		else if (isUcodeException(e)) {
			rc = 254;
			err.push(`${e.message}\n`);
		} else {
			// Not a ucode exception: a runtime or compiler bug (ucode would have raised a typed error).
			rc = 254;
			err.push(`[JS error, not a ucode exception] ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
		}
	}
	realWrite(JSON.stringify({ name, stdout: Buffer.from(out.join(''), 'utf8').toString('base64'), stderr: err.join(''), rc }) + '\n');
}
