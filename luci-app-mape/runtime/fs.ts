/*
 * ucode's 'fs' module for Node (synchronous, like ucode). Failures return null and
 * remember the error; error() returns it as strerror() text ("No such file or
 * directory") and clears it, as ucode does. Strings are written and read as UTF-8.
 */
import * as nfs from 'node:fs';
import * as cp from 'node:child_process';
import { _internal, wildcard, print, warn } from './builtins.ts';

const STRERROR: Record<string, string> = {
	ENOENT: 'No such file or directory',
	EACCES: 'Permission denied',
	EPERM: 'Operation not permitted',
	EEXIST: 'File exists',
	ENOTDIR: 'Not a directory',
	EISDIR: 'Is a directory',
	ENOTEMPTY: 'Directory not empty',
	EINVAL: 'Invalid argument',
	EBADF: 'Bad file descriptor',
	EXDEV: 'Invalid cross-device link',
	ENOSPC: 'No space left on device',
	EROFS: 'Read-only file system',
	EBUSY: 'Device or resource busy',
	EMFILE: 'Too many open files',
	ELOOP: 'Too many levels of symbolic links',
	ENAMETOOLONG: 'File name too long',
	EIO: 'Input/output error',
	ENOMEM: 'Cannot allocate memory',
};

let lastError: string | null = null;

function fail(e: unknown): null {
	const code = (e as { code?: string })?.code;
	lastError = (code && STRERROR[code]) || (code ?? String((e as Error)?.message ?? e));
	return null;
}

function failCode(code: string): null {
	lastError = STRERROR[code] ?? code;
	return null;
}

/** The last error of this module as a string, or null; reading it clears it. */
export function error(): string | null {
	const e = lastError;
	lastError = null;
	return e;
}

const toStr = (v: unknown): string => _internal.tostr(v);

/* ------------------------------------------------------------------ */
/* Whole-file helpers                                                  */
/* ------------------------------------------------------------------ */

export function readfile(path: string, limit?: number | null): string | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	if (limit != null && typeof limit !== 'number') return failCode('EINVAL');
	try {
		let buf = nfs.readFileSync(path);
		if (limit != null && limit > -1) buf = buf.subarray(0, limit);
		return buf.toString('utf8');
	}
	catch (e) { return fail(e); }
}

export function writefile(path: string, data: unknown, limit?: number | null): number | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	if (limit != null && typeof limit !== 'number') return failCode('EINVAL');
	let buf = Buffer.from(typeof data === 'string' ? data : data == null ? '' : toStr(data), 'utf8');
	if (limit != null && limit >= 0 && limit < buf.length) buf = buf.subarray(0, limit);
	try {
		nfs.writeFileSync(path, buf);
		return buf.length;
	}
	catch (e) { return fail(e); }
}

/* ------------------------------------------------------------------ */
/* File handles                                                        */
/* ------------------------------------------------------------------ */

/** Buffered reader shared by files and process pipes. */
abstract class Reader {
	protected rbuf: Buffer = Buffer.alloc(0);
	protected eof = false;
	/** Reads more bytes into rbuf; sets eof when nothing is left. */
	protected abstract fill(): void;

	protected readLine(delim: number): string | null {
		for (;;) {
			const i = this.rbuf.indexOf(delim);
			if (i >= 0) {
				const line = this.rbuf.subarray(0, i + 1);
				this.rbuf = this.rbuf.subarray(i + 1);
				return line.toString('utf8');
			}
			if (this.eof) {
				if (this.rbuf.length === 0) return null;
				const line = this.rbuf;
				this.rbuf = Buffer.alloc(0);
				return line.toString('utf8');
			}
			this.fill();
		}
	}

	protected readAll(): string {
		while (!this.eof) this.fill();
		const all = this.rbuf;
		this.rbuf = Buffer.alloc(0);
		return all.toString('utf8');
	}

	protected readN(n: number): string {
		while (this.rbuf.length < n && !this.eof) this.fill();
		const part = this.rbuf.subarray(0, n);
		this.rbuf = this.rbuf.subarray(part.length);
		return part.toString('utf8');
	}

