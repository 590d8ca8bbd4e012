/*
 * HB46PP's network steps on a PC: Node's DNS resolver and HTTP(S) client, with the same
 * exports and results as the router's router/provision_io.ts (types/provision_io.d.ts),
 * which the JavaScript build of the `mape` CLI imports this module in place of
 * (tools/build.ts jsPlatform).
 *
 * Typed ucode is synchronous, Node's I/O is not: each step runs in a child Node process
 * (the script below) that prints one JSON result; the CLI waits for it (spawnSync), with a
 * hard deadline as the router's capture() has.
 *
 * The child mirrors what the router's tools do, so that the same DNS and HTTP answers give
 * the same result on both (and the CLI prints the same bytes):
 *   - TXT: the first character-string of each record, up to a NUL, records whose first
 *     string is empty skipped (busybox nslookup prints exactly that). c-ares hands the
 *     bytes over as Latin-1; they are turned back into the UTF-8 text they were.
 *     NXDOMAIN → HB46PP_NXDOMAIN; SERVFAIL, REFUSED, FORMERR, NOTIMP → HB46PP_DNS_FAILED
 *     with that name; an unreadable reply likewise; anything else (timeout, ICMP refusal,
 *     which busybox keeps waiting through) → HB46PP_DNS_TIMEOUT. NODATA → no texts.
 *   - HTTP: IPv6 only, no proxy, the inactivity timeout. 301/302/307 with a Location →
 *     HB46PP_HTTP_REDIRECT without following it (uclient-fetch would follow it). 200 and
 *     204 → the body (at most max + 1 bytes), 416 → an empty body (uclient-fetch exits 0
 *     without output), any other status → that status. A failure before the TLS handshake
 *     completed on a connected socket → HB46PP_HTTP_TLS, other socket errors and a body
 *     cut short → HB46PP_HTTP_CONNECT.
 */
import { spawnSync } from 'node:child_process';
import type { HttpRequest, HttpResult, TxtResult } from '../types/provision_io';

const CHILD = String.raw`'use strict';
const q = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const done = (v) => { process.stdout.write(JSON.stringify(v)); process.exit(0); };
const fail = (code, detail) => done({ error: { code, detail: detail || '' } });
const text = (s) => Buffer.from(s, 'latin1').toString('utf8');
if (q.op === 'txt') {
	const r = new (require('dns').promises.Resolver)({ timeout: Math.max(500, q.timeout * 500), tries: 2 });
	r.setServers([(q.server.includes(':') ? '[' + q.server + ']' : q.server) + ':' + q.port]);
	r.resolveTxt(q.name).then((records) => done({ texts: records.filter((c) => c[0]).map((c) => text(c[0]).split('\0')[0]) }), (e) => {
		const rcode = { ESERVFAIL: 'SERVFAIL', EREFUSED: 'REFUSED', EFORMERR: 'FORMERR', ENOTIMP: 'NOTIMP' }[e.code];
		if (e.code === 'ENOTFOUND') fail('HB46PP_NXDOMAIN');
		else if (e.code === 'ENODATA') done({ texts: [] });
		else if (rcode) fail('HB46PP_DNS_FAILED', rcode);
		else if (e.code === 'EBADRESP') fail('HB46PP_DNS_FAILED', 'unreadable answer');
		else fail('HB46PP_DNS_TIMEOUT');
	});
} else {
	const u = new URL(q.url);
	const tls = u.protocol === 'https:';
	const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
	const o = { host, port: u.port || (tls ? 443 : 80), path: u.pathname + u.search, family: 6, agent: false,
		headers: { 'User-Agent': q.agent }, timeout: q.timeout * 1000 };
	if (tls) {
		o.rejectUnauthorized = q.verify;
		if (!require('net').isIP(host)) o.servername = host;
		if (q.verify && q.cafile) o.ca = require('fs').readFileSync(q.cafile);
	}
	let connected = false, secured = false;
	const req = require(tls ? 'https' : 'http').get(o, (res) => {
		const s = res.statusCode;
		if ([301, 302, 307].includes(s) && res.headers.location) fail('HB46PP_HTTP_REDIRECT');
		if (s === 416) done({ status: 200, body: '' });
		if (s !== 200 && s !== 204) done({ status: s, body: '' });
		const chunks = [];
		let n = 0;
		const body = () => Buffer.concat(chunks).subarray(0, q.max + 1).toString('utf8');
		res.on('data', (c) => { chunks.push(c); n += c.length; if (n > q.max) done({ status: 200, body: body() }); });
		res.on('end', () => done({ status: 200, body: body() }));
		res.on('aborted', () => fail('HB46PP_HTTP_CONNECT'));
		res.on('error', () => fail('HB46PP_HTTP_CONNECT'));
	});
	req.on('socket', (socket) => {
		socket.on('connect', () => { connected = true; });
		socket.on('secureConnect', () => { secured = true; });
	});
	req.on('timeout', () => fail('HB46PP_HTTP_TIMEOUT'));
	req.on('error', () => fail(tls && connected && !secured ? 'HB46PP_HTTP_TLS' : 'HB46PP_HTTP_CONNECT'));
}
`;

/** Runs the child with `request` on stdin; its JSON result, or `onTimeout` past the deadline. */
function child<T>(request: Record<string, unknown>, ms: number, onTimeout: string): T {
	const r = spawnSync(process.execPath, ['-e', CHILD], { input: JSON.stringify(request), encoding: 'utf8', timeout: ms, killSignal: 'SIGKILL' });
	if (r.status === 0) {
		try { return JSON.parse(r.stdout) as T; } catch { /* fall through */ }
	}
	const timedOut = r.signal === 'SIGKILL' || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
	return { error: { code: timedOut ? onTimeout : 'HB46PP_TOOL_MISSING', detail: timedOut ? '' : 'node' } } as T;
}

export function lookupTxt(work: string, server: string, port: number, name: string, timeout: number): TxtResult {
	void work;
	return child<TxtResult>({ op: 'txt', server, port, name, timeout }, (timeout * 2 + 5) * 1000, 'HB46PP_DNS_TIMEOUT');
}

export function httpGet(work: string, req: HttpRequest): HttpResult {
	void work;
	return child<HttpResult>({ op: 'get', ...req }, (req.timeout * 3 + 5) * 1000, 'HB46PP_HTTP_TIMEOUT');
}
