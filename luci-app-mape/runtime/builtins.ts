/*
 * ucode's builtins for the JavaScript output of the typed-ucode compiler.
 *
 * Every function here reproduces what the C implementation in ucode's lib.c /
 * types.c / vm.c does (checked against test/fixtures + the ucode oracle in
 * /work/shared/ucode-oracle/cases.json), within the limits of JavaScript values:
 *
 *  - Numbers: JS has one number type. An integral number is treated as a ucode
 *    int (printed without ".0", type() "int"), anything else as a double. So
 *    `1.0` prints as `1` in %J where ucode prints `1.0`, and -0 is treated as 0.
 *    Integers are exact within ±2^53 only. Integral values in [2^63, 2^64] are
 *    printed as unsigned 64-bit ints (2^64 itself, the Number that ~0 becomes,
 *    prints as 18446744073709551615, the value ucode saturates to).
 *  - Strings: JS strings hold text. Byte-oriented builtins (length, substr,
 *    index, ord, split "" …) work on the UTF-8 encoding and decode the result;
 *    a result that cuts a multi-byte character decodes to U+FFFD.
 *  - Regular expressions: JS RegExp objects. regexp() maps ucode's flags to JS
 *    ones with master's meaning (no `s`: `.` excludes \n and ^/$ match at line
 *    boundaries; `s`: `.` matches \n). Regex literals are used as given.
 *
 * No static import of Node modules: this file is bundled for the browser too.
 */

/* ------------------------------------------------------------------ */
/* Host hooks                                                          */
/* ------------------------------------------------------------------ */

type Writer = (text: string) => void;
type EnvFn = (name: string) => string | null | undefined;
type SystemFn = (command: string | string[], timeout?: number) => number;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const nodeProcess: any = (globalThis as any).process;

let outWriter: Writer = (s) => {
	if (nodeProcess?.stdout) nodeProcess.stdout.write(s);
	else (globalThis as any).console?.log(s);
};
let errWriter: Writer = (s) => {
	if (nodeProcess?.stderr) nodeProcess.stderr.write(s);
	else (globalThis as any).console?.error(s);
};
let envFn: EnvFn | null = null;
let systemFn: SystemFn | null = null;

/** Redirects print/printf output. */
export function setOutput(fn: Writer): void { outWriter = fn; }
/** Redirects warn output. */
export function setErrorOutput(fn: Writer): void { errWriter = fn; }
/** Replaces the environment lookup used by getenv(). */
export function setEnv(fn: EnvFn | null): void { envFn = fn; }
/** Replaces the command runner used by system(). */
export function setSystem(fn: SystemFn | null): void { systemFn = fn; }

/** Command-line arguments of the script; filled in place by setArgv. */
export const ARGV: string[] = [];
export function setArgv(argv: readonly string[]): void {
	ARGV.length = 0;
	for (const a of argv) ARGV.push(a);
}

/* ------------------------------------------------------------------ */
/* Exceptions                                                          */
/* ------------------------------------------------------------------ */

export interface UcodeException { type: string; message: string; stacktrace: unknown[]; }

const exceptions = new WeakSet<object>();

function mkexc(type: string, message: string): UcodeException {
	const e = { type, message, stacktrace: [] as unknown[] };
	exceptions.add(e);
	return e;
}

/** Raise a ucode exception of the given type ("Type error", "Syntax error", …). */
export function raise(type: string, message: string): never {
	throw mkexc(type, message);
}

export function isUcodeException(v: unknown): v is UcodeException {
	return typeof v === 'object' && v !== null && exceptions.has(v);
}

/** Thrown by exit(); not catchable by ucode code ($exc rethrows it). */
export class UcodeExit {
	code: number;
	constructor(code: number) { this.code = code; }
}

/** Converts a caught JS value into ucode's exception object. Rethrows exit(). */
export function $exc(e: unknown): UcodeException {
	if (e instanceof UcodeExit) throw e;
	if (isUcodeException(e)) return e;
	if (e instanceof TypeError) {
		const m = e.message;
		if (/^Cannot read propert(y|ies) of (null|undefined)/.test(m))
			return mkexc('Reference error', 'left-hand side expression is null');
		if (/^Cannot set propert(y|ies) of (null|undefined)/.test(m))
			return mkexc('Type error', 'attempt to set property on null value');
		if (/is not a function/.test(m))
			return mkexc('Type error', 'left-hand side is not a function');
		if (/is not iterable/.test(m))
			return mkexc('Type error', '(null) is not iterable');
		return mkexc('Type error', m);
	}
	if (e instanceof RangeError && /call stack/.test(e.message))
		return mkexc('Runtime error', 'Too much recursion');
	if (e instanceof Error)
		return mkexc('Runtime error', e.message);
	if (typeof e === 'object' && e !== null && typeof (e as any).type === 'string' && typeof (e as any).message === 'string')
		return e as UcodeException;
	return mkexc('Error', tostr(e));
}

/* ------------------------------------------------------------------ */
/* UTF-8 helpers                                                       */
/* ------------------------------------------------------------------ */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const ASCII_RE = /^[\x00-\x7f]*$/;

function isAscii(s: string): boolean { return ASCII_RE.test(s); }
function enc(s: string): Uint8Array { return encoder.encode(s); }
function dec(b: Uint8Array): string { return decoder.decode(b); }

/** Byte length of the UTF-8 encoding. */
function blen(s: string): number {
	if (isAscii(s)) return s.length;
	return enc(s).length;
}

/* ------------------------------------------------------------------ */
/* Number conversion (types.c / vallist.c)                             */
/* ------------------------------------------------------------------ */

const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

function isspaceC(c: string): boolean {
	return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}
function isxdigit(c: string): boolean { return /^[0-9a-fA-F]$/.test(c); }

/** An integral JS number that ucode would hold as an int. */
function isIntNum(n: number): boolean {
	return Number.isInteger(n) && n >= -TWO63 && n <= TWO64;
}

/** C strtoull from position i in base; returns [value, end]. Saturates like glibc. */
function strtoull(s: string, i: number, base: number): [bigint, number] {
	let p = i;
	while (p < s.length && isspaceC(s[p])) p++;
	let neg = false;
	if (s[p] === '+' || s[p] === '-') { neg = s[p] === '-'; p++; }
	if (base === 16 && s[p] === '0' && (s[p + 1] === 'x' || s[p + 1] === 'X') && isxdigit(s[p + 2] ?? '')) p += 2;
	const start = p;
	let v = 0n;
	let overflow = false;
	const B = BigInt(base);
	for (; p < s.length; p++) {
		const d = parseInt(s[p], 36);
		if (isNaN(d) || d >= base) break;
		v = v * B + BigInt(d);
		if (v > U64_MAX) overflow = true;
	}
	if (p === start) return [0n, i];
	if (overflow) v = U64_MAX;
	else if (neg) v = BigInt.asUintN(64, -v);
	return [v, p];
}

/** C strtod at position i: returns [value, end]. */
function strtod(s: string, i: number): [number, number] {
	const m = /^[ \t\n\v\f\r]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s.slice(i));
	if (!m) return [0, i];
	return [parseFloat(m[0]), i + m[0].length];
}

/**
 * A string as C code sees it: up to its first NUL. ucode strings may hold NUL bytes, but the
 * builtins that hand them to C functions (regexec, strlen, printf %s, strtod, fnmatch,
 * strchr) stop there: match(), replace(), split() with a regex, regexp(), wildcard(),
 * trim(), sprintf()'s format and %s, and the conversion of a string to a number.
 */
function cstr(s: string): string {
	const nul = s.indexOf('\0');
	return nul < 0 ? s : s.slice(0, nul);
}

/** uc_number_parse: string to number, null when not a number (NaN). */
function parseNumber(text: string): number | null {
	const str = cstr(text);
	let p = 0;
	while (p < str.length && isspaceC(str[p])) p++;
	let neg = false;
	if (str[p] === '-') { neg = true; p++; }
	else if (str[p] === '+') p++;
	if (p < str.length && !isxdigit(str[p])) return null;
	let base = 10;
	if (str[p] === '0') {
		const c = (str[p + 1] ?? '').toLowerCase();
		if (c === 'x') base = 16;
		else if (c === 'b') { base = 2; p += 2; }
		else if (c === 'o') { base = 8; p += 2; }
	}
	let [u, end] = strtoull(str, p, base);
	if (base >= 10 && (str[end] === '.' || str[end] === 'e' || str[end] === 'E')) {
		let [d, e2] = strtod(str, p);
		while (e2 < str.length && isspaceC(str[e2])) e2++;
		if (e2 !== str.length) return null;
		return neg ? -d : d;
	}
	while (end < str.length && isspaceC(str[end])) end++;
	if (end !== str.length) return null;
	if (neg) {
		if (u > I64_MAX) return -TWO63;
		return u === 0n ? 0 : -Number(u);
	}
	return Number(u);
}

/** ucv_to_number: null/bool/number/string → number; anything else (and NaN) → null. */
function toNumber(v: unknown): number | null {
	if (v == null) return 0;
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (typeof v === 'number') return isNaN(v) ? null : v;
	if (typeof v === 'string') return parseNumber(v);
	return null;
}

/** ucv_to_integer as a bigint clamped to int64 (ucv_int64_get semantics). */
function toInt64(v: unknown): bigint {
	const n = toNumber(v);
	if (n === null) return 0n;
	if (n >= TWO63) return I64_MAX;
	if (n < -TWO63) return I64_MIN;
	return BigInt(Math.trunc(n));
}

/** The operand conversion of ucode's bitwise operators: int64, or uint64 when large. */
function toBitOperand(v: unknown): bigint {
	const n = toNumber(v);
	if (n === null) return 0n;
	if (n >= TWO64) return U64_MAX;
	if (n < -TWO63) return I64_MIN;
	return BigInt(Math.trunc(n));
}

function numOut(b: bigint): number {
	const n = Number(b);
	return n === 0 ? 0 : n;
}

/* ------------------------------------------------------------------ */
/* printf-style number formatting (C %e %f %g)                         */
/* ------------------------------------------------------------------ */

/** The exact value of a finite |x| as N / 10^s (doubles are dyadic, so this is exact). */
function exactDecimal(ax: number): [bigint, number] {
	if (ax === 0) return [0n, 0];
	const dv = new DataView(new ArrayBuffer(8));
	dv.setFloat64(0, ax);
	const hi = dv.getUint32(0), lo = dv.getUint32(4);
	const bexp = (hi >>> 20) & 0x7ff;
	let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
	let e: number;
	if (bexp === 0) e = -1074;
	else { m |= 1n << 52n; e = bexp - 1075; }
	if (e >= 0) return [m << BigInt(e), 0];
	return [m * 5n ** BigInt(-e), -e];
}

