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

/** Blank-line markers back to empty lines, 4-space indentation to tabs, one final newline. */
export function finishText(text: string): string {
	const out: string[] = [];
	for (const line of text.split('\n')) {
		const mark = /^\s*\/\*@@ucc-blank:(\d+)@@\*\/$/.exec(line);
		if (mark) {
			// The printer puts synthetic comments after the statement's own comments: the gap goes above those.
			const at = out.length - Number(mark[1]);
			if (at > 0 && out[at - 1] !== '' && out[at] !== '') out.splice(at, 0, '');
			continue;
		}
		const m = /^( +)/.exec(line);
		const n = m ? m[1].length : 0;
		out.push('\t'.repeat(Math.floor(n / 4)) + ' '.repeat(n % 4) + line.slice(n));
	}
	return out.join('\n').replace(/\/\*@@ucc-blank:\d+@@\*\/\s*/g, '').replace(/\n*$/, '\n');
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
