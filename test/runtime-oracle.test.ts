/*
 * The runtime against real ucode: each assertion is one case of
 * /work/shared/ucode-oracle/cases.json, hand-translated into direct runtime calls.
 * Expected strings are copied from results.master.output (case name in the comment).
 * Cases about syntax the compiler rejects, or about values JS cannot represent
 * (1.0 vs 1, byte strings that are not UTF-8), are left out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as B from '../luci-app-mape/runtime/builtins.ts';
const {
	print, printf, sprintf, type, int, json, length, push, pop, shift, unshift, slice, splice, sort, reverse,
	filter, map, uniq, keys, values, exists, min, max, index, rindex, join, split, substr, replace, match,
	regexp, trim, ltrim, rtrim, lc, uc, die, getenv, time, localtime, gmtime, system, wildcard, ord,
	$add, $str, $band, $bor, $shl, $shr, $bnot, $exc,
} = B;

function out(fn: () => void): string {
	let buf = '';
	B.setOutput((s) => { buf += s; });
	try { fn(); }
	finally { B.setOutput((s) => { process.stdout.write(s); }); }
	return buf;
}

const cases: [string, () => void, string][] = [
	['arr_grow', () => { const a: any[] = [1]; a[3] = 4; for (let i = 0; i < a.length; i++) if (a[i] === undefined) a[i] = null; print(a, " ", length(a), "\n"); }, '[ 1, null, null, 4 ] 4\n'],
	['arr_hof', () => print(map([1, 2], (x: any, i: any, arr: any) => [x, i, length(arr)]), " ", filter([1, 2, 3, 4], (x: number) => x % 2), " ", reverse([1, 2, 3]), " ", reverse("abc"), " ", uniq([1, 1, "1", 2]), " ", min(3, 1, 2), " ", max("a" as any, "b" as any), " ", min(), "\n"),
		'[ [ 1, 0, 2 ], [ 2, 1, 2 ] ] [ 1, 3 ] [ 3, 2, 1 ] cba [ 1, "1", 2 ] 1 b \n'],
	['arr_index_in', () => print(index([1, "2"], "2"), " ", index([1, 2], "2"), "\n"), '1 -1\n'],
	['arr_mutators', () => { const a = [3, 1, 2]; const r1 = push(a, 4, 5); const r2 = pop(a); const r3 = shift(a); const r4 = unshift(a, 0); print(r1, " ", r2, " ", r3, " ", r4, " ", a, "\n"); }, '5 5 3 0 [ 0, 1, 2, 4 ]\n'],
	['arr_slice', () => print(slice([1, 2, 3, 4], 1, -1), " ", slice([1, 2, 3], -2), " ", slice([1, 2, 3]), "\n"), '[ 2, 3 ] [ 2, 3 ] [ 1, 2, 3 ]\n'],
	['arr_sort', () => { const a = [10, 9, 1, 2]; const r = sort(a); print(r, " ", a, " ", r === a, " ", sort(["b", "a", "C"]), " ", sort([3, 1, 2], (x: number, y: number) => y - x), " ", sort([3, 1, 2], ((x: number, y: number) => x > y) as any), " ", sort([3, "a", 1, null, true, "B"] as any[]), "\n"); },
		'[ 1, 2, 9, 10 ] [ 1, 2, 9, 10 ] true [ "C", "a", "b" ] [ 3, 2, 1 ] [ 1, 2, 3 ] [ 1, 3, "B", "a", null, true ]\n'],
	['arr_sort_object', () => print(sort({ b: 1, a: 2 } as any), "\n"), '{ "a": 2, "b": 1 }\n'],
	['arr_splice', () => { const a: any[] = [1, 2, 3, 4]; const r = splice(a, 1, 2, "x"); print(r, " ", a, " ", r === a, "\n"); }, '[ 1, "x", 4 ] [ 1, "x", 4 ] true\n'],
	['arrow_object_body', () => { const f = () => ({ a: 1 }); const g = (x: any) => x; print(f(), " ", g(3), "\n"); }, '{ "a": 1 } 3\n'],
	['assignment_in_cond', () => { let m; if ((m = match("ab", /b/)) != null) print(m[0], "\n"); }, 'b\n'],
	['bool_arith', () => print($add(true, true), " ", $add(true, "x"), "\n"), '2 truex\n'],
	['closure_in_loop_fix', () => { const fns: any[] = []; for (let i = 0; i < 3; i++) { const i_ = i; push(fns, () => i_); } print(map(fns, (f: any) => f()), "\n"); }, '[ 0, 1, 2 ]\n'],
	['concat', () => print($add("a", 1), " ", $add($add(1, 2), "a"), " ", $add("a", null), " ", $add("x", [1, 2]), " ", $add("x", { a: 1 }), " ", $add(1, null), " ", $add(1, true), " ", $add(null, null), " ", $add([], []), "\n"),
		'a1 3a anull x[ 1, 2 ] x{ "a": 1 } 1 2 0 NaN\n'],
	['delete_return', () => { const o: any = { a: 1 }; print(delete o["a"], " ", o, "\n"); }, 'true { }\n'],
	['equality_objects_json', () => { const a = { x: 1 }; const b = a; print(a == b, " ", a === b, " ", ({ x: 1 } as any) == ({ x: 1 } as any), "\n"); }, 'true true false\n'],
	['filter_map_index', () => print(filter(["a", "b", "c"], (x: any, i: number) => i != 1), " ", map(["1", "2", "3"], int as any), "\n"), '[ "a", "c" ] [ 1, "NaN", "NaN" ]\n'],
	['floor_helper', () => { const floor = (x: number) => { const i = int(x); return (x < 0 && i != x) ? i - 1 : i; }; print(floor(-2.5), " ", floor(2.5), " ", floor(-3), " ", floor(7 / 2.0), "\n"); }, '-3 2 -3 3\n'],
	['fn_args', () => { const f = (a: any, b: any) => [a, b ?? null]; print((f as any)(1), " ", (f as any)(1, 2, 3), "\n"); }, '[ 1, null ] [ 1, 2 ]\n'],
	['fn_rest', () => { const f = (a: any, ...rest: any[]) => [a ?? null, rest]; print(f(1, 2, 3), " ", (f as any)(), "\n"); }, '[ 1, [ 2, 3 ] ] [ null, [ ] ]\n'],
	['fn_recursive_decl', () => { function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1); } print(fact(5), "\n"); }, '120\n'],
	['getenv', () => print(type(getenv("PATH")), " ", getenv("NOPE_NOT_SET"), "|\n"), 'string |\n'],
	['implicit_return_null', () => { const f = (): any => null; print(type(f()), "|", f() == null, "\n"); }, '|true\n'],
	['index_from', () => print(index("abcabc", "c"), " ", rindex("abcabc", "c"), " ", index("", ""), " ", index("abc", ""), "\n"), '2 5 0 0\n'],
	['int_div_helper', () => { const div = (a: number, b: number) => { if (b == 0) return a > 0 ? Infinity : (a < 0 ? -Infinity : NaN); const r = a / (b + 0.0); return (r == int(r) && r > -9007199254740992.0 && r < 9007199254740992.0) ? int(r) : r; }; print(div(10, 4), " ", div(10, 2), " ", type(div(10, 2)), " ", div(-7, 2), " ", div(1, 0), " ", div(-1, 0), " ", div(0, 0), " ", div(1, 3), "\n"); },
		'2.5 5 int -3.5 Infinity -Infinity NaN 0.33333333333333\n'],
	['int_keys_json', () => { const o = json("{\"1\": \"a\", \"b\": 2}"); print(keys(o), " ", o[1], "\n"); }, '[ "1", "b" ] a\n'],
	['int_parse_large', () => print(int("99999999999999999999"), " ", json("99999999999999999999"), "\n"), 'NaN 18446744073709551615\n'],
	['join_null', () => print(join(",", ["a", null, 1.5, true, [1, 2], { x: 1 }]), "\n"), 'a,null,1.5,true,[ 1, 2 ],{ "x": 1 }\n'],
	['json_big_int', () => print(json("9007199254740993") > 9007199254740991, " ", json("1e400"), "\n"), 'true Infinity\n'],
	['json_format', () => print(sprintf("%J", { a: 1, b: "x", c: [1, 2], d: null, e: {}, f: function () { } }), "\n", sprintf("%.2J", { a: [1] }), "\n"),
		'{ "a": 1, "b": "x", "c": [ 1, 2 ], "d": null, "e": { }, "f": "function() { ... }" }\n{\n  "a": [\n    1\n  ]\n}\n'],
	['json_parse', () => { print(json("{\"a\":1,\"b\":[1,2.5,null,true]}"), " ", json("\"s\""), "\n"); try { json("{bad"); } catch (e0) { const e = $exc(e0); print(e.type, ": ", e.message, "\n"); } },
		'{ "a": 1, "b": [ 1, 2.5, null, true ] } s\nSyntax error: Failed to parse JSON string: quoted object property name expected\n'],
	['json_stringify_nulls', () => printf("%J\n", { a: null, b: [null], c: "x" }), '{ "a": null, "b": [ null ], "c": "x" }\n'],
	['keys_null', () => print(keys(null as any), "|", values(null as any), "|", length(keys({})), "\n"), '||0\n'],
	['length_misc', () => print(length({ a: 1, b: 2 }), " ", length(null as any), "|", length(5 as any), "|", length(true as any), "\n"), '2 ||\n'],
	['logical_assign', () => { let a: any = null; a ??= 5; let b: any = 0; b ||= 7; let c: any = 1; c &&= 9; const N: any = null, Z: any = 0; print(a, b, c, " ", N ?? Z ?? 1, " ", Z || "x", " ", Z && "x", "\n"); }, '579 0 x 0\n'],
	['ltrim_default', () => print("[", ltrim("\t\n x"), "]", "[", trim("xx", "x"), "]\n"), '[x][]\n'],
	['map_int_radix', () => print(map(["10", "10", "10"], (x: string, i: number) => int(x, i + 2)), "\n"), '[ 2, 3, 4 ]\n'],
	['max_mixed', () => print(max(1, "2" as any, 3.5), " ", min("b" as any, "a" as any), " ", max([1] as any, 2), "\n"), '3.5 a [ 1 ]\n'],
	['num_bitwise', () => print($bnot(0), " ", $shl(1, 31), " ", $shl(1, 63), " ", $shl(1, 64), " ", $shr(-5, 1), " ", $bor(3.7, 0), " ", $bor(-3.7, 0), " ", $band(0xffffffff, -1), "\n"),
		'18446744073709551615 2147483648 9223372036854775808 1 -3 3 -3 4294967295\n'],
	['num_compare_mixed', () => print(int(2.0) === 2, " ", json("2") === 2, "\n"), 'true true\n'],
	['num_literals', () => print(0x1F, " ", 0o17, " ", 0b101, " ", 15, " ", 5., " ", 1.5e3, "\n"), '31 15 5 15 5 1500\n'],
	['num_mod', () => print(7 % -3, " ", -7 % 3, " ", 7.5 % 2, " ", 7 % 2.5, "\n"), '1 -1 1.5 2\n'],
	['num_nan', () => { const n = NaN; print(n == n, " ", n != n, " ", type(n), "\n"); }, 'false true double\n'],
	['num_parse', () => print(int("42px"), " ", int("  -7"), " ", int("3.9"), " ", int(""), " ", int(null), " ", int("0x10"), " ", int("ff", 16), " ", int("1e5"), " ", int(3.9), " ", int(-3.9), "\n"),
		'42 -7 3 NaN 0 0 255 1 3 -3\n'],
	['num_tostring', () => print($add("", 0.1), " ", $add("", 0.1 + 0.2), " ", $add("", 1 / 3.0), " ", $add("", 2 ** 0.5), " ", $add("", 1e21), "\n"), '0.1 0.3 0.33333333333333 1.4142135623731 1e+21\n'],
	['num_types', () => print(type(1), " ", type(2 ** 10), " ", type(2 ** 0.5), "\n"), 'int int double\n'],
	['obj_computed', () => { const k = "dyn"; const o = { [k]: 1, [k + "2"]: 2, x: 7 }; print(o, "\n"); }, '{ "dyn": 1, "dyn2": 2, "x": 7 }\n'],
	['obj_delete_exists', () => { const o: any = { a: 1, b: 2, c: null }; print(delete o.a, " ", exists(o, "b"), " ", exists(o, "a"), " ", exists(o, "c"), " ", o.missing ?? null, " ", type(o.missing), " ", length(o), "\n"); }, 'true true false true   2\n'],
	['obj_iter', () => { const o: any = { b: 1, a: 2 }; for (const k in o) print(k, ":", type(k), " "); for (const k in o) print(k, "=", o[k], " "); print("\n"); }, 'b:string a:string b=1 a=2 \n'],
	['obj_keys_order', () => { const o: any = { b: 1, a: 3 }; print(keys(o)); delete o.b; o.b = 5; print(" ", keys(o), " ", values(o), "\n"); }, '[ "b", "a" ] [ "a", "b" ] [ 3, 5 ]\n'],
	['obj_spread', () => { const x = { ...{ a: 1 }, b: 2 }; const y = [...[1, 2], 3]; print(x, " ", y, " ", max(...[3, 9, 2]), "\n"); }, '{ "a": 1, "b": 2 } [ 1, 2, 3 ] 9\n'],
	['optional_chain', () => { const o: any = { a: { b: [1, { c: 2 }] }, f: null }; print(o?.a?.b?.[1]?.c, " ", o.x?.y ?? null, " ", o.f?.() ?? null, "|", o?.["a"]?.b[0], "\n"); }, '2  |1\n'],
	['print_returns', () => { const n = print("ab"); print(" ", n, "\n"); }, 'ab 2\n'],
	['print_values', () => print([1, "a", null, { x: true }], " ", null, "|", true, " ", 1.0, " ", {}, "\n"), '[ 1, "a", null, { "x": true } ] |true 1 { }\n'],
	['push_returns', () => { const a: any[] = []; print(push(a, 1, 2), " ", unshift(a, 0), " ", length(a), "\n"); }, '2 0 3\n'],
	['regex_classes', () => print(match("ab12", /\d+/), match("a b", /\s/), match("a_b", /\w+/), match("abc", regexp("[[:alpha:]]+")), "\n"), '[ "12" ][ " " ][ "a_b" ][ "abc" ]\n'],
	['regex_global_match', () => print(match("aXbX", /X/g), " ", match("me@host", /(\w+)@(\w+)/), " ", match("x", "x" as any), "|", type(/x/), " ", regexp("a+", "gi"), "\n"),
		'[ [ "X" ], [ "X" ] ] [ "me@host", "me", "host" ] |regexp /a+/gi\n'],
	['regex_lazy', () => print(match("aaa", regexp("a+?")), "\n"), '[ "aaa" ]\n'],
	['regex_lookahead (runtime regexp)', () => { try { regexp("a(?=b)"); } catch (e0) { const e = $exc(e0); print(e.type, ": ", e.message, "\n"); } }, 'Syntax error: Invalid preceding regular expression\n'],
	['regex_newline (master)', () => print(match("a\nb", regexp("a.b")), "|", match("a\nb", regexp("^b")), "|", match("a\nb", regexp("a.b", "s")), "|", match("ABC", /abc/i), "\n"), '|[ "b" ]|[ "a\\nb" ]|[ "ABC" ]\n'],
	['regex_split', () => print(split("a b  c", /\s+/), " ", split("a1b2c3", /\d/), "\n"), '[ "a", "b", "c" ] [ "a", "b", "c", "" ]\n'],
	['replace_dollar', () => print(replace("a.b", ".", "$"), "|", replace("abc", "b", "[$&]"), "|", replace("abc", "b", "$`"), "|", replace("abc", "b", "$'"), "|", replace("abc", /(b)/, "$1$1"), "|", replace("abc", "b", "$1"), "|", replace("abc", "b", "x$"), "|", replace("abc", "b", (m: string) => "$"), "\n"),
		'ab|a[b]c|aac|acc|abbc|a$1c|axc|a$c\n'],
	['replace_special', () => print(replace("a.b", ".", "$"), " ", replace("abc", /b/, "$$"), " ", replace("abc", /(b)/g, "\\1"), "\n"), 'ab a$c a\\1c\n'],
	['reverse_inplace', () => { const a = [1, 2, 3]; const r = reverse(a); print(a, " ", r, " ", r === a, "\n"); }, '[ 1, 2, 3 ] [ 3, 2, 1 ] false\n'],
	['slice_oob', () => print(slice([1, 2, 3], 5), " ", slice([1, 2, 3], 1, 100), " ", substr("abc", 5), "|", substr("abc", 1, 100), "\n"), '[ ] [ 2, 3 ] |bc\n'],
	['sort_stability', () => print(sort([{ k: 1, v: "a" }, { k: 0, v: "b" }, { k: 1, v: "c" }, { k: 0, v: "d" }], (x: any, y: any) => x.k - y.k), "\n"),
		'[ { "k": 0, "v": "b" }, { "k": 0, "v": "d" }, { "k": 1, "v": "a" }, { "k": 1, "v": "c" } ]\n'],
	['splice_neg', () => { const a = [1, 2, 3, 4, 5]; splice(a, -2, 1); print(a, "\n"); }, '[ 1, 2, 3, 5 ]\n'],
	['split_regex_capture', () => print(split("a1b2c", /([0-9])/), "\n"), '[ "a", "b", "c" ]\n'],
	['sprintf_d_string', () => printf("%d|%d|%d|%s|%s\n", "12abc", "12", 3.9, 1.0, 0.5), '0|12|3|1|0.5\n'],
	['sprintf_fmt', () => printf("%s %d %.3f %5s|%-5s| %x %o %c %% %s %d\n", "a", 42, 3.14159, "ab", "ab", 255, 8, 65, [1], "12abc"), 'a 42 3.142    ab|ab   | ff 10 A % [ 1 ] 0\n'],
	['sprintf_pad', () => printf("[%5s][%-5s][%05d][%.2f][%x][%X][%08.3f][%+d][%e]\n", "ab", "ab", 42, 2.675, 255, 255, 3.14159, 5, 12345.678), '[   ab][ab   ][00042][2.67][ff][FF][0003.142][+5][1.234568e+04]\n'],
	['str_bytes', () => { const s = "héllo"; print(length(s), " ", ord(s, 1), " ", uc(s), " ", length("\ud83d\ude00"), "\n"); }, '6 195 HéLLO 4\n'],
	['str_escape_unicode', () => print(length("\u00e9"), " ", "\u00e9" == "é", "\n"), '2 true\n'],
	['str_funcs', () => print(split("a,b,,c", ","), " ", split("abc", ""), " ", split("a,b,c", ",", 2), " ", split("", ","), " ", join("-", ["a", 1, null, true]), " ", index("hello", "l"), " ", rindex("hello", "l"), " ", index("hello", "z"), "\n"),
		'[ "a", "b", "", "c" ] [ "a", "b", "c" ] [ "a", "b,c" ] [ "" ] a-1-null-true 2 3 -1\n'],
	['str_replace', () => print(replace("a-b-c", "-", "+"), " ", replace("aXbXc", /X/, "_"), " ", replace("aXbXc", /X/g, "_"), " ", replace("ab", /(a)(b)/, "$2$1"), " ", replace("x", /x/, "$&$&"), " ", replace("abc", /b/, (m: string) => uc(m)), " ", replace("aaa", "a", "b", 2), "\n"),
		'a+b+c a_bXc a_b_c ba xx aBc bba\n'],
	['str_substr', () => print(substr("hello", 1), " ", substr("hello", 1, 2), " ", substr("hello", -3), " ", substr("hello", 1, -1), " ", slice("hello" as any, 1), "\n"), 'ello el llo ell \n'],
	['str_template', () => print(`x${1 + 1}y`, " ", `${$str(null)}|${$str([1, 2])}|${$str({ a: 1 })}|${$str(1.5)}`, "\n"), 'x2y null|[ 1, 2 ]|{ "a": 1 }|1.5\n'],
	['str_trim_case', () => print(trim("  x  "), "|", ltrim("xxaxx", "x"), "|", rtrim("a\n"), "|", lc("ABC"), "|", uc("abc"), "\n"), 'x|axx|a|abc|ABC\n'],
	['substr_neg_zero', () => print("[", substr("abc", -0), "]", "[", substr("abc", 3), "]", "[", substr("abc", 0, 0), "]\n"), '[abc][][]\n'],
	['system_call', () => print(system("true"), " ", system(["sh", "-c", "exit 3"]), "\n"), '0 3\n'],
	['ternary_chain', () => { const x: number = 5; print(x > 3 ? "big" : x > 1 ? "mid" : "small", "\n"); }, 'big\n'],
	['time_funcs', () => { const t = localtime(0); print(type(time()), " ", t.year >= 1969, " ", keys(gmtime(0)), "\n"); }, 'int true [ "sec", "min", "hour", "mday", "mon", "year", "wday", "yday", "isdst" ]\n'],
	['try_die', () => { try { die("oops"); } catch (e0) { const e = $exc(e0); print(type(e), " ", e.message, " ", e.type, " ", keys(e), "\n"); } }, 'object oops Error [ "type", "message", "stacktrace" ]\n'],
	['try_die_obj', () => { try { die({ code: 5 } as any); } catch (e0) { const e = $exc(e0); print(type(e.message), " ", e.message, "\n"); } }, 'string { "code": 5 }\n'],
	['try_no_binding', () => { try { die("x"); } catch { print("caught\n"); } }, 'caught\n'],
	['try_runtime', () => { try { const n: any = null; n.x.y; } catch (e0) { const e = $exc(e0); print(e.type, ": ", e.message, "\n"); } try { const a: any = 1; a(); } catch (e0) { const e = $exc(e0); print(e.type, ": ", e.message, "\n"); } },
		'Reference error: left-hand side expression is null\nType error: left-hand side is not a function\n'],
	['type_fn', () => print(type(print), " ", type(() => 1), " ", type([]), " ", type({}), " ", type(""), " ", type(true), " ", type(null), "|", type(/x/), "\n"), 'function function array object string bool |regexp\n'],
	['typeof_emulation', () => { const t = (v: unknown) => type(v) ?? "undefined"; print(t(null), " ", t(1), " ", t(1.5), " ", t("s"), " ", t(true), " ", t([]), " ", t({}), " ", t(t), "\n"); }, 'undefined int double string bool array object function\n'],
	['unicode_string_ops', () => print(uc("ä"), " ", lc("Ä"), " ", length("ä"), " ", substr("äb", 0, 1) == "ä", " ", split("äb", ""), "\n"), 'ä Ä 2 false [ "\ufffd", "\ufffd", "b" ]\n'],
	['uniq_objects', () => print(uniq([[1], [1], { a: 1 }, { a: 1 }] as any[]), "\n"), '[ [ 1 ], [ 1 ], { "a": 1 }, { "a": 1 } ]\n'],
	['while_break_continue', () => { let i = 0; const r: number[] = []; while (true) { i++; if (i == 2) continue; if (i > 4) break; push(r, i); } print(r, "\n"); }, '[ 1, 3, 4 ]\n'],
	['wildcard_in', () => print(wildcard("foo.txt", "*.txt"), "\n"), 'true\n'],
	['comma_seq', () => { const one = () => 1; const a = (one(), 2); print(a, "\n"); }, '2\n'],
	['closure_counter', () => { function mk() { let c = 0; return { inc: () => ++c, get: () => c }; } const m = mk(); m.inc(); m.inc(); print(m.get(), "\n"); }, '2\n'],
	['for_in_array_values', () => { const r: number[] = []; for (const x of [10, 20]) push(r, x); print(r, "\n"); }, '[ 10, 20 ]\n'],
	['nullish_precedence', () => { const N: any = null; print((N ?? 1) || 2, " ", (N ?? 0) || 2, "\n"); }, '1 2\n'],
	['template_nested', () => { const a = 1; print(`x${`y${a}`}z`, "\n"); }, 'xy1z\n'],
	['switch_strict', () => { const s: any = "1"; switch (s) { case 1: print("loose"); break; default: print("strict"); } print("\n"); }, 'strict\n'],
	['truthy (falsy values)', () => { const v: any[] = [0, "", "0", [], {}, null, 0.0, NaN, -0.0]; print(join(" ", map(v, (x: any) => !!x)), "\n"); }, 'false false true true true false false false false\n'],
	['num_json (subset JS can hold)', () => printf("%J\n", [0.1, 1 / 3.0, 1e21, NaN, 1 / 0]), '[ 0.1, 0.33333333333333, 1e+21, "NaN", 1e309 ]\n'],
	['obj_double_key', () => { const o: any = {}; o[$str(1.0)] = "a"; o[$str(2.5)] = "b"; print(keys(o), "\n"); }, '[ "1", "2.5" ]\n'],
	['obj_key_coercion (no null key)', () => { const o: any = {}; o[$str(1)] = "one"; o[$str(true)] = "t"; o[$str(1.5)] = "f"; print(keys(o), " ", o["1"], "\n"); }, '[ "1", "true", "1.5" ] one\n'],
	['this_call', () => { const o: any = {}; (function (this: any, v: number) { this.a = v; }).call(o, 42); print(o, "\n"); }, '{ "a": 42 }\n'],
];

for (const [name, fn, expected] of cases) {
	test(`oracle ${name}`, () => {
		assert.equal(out(fn), expected);
	});
}

test('oracle warn_stderr', () => {
	let err = '';
	B.setErrorOutput((s) => { err += s; });
	B.warn("to-stderr\n");
	B.setErrorOutput((s) => { process.stderr.write(s); });
	assert.equal(err, 'to-stderr\n');
});

test('oracle exit_code', () => {
	assert.throws(() => B.exit(3), (e: unknown) => e instanceof B.UcodeExit && e.code === 3);
	// exit is not catchable as a ucode exception
	assert.throws(() => { try { B.exit(3); } catch (e) { $exc(e); } }, B.UcodeExit);
});

test('oracle die_uncaught message', () => {
	try { die("fatal"); } catch (e) { assert.equal($exc(e).message, 'fatal'); }
});

test('oracle null_prop_assign (as $exc maps it)', () => {
	try { const o: any = null; o.x = 1; } catch (e) {
		const x = $exc(e);
		assert.equal(`${x.type}: ${x.message}`, 'Type error: attempt to set property on null value');
	}
});

/* Beyond the oracle: behaviour read from ucode's lib.c (not recorded output). */
test('builtins: iptoarr/arrtoip (inet_pton/inet_ntop rules)', () => {
	assert.deepEqual(B.iptoarr('192.168.1.1'), [192, 168, 1, 1]);
	assert.equal(B.iptoarr('01.2.3.4'), null);
	assert.equal(B.iptoarr('1.2.3'), null);
	assert.deepEqual(B.iptoarr('::1.2.3.4'), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
	assert.deepEqual(B.iptoarr('1:2:3:4:5:6:1.2.3.4'), [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4]);
	assert.equal(B.iptoarr('fe80::1%eth0'), null);
	assert.equal(B.iptoarr('1:2:3:4:5:6:7:8:9'), null);
	for (const [a, t] of [['2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:db8::ff00:42:8329'], ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
		['::', '::'], ['::1', '::1'], ['2001:db8::', '2001:db8::'], ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7'], ['2400:4050::1:0:0:1', '2400:4050::1:0:0:1']])
		assert.equal(B.arrtoip(B.iptoarr(a)), t);
	assert.equal(B.arrtoip([1, 2, 3]), null);
	assert.equal(B.arrtoip([1, 2, 3, 256]), null);
});

test('builtins: sprintf %g/%e/%f/%x corner cases (C printf)', () => {
	assert.equal(sprintf('%g|%g|%g|%g|%G', 10 / 3.0, 1e-5, 123456789, 0, 1e-10), '3.33333|1e-05|1.23457e+08|0|1E-10');
	assert.equal(sprintf('%#x|%#o|%x|%u', 255, 8, -1, -1), '0xff|010|ffffffffffffffff|18446744073709551615');
	assert.equal(sprintf('%5.1f|%-8.3e|% d|%+.2f', 3.14159, 1234.5, 5, -0.001), '  3.1|1.234e+03| 5|-0.00');
	assert.equal(sprintf('%*d|%2$s %1$s', 5, 'a'), '%*d|a 5');
	assert.equal(sprintf('%c%c', 104, 105), 'hi');
	assert.equal(sprintf('%.0f|%.0f|%.2f|%.1e', 0.5, 2.5, 1.005, 1e300), '0|2|1.00|1.0e+300');
	assert.equal(sprintf('%.2s|%5J|%f', 'hello', 'x', NaN), 'he|  "x"|nan');
});

test('builtins: encoders, wildcard, misc', () => {
	assert.equal(B.hexenc('Aé'), '41c3a9');
	assert.equal(B.hexdec('41 c3a9'), 'Aé');
	assert.equal(B.hexdec('4'), null);
	assert.equal(B.b64enc('hello'), 'aGVsbG8=');
	assert.equal(B.b64dec('aGVsbG8='), 'hello');
	assert.equal(B.b64dec('aGVsbG8'), null);
	assert.equal(B.wildcard('eth0.2', 'eth*'), true);
	assert.equal(B.wildcard('ETH0', 'eth[0-9]', true), true);
	assert.equal(B.wildcard('wan', 'w?n'), true);
	assert.equal(B.wildcard('wan', 'l*'), false);
	assert.equal(B.hex('ff'), 255);
	assert.ok(isNaN(B.hex('fg')));
	assert.equal(B.chr(65, 66), 'AB');
	assert.equal(B.uchr(0x20ac), '€');
	assert.equal(B.ord('abc', -1), 99);
	assert.equal(B.int('0x10', 16), 16);
	assert.equal(B.int(true), 1);
	assert.ok(isNaN(B.int([] as any)));
	assert.equal(B.json(' [1, {"a": "\\u00e9"}] ')[1].a, 'é');
	assert.throws(() => B.json('{"a":1} x'), (e: any) => e.type === 'Syntax error' && e.message === 'Trailing garbage after JSON data');
	assert.throws(() => B.json('{'), (e: any) => e.message === 'Failed to parse JSON string: unexpected end of data');
	assert.throws(() => B.regexp('a', 'm'), (e: any) => e.type === 'Type error' && e.message === "Unrecognized flag character 'm'");
	assert.equal(B.replace('abc', '', '-'), '-a-b-c-');
	assert.equal(B.replace('aaa', /a/g, (m: string) => m + '!', 2), 'a!a!a');
	assert.deepEqual(B.split('a,b,c', ',', 0), []);
	assert.deepEqual(B.split('a,b,c', ',', -1), []);
	assert.equal(B.rindex('abc', ''), 3);
	assert.equal(B.$bxor(5, 3), 6);
	assert.equal(B.$bnot(-1), 0);
	assert.equal(B.$shl(-1, 4), -16);
	assert.equal(B.$add('1', 2), '12');
	assert.equal(B.$add(null, true), 1);
	assert.ok(isNaN(B.$add({}, 1)));
	assert.equal(B.$str(0.1 + 0.2), '0.3');
});

test('builtins: regex literal printing and $delete (corpus 088-regexp, 028-delete)', () => {
	assert.equal(out(() => print(regexp("a+", "gi"), " ", /x\/y/, "\n")), '/a+/gi /x/y/\n');
	const o: any = { a: 1, c: null };
	assert.equal(B.$delete(o, 'a'), true);
	assert.equal(B.$delete(o, 'zz'), false);
	assert.equal(B.$delete(o, 'c'), true);
	assert.deepEqual(o, {});
});