/** N / 10^k rounded half-to-even (glibc printf rounding of the exact binary value). */
function divRound(n: bigint, k: number): bigint {
	if (k <= 0) return n * 10n ** BigInt(-k);
	const d = 10n ** BigInt(k);
	let q = n / d;
	const r = n % d;
	const twice = r * 2n;
	if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
	return q;
}

/** C %.{prec}f of |x|. */
function fmtFixed(x: number, prec: number): string {
	const [n, sc] = exactDecimal(Math.abs(x));
	const q = divRound(n, sc - prec).toString();
	if (prec === 0) return q;
	const digits = q.padStart(prec + 1, '0');
	return digits.slice(0, digits.length - prec) + '.' + digits.slice(digits.length - prec);
}

/** C %.{prec}e of |x| as [mantissa digits, exponent]. */
function expParts(x: number, prec: number): [string, number] {
	const [n, sc] = exactDecimal(Math.abs(x));
	if (n === 0n) return ['0'.repeat(prec + 1), 0];
	const len = n.toString().length;
	let X = len - 1 - sc;
	let q = divRound(n, len - prec - 1);
	if (q.toString().length > prec + 1) { q = divRound(q, 1); X++; }
	return [q.toString(), X];
}

/** C %.{prec}e of |x|. */
function fmtExp(x: number, prec: number, upper: boolean): string {
	const [d, X] = expParts(x, prec);
	const mant = prec > 0 ? d[0] + '.' + d.slice(1) : d;
	const s = mant + 'e' + (X < 0 ? '-' : '+') + String(Math.abs(X)).padStart(2, '0');
	return upper ? s.toUpperCase() : s;
}

/** Unsigned %g body for a finite number. */
function fmtGen(x: number, prec: number, alt: boolean, upper: boolean): string {
	const P = prec === 0 ? 1 : prec;
	const ax = Math.abs(x);
	const X = ax === 0 ? 0 : expParts(ax, P - 1)[1];
	let s: string;
	if (P > X && X >= -4) {
		s = fmtFixed(ax, P - 1 - X);
		if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
	}
	else {
		s = fmtExp(ax, P - 1, upper);
		// strip trailing zeros of the mantissa
		if (!alt) {
			const [mant, ex] = s.split(/[eE]/);
			let mm = mant.includes('.') ? mant.replace(/0+$/, '').replace(/\.$/, '') : mant;
			s = mm + (upper ? 'E' : 'e') + ex;
		}
	}
	if (alt && !s.includes('.')) {
		// %#g keeps the decimal point
		const i = s.search(/[eE]/);
		s = i < 0 ? s + '.' : s.slice(0, i) + '.' + s.slice(i);
	}
	return s;
}

/** %.14g as used for ucode double → string. */
function dblToStr(d: number): string {
	if (Object.is(d, -0)) return '-0';
	const s = fmtGen(d, 14, false, false);
	return d < 0 ? '-' + s : s;
}

/* ------------------------------------------------------------------ */
/* Value to string (ucv_to_stringbuf_formatted)                        */
/* ------------------------------------------------------------------ */

const nativeFns = new WeakSet<Function>();

function jsonStr(s: string, regexp: boolean): string {
	let out = regexp ? '' : '"';
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		switch (c) {
			case '"': out += '\\"'; break;
			case '\\': out += '\\\\'; break;
			case '\b': out += '\\b'; break;
			case '\f': out += '\\f'; break;
			case '\n': out += '\\n'; break;
			case '\r': out += '\\r'; break;
			case '\t': out += '\\t'; break;
			default: {
				const code = c.charCodeAt(0);
				if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
				else out += c;
			}
		}
	}
	return regexp ? out : out + '"';
}

function regexFlags(re: RegExp): string {
	const meta = regexMeta.get(re);
	if (meta) return (meta.g ? 'g' : '') + (meta.i ? 'i' : '') + (meta.s ? 's' : '');
	return (re.global ? 'g' : '') + (re.ignoreCase ? 'i' : '') + (re.dotAll ? 's' : '');
}

function fnToString(fn: Function, json: boolean): string {
	const q = json ? '"' : '';
	if (nativeFns.has(fn)) return `${q}function${fn.name ? ' ' + fn.name : ''}(...) { [native code] }${q}`;
	const src = Function.prototype.toString.call(fn);
	let m = /^\s*function\s*\*?\s*([\w$]*)\s*\(([^)]*)\)/.exec(src);
	if (m) {
		const params = m[2].split(',').map((p) => p.trim().replace(/\s*=.*$/, '')).filter((p) => p !== '').join(', ');
		return `${q}function${m[1] ? ' ' + m[1] : ''}(${params}) { ... }${q}`;
	}
	m = /^\s*(?:async\s*)?\(([^)]*)\)\s*=>/.exec(src);
	let params: string;
	if (m) params = m[1].split(',').map((p) => p.trim().replace(/\s*=.*$/, '')).filter((p) => p !== '').join(', ');
	else {
		const m2 = /^\s*([\w$]+)\s*=>/.exec(src);
		params = m2 ? m2[1] : '';
	}
	return `${q}(${params}) => { ... }${q}`;
}

function padding(padChar: string, padSize: number): string {
	if (padChar !== '' && padChar !== '\x01') return '\n' + padChar.repeat(padSize);
	return ' ';
}

function callToString(v: object): string | null | undefined {
	const proto = Object.getPrototypeOf(v);
	if (proto === null || proto === Object.prototype || proto === Array.prototype) return undefined;
	const fn = (proto as any).tostring;
	if (typeof fn !== 'function') return undefined;
	const r = fn.call(v);
	return typeof r === 'string' ? r : null;
}

/**
 * padChar: '' plain (top level of print/"" +), '\x01' compact JSON-ish,
 * '\t' or ' ' pretty JSON.
 */
function fmtValue(v: unknown, depth: number, padChar: string, padSize: number, seen: Set<object>): string {
	const json = padChar !== '';
	if (v === null || v === undefined) return 'null';
	switch (typeof v) {
		case 'boolean': return v ? 'true' : 'false';
		case 'number': {
			if (isNaN(v)) return json ? '"NaN"' : 'NaN';
			if (v === Infinity) return json ? '1e309' : 'Infinity';
			if (v === -Infinity) return json ? '-1e309' : '-Infinity';
			if (isIntNum(v)) return v >= TWO64 ? '18446744073709551615' : BigInt(v).toString();
			const s = dblToStr(v);
			return json && !/[.e]/.test(s) ? s + '.0' : s;
		}
		case 'string': return json ? jsonStr(v, false) : v;
		case 'function': return fnToString(v, json);
		case 'bigint': return v.toString();
		case 'symbol': return 'null';
	}
	const o = v as object;
	if (seen.has(o)) return 'null';
	const ts = callToString(o);
	if (ts !== undefined) return json ? (ts === null ? '""' : jsonStr(ts, false)) : (ts ?? '');
	if (o instanceof RegExp) {
		// a JS literal keeps `\/` in its source where ucode's lexer stored a plain `/`
		const src = regexMeta.get(o)?.source ?? o.source.replace(/\\([\\/])/g, (m, c) => (c === '/' ? '/' : m));
		const s = '/' + jsonStr(src, true) + '/' + regexFlags(o);
		return json ? '"' + s + '"' : s;
	}
	seen.add(o);
	const inner = padChar || '\x01';
	let out: string;
	if (Array.isArray(o)) {
		out = '[';
		for (let i = 0; i < o.length; i++) {
			if (i) out += ',';
			out += padding(padChar, (depth + 1) * padSize);
			out += fmtValue(o[i], depth + 1, inner, padSize, seen);
		}
		out += padding(padChar, depth * padSize) + ']';
	}
	else {
		out = '{';
		let i = 0;
		for (const k of Object.keys(o)) {
			const val = (o as any)[k];
			if (val === undefined) continue;
			if (i++) out += ',';
			out += padding(padChar, (depth + 1) * padSize);
			out += jsonStr(k, false) + ': ';
			out += fmtValue(val, depth + 1, inner, padSize, seen);
		}
		out += padding(padChar, depth * padSize) + '}';
	}
	seen.delete(o);
	return out;
}

/** ucv_to_string: how ucode turns any value into a string ("" + v). */
function tostr(v: unknown): string {
	if (typeof v === 'string') return v;
	return fmtValue(v, 0, '', 0, new Set());
}

/** ucv_to_jsonstring_formatted. */
function tojson(v: unknown, padChar: string, padSize: number): string {
	return fmtValue(v, 0, padChar || '\x01', padSize, new Set());
}

/* ------------------------------------------------------------------ */
/* Compiler helpers                                                    */
/* ------------------------------------------------------------------ */

/** ucode `+`. */
export function $add(a: unknown, b: unknown): any {
	if (typeof a === 'string' || typeof b === 'string') return tostr(a) + tostr(b);
	if (typeof a === 'number' && typeof b === 'number') return a + b;
	const x = toNumber(a), y = toNumber(b);
	if (x === null || y === null) return NaN;
	return x + y;
}

/** ucode `delete obj[key]`: true when the key existed (JS says true either way). */
export function $delete(obj: any, key: unknown): boolean {
	if (obj == null) raise('Type error', 'left-hand side expression is null');
	if (typeof obj !== 'object' || Array.isArray(obj)) raise('Reference error', 'left-hand side expression is not an object');
	const k = typeof key === 'string' ? key : tostr(key);
	if (!Object.prototype.hasOwnProperty.call(obj, k)) return false;
	delete obj[k];
	return true;
}

/** Template literal part. */
export function $str(v: unknown): string { return tostr(v); }

function bitop(a: unknown, b: unknown, op: '<<' | '>>' | '&' | '^' | '|'): number {
	let n1 = toBitOperand(a), n2 = toBitOperand(b);
	if (n1 < 0n || n2 < 0n) {
		if (n1 > I64_MAX) n1 = I64_MAX;
		if (n2 > I64_MAX) n2 = I64_MAX;
		let r: bigint;
		switch (op) {
			case '<<': r = n1 << (n2 & 63n); break;
			case '>>': r = n1 >> (n2 & 63n); break;
			case '&': r = n1 & n2; break;
			case '^': r = n1 ^ n2; break;
			default: r = n1 | n2;
		}
		return numOut(BigInt.asIntN(64, r));
	}
	let r: bigint;
	switch (op) {
		case '<<': r = n1 << (n2 % 64n); break;
		case '>>': r = n1 >> (n2 % 64n); break;
		case '&': r = n1 & n2; break;
		case '^': r = n1 ^ n2; break;
		default: r = n1 | n2;
	}
	return numOut(BigInt.asUintN(64, r));
}

