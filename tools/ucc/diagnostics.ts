/* Diagnostics: one shape for TypeScript errors and our own subset rules. */
import ts from 'typescript';

export interface UccDiagnostic { file: string; line: number; column: number; code: string; message: string; hint?: string }

export function formatDiagnostic(d: UccDiagnostic): string {
	return `${d.file}:${d.line}:${d.column} error ${d.code}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
}

/** A diagnostic pointing at the first non-trivia character of `node` (1-based line and column). */
export function diagAt(node: ts.Node, code: string, message: string, hint?: string): UccDiagnostic {
	const sf = node.getSourceFile();
	return diagAtPos(sf, node.getStart(sf), code, message, hint);
}

export function diagAtPos(sf: ts.SourceFile, pos: number, code: string, message: string, hint?: string): UccDiagnostic {
	const { line, character } = sf.getLineAndCharacterOfPosition(pos);
	const d: UccDiagnostic = { file: sf.fileName, line: line + 1, column: character + 1, code, message };
	if (hint) d.hint = hint;
	return d;
}