	read(amount: unknown): string | null {
		if (typeof amount === 'string') {
			if (amount === 'line') return this.readLine(10);
			if (amount === 'all') return this.readAll();
			if (Buffer.byteLength(amount) === 1) return this.readLine(Buffer.from(amount)[0]);
			return null;
		}
		if (typeof amount === 'number') {
			if (amount <= 0) return null;
			return this.readN(Math.trunc(amount));
		}
		return failCode('EINVAL');
	}
}

export class FileHandle extends Reader {
	private fd: number | null;
	private pos = 0;
	private append: boolean;

	constructor(fd: number, append: boolean) {
		super();
		this.fd = fd;
		this.append = append;
	}

	protected fill(): void {
		if (this.fd === null) { this.eof = true; return; }
		const chunk = Buffer.alloc(65536);
		const n = nfs.readSync(this.fd, chunk, 0, chunk.length, this.pos);
		if (n === 0) this.eof = true;
		else {
			this.pos += n;
			this.rbuf = Buffer.concat([this.rbuf, chunk.subarray(0, n)]);
		}
	}

	override read(amount: unknown): string | null {
		if (this.fd === null) return failCode('EBADF');
		try { return super.read(amount); }
		catch (e) { return fail(e); }
	}

	write(data: unknown): number | null {
		if (this.fd === null) return failCode('EBADF');
		const buf = Buffer.from(typeof data === 'string' ? data : toStr(data), 'utf8');
		try {
			// writes go where the reader stands (buffered but unread bytes are given back)
			const at = this.pos - this.rbuf.length;
			this.rbuf = Buffer.alloc(0);
			this.eof = false;
			const n = this.append ? nfs.writeSync(this.fd, buf) : nfs.writeSync(this.fd, buf, 0, buf.length, at);
			this.pos = this.append ? this.pos : at + n;
			return n;
		}
		catch (e) { return fail(e); }
	}

	seek(offset?: number, whence?: number): boolean | null {
		if (this.fd === null) return failCode('EBADF');
		const off = offset ?? 0;
		const cur = this.pos - this.rbuf.length;
		let base = 0;
		if (whence === 1) base = cur;
		else if (whence === 2) base = nfs.fstatSync(this.fd).size;
		this.pos = base + off;
		this.rbuf = Buffer.alloc(0);
		this.eof = false;
		return true;
	}

	tell(): number | null {
		if (this.fd === null) return failCode('EBADF');
		return this.pos - this.rbuf.length;
	}

	flush(): boolean | null { return this.fd === null ? failCode('EBADF') : true; }

	fileno(): number | null { return this.fd; }

	close(): boolean | null {
		if (this.fd === null) return failCode('EBADF');
		try { nfs.closeSync(this.fd); }
		catch (e) { this.fd = null; return fail(e); }
		this.fd = null;
		return true;
	}
}

/**
 * Standard input as a FileHandle-like reader. It reads fd 0 without a position, so pipes
 * and terminals work; a non-blocking descriptor that has no data yet is waited for.
 */
class StdinHandle extends Reader {
	protected fill(): void {
		const chunk = Buffer.alloc(65536);
		for (;;) {
			try {
				const n = nfs.readSync(0, chunk, 0, chunk.length, null);
				if (n === 0) this.eof = true;
				else this.rbuf = Buffer.concat([this.rbuf, chunk.subarray(0, n)]);
				return;
			}
			catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); continue; }
				if ((e as NodeJS.ErrnoException).code === 'EOF') { this.eof = true; return; }
				throw e;
			}
		}
	}

	override read(amount: unknown): string | null {
		try { return super.read(amount); }
		catch (e) { return fail(e); }
	}

	write(): number | null { return failCode('EBADF'); }
	close(): boolean | null { return true; }
}

/** stdout/stderr write through print()/warn(), so output stays in order with them (and is captured with them). */
class OutputHandle {
	private toStderr: boolean;
	constructor(toStderr: boolean) { this.toStderr = toStderr; }
	read(): string | null { return failCode('EBADF'); }
	write(data: unknown): number | null {
		const text = typeof data === 'string' ? data : toStr(data);
		return this.toStderr ? warn(text) : print(text);
	}
	flush(): boolean | null { return true; }
	close(): boolean | null { return true; }
}