/** 64-bit bitwise operators (exact while results stay within ±2^53). */
export function $band(a: unknown, b: unknown): number { return bitop(a, b, '&'); }
export function $bor(a: unknown, b: unknown): number { return bitop(a, b, '|'); }
export function $bxor(a: unknown, b: unknown): number { return bitop(a, b, '^'); }
export function $shl(a: unknown, b: unknown): number { return bitop(a, b, '<<'); }
export function $shr(a: unknown, b: unknown): number { return bitop(a, b, '>>'); }
export function $bnot(a: unknown): number {
	const n = toBitOperand(a);
	if (n < 0n) return numOut(~n);
	return numOut(BigInt.asUintN(64, ~n));
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

function printCommon(values: unknown[], w: Writer): number {
	let out = '';
	for (const v of values) {
		if (typeof v === 'string') out += v;
		else if (v != null) out += tostr(v);
	}
	if (out !== '') w(out);
	return blen(out);
}

export function print(...values: unknown[]): number { return printCommon(values, outWriter); }
export function warn(...values: unknown[]): number { return printCommon(values, errWriter); }

export function printf(format: string, ...args: unknown[]): number {
	const s = sprintf(format, ...args);
	if (s !== '') outWriter(s);
	return blen(s);
}

const F_ALT = 1, F_ZERO = 2, F_LEFT = 4, F_SPACE = 8, F_SIGN = 16, F_WIDTH = 32, F_PREC = 64;

function pad(body: string, sign: string, flags: number, width: number, zeroOk: boolean): string {
	const len = blen(sign + body);
	if (!(flags & F_WIDTH) || len >= width) return sign + body;
	const fill = width - len;
	if (flags & F_LEFT) return sign + body + ' '.repeat(fill);
	if ((flags & F_ZERO) && zeroOk) return sign + '0'.repeat(fill) + body;
	return ' '.repeat(fill) + sign + body;
}

function fmtInt(n: bigint, flags: number, width: number): string {
	const neg = n < 0n;
	const body = (neg ? -n : n).toString();
	const sign = neg ? '-' : (flags & F_SIGN) ? '+' : (flags & F_SPACE) ? ' ' : '';
	return pad(body, sign, flags, width, true);
}

function fmtUint(u: bigint, conv: string, flags: number, width: number): string {
	let body: string;
	let prefix = '';
	switch (conv) {
		case 'o': body = u.toString(8); if ((flags & F_ALT) && body[0] !== '0') body = '0' + body; break;
		case 'x': body = u.toString(16); if ((flags & F_ALT) && u !== 0n) prefix = '0x'; break;
		case 'X': body = u.toString(16).toUpperCase(); if ((flags & F_ALT) && u !== 0n) prefix = '0X'; break;
		default: body = u.toString(10);
	}
	return pad(body, prefix, flags, width, true);
}

function fmtDouble(d: number, conv: string, flags: number, width: number, prec: number): string {
	const upper = conv === 'E' || conv === 'F' || conv === 'G';
	const neg = d < 0 || Object.is(d, -0);
	const sign = neg ? '-' : (flags & F_SIGN) ? '+' : (flags & F_SPACE) ? ' ' : '';
	if (!isFinite(d)) {
		const body = isNaN(d) ? (upper ? 'NAN' : 'nan') : (upper ? 'INF' : 'inf');
		return pad(body, isNaN(d) ? ((flags & F_SIGN) ? '+' : (flags & F_SPACE) ? ' ' : '') : sign, flags, width, false);
	}
	const p = (flags & F_PREC) ? prec : 6;
	let body: string;
	switch (conv) {
		case 'f': case 'F':
			body = fmtFixed(d, p);
			if ((flags & F_ALT) && p === 0) body += '.';
			break;
		case 'e': case 'E':
			body = fmtExp(d, p, upper);
			if ((flags & F_ALT) && p === 0) body = body.replace(/[eE]/, (m) => '.' + m);
			break;
		default:
			body = fmtGen(d, p, !!(flags & F_ALT), upper);
	}
	return pad(body, sign, flags, width, true);
}

function toUnsigned(v: unknown): bigint {
	// ucv_to_unsigned, falling back to the int64 two's complement on ERANGE
	const n = toNumber(v);
	if (n === null) return 0n;
	if (n >= TWO64) return U64_MAX;
	if (n < 0) return BigInt.asUintN(64, toInt64(v));
	return BigInt(Math.trunc(n));
}

/** ucv_uint64_get: only numbers count; negatives give 0. */
function u64get(v: unknown): number {
	if (typeof v !== 'number' || isNaN(v) || v < 0) return 0;
	return Math.trunc(v);
}

function toIntForD(v: unknown): bigint {
	const n = toNumber(v);
	if (n === null) return 0n;
	if (n >= TWO63) return BigInt.asIntN(64, toUnsigned(v));
	return toInt64(v);
}

export function sprintf(format: string, ...args: unknown[]): string {
	const fstr = typeof format === 'string' ? cstr(format) : '';
	let out = '';
	let argidx = 0;
	let last = 0;
	let p = 0;
	const arg = (pos: number) => args[pos];
	for (; p < fstr.length; p++) {
		if (fstr[p] !== '%') continue;
		out += fstr.slice(last, p);
		last = p++;
		let flags = 0, width = 0, precision = 0;
		let argpos = argidx;
		let parsePrec = false;
		if (fstr[p] >= '1' && fstr[p] <= '9') {
			while (fstr[p] >= '0' && fstr[p] <= '9') width = width * 10 + (fstr.charCodeAt(p++) - 48);
			if (fstr[p] === '$') { argpos = width - 1; width = 0; p++; }
			else { flags |= F_WIDTH; parsePrec = true; }
		}
		if (!parsePrec) {
			while (p < fstr.length && '#0- +'.includes(fstr[p])) {
				switch (fstr[p++]) {
					case '#': flags |= F_ALT; break;
					case '0': flags |= F_ZERO; break;
					case '-': flags |= F_LEFT; break;
					case ' ': flags |= F_SPACE; break;
					case '+': flags |= F_SIGN; break;
				}
			}
			if (fstr[p] >= '1' && fstr[p] <= '9') {
				while (fstr[p] >= '0' && fstr[p] <= '9') width = width * 10 + (fstr.charCodeAt(p++) - 48);
				flags |= F_WIDTH;
			}
		}
		if (fstr[p] === '.') {
			p++;
			if (fstr[p] === '-') { p++; while (fstr[p] >= '0' && fstr[p] <= '9') p++; }
			else while (fstr[p] >= '0' && fstr[p] <= '9') precision = precision * 10 + (fstr.charCodeAt(p++) - 48);
			flags |= F_PREC;
		}
		const conv = fstr[p];
		let s: string;
		switch (conv) {
			case 'd': case 'i':
				argidx++;
				s = fmtInt(toIntForD(arg(argpos)), flags & ~F_PREC, width);
				break;
			case 'o': case 'u': case 'x': case 'X':
				argidx++;
				s = fmtUint(toUnsigned(arg(argpos)), conv, flags & ~F_PREC, width);
				break;
			case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
				argidx++;
				const n = toNumber(arg(argpos));
				s = fmtDouble(n === null ? NaN : n, conv, flags, width, precision);
				break;
			}
			case 'c': {
				argidx++;
				const n = Number(BigInt.asUintN(8, toInt64(arg(argpos))));
				s = pad(n < 0x80 ? String.fromCharCode(n) : dec(new Uint8Array([n])), '', flags & ~F_ZERO, width, false);
				break;
			}
			case 's': {
				argidx++;
				const a = arg(argpos);
				if (a == null) { s = '(null)'; break; }
				let str = cstr(typeof a === 'string' ? a : tostr(a));
				if (flags & F_PREC) {
					const b = enc(str);
					if (b.length > precision) str = dec(b.subarray(0, precision));
				}
				s = pad(str, '', flags, width, false);
				break;
			}
			case 'J': {
				argidx++;
				let prec = precision;
				if (flags & F_PREC) { flags &= ~F_PREC; prec++; }
				const padChar = prec > 0 ? (prec > 1 ? ' ' : '\t') : '';
				const padSize = prec > 0 ? (prec > 1 ? prec - 1 : 1) : 0;
				s = pad(tojson(arg(argpos), padChar, padSize), '', flags, width, false);
				break;
			}
			case '%':
				s = '%';
				break;
			default:
				// unknown conversion (or end of string): printed literally later
				if (conv === undefined) p--;
				continue;
		}
		out += s;
		last = p + 1;
	}
	out += fstr.slice(last);
	return out;
}

/* ------------------------------------------------------------------ */
/* Types and conversion                                                */
/* ------------------------------------------------------------------ */

export function type(v: unknown): 'int' | 'double' | 'string' | 'bool' | 'array' | 'object' | 'function' | 'regexp' | null {
	switch (typeof v) {
		case 'number': return isIntNum(v) ? 'int' : 'double';
		case 'string': return 'string';
		case 'boolean': return 'bool';
		case 'function': return 'function';
		case 'object':
			if (v === null) return null;
			if (Array.isArray(v)) return 'array';
			if (v instanceof RegExp) return 'regexp';
			return 'object';
		default: return null;
	}
}

export function int(value: unknown, base?: unknown): number {
	if (typeof value === 'string') {
		const b = base != null ? Number(toInt64(base)) : 10;
		if (b !== 0 && (b < 2 || b > 36)) return NaN;
		let p = 0;
		while (p < value.length && isspaceC(value[p])) p++;
		let neg = false;
		if (value[p] === '+' || value[p] === '-') { neg = value[p] === '-'; p++; }
		let bb = b;
		if ((bb === 16 || bb === 0) && value[p] === '0' && (value[p + 1] === 'x' || value[p + 1] === 'X') && isxdigit(value[p + 2] ?? '')) { p += 2; bb = 16; }
		else if (bb === 0) bb = value[p] === '0' ? 8 : 10;
		const start = p;
		let v = 0n;
		const B = BigInt(bb);
		for (; p < value.length; p++) {
			const d = parseInt(value[p], 36);
			if (isNaN(d) || d >= bb) break;
			v = v * B + BigInt(d);
		}
		if (p === start) return NaN;
		if (neg) v = -v;
		if (v > I64_MAX || v < I64_MIN) return NaN;
		return numOut(v);
	}
	if (typeof value === 'number' && !isFinite(value)) return isNaN(value) ? NaN : NaN;
	const n = toNumber(value);
	if (n === null) return Array.isArray(value) || (typeof value === 'object' && value !== null) || typeof value === 'function' ? NaN : 0;
	if (n >= TWO63 || n < -TWO63) return NaN;
	return numOut(BigInt(Math.trunc(n)));
}

