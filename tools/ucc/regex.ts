/* Which regular-expression features ucode's POSIX ERE engine lacks (checked at compile time). */

export interface RegexProblem { what: string; hint: string }

/** Problems of a regex literal `/body/flags` for ucode, or an empty list. */
export function regexProblems(body: string, flags: string): RegexProblem[] {
	const out: RegexProblem[] = [];
	const bad = flags.replace(/[ig]/g, '');
	if (bad) out.push({ what: `flag(s) '${bad}'`, hint: 'only the i and g flags behave the same in ucode and JavaScript; split multi-line input into lines instead of using s/m' });
	let inClass = false;
	for (let i = 0; i < body.length; i++) {
		const c = body[i];
		if (c === '\\') {
			const n = body[i + 1] ?? '';
			if (/[1-9]/.test(n) && !inClass) out.push({ what: `backreference \\${n}`, hint: 'backreferences are unreliable in POSIX ERE; match and compare in code' });
			else if (n === 'k' && !inClass) out.push({ what: 'named backreference', hint: 'use numbered groups and compare in code' });
			else if (inClass && /[dDwWsS]/.test(n)) out.push({ what: `\\${n} inside [...]`, hint: 'spell the class out, e.g. [0-9] for \\d, [A-Za-z0-9_] for \\w, [ \\t\\n\\r] for \\s' });
			i++;
			continue;
		}
		if (inClass) {
			if (c === '[' && body[i + 1] === ':') out.push({ what: 'POSIX class [[:…:]]', hint: 'JavaScript does not know POSIX classes: write the ranges, e.g. [A-Za-z]' });
			if (c === ']') inClass = false;
			continue;
		}
		if (c === '[') {
			inClass = true;
			if (body[i + 1] === '^') i++;
			if (body[i + 1] === ']') i++; // a leading ] is literal
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
			out.push({ what: 'lazy quantifier', hint: 'ucode silently treats it as greedy: use a negated class such as [^,]* instead' });
	}
	return out;
}