export const stdin = new StdinHandle();
export const stdout = new OutputHandle(false);
export const stderr = new OutputHandle(true);

/** fopen(3) mode → Node flags. */
function fopenFlags(mode: string): string | null {
	const m = mode.replace(/[bex]/g, '');
	switch (m) {
		case 'r': return 'r';
		case 'r+': return 'r+';
		case 'w': return mode.includes('x') ? 'wx' : 'w';
		case 'w+': return mode.includes('x') ? 'wx+' : 'w+';
		case 'a': return 'a';
		case 'a+': return 'a+';
		default: return null;
	}
}

export function open(path: string, mode?: string | null, perm?: number | null): FileHandle | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	const flags = fopenFlags(mode ?? 'r');
	if (!flags) return failCode('EINVAL');
	try {
		const fd = nfs.openSync(path, flags, perm ?? 0o666);
		return new FileHandle(fd, flags.startsWith('a'));
	}
	catch (e) { return fail(e); }
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

function exitCode(r: cp.SpawnSyncReturns<Buffer>): number {
	if (r.status !== null) return r.status;
	if (r.signal) return -((nodeSignals() as Record<string, number>)[r.signal] ?? 9);
	return -1;
}

function nodeSignals(): Record<string, number> {
	return (process as any).getBuiltinModule?.('os')?.constants?.signals ?? {};
}

export class ProcessHandle extends Reader {
	private cmd: string;
	private mode: 'r' | 'w';
	private result: cp.SpawnSyncReturns<Buffer> | null = null;
	private input: Buffer[] = [];
	private closed = false;

	constructor(cmd: string, mode: 'r' | 'w') {
		super();
		this.cmd = cmd;
		this.mode = mode;
		if (mode === 'r') {
			this.result = cp.spawnSync('/bin/sh', ['-c', cmd], { stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 1 << 30 });
			this.rbuf = this.result.stdout ?? Buffer.alloc(0);
			this.eof = true;
		}
	}

	protected fill(): void { this.eof = true; }

	override read(amount: unknown): string | null {
		if (this.closed || this.mode !== 'r') return failCode('EBADF');
		return super.read(amount);
	}

	write(data: unknown): number | null {
		if (this.closed || this.mode !== 'w') return failCode('EBADF');
		const b = Buffer.from(typeof data === 'string' ? data : toStr(data), 'utf8');
		this.input.push(b);
		return b.length;
	}

	flush(): boolean | null { return this.closed ? failCode('EBADF') : true; }

	/** Waits for the command; returns its exit code (negative signal number when killed). */
	close(): number | null {
		if (this.closed) return failCode('EBADF');
		this.closed = true;
		if (this.mode === 'w')
			this.result = cp.spawnSync('/bin/sh', ['-c', this.cmd], { input: Buffer.concat(this.input), stdio: ['pipe', 'inherit', 'inherit'] });
		return exitCode(this.result!);
	}
}

export function popen(command: string, mode?: string | null): ProcessHandle | null {
	if (typeof command !== 'string') return failCode('EINVAL');
	const m = (mode ?? 'r').replace(/[be]/g, '');
	if (m !== 'r' && m !== 'w') return failCode('EINVAL');
	return new ProcessHandle(command, m);
}

/* ------------------------------------------------------------------ */
/* Metadata and directory operations                                   */
/* ------------------------------------------------------------------ */

export interface FileStat {
	dev: { major: number; minor: number };
	perm: Record<string, boolean>;
	inode: number; mode: number; nlink: number; uid: number; gid: number; size: number;
	blksize: number; blocks: number; atime: number; mtime: number; ctime: number;
	type: 'file' | 'directory' | 'char' | 'block' | 'fifo' | 'link' | 'socket' | 'unknown';
}