export function hex(s: unknown): number {
	if (typeof s !== 'string' || !isxdigit(s[0] ?? '')) return NaN;
	if (!/^[0-9a-fA-F]+$/.test(s)) {
		// strtoll accepts "0x" after a leading 0
		if (!/^0[xX][0-9a-fA-F]+$/.test(s)) return NaN;
		s = s.slice(2);
	}
	const v = BigInt('0x' + s);
	return numOut(v > I64_MAX ? I64_MAX : v);
}

/* ---- JSON parsing: json-c's tokener ---- */

/*
 * ucode's json() hands the whole string plus its terminating NUL to json-c's
 * json_tokener_parse_ex() with a default tokener (lenient mode, 32 levels), then refuses
 * anything but whitespace (C isspace) after where the tokener stopped. This is a port of
 * that tokener (json-c 0.16, json_tokener.c) for one complete input: the same states in the
 * same order, so NaN and Infinity (any letter case), comments, trailing commas, single
 * quotes, "1." or "1e", lone surrogates and every error message come out as in ucode.
 * Syntax is ASCII, so it walks JavaScript characters; anything else only ever appears
 * inside strings or as an unexpected character. Two limits of JavaScript values remain:
 * an integral double (1.0) becomes an int-looking number, and -0.0 becomes 0.
 */

const JSON_ERRORS = [
	'success', 'continue', 'nesting too deep', 'unexpected end of data', 'unexpected character',
	'null expected', 'boolean expected', 'number expected', "array value separator ',' expected",
	'quoted object property name expected', "object property name separator ':' expected",
	"object value separator ',' expected", 'invalid string sequence', 'expected comment',
];
const JE_SUCCESS = 0, JE_CONTINUE = 1, JE_DEPTH = 2, JE_EOF = 3, JE_UNEXPECTED = 4, JE_NULL = 5,
	JE_BOOLEAN = 6, JE_NUMBER = 7, JE_ARRAY = 8, JE_KEY = 9, JE_KEYSEP = 10, JE_OBJSEP = 11,
	JE_STRING = 12, JE_COMMENT = 13;

// json_tokener_state, in json-c's order.
const JS_EATWS = 0, JS_START = 1, JS_FINISH = 2, JS_NULL = 3, JS_COMMENT_START = 4, JS_COMMENT = 5,
	JS_COMMENT_EOL = 6, JS_COMMENT_END = 7, JS_STRING = 8, JS_STRING_ESCAPE = 9, JS_ESCAPE_UNICODE = 10,
	JS_ESCAPE_UNICODE_NEED_ESCAPE = 11, JS_ESCAPE_UNICODE_NEED_U = 12, JS_BOOLEAN = 13, JS_NUMBER = 14,
	JS_ARRAY = 15, JS_ARRAY_ADD = 16, JS_ARRAY_SEP = 17, JS_OBJECT_FIELD_START = 18, JS_OBJECT_FIELD = 19,
	JS_OBJECT_FIELD_END = 20, JS_OBJECT_VALUE = 21, JS_OBJECT_VALUE_ADD = 22, JS_OBJECT_SEP = 23,
	JS_ARRAY_AFTER_SEP = 24, JS_OBJECT_FIELD_START_AFTER_SEP = 25, JS_INF = 26;

const JSON_MAX_DEPTH = 32;

interface JsonLevel { state: number; saved: number; current: unknown; field: string | null }

const jsonLevel = (): JsonLevel => ({ state: JS_EATWS, saved: JS_START, current: null, field: null });
const jsonWs = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const jsonHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
/** strncasecmp(word, text, n) == 0 for the first n characters (ASCII case folding only). */
const jsonPrefixIs = (word: string, text: string, n: number): boolean => {
	for (let k = 0; k < n; k++) {
		const a = word[k], b = text[k] ?? '\0';
		if (a !== b && a !== (b >= 'A' && b <= 'Z' ? String.fromCharCode(b.charCodeAt(0) + 32) : b)) return false;
	}
	return true;
};
/** strtod() over the whole text (the tokener only lets digits, one '.', e/E and signs in). */
const jsonDouble = (text: string): number | null =>
	/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? parseFloat(text) : null;

/** json_tokener_parse_ex(tok, text + NUL): [value, error index, offset where it stopped]. */
function jsonTokenize(text: string): [unknown, number, number] {
	const src = text + '\0';
	const len = src.length;
	const stack: JsonLevel[] = [jsonLevel()];
	let depth = 0, pos = 0, err = JE_SUCCESS, c = '\x01';
	let pb = '', stPos = 0, quote = '"', isDouble = false, ucs = 0, high = 0;
	let obj: unknown = null;
	const peek = (): boolean => {
		if (pos === len) {
			const lv = stack[depth];
			err = depth === 0 && lv.state === JS_EATWS && lv.saved === JS_FINISH ? JE_SUCCESS : JE_CONTINUE;
			return false;
		}
		c = src[pos];
		return true;
	};
	// `!ADVANCE_CHAR(str, tok) || !PEEK_CHAR(c, tok)`: false at a NUL or at the end.
	const step = (): boolean => {
		const old = c;
		pos++;
		return old !== '\0' && peek();
	};
	const reset = (d: number): void => { stack[d] = jsonLevel(); };

	outer: while (peek()) {
		redo: for (;;) {
			const lv = stack[depth];
			switch (lv.state) {
				case JS_EATWS:
					while (jsonWs(c)) if (!step()) break outer;
					if (c === '/') {
						pb = c;
						lv.state = JS_COMMENT_START;
						break;
					}
					lv.state = lv.saved;
					continue redo;
				case JS_START:
					switch (c) {
						case '{': lv.state = JS_EATWS; lv.saved = JS_OBJECT_FIELD_START; lv.current = {}; break;
						case '[': lv.state = JS_EATWS; lv.saved = JS_ARRAY; lv.current = []; break;
						case 'I': case 'i': lv.state = JS_INF; pb = ''; stPos = 0; continue redo;
						case 'N': case 'n': lv.state = JS_NULL; pb = ''; stPos = 0; continue redo;
						case "'": case '"': lv.state = JS_STRING; pb = ''; quote = c; break;
						case 'T': case 't': case 'F': case 'f': lv.state = JS_BOOLEAN; pb = ''; stPos = 0; continue redo;
						default:
							if ((c >= '0' && c <= '9') || c === '-') {
								lv.state = JS_NUMBER; pb = ''; isDouble = false;
								continue redo;
							}
							err = JE_UNEXPECTED;
							break outer;
					}
					break;
				case JS_FINISH:
					if (depth === 0) break outer;
					obj = lv.current;
					reset(depth);
					depth--;
					continue redo;
				case JS_INF: {
					while (stPos < 8) {
						const ch = src[pos];
						if (ch !== 'Infinity'[stPos] && ch !== 'iNFINITY'[stPos]) {
							err = JE_UNEXPECTED;
							break outer;
						}
						stPos++;
						pos++;
						if (!peek()) break outer;
					}
					lv.current = pb[0] === '-' ? -Infinity : Infinity;
					lv.saved = JS_FINISH;
					lv.state = JS_EATWS;
					continue redo;
				}
				case JS_NULL:
					pb += c;
					if (jsonPrefixIs('null', pb, Math.min(stPos + 1, 4))) {
						if (stPos === 4) {
							lv.current = null; lv.saved = JS_FINISH; lv.state = JS_EATWS;
							continue redo;
						}
					} else if (jsonPrefixIs('nan', pb, Math.min(stPos + 1, 3))) {
						if (stPos === 3) {
							lv.current = NaN; lv.saved = JS_FINISH; lv.state = JS_EATWS;
							continue redo;
						}
					} else {
						err = JE_NULL;
						break outer;
					}
					stPos++;
					break;
				case JS_COMMENT_START:
					if (c === '*') lv.state = JS_COMMENT;
					else if (c === '/') lv.state = JS_COMMENT_EOL;
					else { err = JE_COMMENT; break outer; }
					pb += c;
					break;
				case JS_COMMENT:
					while (c !== '*') if (!step()) break outer;
					lv.state = JS_COMMENT_END;
					break;
				case JS_COMMENT_EOL:
					while (c !== '\n') if (!step()) break outer;
					lv.state = JS_EATWS;
					break;
				case JS_COMMENT_END:
					lv.state = c === '/' ? JS_EATWS : JS_COMMENT;
					break;
				case JS_STRING:
				case JS_OBJECT_FIELD:
					for (;;) {
						if (c === quote) {
							if (lv.state === JS_STRING) {
								lv.current = pb; lv.saved = JS_FINISH;
							} else {
								// strdup(): a key ends at its first NUL.
								const nul = pb.indexOf('\0');
								lv.field = nul < 0 ? pb : pb.slice(0, nul);
								lv.saved = JS_OBJECT_FIELD_END;
							}
							lv.state = JS_EATWS;
							break;
						}
						if (c === '\\') {
							lv.saved = lv.state;
							lv.state = JS_STRING_ESCAPE;
							break;
						}
						pb += c;
						if (!step()) break outer;
					}
					break;
				case JS_STRING_ESCAPE: {
					const plain = '"\\/bnrtf'.indexOf(c);
					if (c !== '' && plain >= 0) {
						pb += '"\\/\b\n\r\t\f'[plain];
						lv.state = lv.saved;
					} else if (c === 'u') {
						ucs = 0; stPos = 0;
						lv.state = JS_ESCAPE_UNICODE;
					} else {
						err = JE_STRING;
						break outer;
					}
					break;
				}
				case JS_ESCAPE_UNICODE: {
					for (;;) {
						if (c === '\0' || !jsonHex(c)) { err = JE_STRING; break outer; }
						ucs |= parseInt(c, 16) << ((3 - stPos) * 4);
						stPos++;
						if (stPos >= 4) break;
						pos++;
						if (!peek()) break outer;
					}
					stPos = 0;
					const isHigh = (u: number) => (u & 0xfc00) === 0xd800;
					const isLow = (u: number) => (u & 0xfc00) === 0xdc00;
					if (high) {
						if (isLow(ucs)) ucs = ((high & 0x3ff) << 10) + (ucs & 0x3ff) + 0x10000;
						else pb += '\ufffd';
						high = 0;
					}
					if (isHigh(ucs)) {
						high = ucs;
						ucs = 0;
						lv.state = JS_ESCAPE_UNICODE_NEED_ESCAPE;
						break;
					}
					pb += isLow(ucs) ? '\ufffd' : String.fromCodePoint(ucs);
					lv.state = lv.saved;
					break;
				}
				case JS_ESCAPE_UNICODE_NEED_ESCAPE:
				case JS_ESCAPE_UNICODE_NEED_U: {
					const needEscape = lv.state === JS_ESCAPE_UNICODE_NEED_ESCAPE;
					if (c !== (needEscape ? '\\' : 'u')) {
						// A high surrogate without its low half: a replacement character.
						pb += '\ufffd';
						high = 0; ucs = 0; stPos = 0;
						lv.state = needEscape ? lv.saved : JS_STRING_ESCAPE;
						continue redo;
					}
					lv.state = needEscape ? JS_ESCAPE_UNICODE_NEED_U : JS_ESCAPE_UNICODE;
					break;
				}
				case JS_BOOLEAN:
					pb += c;
					if (jsonPrefixIs('true', pb, Math.min(stPos + 1, 4))) {
						if (stPos === 4) {
							lv.current = true; lv.saved = JS_FINISH; lv.state = JS_EATWS;
							continue redo;
						}
					} else if (jsonPrefixIs('false', pb, Math.min(stPos + 1, 5))) {
						if (stPos === 5) {
							lv.current = false; lv.saved = JS_FINISH; lv.state = JS_EATWS;
							continue redo;
						}
					} else {
						err = JE_BOOLEAN;
						break outer;
					}
					stPos++;
					break;
				case JS_NUMBER: {
					const start = pos;
					let isExp = false, negOk = true, posOk = false;
					while (c !== '\0' && ((c >= '0' && c <= '9') || (!isExp && (c === 'e' || c === 'E'))
						|| (negOk && c === '-') || (posOk && c === '+') || (!isDouble && c === '.'))) {
						posOk = negOk = false;
						if (c === '.') { isDouble = true; posOk = negOk = true; }
						else if (c === 'e' || c === 'E') { isExp = isDouble = true; posOk = negOk = true; }
						if (!step()) { pb += src.slice(start, pos); break outer; }
					}
					if (depth > 0 && c !== ',' && c !== ']' && c !== '}' && c !== '/' && c !== 'I' && c !== 'i' && !jsonWs(c)) {
						err = JE_NUMBER;
						break outer;
					}
					const caseLen = pos - start;
					pb += src.slice(start, pos);
					if (pb[0] === '-' && caseLen <= 1 && (c === 'i' || c === 'I')) {
						lv.state = JS_INF;
						stPos = 0;
						continue redo;
					}
					if (isDouble) while (pb.length > 1 && 'eE-+'.includes(pb[pb.length - 1])) pb = pb.slice(0, -1);
					if (!isDouble && /^-?\d+$/.test(pb)) {
						// strtoll / strtoull: out of range saturates.
						const b = BigInt(pb);
						lv.current = b > U64_MAX ? TWO64 : b < I64_MIN ? -TWO63 : numOut(b);
					} else {
						const d = isDouble ? jsonDouble(pb) : null;
						if (d == null) { err = JE_NUMBER; break outer; }
						lv.current = d;
					}
					lv.saved = JS_FINISH;
					lv.state = JS_EATWS;
					continue redo;
				}
				case JS_ARRAY:
				case JS_ARRAY_AFTER_SEP:
				case JS_OBJECT_VALUE:
					if (lv.state !== JS_OBJECT_VALUE && c === ']') {
						lv.saved = JS_FINISH;
						lv.state = JS_EATWS;
						break;
					}
					if (depth >= JSON_MAX_DEPTH - 1) { err = JE_DEPTH; break outer; }
					lv.state = lv.state === JS_OBJECT_VALUE ? JS_OBJECT_VALUE_ADD : JS_ARRAY_ADD;
					depth++;
					reset(depth);
					continue redo;
				case JS_ARRAY_ADD:
					(lv.current as unknown[]).push(obj);
					lv.saved = JS_ARRAY_SEP;
					lv.state = JS_EATWS;
					continue redo;
				case JS_ARRAY_SEP:
				case JS_OBJECT_SEP: {
					const array = lv.state === JS_ARRAY_SEP;
					if (c === (array ? ']' : '}')) {
						lv.saved = JS_FINISH;
						lv.state = JS_EATWS;
					} else if (c === ',') {
						lv.saved = array ? JS_ARRAY_AFTER_SEP : JS_OBJECT_FIELD_START_AFTER_SEP;
						lv.state = JS_EATWS;
					} else {
						err = array ? JE_ARRAY : JE_OBJSEP;
						break outer;
					}
					break;
				}
				case JS_OBJECT_FIELD_START:
				case JS_OBJECT_FIELD_START_AFTER_SEP:
					if (c === '}') {
						lv.saved = JS_FINISH;
						lv.state = JS_EATWS;
					} else if (c === '"' || c === "'") {
						quote = c;
						pb = '';
						lv.state = JS_OBJECT_FIELD;
					} else {
						err = JE_KEY;
						break outer;
					}
					break;
				case JS_OBJECT_FIELD_END:
					if (c !== ':') { err = JE_KEYSEP; break outer; }
					lv.saved = JS_OBJECT_VALUE;
					lv.state = JS_EATWS;
					break;
				case JS_OBJECT_VALUE_ADD:
					// A repeated key keeps its first place and takes the new value, as json-c's table does.
					Object.defineProperty(lv.current, lv.field as string, { value: obj, enumerable: true, writable: true, configurable: true });
					lv.field = null;
					lv.saved = JS_OBJECT_SEP;
					lv.state = JS_EATWS;
					continue redo;
			}
			break;
		}
		const was = c;
		pos++;
		if (was === '\0') break;
	}
	const lv = stack[depth];
	if (c === '\0' && lv.state !== JS_FINISH && lv.saved !== JS_FINISH) err = JE_EOF;
	return [err === JE_SUCCESS ? lv.current : null, err, pos];
}

