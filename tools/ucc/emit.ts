/* The emission pipeline shared by the ucode and JavaScript back ends. */
import ts from 'typescript';

const BLANK = '@@ucc-blank';

/**
 * The TypeScript printer drops blank lines; mark statements that followed one in the
 * source with a synthetic comment `@@ucc-blank:k@@`, k being the number of comment lines
 * between the blank line and the statement, turned back into an empty line after printing.
 */
export function markBlankLines(sf: ts.SourceFile): void {
	const text = sf.text;
	const visit = (node: ts.Node): void => {
		const list = ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node) ? node.statements : null;
		if (list)
			for (const st of list) {
				const trivia = text.slice(st.pos, st.getStart(sf));
				const blanks = [...trivia.matchAll(/\n[ \t]*\r?\n/g)];
				if (!blanks.length) continue;
				const last = blanks[blanks.length - 1];
				const above = trivia.slice(last.index + last[0].length).split('\n').length - 1;
				ts.addSyntheticLeadingComment(st, ts.SyntaxKind.MultiLineCommentTrivia, `${BLANK}:${above}@@`, true);
			}
		ts.forEachChild(node, visit);
	};
	visit(sf);
}

/** [start, end) offsets of the string, template and regex literals of `text` (JavaScript). */
function literalRanges(text: string): [number, number][] {
	const sf = ts.createSourceFile('out.js', text, ts.ScriptTarget.ESNext, true, ts.ScriptKind.JS);
	const out: [number, number][] = [];
	const visit = (n: ts.Node): void => {
		if (ts.isStringLiteral(n) || ts.isTemplateLiteralToken(n) || ts.isRegularExpressionLiteral(n)) out.push([n.getStart(sf), n.end]);
		else ts.forEachChild(n, visit);
	};
	visit(sf);
	return out;
}

/**
 * Blank-line markers back to empty lines, 4-space indentation to tabs, `}` joined with a
 * following `else`/`catch`/`;`, one final newline. Lines that begin inside a multi-line
 * template literal are kept exactly as they are.
 */
export function finishText(text: string): string {
	const ranges = literalRanges(text);
	const inLiteral = (pos: number) => ranges.some(([s, e]) => pos > s && pos < e);
	const out: string[] = [];
	const verbatimLine = new Set<number>(); // indices into out
	let pos = 0;
	for (const line of text.split('\n')) {
		const start = pos;
		pos += line.length + 1;
		if (inLiteral(start)) { verbatimLine.add(out.length); out.push(line); continue; }
		const mark = /^\s*\/\*@@ucc-blank:(\d+)@@\*\/$/.exec(line);
		if (mark) {
			// The printer puts synthetic comments after the statement's own comments: the gap goes above those.
			const at = out.length - Number(mark[1]);
			if (at > 0 && out[at - 1] !== '' && out[at] !== '') {
				out.splice(at, 0, '');
				for (const i of [...verbatimLine].filter(i => i >= at).sort((a, b) => b - a)) { verbatimLine.delete(i); verbatimLine.add(i + 1); }
			}
			continue;
		}
		const m = /^( +)/.exec(line);
		const n = m ? m[1].length : 0;
		out.push('\t'.repeat(Math.floor(n / 4)) + ' '.repeat(n % 4) + line.slice(n));
	}
	// `}` / `else`, `}` / `catch (e) {`, `}` / `;` on one line, where both lines are code.
	const joined: string[] = [];
	for (let i = 0; i < out.length; i++) {
		const prev = joined.length - 1;
		const code = !verbatimLine.has(i) && !verbatimLine.has(i - 1);
		if (code && prev >= 0 && /^\t*\}$/.test(joined[prev]) && /^\t*(else\b|catch\b|;$)/.test(out[i])) {
			const rest = out[i].replace(/^\t*/, '');
			joined[prev] += rest === ';' ? ';' : ` ${rest}`;
			continue;
		}
		joined.push(out[i]);
	}
	return joined.join('\n').replace(/\/\*@@ucc-blank:\d+@@\*\/\s*/g, '').replace(/\n*$/, '\n');
}

/** Emits one file of `program` through the given `before` transformers; returns the JavaScript text. */
export function emitFile(program: ts.Program, sf: ts.SourceFile, before: ts.TransformerFactory<ts.SourceFile>[]): string {
	let out = '';
	const res = program.emit(sf, (name, text) => { if (name.endsWith('.js')) out = text; }, undefined, false, { before });
	if (res.emitSkipped) throw new Error(`ucc: emit skipped for ${sf.fileName}`);
	return out;
}

/** Numeric literal text ucode accepts: no separators, no leading-dot doubles. */
export function normaliseNumber(text: string): string {
	let t = text.replace(/_/g, '');
	if (t.startsWith('.')) t = `0${t}`;
	return t;
}

/** A string/template literal's raw text with escapes valid in ucode (`\0` → `\u0000`). */
export function normaliseEscapes(raw: string): string {
	return raw.replace(/\\(.)/gs, (m, c: string, off: number) => (c === '0' && !/[0-9]/.test(raw[off + 2] ?? '') ? '\\u0000' : m));
}

/** Replaces a literal with verbatim text (the printer would re-escape a real literal). */
export function verbatim(text: string, original: ts.Node): ts.Expression {
	const id = ts.factory.createIdentifier(text);
	ts.setTextRange(id, original);
	ts.setOriginalNode(id, original);
	return id;
}
