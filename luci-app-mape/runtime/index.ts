/*
 * The runtime for Node embedders: builtins, the native modules, and runScript(),
 * which runs a compiled typed-ucode script the way the ucode interpreter would.
 */
import { pathToFileURL } from 'node:url';
import * as builtins from './builtins.ts';
import { $exc, UcodeExit, setArgv, setErrorOutput, setOutput } from './builtins.ts';

export * from './builtins.ts';
export * as fs from './fs.ts';
export * as uci from './uci.ts';
export * as ubus from './ubus.ts';
export { builtins };

export interface RunOptions {
	/** ARGV of the script. */
	argv?: readonly string[];
	/** Collect stdout/stderr into the result instead of writing them through (default true). */
	capture?: boolean;
}

export interface RunResult { code: number; stdout: string; stderr: string; }

let runCounter = 0;

/** How ucode reports an uncaught exception (first line; ucode adds source context). */
export function formatUncaught(e: unknown): string {
	const x = $exc(e);
	return (x.type === 'Error' ? x.message : `${x.type}: ${x.message}`) + '\n';
}

/**
 * Runs a compiled script (an ES module whose top-level code is the program), loaded by
 * `load` (a bundler can see a static `() => import('…')`): exit(n) → code n, an uncaught
 * exception → its message on stderr and code 254, normal completion → 0.
 */
export async function runModule(load: () => Promise<unknown>, options: RunOptions = {}): Promise<RunResult> {
	const capture = options.capture ?? true;
	let stdout = '', stderr = '';
	const out = (s: string) => { if (capture) stdout += s; else process.stdout.write(s); };
	const err = (s: string) => { if (capture) stderr += s; else process.stderr.write(s); };
	setArgv(options.argv ?? []);
	setOutput(out);
	setErrorOutput(err);
	let code = 0;
	try {
		await load();
	}
	catch (e) {
		if (e instanceof UcodeExit) code = e.code;
		else {
			err(formatUncaught(e));
			code = 254;
		}
	}
	finally {
		setOutput((s) => { process.stdout.write(s); });
		setErrorOutput((s) => { process.stderr.write(s); });
	}
	return { code, stdout, stderr };
}

/** runModule() for a script file (imported afresh on every call). */
export function runScript(file: string, options: RunOptions = {}): Promise<RunResult> {
	const url = pathToFileURL(file).href + `?run=${++runCounter}`;
	return runModule(() => import(url), options);
}