export function json(text: unknown): any {
	if (typeof text !== 'string') {
		if (typeof text === 'object' && text !== null)
			return json(tojson(text, '', 0));
		raise('Type error', 'Passed value is neither a string nor an object');
	}
	const [value, err, end] = jsonTokenize(text);
	if (err === JE_CONTINUE) raise('Syntax error', 'Unexpected end of string in JSON data');
	if (err !== JE_SUCCESS) raise('Syntax error', 'Failed to parse JSON string: ' + JSON_ERRORS[err]);
	for (let i = end; i < text.length; i++) {
		if (!isspaceC(text[i])) raise('Syntax error', 'Trailing garbage after JSON data');
	}
	return value;
}

/* ------------------------------------------------------------------ */
/* Containers                                                          */
/* ------------------------------------------------------------------ */

export function length(v: unknown): any {
	if (typeof v === 'string') return blen(v);
	if (Array.isArray(v)) return v.length;
	if (typeof v === 'object' && v !== null && !(v instanceof RegExp)) return Object.keys(v).length;
	return null;
}

export function push(arr: any, ...values: any[]): any {
	if (!Array.isArray(arr)) return null;
	for (const v of values) arr.push(v);
	return values.length ? values[values.length - 1] : null;
}

export function pop(arr: any): any {
	if (!Array.isArray(arr)) return null;
	const v = arr.pop();
	return v === undefined ? null : v;
}

export function shift(arr: any): any {
	if (!Array.isArray(arr)) return null;
	const v = arr.shift();
	return v === undefined ? null : v;
}

export function unshift(arr: any, ...values: any[]): any {
	if (!Array.isArray(arr)) return null;
	arr.unshift(...values);
	return values.length ? values[values.length - 1] : null;
}

function clampOfs(ofs: number, len: number): number {
	if (ofs < 0) { ofs = len + ofs; if (ofs < 0) ofs = 0; }
	else if (ofs > len) ofs = len;
	return ofs;
}

export function slice(arr: any, start?: unknown, end?: unknown): any {
	if (!Array.isArray(arr)) return null;
	const len = arr.length;
	const off = clampOfs(start != null ? Number(toInt64(start)) : 0, len);
	const e = clampOfs(end != null ? Number(toInt64(end)) : len, len);
	const res: unknown[] = [];
	for (let i = off; i < e; i++) res.push(arr[i] === undefined ? null : arr[i]);
	return res;
}

export function splice(arr: any, ...rest: unknown[]): any {
	if (!Array.isArray(arr)) return null;
	const nargs = rest.length + 1;
	const len = arr.length;
	let ofs = Number(toInt64(rest[0]));
	let remlen = Number(toInt64(rest[1]));
	let items: unknown[] = [];
	if (nargs === 1) { ofs = 0; remlen = len; }
	else if (nargs === 2) { ofs = clampOfs(ofs, len); remlen = len - ofs; }
	else {
		ofs = clampOfs(ofs, len);
		if (remlen < 0) { remlen = len - ofs + remlen; if (remlen < 0) remlen = 0; }
		else if (remlen > len - ofs) remlen = len - ofs;
		items = rest.slice(2);
	}
	arr.splice(ofs, remlen, ...items);
	return arr;
}

/** default_cmp of lib.c. */
function defaultCmp(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') {
		if (isNaN(a) || isNaN(b)) return 2;
		return a < b ? -1 : a > b ? 1 : 0;
	}
	return bytecmp(tostr(a), tostr(b));
}

