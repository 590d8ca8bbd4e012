/*
 * Errors as values (ucode has no `throw`): every engine function that can fail returns
 * either its result or a Failure, `{ error: { code, message } }`.
 *
 * `code` is stable (the CLI's JSON contract and the translations key on it); `message` is
 * English for humans and may change. Each module documents the codes it produces.
 */

export function fail(code: string, message: string): Failure {
	return { error: { code: code, message: message } };
}

export interface EngineError {
	code: string;
	message: string;
}

export interface Failure {
	error: EngineError;
}
