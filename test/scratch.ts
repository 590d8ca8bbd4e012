/*
 * Scratch directories for tests: each is removed when the test process exits, whether its
 * tests passed or failed, so a run of `make test` leaves nothing in the temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
const cleanups: (() => void)[] = [];

function cleanUp(): void {
	for (const fn of cleanups.splice(0).reverse()) {
		try { fn(); } catch { /* the process is ending; the next cleanup still runs */ }
	}
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUp);
// A test run that is interrupted or timed out cleans up too (then dies of the same signal).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		cleanUp();
		process.kill(process.pid, signal);
	});
}

/** A new empty directory named `<prefix>-XXXXXX` in the temporary folder. */
export function scratchDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
	made.push(dir);
	return dir;
}

/**
 * Something to undo when the process exits if the test did not undo it first (a daemon to
 * kill, a namespace to delete). Returns a function that runs it now, once.
 */
export function onExit(fn: () => void): () => void {
	let done = false;
	const once = () => {
		if (done) return;
		done = true;
		fn();
	};
	cleanups.push(once);
	return once;
}