function bytecmp(a: string, b: string): number {
	if (isAscii(a) && isAscii(b)) return a < b ? -1 : a > b ? 1 : 0;
	const x = enc(a), y = enc(b);
	const l = Math.min(x.length, y.length);
	for (let i = 0; i < l; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return x.length - y.length;
}

function cmpResult(r: unknown): number {
	// ucv_compare(rv, 0): numbers compared numerically; non-numeric → "not equal, not less" (2)
	const n = toNumber(r);
	if (n === null) return 2;
	return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** glibc's qsort (msort_with_tmp): a top-down merge sort that only asks `cmp(a, b) <= 0`. */
function msort<T>(a: T[], cmp: (x: T, y: T) => number): T[] {
	if (a.length <= 1) return a;
	const n1 = a.length >> 1;
	const l = msort(a.slice(0, n1), cmp), r = msort(a.slice(n1), cmp);
	const res: T[] = [];
	let i = 0, j = 0;
	while (i < l.length && j < r.length) {
		if (cmp(l[i], r[j]) <= 0) res.push(l[i++]);
		else res.push(r[j++]);
	}
	while (i < l.length) res.push(l[i++]);
	while (j < r.length) res.push(r[j++]);
	return res;
}

export function sort(val: any, fn?: any): any {
	if (Array.isArray(val)) {
		const cmp = typeof fn === 'function'
			? (a: unknown, b: unknown) => cmpResult(fn(a, b))
			: defaultCmp;
		const sorted = msort(val.slice(), cmp);
		for (let i = 0; i < sorted.length; i++) val[i] = sorted[i];
		return val;
	}
	if (typeof val === 'object' && val !== null && !(val instanceof RegExp)) {
		const ks = Object.keys(val);
		const cmp = typeof fn === 'function'
			? (a: string, b: string) => cmpResult(fn(a, b, val[a], val[b]))
			: (a: string, b: string) => bytecmp(a, b);
		const sortedKeys = msort(ks, cmp);
		ks.splice(0, ks.length, ...sortedKeys);
		const copy: Record<string, unknown> = {};
		for (const k of ks) { copy[k] = val[k]; delete val[k]; }
		for (const k of ks) val[k] = copy[k];
		return val;
	}
	return null;
}

export function reverse(v: any): any {
	if (Array.isArray(v)) return v.slice().reverse();
	if (typeof v === 'string') {
		if (isAscii(v)) return v.split('').reverse().join('');
		return dec(enc(v).reverse());
	}
	return null;
}

export function filter(arr: any, fn: any): any {
	if (!Array.isArray(arr)) return null;
	const res: unknown[] = [];
	const len = arr.length;
	for (let i = 0; i < len; i++) {
		const v = arr[i] === undefined ? null : arr[i];
		if (truthy(fn(v, i, arr))) res.push(arr[i] === undefined ? null : arr[i]);
	}
	return res;
}

export function map(arr: any, fn: any): any {
	if (!Array.isArray(arr)) return null;
	const res: unknown[] = [];
	const len = arr.length;
	for (let i = 0; i < len; i++) {
		const r = fn(arr[i] === undefined ? null : arr[i], i, arr);
		res.push(r === undefined ? null : r);
	}
	return res;
}

function truthy(v: unknown): boolean {
	if (typeof v === 'number') return v !== 0 && !isNaN(v);
	if (typeof v === 'string') return v.length > 0;
	if (v == null) return false;
	if (typeof v === 'boolean') return v;
	return true;
}

/** uc_uniq_ucv_equal: identity for containers, value equality for scalars (NaN == NaN). */
function uniqEqual(a: unknown, b: unknown): boolean {
	if (a === undefined) a = null;
	if (b === undefined) b = null;
	if (typeof a === 'number' && typeof b === 'number') {
		if (isNaN(a) && isNaN(b)) return true;
		return a === b && isIntNum(a) === isIntNum(b);
	}
	return a === b;
}

export function uniq(arr: any): any {
	if (!Array.isArray(arr)) return null;
	const res: unknown[] = [];
	for (const v of arr) if (!res.some((x) => uniqEqual(x, v))) res.push(v === undefined ? null : v);
	return res;
}

export function keys(obj: any): any {
	if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || obj instanceof RegExp) return null;
	return Object.keys(obj).filter((k) => obj[k] !== undefined);
}

export function values(obj: any): any {
	if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || obj instanceof RegExp) return null;
	return Object.keys(obj).filter((k) => obj[k] !== undefined).map((k) => obj[k]);
}

export function exists(obj: any, key: unknown): boolean {
	if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || obj instanceof RegExp) return false;
	const k = typeof key === 'string' ? key : tostr(key);
	return Object.prototype.hasOwnProperty.call(obj, k) && obj[k] !== undefined;
}

/** ucv_compare(I_LT / I_GT, a, b) */
function ucLess(a: unknown, b: unknown, how: '<' | '>'): boolean {
	if (typeof a === 'string' && typeof b === 'string') {
		const d = bytecmp(a, b);
		return how === '<' ? d < 0 : d > 0;
	}
	if (a != null && b != null && typeof a === 'object' && typeof b === 'object'
		&& Array.isArray(a) === Array.isArray(b)) return false;
	const x = toNumber(a), y = toNumber(b);
	if (x === null || y === null) return false;
	return how === '<' ? x < y : x > y;
}

export function min(...vals: any[]): any {
	let rv: unknown = null, set = false;
	for (const v of vals) if (!set || ucLess(v, rv, '<')) { set = true; rv = v; }
	return rv;
}

export function max(...vals: any[]): any {
	let rv: unknown = null, set = false;
	for (const v of vals) if (!set || ucLess(v, rv, '>')) { set = true; rv = v; }
	return rv;
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

function bytesIndexOf(h: Uint8Array, n: Uint8Array, from: number): number {
	outer: for (let i = from; i + n.length <= h.length; i++) {
		for (let j = 0; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
		return i;
	}
	return -1;
}

function indexCommon(stack: unknown, needle: unknown, right: boolean): any {
	if (Array.isArray(stack)) {
		if (right) {
			for (let i = stack.length; i > 0; i--) if (uniqEqual(stack[i - 1], needle)) return i - 1;
		}
		else {
			for (let i = 0; i < stack.length; i++) if (uniqEqual(stack[i], needle)) return i;
		}
		return -1;
	}
	if (typeof stack === 'string') {
		if (typeof needle !== 'string') return -1;
		if (isAscii(stack) && isAscii(needle)) {
			if (needle.length > stack.length) return -1;
			if (right) return needle === '' ? stack.length === 0 ? 0 : stack.length : stack.lastIndexOf(needle);
			return stack.indexOf(needle);
		}
		const h = enc(stack), n = enc(needle);
		if (n.length > h.length) return -1;
		if (n.length === h.length) return bytesIndexOf(h, n, 0) === 0 ? 0 : -1;
		if (right) {
			for (let p = h.length - n.length; p >= 0; p--) {
				let ok = true;
				for (let j = 0; j < n.length; j++) if (h[p + j] !== n[j]) { ok = false; break; }
				if (ok) return p;
			}
			return -1;
		}
		return bytesIndexOf(h, n, 0);
	}
	return null;
}

export function index(stack: any, needle: any): any { return indexCommon(stack, needle, false); }
export function rindex(stack: any, needle: any): any { return indexCommon(stack, needle, true); }

export function join(sep: any, arr: any): any {
	if (!Array.isArray(arr)) return null;
	const s = tostr(sep);
	let out = '';
	for (let i = 0; i < arr.length; i++) {
		if (i) out += s;
		out += tostr(arr[i]);
	}
	return out;
}

/** Byte-wise split of a string into single bytes (decoded separately). */
function splitBytes(s: string, limit: number): string[] {
	const res: string[] = [];
	if (isAscii(s)) {
		let i = 0;
		while (limit > 1 && i < s.length) { res.push(s[i++]); limit--; }
		if (i < s.length) res.push(s.slice(i));
		return res;
	}
	const b = enc(s);
	let i = 0;
	while (limit > 1 && i < b.length) { res.push(dec(b.subarray(i, i + 1))); i++; limit--; }
	if (i < b.length) res.push(dec(b.subarray(i)));
	return res;
}

export function split(str: any, sep: any, limit?: any): any {
	if (sep == null || typeof str !== 'string') return null;
	let lim = limit != null ? u64get(limit) : Infinity;
	const res: string[] = [];
	if (lim === 0) return res;
	if (sep instanceof RegExp) {
		const re = new RegExp(sep.source, sep.flags.replace(/[gy]/g, '') + 'g');
		str = cstr(str);
		let pos = 0;
		while (lim > 1) {
			re.lastIndex = pos;
			const m = re.exec(str);
			if (!m) break;
			if (m[0].length > 0) {
				res.push(str.slice(pos, m.index));
				pos = m.index + m[0].length;
			}
			else if (pos < str.length) {
				// an empty match splits off one character
				const cp = str.codePointAt(pos)!;
				const w = cp > 0xffff ? 2 : 1;
				res.push(str.slice(pos, pos + w));
				pos += w;
			}
			else return res;
			lim--;
		}
		res.push(str.slice(pos));
		return res;
	}
	if (typeof sep === 'string') {
		if (str.length === 0) { res.push(''); return res; }
		if (sep.length === 0) return splitBytes(str, lim);
		let start = 0;
		let p = 0;
		while (lim > 1) {
			const i = str.indexOf(sep, p);
			if (i < 0) break;
			res.push(str.slice(start, i));
			start = p = i + sep.length;
			lim--;
		}
		res.push(str.slice(start));
		return res;
	}
	return null;
}

export function substr(str: any, start?: any, len?: any): any {
	if (typeof str !== 'string') return null;
	const nargs = len !== undefined ? 3 : start !== undefined ? 2 : 1;
	const ascii = isAscii(str);
	const b = ascii ? null : enc(str);
	const l = ascii ? str.length : b!.length;
	let ofs = Number(toInt64(start));
	let sublen = Number(toInt64(len));
	if (nargs === 1) { ofs = 0; sublen = l; }
	else if (nargs === 2) { ofs = clampOfs(ofs, l); sublen = l - ofs; }
	else {
		ofs = clampOfs(ofs, l);
		if (sublen < 0) { sublen = l - ofs + sublen; if (sublen < 0) sublen = 0; }
		else if (sublen > l - ofs) sublen = l - ofs;
	}
	if (ascii) return str.substr(ofs, sublen);
	return dec(b!.subarray(ofs, ofs + sublen));
}

/* ---- regular expressions ---- */

interface RegexInfo { source: string; g: boolean; i: boolean; s: boolean; }
const regexMeta = new WeakMap<RegExp, RegexInfo>();

const POSIX_CLASSES: Record<string, string> = {
	alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z',
	space: ' \\t\\n\\r\\f\\v', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
	cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'A-Za-z0-9_',
};

/** POSIX ERE (as written for ucode) → JS pattern source. */
function ereToJs(src: string): string {
	let out = '';
	let inBracket = false;
	let lastQuant = false;
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (inBracket) {
			if (c === '[' && (src[i + 1] === ':' || src[i + 1] === '.' || src[i + 1] === '=')) {
				const close = src[i + 1] + ']';
				const end = src.indexOf(close, i + 2);
				if (end > 0) {
					const name = src.slice(i + 2, end);
					if (src[i + 1] === ':') {
						const cls = POSIX_CLASSES[name];
						if (cls === undefined) raise('Syntax error', 'Invalid character class name');
						out += cls;
					}
					else out += name.replace(/[\\\]\[^-]/g, (m) => '\\' + m);
					i = end + 1;
					continue;
				}
			}
			if (c === ']') { inBracket = false; out += c; lastQuant = false; continue; }
			if (c === '\\') { out += '\\\\'; continue; }
			if (c === '[') { out += '\\['; continue; }
			out += c;
			continue;
		}
		if (c === '\\' && i + 1 < src.length) { out += c + src[++i]; lastQuant = false; continue; }
		if (c === '(' && src[i + 1] === '?') raise('Syntax error', 'Invalid preceding regular expression');
		if (c === '[') {
			inBracket = true;
			out += c;
			if (src[i + 1] === '^') { out += '^'; i++; }
			if (src[i + 1] === ']') { out += '\\]'; i++; }
			continue;
		}
		if (c === '*' || c === '+' || c === '?' || c === '}') {
			// a lazy quantifier is a plain (greedy) repetition in ERE
			if (c === '?' && lastQuant) continue;
			lastQuant = true;
			out += c;
			continue;
		}
		lastQuant = false;
		out += c;
	}
	return out;
}

export function regexp(source: any, flags?: any): RegExp {
	let g = false, i = false, s = false;
	if (flags != null) {
		if (typeof flags !== 'string') raise('Type error', 'Given flags argument is not a string');
		for (const f of flags) {
			if (f === 'i') i = true;
			else if (f === 's') s = true;
			else if (f === 'g') g = true;
			else raise('Type error', `Unrecognized flag character '${f}'`);
		}
	}
	const src = cstr(tostr(source));
	let re: RegExp;
	try {
		re = new RegExp(ereToJs(src), (g ? 'g' : '') + (i ? 'i' : '') + (s ? 's' : 'm'));
	}
	catch (e) {
		if (isUcodeException(e)) throw e;
		const m = (e as Error).message;
		raise('Syntax error', /Unterminated group|Unmatched/.test(m) ? 'Unmatched ( or \\(' :
			/Nothing to repeat/.test(m) ? 'Invalid preceding regular expression' :
			/Unterminated character class/.test(m) ? 'Unmatched [, [^, [:, [., or [=' : m);
	}
	regexMeta.set(re, { source: src, g, i, s });
	return re;
}

/** Runs re at position pos (ignoring its own lastIndex/global state). */
function execAt(re: RegExp, str: string, pos: number): RegExpExecArray | null {
	const r = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'g');
	r.lastIndex = pos;
	return r.exec(str);
}

