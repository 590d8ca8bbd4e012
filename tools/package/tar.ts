/*
 * A small, deterministic tar writer (GNU or POSIX ustar headers) for the package builders.
 *
 * Everything that could vary between two builds is fixed: owner 0:0 (root/root), one mtime
 * for every entry, modes normalised by the caller (755/644), entries in the order given
 * (sortEntries() gives GNU tar's --sort=name order). No external tools: the bytes are laid
 * out here and compressed by gzip() below (Node's zlib, no timestamp, no file name).
 */
import { gzipSync } from 'node:zlib';

export type TarFormat = 'gnu' | 'ustar';

export interface TarEntry {
	/** Path as stored, e.g. './usr/sbin/mape' or 'usr/sbin/mape'; directories end with '/'. */
	name: string;
	type: 'file' | 'dir';
	mode: number;
	/** File contents (files only). */
	data?: Uint8Array;
	/** POSIX extended header records written before this entry (ustar only), e.g. apk's checksum. */
	pax?: Record<string, string>;
}

export interface TarOptions {
	format: TarFormat;
	/** Seconds since the epoch, used for every entry. */
	mtime: number;
	/** Write the two zero blocks that end an archive (default true; apk's control part leaves them out). */
	end?: boolean;
}

const BLOCK = 512;
const enc = new TextEncoder();

function octal(value: number, width: number): string {
	// width includes the terminating NUL.
	const s = value.toString(8);
	if (s.length > width - 1) throw new Error(`tar: value ${value} does not fit in ${width - 1} octal digits`);
	return s.padStart(width - 1, '0') + '\0';
}

function put(buf: Uint8Array, offset: number, width: number, text: string): void {
	const bytes = enc.encode(text);
	if (bytes.length > width) throw new Error(`tar: field too long (${bytes.length} > ${width}): ${text}`);
	buf.set(bytes, offset);
}

function header(name: string, typeflag: string, mode: number, size: number, opts: TarOptions, prefix = ''): Uint8Array {
	const h = new Uint8Array(BLOCK);
	put(h, 0, 100, name);
	put(h, 100, 8, octal(mode, 8));
	put(h, 108, 8, octal(0, 8));
	put(h, 116, 8, octal(0, 8));
	put(h, 124, 12, octal(size, 12));
	put(h, 136, 12, octal(opts.mtime, 12));
	put(h, 148, 8, '        '); // checksum counted as spaces
	put(h, 156, 1, typeflag);
	if (opts.format == 'gnu') {
		put(h, 257, 8, 'ustar  \0');
	} else {
		put(h, 257, 6, 'ustar\0');
		put(h, 263, 2, '00');
	}
	put(h, 265, 32, 'root');
	put(h, 297, 32, 'root');
	if (opts.format == 'ustar') {
		put(h, 329, 8, octal(0, 8));
		put(h, 337, 8, octal(0, 8));
		put(h, 345, 155, prefix);
	}
	let sum = 0;
	for (const b of h) sum += b;
	put(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
	return h;
}

function padded(data: Uint8Array): Uint8Array[] {
	const rest = data.length % BLOCK;
	return rest == 0 ? [data] : [data, new Uint8Array(BLOCK - rest)];
}

/** One PAX extended-header record: "<len> <key>=<value>\n", where len counts itself. */
export function paxRecord(key: string, value: string): string {
	const body = ` ${key}=${value}\n`;
	let len = enc.encode(body).length;
	let digits = String(len).length;
	while (String(len + digits).length != digits) digits++;
	return `${len + digits}${body}`;
}

/** Split a long name into ustar's prefix/name fields (prefix ≤ 155 bytes, name ≤ 100 bytes). */
function splitUstar(name: string): [string, string] {
	if (enc.encode(name).length <= 100) return ['', name];
	const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
	for (let i = trimmed.lastIndexOf('/'); i > 0; i = trimmed.lastIndexOf('/', i - 1)) {
		const prefix = name.slice(0, i);
		const rest = name.slice(i + 1);
		if (enc.encode(prefix).length <= 155 && enc.encode(rest).length <= 100) return [prefix, rest];
	}
	throw new Error(`tar: path too long for ustar: ${name}`);
}

/** The archive bytes (not compressed). */
export function tar(entries: readonly TarEntry[], opts: TarOptions): Buffer {
	const out: Uint8Array[] = [];
	for (const e of entries) {
		if (e.type == 'dir' && !e.name.endsWith('/')) throw new Error(`tar: directory name must end with '/': ${e.name}`);
		const data = e.type == 'file' ? (e.data ?? new Uint8Array(0)) : new Uint8Array(0);
		let name = e.name;
		let prefix = '';
		if (e.pax && Object.keys(e.pax).length > 0) {
			if (opts.format != 'ustar') throw new Error('tar: PAX headers need the ustar format');
			const records = enc.encode(Object.keys(e.pax).sort().map((k) => paxRecord(k, e.pax![k])).join(''));
			const base = e.name.replace(/\/$/, '').split('/').pop()!;
			out.push(header(`PaxHeaders/${base}`.slice(0, 99), 'x', 0o644, records.length, opts), ...padded(records));
		}
		if (enc.encode(name).length > 100) {
			if (opts.format == 'gnu') {
				const long = enc.encode(name + '\0');
				out.push(header('././@LongLink', 'L', 0o644, long.length, opts), ...padded(long));
				name = name.slice(0, 100);
				while (enc.encode(name).length > 100) name = name.slice(0, -1);
			} else {
				[prefix, name] = splitUstar(name);
			}
		}
		out.push(header(name, e.type == 'dir' ? '5' : '0', e.mode & 0o7777, data.length, opts, prefix));
		if (data.length > 0) out.push(...padded(data));
	}
	if (opts.end ?? true) out.push(new Uint8Array(2 * BLOCK));
	return Buffer.concat(out);
}

/** gzip with a zero mtime, no file name and the best compression: identical bytes for identical input. */
export function gzip(data: Uint8Array): Buffer {
	return gzipSync(data, { level: 9 });
}

/**
 * GNU tar's --sort=name order: a directory before its contents, the entries of each
 * directory by byte-wise name. Names are compared component by component, so './a/b'
 * comes before './a-b' (as tar's directory walk would give).
 */
export function sortEntries<T extends { name: string }>(entries: readonly T[]): T[] {
	const key = (n: string) => n.replace(/\/$/, '').split('/');
	const cmp = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
	return [...entries].sort((x, y) => {
		const a = key(x.name);
		const b = key(y.name);
		for (let i = 0; i < Math.min(a.length, b.length); i++) {
			const c = cmp(a[i], b[i]);
			if (c != 0) return c;
		}
		return a.length - b.length;
	});
}
