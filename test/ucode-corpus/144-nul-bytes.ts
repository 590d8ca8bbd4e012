// Strings may hold NUL bytes, but the builtins that pass them to C string functions stop at
// the first one: match(), replace() (subject, pattern and replacement), split() with a regex,
// regexp(), wildcard(), trim()'s ends, sprintf()'s format and %s, and string-to-number
// conversion (int(), %d). length(), index(), substr(), split() with a string, join() and +
// keep them.
const s = 'a\u0000b c\td';
const show = (v: unknown) => print(sprintf('%J', v), '\n');
show([length(s), index(s, '\u0000'), rindex(s, '\u0000'), index('ab', '\u0000'), index(s, 'b c'), substr(s, 1, 2)]);
show([split(s, ' '), split(s, /[ ]/), split(s, /x/), split('x\u0000y', ''), split('a\u0000b', '\u0000')]);
show([match('a\u0000b', /a.b/), match('\u0000b', /b/), match('ab\u0000ab', /b/g), match(s, /^a$/)]);
show([replace(s, 'b', 'X'), replace(s, '\u0000', 'N'), replace('ab', 'b', 'X\u0000Y'), replace(s, /[\t]/g, ' '),
	replace(s, /b/, (m: string) => '<' + m + '\u0000>'), replace('xx\u0000xx', 'x', 'y'), replace('ab', /b/, (m: string) => m + '\u0000!')]);
const r = regexp('a\u0000b');
show([match('a', r), match('ab', r), wildcard('a\u0000b', 'a*'), wildcard('a\u0000b', 'a'), wildcard('ab', 'a\u0000c')]);
show([trim('\u0000 a \u0000'), trim(' a\u0000 '), ltrim('\u0000 a'), rtrim('a \u0000\u0000'), trim('xax', 'x\u0000a'), trim('a\u0000', 'b')]);
show([sprintf('%s|%s', s, 'x'), sprintf('a\u0000%d', 1), length(sprintf('%s', s)), sprintf('%d', '12\u00003'), sprintf('%5s|', 'ab\u0000cd')]);
show([int('12\u00003'), int('\u00001'), join('\u0000', ['a', 'b']), hexenc('a\u0000b'), '' + s, length(`${s}`)]);
