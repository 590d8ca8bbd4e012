/* Names of ucode's global builtins, which typed ucode must never redeclare. */
import ts from 'typescript';
import { readFileSync } from 'node:fs';

/** Builtins ucode has but our lib does not declare (still off-limits as local names). */
const UNDECLARED_BUILTINS = [
	'proto', 'call', 'require', 'include', 'loadstring', 'loadfile', 'render', 'signal', 'gc',
	'assert', 'trace', 'sourcepath', 'global', 'exists', 'localtime', 'gmtime', 'timelocal',
	'timegm', 'printf', 'sprintf', 'warn',
];

/** Words the template syntax (`if (): … endif`) reserves in ucode. */
export const RESERVED_WORDS = new Set(['elif', 'endif', 'endfor', 'endwhile', 'endfunction']);

/** Values the lib declares as globals (functions and constants), read from the lib file itself. */
export function libGlobals(libPath: string): { functions: Set<string>; constants: Set<string> } {
	const sf = ts.createSourceFile(libPath, readFileSync(libPath, 'utf8'), ts.ScriptTarget.ES5, false);
	const functions = new Set<string>();
	const constants = new Set<string>();
	for (const st of sf.statements) {
		if (ts.isFunctionDeclaration(st) && st.name) functions.add(st.name.text);
		else if (ts.isVariableStatement(st))
			for (const d of st.declarationList.declarations)
				if (ts.isIdentifier(d.name)) constants.add(d.name.text);
	}
	return { functions, constants };
}

/** Every name a declaration must not use because ucode has a global builtin of that name. */
export function builtinNames(libPath: string): Set<string> {
	return new Set([...libGlobals(libPath).functions, ...UNDECLARED_BUILTINS]);
}

/** Globals that need no import in JavaScript (they are JavaScript globals with the same meaning). */
export const JS_NATIVE_GLOBALS = new Set(['NaN', 'Infinity']);