function groupsOf(m: RegExpExecArray): (string | null)[] {
	const res: (string | null)[] = [];
	for (let k = 0; k < m.length; k++) res.push(m[k] === undefined ? null : m[k]);
	return res;
}

export function match(subject: any, pattern: any): any {
	if (!(pattern instanceof RegExp) || subject == null) return null;
	const str = cstr(tostr(subject));
	if (!pattern.global) {
		const m = execAt(pattern, str, 0);
		return m ? groupsOf(m) : null;
	}
	const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
	let rv: unknown[] | null = null;
	let pos = 0;
	for (;;) {
		re.lastIndex = pos;
		const m = re.exec(str);
		if (!m) break;
		(rv ??= []).push(groupsOf(m));
		// as ucode: after an empty match, continue one character after the search start
		if (m[0].length > 0) pos = m.index + m[0].length;
		else if (pos < str.length) pos++;
		else break;
	}
	return rv;
}

function replaceStr(repl: string, subject: string, so: number, eo: number, groups: (string | null)[]): string {
	let out = '';
	let esc = false;
	for (let k = 0; k < repl.length; k++) {
		const c = repl[k];
		if (esc) {
			switch (c) {
				case '&': out += subject.slice(so, eo); break;
				case '`': out += subject.slice(0, so); break;
				case "'": out += subject.slice(eo); break;
				case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': {
					const gi = c.charCodeAt(0) - 48;
					if (gi < groups.length && groups[gi] != null) out += groups[gi];
					else if (gi >= groups.length) out += '$' + c;
					break;
				}
				case '$': out += '$'; break;
				default: out += '$' + c;
			}
			esc = false;
		}
		else if (c === '$') esc = true;
		else out += c;
	}
	return out;
}

export function replace(subject: any, pattern: any, replacement: any, limit?: any): any {
	if (pattern == null || subject == null || replacement == null) return null;
	const sb = cstr(tostr(subject));
	let lim = limit != null ? u64get(limit) : Infinity;
	const cb = typeof replacement === 'function';
	const rs = cb ? '' : cstr(tostr(replacement));
	const doRepl = (segment: string, so: number, eo: number, groups: (string | null)[]): string => {
		if (cb) {
			const r = replacement(...groups);
			return r === undefined ? 'null' : tostr(r);
		}
		return replaceStr(rs, segment, so, eo, groups);
	};
	let out = '';
	if (pattern instanceof RegExp) {
		const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '') + 'g');
		let p = 0;
		while (lim > 0) {
			re.lastIndex = p;
			const m = re.exec(sb);
			if (!m) break;
			// ucode passes the subject from the current position: $` starts at p
			const seg = sb.slice(p);
			const so = m.index - p, eo = so + m[0].length;
			out += sb.slice(p, m.index);
			out += doRepl(seg, so, eo, groupsOf(m));
			if (m[0].length > 0) p = m.index + m[0].length;
			else if (p < sb.length) { out += sb[p]; p++; }
			else { p = sb.length; break; }
			if (!pattern.global) break;
			lim--;
		}
		return out + sb.slice(p);
	}
	const pt = cstr(tostr(pattern));
	const pl = pt.length;
	let l = 0, p = 0;
	while (lim > 0) {
		if (pl === 0 || sb.startsWith(pt, p)) {
			out += sb.slice(l, p);
			const seg = sb.slice(l);
			const so = p - l;
			out += doRepl(seg, so, so + pl, [pt]);
			if (pl) { l = p + pl; p += pl - 1; }
			else l = p;
			lim--;
		}
		if (p++ >= sb.length) break;
	}
	return out + sb.slice(l);
}

function trimCommon(str: any, chars: any, start: boolean, end: boolean): any {
	if (typeof str !== 'string' || (chars != null && typeof chars !== 'string')) return null;
	// strchr(chars, c): the NUL ending `chars` matches a NUL byte, which stops the start loop.
	const c = cstr(chars ?? ' \t\r\n') + '\0';
	let a = 0, b = str.length;
	if (start) while (a < b && str[a] !== '\0' && c.includes(str[a])) a++;
	if (end) while (b > a && c.includes(str[b - 1])) b--;
	return str.slice(a, b);
}

export function trim(s: any, chars?: any): any { return trimCommon(s, chars, true, true); }
export function ltrim(s: any, chars?: any): any { return trimCommon(s, chars, true, false); }
export function rtrim(s: any, chars?: any): any { return trimCommon(s, chars, false, true); }

export function lc(s: any): string { return tostr(s).replace(/[A-Z]+/g, (m) => m.toLowerCase()); }
export function uc(s: any): string { return tostr(s).replace(/[a-z]+/g, (m) => m.toUpperCase()); }

export function ord(s: any, offset?: any): any {
	if (typeof s !== 'string') return null;
	let n = 0;
	const b = isAscii(s) ? null : enc(s);
	const len = b ? b.length : s.length;
	if (offset !== undefined) {
		if (typeof offset !== 'number') return null;
		n = Number(toInt64(offset));
		if (n < 0) n += len;
	}
	if (n < 0 || n >= len) return null;
	return b ? b[n] : s.charCodeAt(n);
}

export function chr(...bytes: any[]): string {
	const b = new Uint8Array(bytes.length);
	bytes.forEach((v, k) => {
		let n = Number(toInt64(v));
		b[k] = n < 0 ? 0 : n > 255 ? 255 : n;
	});
	return dec(b);
}

export function uchr(...cps: any[]): string {
	let out = '';
	for (const v of cps) {
		const num = toNumber(v);
		let n = num === null ? -1 : Math.trunc(num);
		if (n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) n = 0xfffd;
		out += String.fromCodePoint(n);
	}
	return out;
}

export function hexenc(s: any): any {
	if (s == null) return null;
	const b = enc(tostr(s));
	let out = '';
	for (const x of b) out += x.toString(16).padStart(2, '0');
	return out;
}

