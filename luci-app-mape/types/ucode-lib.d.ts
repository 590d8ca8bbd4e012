/*
 * The custom TypeScript lib for "typed ucode" (backend sources in core/ and router/).
 *
 * It replaces TypeScript's standard lib (the compiler runs with noLib), so only what
 * ucode really has is visible: the core value types carry no methods or properties,
 * so `s.length`, `a.push(x)` or `s.toUpperCase()` are type errors, and ucode's
 * builtins below are the way to work with values. Math, JSON, Date, Map, Set,
 * Promise and console do not exist here, on purpose.
 */

/* ---- Core types TypeScript needs. Deliberately empty: ucode values have no methods. ---- */
interface Array<T> { [n: number]: T; }
interface ReadonlyArray<T> { readonly [n: number]: T; }
interface Boolean {}
interface CallableFunction {}
interface Function {}
interface IArguments {}
interface NewableFunction {}
interface Number {}
interface Object {}
interface RegExp {}
interface String {}
interface TemplateStringsArray extends ReadonlyArray<string> {}
interface SymbolConstructor { readonly iterator: unique symbol; }
type PropertyKey = string | number;
type Record<K extends keyof any, T> = { [P in K]: T; };
type Partial<T> = { [P in keyof T]?: T[P]; };
type Required<T> = { [P in keyof T]-?: T[P]; };
type Readonly<T> = { readonly [P in keyof T]: T[P]; };
type Pick<T, K extends keyof T> = { [P in K]: T[P]; };
type Exclude<T, U> = T extends U ? never : T;
type Extract<T, U> = T extends U ? T : never;
type Omit<T, K extends keyof any> = Pick<T, Exclude<keyof T, K>>;
type NonNullable<T> = T & {};
type ReturnType<T extends (...args: any) => any> = T extends (...args: any) => infer R ? R : any;
type Parameters<T extends (...args: any) => any> = T extends (...args: infer P) => any ? P : never;

/* ---- Values ucode predefines ---- */
declare const NaN: number;
declare const Infinity: number;
/** Command-line arguments of a script run by the ucode interpreter (not including the script). */
declare const ARGV: string[];

/** The type names returned by type(). */
type UcodeType = "int" | "double" | "string" | "bool" | "array" | "object" | "function" | "regexp";

/** What a catch block receives: ucode wraps every raised value in this object. */
interface UcodeException {
	type: string;
	message: string;
	stacktrace: unknown[];
}

/* ---- Output ---- */
/** Writes each value (strings raw, others as ucode prints them); returns the byte count. */
declare function print(...values: unknown[]): number;
/** Formatted print; see sprintf. */
declare function printf(format: string, ...args: unknown[]): number;
/** C-style formatting plus %J (ucode JSON). No `*` width or precision. */
declare function sprintf(format: string, ...args: unknown[]): string;
/** Writes to stderr (syslog inside rpcd). */
declare function warn(...values: unknown[]): number;

/* ---- Type inspection and conversion ---- */
declare function type(value: unknown): UcodeType | null;
/** Integer conversion: int("42px") → 42, int("0x10") → 0, int("ff", 16) → 255, int("") → NaN. */
declare function int(value: unknown, base?: number): number;
declare function hex(s: string): number;
declare function json(text: string): unknown;

/* ---- Length and containers ---- */
/** Byte length of a string, element count of an array, key count of an object; null otherwise. */
declare function length(value: string | readonly unknown[] | object): number;
/** Appends; returns the last value pushed (not the new length). */
declare function push<T>(arr: T[], ...values: T[]): T;
declare function pop<T>(arr: T[]): T | null;
declare function shift<T>(arr: T[]): T | null;
/** Prepends; returns the last value given (not the new length). */
declare function unshift<T>(arr: T[], ...values: T[]): T;
declare function slice<T>(arr: readonly T[], start?: number, end?: number): T[];
/** Removes/inserts in place and returns the same array. */
declare function splice<T>(arr: T[], offset: number, count?: number, ...items: T[]): T[];
/** Sorts in place and returns the same array. The comparator returns a number (<0, 0, >0). */
declare function sort<T>(arr: T[], compare?: (a: T, b: T) => number): T[];
/** Returns a new reversed array or string. */
declare function reverse<T>(arr: readonly T[]): T[];
declare function reverse(s: string): string;
declare function filter<T>(arr: readonly T[], fn: (value: T, index: number, arr: T[]) => unknown): T[];
declare function map<T, U>(arr: readonly T[], fn: (value: T, index: number, arr: T[]) => U): U[];
declare function uniq<T>(arr: readonly T[]): T[];
declare function keys(obj: object): string[];
declare function values<T>(obj: { [key: string]: T }): T[];
declare function exists(obj: object, key: string): boolean;
declare function min(...values: number[]): number;
declare function max(...values: number[]): number;

