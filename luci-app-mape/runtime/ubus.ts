/*
 * ucode's 'ubus' module over an injectable backend (tests, the PC CLI, the browser
 * bridge). Without a backend, connect() returns null and error() says why.
 * A backend call may return a reply object, null (no data) or throw; a thrown
 * { code, message } / UbusStatus sets the connection's error() like ubus status codes.
 */

export interface UbusBackend {
	call(object: string, method: string, args: Record<string, unknown>): unknown;
	list?(path?: string): string[];
}

/** ubus status texts as ucode's ubus.error() reports them. */
export const UBUS_STATUS: readonly string[] = [
	'Success', 'Invalid command', 'Invalid argument', 'Method not found', 'Not found', 'No response',
	'Permission denied', 'Request timed out', 'Operation not supported', 'Unknown error',
	'Connection failed', 'Out of memory', 'Parse error', 'System error',
];

/** Thrown by a backend to answer with a ubus status code (e.g. 4 = Not found). */
export class UbusStatus {
	code: number;
	constructor(code: number) { this.code = code; }
}

let backend: UbusBackend | null = null;
let lastError: string | null = null;

export function setUbusBackend(b: UbusBackend | null): void { backend = b; }

function statusText(code: number): string {
	return UBUS_STATUS[code] ?? 'Unknown error';
}

export class UbusConnection {
	private err: string | null = null;
	private closed = false;

	private fail(code: number): null {
		this.err = statusText(code);
		lastError = this.err;
		return null;
	}

	call(object: string, method: string, args?: Record<string, unknown> | null): unknown {
		if (this.closed || !backend) return this.fail(10);
		if (typeof object !== 'string' || typeof method !== 'string') return this.fail(2);
		if (args != null && (typeof args !== 'object' || Array.isArray(args))) return this.fail(2);
		try {
			const r = backend.call(object, method, args ?? {});
			this.err = null;
			return r === undefined ? null : r;
		}
		catch (e) {
			if (e instanceof UbusStatus) return this.fail(e.code);
			const code = (e as { code?: unknown })?.code;
			if (typeof code === 'number') return this.fail(code);
			throw e;
		}
	}

	list(path?: string | null): string[] | null {
		if (this.closed || !backend) return this.fail(10);
		if (!backend.list) return this.fail(8);
		const r = backend.list(path ?? undefined);
		if (path != null && r.length === 0) return this.fail(4);
		return r;
	}

	error(): string | null {
		const e = this.err;
		this.err = null;
		return e;
	}

	disconnect(): boolean | null {
		this.closed = true;
		return true;
	}
}

export function connect(socket?: string | null, timeout?: number | null): UbusConnection | null {
	void socket; void timeout;
	if (!backend) {
		lastError = 'Connection failed';
		return null;
	}
	return new UbusConnection();
}

export function error(): string | null {
	const e = lastError;
	lastError = null;
	return e;
}