export function hexdec(s: any, skip?: any): any {
	if (typeof s !== 'string') return null;
	if (skip != null && typeof skip !== 'string') return null;
	const sk = skip ?? ' \t\n';
	const b = enc(s);
	const digits: number[] = [];
	for (const x of b) {
		const c = String.fromCharCode(x);
		if (x < 0x80 && isxdigit(c)) digits.push(parseInt(c, 16));
		else if (!(x < 0x80 && sk.includes(c))) return null;
	}
	if (digits.length & 1) return null;
	const out = new Uint8Array(digits.length / 2);
	for (let k = 0; k < out.length; k++) out[k] = digits[2 * k] * 16 + digits[2 * k + 1];
	return dec(out);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function b64enc(s: any): any {
	if (typeof s !== 'string') return null;
	const b = enc(s);
	let out = '';
	for (let k = 0; k < b.length; k += 3) {
		const n = (b[k] << 16) | ((b[k + 1] ?? 0) << 8) | (b[k + 2] ?? 0);
		out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
		out += k + 1 < b.length ? B64[(n >> 6) & 63] : '=';
		out += k + 2 < b.length ? B64[n & 63] : '=';
	}
	return out;
}

export function b64dec(s: any): any {
	if (typeof s !== 'string') return null;
	const out: number[] = [];
	let state = 0;
	let cur = 0;
	let k = 0;
	let ch = '';
	const sp = (c: string) => isspaceC(c);
	for (; k < s.length; k++) {
		ch = s[k];
		if (ch === '\0') break;
		if (sp(ch)) continue;
		if (ch === '=') break;
		const val = B64.indexOf(ch);
		if (val < 0) return null;
		switch (state) {
			case 0: cur = val << 2; state = 1; break;
			case 1: out.push(cur | (val >> 4)); cur = (val & 0x0f) << 4; state = 2; break;
			case 2: out.push(cur | (val >> 2)); cur = (val & 0x03) << 6; state = 3; break;
			case 3: out.push((cur | val) & 0xff); cur = 0; state = 0; break;
		}
		cur &= 0xff;
	}
	if (k < s.length && s[k] === '=') {
		k++;
		if (state === 0 || state === 1) return null;
		if (state === 2) {
			while (k < s.length && sp(s[k])) k++;
			if (s[k] !== '=') return null;
			k++;
		}
		for (; k < s.length; k++) if (!sp(s[k])) return null;
		if (cur !== 0) return null;
	}
	else if (state !== 0) return null;
	return dec(new Uint8Array(out));
}

/** fnmatch(3) without flags (or FNM_CASEFOLD). */
function fnmatch(pat: string, str: string, icase: boolean): boolean {
	const fold = (c: string) => (icase ? c.toLowerCase() : c);
	const rec = (pi: number, si: number): boolean => {
		while (pi < pat.length) {
			const c = pat[pi];
			if (c === '*') {
				while (pat[pi] === '*') pi++;
				if (pi === pat.length) return true;
				for (let k = si; k <= str.length; k++) if (rec(pi, k)) return true;
				return false;
			}
			if (si >= str.length) return false;
			if (c === '?') { pi++; si++; continue; }
			if (c === '[') {
				let k = pi + 1;
				let neg = false;
				if (pat[k] === '!' || pat[k] === '^') { neg = true; k++; }
				let matched = false;
				let first = true;
				const sc = fold(str[si]);
				while (k < pat.length && (first || pat[k] !== ']')) {
					first = false;
					let lo = pat[k];
					if (lo === '\\' && k + 1 < pat.length) lo = pat[++k];
					if (lo === '[' && pat[k + 1] === ':') {
						const e = pat.indexOf(':]', k + 2);
						if (e > 0) {
							const cls = POSIX_CLASSES[pat.slice(k + 2, e)];
							if (cls && new RegExp('[' + cls + ']').test(str[si])) matched = true;
							k = e + 2;
							continue;
						}
					}
					if (pat[k + 1] === '-' && k + 2 < pat.length && pat[k + 2] !== ']') {
						let hi = pat[k + 2];
						k += 3;
						if (fold(lo) <= sc && sc <= fold(hi)) matched = true;
						else if (lo <= str[si] && str[si] <= hi) matched = true;
						continue;
					}
					if (fold(lo) === sc) matched = true;
					k++;
				}
				if (k >= pat.length) {
					// no closing bracket: '[' matches literally
					if (str[si] !== '[') return false;
					pi++; si++; continue;
				}
				if (matched === neg) return false;
				pi = k + 1; si++;
				continue;
			}
			if (c === '\\' && pi + 1 < pat.length) {
				if (fold(pat[pi + 1]) !== fold(str[si])) return false;
				pi += 2; si++; continue;
			}
			if (fold(c) !== fold(str[si])) return false;
			pi++; si++;
		}
		return si === str.length;
	};
	return rec(0, 0);
}

export function wildcard(subject: any, pattern: any, nocase?: any): any {
	if (subject == null || typeof pattern !== 'string') return null;
	return fnmatch(cstr(pattern), cstr(tostr(subject)), truthy(nocase));
}

/* ------------------------------------------------------------------ */
/* Network addresses                                                   */
/* ------------------------------------------------------------------ */

function parseIPv4(s: string): number[] | null {
	// inet_pton(AF_INET): exactly four decimal octets, no leading zeros
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
	if (!m) return null;
	const r: number[] = [];
	for (let k = 1; k <= 4; k++) {
		if (m[k].length > 1 && m[k][0] === '0') return null;
		const n = parseInt(m[k], 10);
		if (n > 255) return null;
		r.push(n);
	}
	return r;
}

function parseIPv6(s: string): number[] | null {
	if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
	let tail: number[] = [];
	let str = s;
	const lastColon = s.lastIndexOf(':');
	if (lastColon < 0) return null;
	if (s.indexOf('.', lastColon) > 0) {
		// an embedded IPv4 address in the last 32 bits
		const v4 = parseIPv4(s.slice(lastColon + 1));
		if (!v4) return null;
		tail = v4;
		str = s[lastColon - 1] === ':' ? s.slice(0, lastColon + 1) : s.slice(0, lastColon);
	}
	else if (s.includes('.')) return null;
	const parts = str.split('::');
	if (parts.length > 2) return null;
	const parseGroups = (t: string): number[] | null => {
		if (t === '') return [];
		const r: number[] = [];
		for (const g of t.split(':')) {
			if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
			const n = parseInt(g, 16);
			r.push(n >> 8, n & 255);
		}
		return r;
	};
	if (parts.length === 2) {
		const head = parseGroups(parts[0]), rest = parseGroups(parts[1]);
		if (!head || !rest) return null;
		const fill = 16 - head.length - rest.length - tail.length;
		if (fill < 2) return null;
		return [...head, ...new Array(fill).fill(0), ...rest, ...tail];
	}
	const head = parseGroups(parts[0]);
	if (!head || head.length + tail.length !== 16) return null;
	return [...head, ...tail];
}

export function iptoarr(address: any): any {
	if (typeof address !== 'string') return null;
	return parseIPv6(address) ?? parseIPv4(address);
}

function ntop6(b: number[]): string {
	const w: number[] = [];
	for (let k = 0; k < 16; k += 2) w.push(b[k] * 256 + b[k + 1]);
	// IPv4-mapped / compatible forms as glibc's inet_ntop prints them
	if (w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0 &&
		(w[5] === 0xffff || (w[5] === 0 && w[6] !== 0))) {
		const v4 = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
		return w[5] === 0xffff ? '::ffff:' + v4 : '::' + v4;
	}
	let bestS = -1, bestL = 0;
	for (let k = 0; k < 8;) {
		if (w[k] !== 0) { k++; continue; }
		let e = k;
		while (e < 8 && w[e] === 0) e++;
		if (e - k > bestL && e - k >= 2) { bestS = k; bestL = e - k; }
		k = e;
	}
	const hx = (a: number[]) => a.map((x) => x.toString(16)).join(':');
	if (bestS < 0) return hx(w);
	return hx(w.slice(0, bestS)) + '::' + hx(w.slice(bestS + bestL));
}

export function arrtoip(bytes: any): any {
	if (!Array.isArray(bytes)) return null;
	if (bytes.length !== 4 && bytes.length !== 16) return null;
	for (const x of bytes) if (typeof x !== 'number' || !isIntNum(x) || x < 0 || x > 255) return null;
	if (bytes.length === 4) return bytes.join('.');
	return ntop6(bytes);
}

/* ------------------------------------------------------------------ */
/* Control                                                             */
/* ------------------------------------------------------------------ */

export function die(message?: any): never {
	throw mkexc('Error', message == null ? 'Died' : tostr(message));
}

export function exit(code?: any): never {
	throw new UcodeExit(Number(BigInt.asIntN(32, toInt64(code))));
}

/* ------------------------------------------------------------------ */
/* Environment and time                                                */
/* ------------------------------------------------------------------ */

export function getenv(name?: any): any {
	if (name === undefined || name === null) {
		if (envFn) return {};
		const env = nodeProcess?.env ?? {};
		const o: Record<string, string> = {};
		for (const k of Object.keys(env)) o[k] = env[k];
		return o;
	}
	if (typeof name !== 'string') return null;
	const v = envFn ? envFn(name) : nodeProcess?.env?.[name];
	return v == null ? null : v;
}

export function time(): number { return Math.floor(Date.now() / 1000); }

export function clock(monotonic?: any): number[] | null {
	if (truthy(monotonic)) {
		const hr = nodeProcess?.hrtime?.bigint?.();
		if (typeof hr === 'bigint') return [Number(hr / 1000000000n), Number(hr % 1000000000n)];
		const ms = (globalThis as any).performance?.now?.() ?? Date.now();
		return [Math.floor(ms / 1000), Math.floor((ms % 1000) * 1e6)];
	}
	const ms = Date.now();
	return [Math.floor(ms / 1000), (ms % 1000) * 1000000];
}

export function sleep(ms: any): boolean {
	const n = toNumber(ms);
	if (n === null || n <= 0) return false;
	try {
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, n);
	}
	catch {
		const end = Date.now() + n;
		while (Date.now() < end) { /* busy wait where Atomics.wait is forbidden */ }
	}
	return true;
}

export function system(command: any, timeout?: any): any {
	if (timeout != null && (typeof timeout !== 'number' || !isIntNum(timeout) || timeout < 0))
		raise('Type error', 'Invalid timeout specified');
	let argv: string[];
	if (typeof command === 'string') argv = ['/bin/sh', '-c', command];
	else if (Array.isArray(command)) {
		if (command.length === 0) raise('Type error', 'Passed command array is empty');
		argv = command.map((x) => tostr(x));
	}
	else raise('Type error', 'Passed command is neither string nor array');
	if (systemFn) return systemFn(typeof command === 'string' ? command : argv, timeout ?? undefined);
	const cp = nodeProcess?.getBuiltinModule?.('child_process');
	if (!cp) raise('Runtime error', 'fork(): Function not implemented');
	const r = cp.spawnSync(argv[0], argv.slice(1), {
		stdio: 'inherit',
		timeout: timeout && timeout > 0 ? timeout : undefined,
		killSignal: 'SIGKILL',
	});
	if (r.error && (r.error as any).code === 'ENOENT') return 255;
	if (r.status !== null) return r.status;
	if (r.signal) {
		const os = nodeProcess.getBuiltinModule('os');
		return -(os.constants.signals[r.signal] ?? 9);
	}
	return null;
}

function timeObj(d: Date, local: boolean): Record<string, number> {
	const Y = local ? d.getFullYear() : d.getUTCFullYear();
	const M = local ? d.getMonth() : d.getUTCMonth();
	const D = local ? d.getDate() : d.getUTCDate();
	const wd = local ? d.getDay() : d.getUTCDay();
	const start = Date.UTC(Y, 0, 1);
	const yday = Math.round((Date.UTC(Y, M, D) - start) / 86400000) + 1;
	let isdst = 0;
	if (local) {
		const jan = new Date(Y, 0, 1).getTimezoneOffset();
		const jul = new Date(Y, 6, 1).getTimezoneOffset();
		isdst = Math.max(jan, jul) !== d.getTimezoneOffset() && jan !== jul ? 1 : 0;
	}
	return {
		sec: local ? d.getSeconds() : d.getUTCSeconds(),
		min: local ? d.getMinutes() : d.getUTCMinutes(),
		hour: local ? d.getHours() : d.getUTCHours(),
		mday: D,
		mon: M + 1,
		year: Y,
		wday: wd ? wd : 7,
		yday,
		isdst,
	};
}

export function localtime(epoch?: any): any {
	const t = epoch != null ? Number(toInt64(epoch)) : time();
	return timeObj(new Date(t * 1000), true);
}

export function gmtime(epoch?: any): any {
	const t = epoch != null ? Number(toInt64(epoch)) : time();
	return timeObj(new Date(t * 1000), false);
}

/* Builtins print as native functions ("function name(...) { [native code] }"). */
for (const f of [print, printf, sprintf, warn, type, int, hex, json, length, push, pop, shift, unshift,
	slice, splice, sort, reverse, filter, map, uniq, keys, values, exists, min, max, index, rindex, join,
	split, substr, replace, match, regexp, trim, ltrim, rtrim, lc, uc, ord, chr, uchr, hexenc, hexdec,
	b64enc, b64dec, wildcard, iptoarr, arrtoip, die, exit, getenv, time, clock, sleep, system, localtime,
	gmtime]) nativeFns.add(f);

/** Internal helpers shared with the modules of this runtime. */
export const _internal = { tostr, tojson, toNumber, toInt64, truthy, enc, dec, blen, mkexc };
