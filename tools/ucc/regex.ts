/* Which regular-expression features ucode's POSIX ERE engine lacks (checked at compile time). */

export interface RegexProblem { what: string; hint: string }

/**
 * How the pattern reaches regcomp():
 * - 'literal': a regex literal `/…/`. ucode's lexer rewrites escapes first; inside a
 *   bracket expression it keeps only the escaped character (`\]` → `]`, `\-` → `-`,
 *   `\\` → `\`, `\t` → tab), and regcomp() then reads a backslash there as a literal.
 * - 'string': the value of a string passed to regexp(), handed to regcomp() as is
 *   (the JavaScript runtime emulates POSIX ERE for these).
 */
export type RegexSource = 'literal' | 'string';

/** Escapes inside a bracket of a regex literal that mean the same member in ucode and JavaScript. */
const SAME_IN_BRACKET = new Set(['\\', '/', 't', 'n', 'r', 'f', 'v', '.', '*', '+', '?', '(', ')', '{', '}', '|', '$']);

const BRACKET_HINT_LITERAL = 'ucode drops the backslash inside [...] and POSIX regcomp() reads the rest: `\\]` closes the bracket, `\\-` makes a range, `\\^` keeps a backslash. '
	+ 'Write `]` as the first member escaped ([\\]a], [^\\]a]), `-` first or last ([a-]), `^` anywhere but first, a backslash as \\\\; . * + ? ( ) { } | $ / need no escape';
const BRACKET_HINT_STRING = 'in POSIX ERE a backslash inside [...] is a literal member, so "[\\\\]]" is [\\] followed by ]: '
	+ 'put `]` first ([]a]), `-` last ([a-]), and leave other characters unescaped; for a backslash member use a regex literal such as /[\\\\]/';

/** Problems of a regex literal `/body/flags`, or of a regexp() pattern string, for ucode; an empty list if none. */
export function regexProblems(body: string, flags: string, source: RegexSource = 'literal'): RegexProblem[] {
	const out: RegexProblem[] = [];
	const bad = flags.replace(source === 'literal' ? /[ig]/g : /[igs]/g, '');
	if (bad) out.push({ what: `flag(s) '${bad}'`, hint: 'only the i and g flags behave the same in ucode and JavaScript; split multi-line input into lines instead of using s/m' });
	let inClass = false;
	let classStart = -1; // index of the first member of the current bracket
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c === '\\') {
			const n = body[i + 1] ?? '';
			if (inClass) {
				if (/[dDwWsS]/.test(n)) out.push({ what: `\\${n} inside [...]`, hint: 'spell the class out, e.g. [0-9] for \\d, [A-Za-z0-9_] for \\w, [ \\t\\n\\r] for \\s' });
				else if (source === 'string') out.push({ what: 'a backslash inside [...]', hint: BRACKET_HINT_STRING });
				else if (!(SAME_IN_BRACKET.has(n) || (n === ']' && i === classStart) || (n === '[' && !/[:.=]/.test(body[i + 2] ?? ''))))
					out.push({ what: `\\${n} inside [...]`, hint: BRACKET_HINT_LITERAL });
			} else if (/[1-9]/.test(n)) out.push({ what: `backreference \\${n}`, hint: 'backreferences are unreliable in POSIX ERE; match and compare in code' });
			else if (n === 'k') out.push({ what: 'named backreference', hint: 'use numbered groups and compare in code' });
			else if (n === '<' || n === '>') out.push({ what: `\\${n}`, hint: `ucode's regcomp() reads \\${n} as a word boundary, JavaScript as a literal ${n}: write ${n} unescaped, or match the boundary in code` });
			else if (source === 'string' && (n === 'd' || n === 'D')) out.push({ what: `\\${n}`, hint: 'only regex literals expand \\d in ucode; regcomp() reads it as a plain d with glibc: write [0-9] (or [^0-9])' });
			i++;
			continue;
		}
		if (inClass) {
			if (c === '[' && /[:.=]/.test(body[i + 1] ?? '')) out.push({ what: `POSIX bracket syntax [${body[i + 1]}…${body[i + 1]}]`, hint: 'JavaScript does not know POSIX classes: write the ranges, e.g. [A-Za-z]; write a literal [ last in the bracket' });
			if (c === ']' && i !== classStart) inClass = false;
			continue;
		}
		if (c === '[') {
			inClass = true;
			if (body[i + 1] === '^') i++;
			classStart = i + 1;
			if (body[i + 1] === ']') {
				if (source === 'literal') out.push({ what: body[i] === '^' ? '[^]…' : '[]…', hint: 'JavaScript reads [] as an empty class and [^] as any character, ucode as a literal ]: escape it as the first member, [\\]a] or [^\\]a]' });
				i++; // ucode (and the runtime, for strings) reads a leading ] as a literal
			}
			continue;
		}
		if (c === '(' && body[i + 1] === '?') {
			const rest = body.slice(i + 2, i + 4);
			if (rest.startsWith(':')) out.push({ what: 'non-capturing group (?:', hint: 'use a plain capturing group (…) and ignore its match' });
			else if (rest.startsWith('=') || rest.startsWith('!') || rest === '<=' || rest === '<!') out.push({ what: 'lookaround', hint: 'POSIX ERE has no lookahead/lookbehind: match more and check in code' });
			else if (rest.startsWith('<')) out.push({ what: 'named group', hint: 'use a numbered group' });
			else out.push({ what: 'group modifier (?', hint: 'POSIX ERE only has plain groups' });
			continue;
		}
		if (c === '?' && i > 0 && /[*+?}]/.test(body[i - 1]) && body[i - 2] !== '\\')
			out.push({ what: 'lazy quantifier', hint: 'ucode reads a+? as an optional repetition (a+)?, not a lazy one: use a negated class such as [^,]* instead' });
	}
	return out;
}