/* ---- Strings (byte strings: offsets and lengths count bytes) ---- */
/** Byte offset of the first occurrence, or -1. For arrays: position of the first strictly equal element. */
declare function index(s: string, needle: string): number;
declare function index<T>(arr: readonly T[], needle: T): number;
declare function rindex(s: string, needle: string): number;
declare function rindex<T>(arr: readonly T[], needle: T): number;
/** Note the argument order: separator first. */
declare function join(separator: string, arr: readonly unknown[]): string;
/** A limit keeps the rest of the string in the last element. */
declare function split(s: string, separator: string | RegExp, limit?: number): string[];
/** Negative start counts from the end; a negative length stops that many bytes before the end. */
declare function substr(s: string, start: number, length?: number): string;
/** A string pattern replaces every occurrence (limit caps the count); a regex only with /g. */
declare function replace(s: string, pattern: string | RegExp, replacement: string | ((match: string, ...groups: string[]) => string), limit?: number): string;
/** [whole, group1, …] or null. */
declare function match(s: string, pattern: RegExp): string[] | null;
declare function regexp(source: string, flags?: string): RegExp;
declare function trim(s: string, chars?: string): string;
declare function ltrim(s: string, chars?: string): string;
declare function rtrim(s: string, chars?: string): string;
/** ASCII only. */
declare function lc(s: string): string;
/** ASCII only. */
declare function uc(s: string): string;
/** The byte at offset (default 0), or null. */
declare function ord(s: string, offset?: number): number | null;
/** Bytes to string. */
declare function chr(...bytes: number[]): string;
/** Code points to UTF-8. */
declare function uchr(...codepoints: number[]): string;
declare function hexenc(s: string): string;
declare function hexdec(s: string, skipchars?: string): string | null;
declare function b64enc(s: string): string;
declare function b64dec(s: string): string | null;
declare function wildcard(s: string, pattern: string, nocase?: boolean): boolean;

/* ---- Network addresses ---- */
/** "192.168.1.1" → [192,168,1,1]; IPv6 → 16 bytes; invalid → null. */
declare function iptoarr(address: string): number[] | null;
/** 4 or 16 bytes → canonical text form; invalid → null. */
declare function arrtoip(bytes: readonly number[]): string | null;

/* ---- Control ---- */
/** Raises an exception with the given message (the only way to throw). */
declare function die(message?: string): never;
/** Ends the program (inside rpcd: sets the ubus status). */
declare function exit(code?: number): never;

/* ---- Environment and time ---- */
declare function getenv(name: string): string | null;
declare function time(): number;
/** [seconds, nanoseconds]. */
declare function clock(monotonic?: boolean): number[] | null;
declare function sleep(milliseconds: number): boolean;
/** Runs a command (argv array preferred: no shell) and returns its exit code. */
declare function system(command: string | readonly string[], timeout?: number): number;
interface UcodeTime { sec: number; min: number; hour: number; mday: number; mon: number; year: number; wday: number; yday: number; isdst: number; }
declare function localtime(epoch?: number): UcodeTime;
declare function gmtime(epoch?: number): UcodeTime;

/* ---- rpcd ucode plugins (the default export of an rpcd unit) ---- */
interface RpcdRequest<A> {
	/** Arguments after rpcd's type check against the method's `args` examples. */
	args: A & { ubus_rpc_session?: string };
	info: { acl: { user: string; group: string; object: string }; object: { name: string }; method: string };
	reply(data: object | null, code?: number): void;
	error(code: number): void;
}
interface RpcdMethod<A> {
	/** Example values: "" string, true bool, 0 int32, [] array, {} table. Never 8/16/64. */
	args?: A;
	call: (req: RpcdRequest<A>) => object | null;
}
declare const UBUS_STATUS_OK: number;
declare const UBUS_STATUS_INVALID_COMMAND: number;
declare const UBUS_STATUS_INVALID_ARGUMENT: number;
declare const UBUS_STATUS_METHOD_NOT_FOUND: number;
declare const UBUS_STATUS_NOT_FOUND: number;
declare const UBUS_STATUS_NO_DATA: number;
declare const UBUS_STATUS_PERMISSION_DENIED: number;
declare const UBUS_STATUS_UNKNOWN_ERROR: number;
