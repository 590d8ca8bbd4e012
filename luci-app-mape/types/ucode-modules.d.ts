/*
 * ucode's native modules as typed ucode sees them: `import * as fs from 'fs'`,
 * `import { cursor } from 'uci'`, `import { connect } from 'ubus'`.
 * Only the members the project uses or tests are declared.
 */

declare module 'fs' {
	interface FileStat {
		type: "file" | "directory" | "char" | "block" | "fifo" | "link" | "socket" | "unknown";
		size: number;
		mode: number;
		mtime: number;
		uid: number;
		gid: number;
	}
	interface FileHandle {
		/** "all", "line", or a byte count. */
		read(amount: "all" | "line" | number): string | null;
		write(data: string): number | null;
		close(): boolean | null;
	}
	interface ProcessHandle {
		read(amount: "all" | "line" | number): string | null;
		write(data: string): number | null;
		/** Returns the exit code. */
		close(): number | null;
	}
	/** The process's standard streams. */
	export const stdin: FileHandle;
	export const stdout: FileHandle;
	export const stderr: FileHandle;
	export function readfile(path: string, limit?: number): string | null;
	export function writefile(path: string, data: string, limit?: number): number | null;
	export function open(path: string, mode?: string, perm?: number): FileHandle | null;
	export function popen(command: string, mode?: "r" | "w"): ProcessHandle | null;
	export function stat(path: string): FileStat | null;
	export function lstat(path: string): FileStat | null;
	/** Directory entries (without . and ..), optionally only those matching a glob. */
	export function lsdir(path: string, pattern?: string): string[] | null;
	export function mkdir(path: string, mode?: number): boolean | null;
	export function rmdir(path: string): boolean | null;
	export function unlink(path: string): boolean | null;
	export function rename(from: string, to: string): boolean | null;
	export function access(path: string, mode?: string): boolean | null;
	export function chmod(path: string, mode: number): boolean | null;
	export function realpath(path: string): string | null;
	export function basename(path: string): string | null;
	export function dirname(path: string): string | null;
	/** The last error of this module as a string, or null. */
	export function error(): string | null;
}

declare module 'uci' {
	/** One section as get_all/foreach return it: options plus the dotted meta keys. */
	interface UciSection {
		".name": string;
		".type": string;
		".anonymous": boolean;
		".index": number;
		[option: string]: string | string[] | boolean | number;
	}
	/** One staged change: [operation, section, option?, value?]. */
	type UciChange = string[];
	interface UciCursor {
		load(config: string): boolean | null;
		unload(config: string): boolean | null;
		get(config: string, section: string, option?: string): string | string[] | null;
		get_all(config: string, section: string): UciSection | null;
		get_first(config: string, type: string, option?: string): string | string[] | null;
		/** set(config, section, type) creates a named section; set(config, section, option, value) sets an option. */
		set(config: string, section: string, optionOrType: string, value?: string | readonly string[]): boolean | null;
		/** Adds an anonymous section; returns its generated name. */
		add(config: string, type: string): string | null;
		delete(config: string, section: string, option?: string): boolean | null;
		rename(config: string, section: string, optionOrName: string, name?: string): boolean | null;
		reorder(config: string, section: string, index: number): boolean | null;
		save(config?: string): boolean | null;
		commit(config?: string): boolean | null;
		revert(config?: string): boolean | null;
		changes(config?: string): { [config: string]: UciChange[] } | null;
		foreach(config: string, type: string | null, fn: (section: UciSection) => boolean | void): boolean | null;
		configs(): string[] | null;
		error(): string | null;
	}
	export function cursor(confdir?: string, savedir?: string): UciCursor | null;
	export function error(): string | null;
}

declare module 'ubus' {
	interface UbusConnection {
		call(object: string, method: string, args?: object): unknown;
		list(path?: string): string[] | null;
		error(): string | null;
		disconnect(): boolean | null;
	}
	export function connect(socket?: string, timeout?: number): UbusConnection | null;
	export function error(): string | null;
}
