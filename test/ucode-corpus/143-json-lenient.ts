// json() is json-c's tokener in its default, lenient mode: NaN and Infinity, comments,
// trailing commas, single quotes, case-insensitive literals, numbers such as "1." and "1e";
// errors at the end of the text are "unexpected end of data". Numbers are printed without
// their int/double distinction (JavaScript has one number type: 1.0 is 1 there).
const inputs = [
	// NaN, Infinity
	'NaN', 'nan', 'nAn', '-NaN', '[NaN]', '[nan,1]', '{"a":NaN}', 'Na', 'NaNx', 'NaN1', '[NaN1]',
	'Infinity', '-Infinity', 'infinity', 'INFINITY', 'iNfInItY', '[-Infinity,1]', 'Inf', '-inf', 'Infinityx', '[Infinity x]',
	'-I', '-Infinity1', '[-Infinity]', '1Infinity', '[1Infinity]', '[1 Infinity]',
	// null, true, false
	'null', 'NULL', 'nUlL', 'nul', 'nullx', 'null1', '[null1]', 'true', 'TRUE', 'tRuE', 'tru', 'truex', 'False', 'fals', '[true false]', '[true,false]',
	// numbers
	'1.', '1.e5', '1e', '1e+', '1E-', '-', '-0', '-0.0', '01', '00', '-01', '0x1', '1.2.3', '[1.2.3]', '--1', '1-2', '[1-2]', '+1',
	'1e5', '1E+2', '1e-2', '.5', '[.5]', '[1.]', '[1e]', '[-]', '[1e+]', '1e5e5', '1.5.', '1..2', '[1e5e5]',
	'9223372036854775808', '18446744073709551615', '18446744073709551616', '-9223372036854775808', '-9223372036854775809',
	'1e400', '-1e400', '[1e400]', '123456789012345678901234567890', '0.1e1', '2.50', '1E2',
	// arrays, objects, trailing commas
	'[1,]', '[1,,2]', '[,]', '[,1]', '[]', '[ ]', '{}', '{ }', '{"a":1,}', '{,}', '{"a":1,,"b":2}', '{"a":1 "b":2}', '{"a" 1}', '{"a":}', '{"a"}',
	'{a:1}', "{'a':1}", "{'a':'b'}", "['x', \"y\"]", '{"a":1,"a":2}', '{"b":1,"a":2,"b":3}', '[1 2]', '[1,2', '[1,2,', '{"a":1', '{"a"', '{"a":1,',
	'[', '{', ']', '}', '[}', '{]',
	// comments
	'/* c */ 1', '// c\n1', '[1 /* x */, 2]', '1 // tail', '1 /* tail */', '/x', '/* open', '[1,/**/2]', '{"a"/**/:/**/1}', '1/', '[1/]', '/**/', '//',
	// whitespace
	' 1 ', '\t\n\r1\r\n\t', '\f1', '1\f', '\v1', '1\v', '[\f1]', '[1\f]', '', ' ', '\n',
	// strings and escapes
	'"a"', '"a\\u00e9b"', '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ude00"', '"\\ud83dx"', '"\\ud83d\\n"', '"\\ud83d\\ud83d\\ude00"', '"\\u12"', '"\\u12g4"',
	'"\\x41"', '"\\\'"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"tab\there"', '"nl\nhere"', "'it'", "'say \"hi\"'", '"\\u0000"', '"a" "b"', '"open',
	'"\\', '"\\u', '"é"', '{"\\u00e9":1}', '{"k\\u0000x":1}', '"a"x', '"a"\t',
	// NUL bytes in the text
	'1\u0000', '1\u0000x', '[1]\u0000', '"a\u0000b"', '\u00001',
	// other
	'x', '@', 'é', '1 2', 'true false', '[1] ', '[1]x', '{"a":[{"b":{"c":[null]}}]}',
];
let dump: (v: unknown) => string;
dump = function (v: unknown): string {
	const t = type(v);
	if (t == 'int' || t == 'double') return v == 0 ? '0' : '' + v;
	if (t == 'array') return '[' + join(',', map(v as unknown[], (x) => dump(x))) + ']';
	if (t == 'object') {
		const o = v as { [key: string]: unknown };
		return '{' + join(',', map(keys(o), (k) => sprintf('%J:', k) + dump(o[k]))) + '}';
	}
	return sprintf('%J', v);
};
for (const s of inputs) {
	let out = '';
	try {
		const v = json(s);
		const t = type(v);
		out = dump(v) + ' ' + (t == 'int' || t == 'double' ? 'number' : t);
	} catch (e) {
		const ex = e as UcodeException;
		out = ex.type + ': ' + ex.message;
	}
	print(sprintf('%J', s), ' => ', out, '\n');
}
// Nesting: json-c allows 31 levels of arrays or objects.
for (const depth of [30, 31, 32, 33]) {
	let a = '';
	let o = '1';
	for (let i = 0; i < depth; i++) {
		a = '[' + a + ']';
		o = '{"k":' + o + '}';
	}
	for (const s of [a, o]) {
		try {
			json(s);
			print(depth, ' ok\n');
		} catch (e) {
			print(depth, ' ', (e as UcodeException).message, '\n');
		}
	}
}
