// A corpus module that imports another corpus module.
import { pad, VERSION } from './util';

export function startsWith(s: string, prefix: string): boolean {
	return substr(s, 0, length(prefix)) == prefix;
}

export function endsWith(s: string, suffix: string): boolean {
	return length(s) >= length(suffix) && substr(s, length(s) - length(suffix)) == suffix;
}

export function table(rows: string[][]): string {
	let out = "";
	for (const r of rows) out += pad(r[0], 8) + " | " + r[1] + "\n";
	return out;
}

export function banner(): string {
	return `strings module, util ${VERSION}`;
}