function statObj(st: nfs.Stats): FileStat {
	const m = st.mode;
	const type: FileStat['type'] = st.isFile() ? 'file' : st.isDirectory() ? 'directory' : st.isCharacterDevice() ? 'char'
		: st.isBlockDevice() ? 'block' : st.isFIFO() ? 'fifo' : st.isSymbolicLink() ? 'link' : st.isSocket() ? 'socket' : 'unknown';
	return {
		dev: { major: Math.floor(st.dev / 256) & 0xfff, minor: (st.dev & 0xff) | ((st.dev >> 12) & 0xfff00) },
		perm: {
			setuid: !!(m & 0o4000), setgid: !!(m & 0o2000), sticky: !!(m & 0o1000),
			user_read: !!(m & 0o400), user_write: !!(m & 0o200), user_exec: !!(m & 0o100),
			group_read: !!(m & 0o40), group_write: !!(m & 0o20), group_exec: !!(m & 0o10),
			other_read: !!(m & 0o4), other_write: !!(m & 0o2), other_exec: !!(m & 0o1),
		},
		inode: st.ino, mode: m & 0o7777, nlink: st.nlink, uid: st.uid, gid: st.gid, size: st.size,
		blksize: st.blksize, blocks: st.blocks,
		atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000), ctime: Math.floor(st.ctimeMs / 1000),
		type,
	};
}

export function stat(path: string): FileStat | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	try { return statObj(nfs.statSync(path)); }
	catch (e) { return fail(e); }
}

export function lstat(path: string): FileStat | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	try { return statObj(nfs.lstatSync(path)); }
	catch (e) { return fail(e); }
}

export function lsdir(path: string, filter?: string | null): string[] | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	try {
		const names = nfs.readdirSync(path);
		return filter != null ? names.filter((n) => wildcard(n, filter)) : names;
	}
	catch (e) { return fail(e); }
}

function wrapBool(fn: () => void): boolean | null {
	try { fn(); return true; }
	catch (e) { return fail(e); }
}

export function mkdir(path: string, mode?: number | null): boolean | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	return wrapBool(() => nfs.mkdirSync(path, { mode: mode ?? 0o777 }));
}

export function rmdir(path: string): boolean | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	return wrapBool(() => nfs.rmdirSync(path));
}

export function unlink(path: string): boolean | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	return wrapBool(() => nfs.unlinkSync(path));
}

export function rename(from: string, to: string): boolean | null {
	if (typeof from !== 'string' || typeof to !== 'string') return failCode('EINVAL');
	return wrapBool(() => nfs.renameSync(from, to));
}

export function symlink(target: string, path: string): boolean | null {
	if (typeof target !== 'string' || typeof path !== 'string') return failCode('EINVAL');
	return wrapBool(() => nfs.symlinkSync(target, path));
}

export function readlink(path: string): string | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	try { return nfs.readlinkSync(path); }
	catch (e) { return fail(e); }
}

export function access(path: string, mode?: string | null): boolean | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	let m = nfs.constants.F_OK;
	if (mode != null) {
		if (typeof mode !== 'string') return failCode('EINVAL');
		for (const c of mode) {
			if (c === 'r') m |= nfs.constants.R_OK;
			else if (c === 'w') m |= nfs.constants.W_OK;
			else if (c === 'x') m |= nfs.constants.X_OK;
			else if (c !== 'f') return failCode('EINVAL');
		}
	}
	return wrapBool(() => nfs.accessSync(path, m));
}

export function chmod(path: string, mode: number): boolean | null {
	if (typeof path !== 'string' || typeof mode !== 'number') return failCode('EINVAL');
	return wrapBool(() => nfs.chmodSync(path, mode));
}

export function realpath(path: string): string | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	try { return nfs.realpathSync(path); }
	catch (e) { return fail(e); }
}

export function getcwd(): string | null { return process.cwd(); }

export function chdir(path: string): boolean | null {
	if (typeof path !== 'string') return failCode('EINVAL');
	return wrapBool(() => process.chdir(path));
}

/** POSIX basename(3). */
export function basename(path: string): string | null {
	if (typeof path !== 'string') return null;
	if (path === '') return '.';
	const t = path.replace(/\/+$/, '');
	if (t === '') return '/';
	return t.slice(t.lastIndexOf('/') + 1);
}

/** POSIX dirname(3). */
export function dirname(path: string): string | null {
	if (typeof path !== 'string') return null;
	let t = path.replace(/\/+$/, '');
	if (t === '') return path.startsWith('/') ? '/' : '.';
	const i = t.lastIndexOf('/');
	if (i < 0) return '.';
	t = t.slice(0, i).replace(/\/+$/, '');
	return t === '' ? '/' : t;
}
