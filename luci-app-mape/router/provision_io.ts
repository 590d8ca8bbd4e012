/*
 * HB46PP's network steps on the router, with what a stock OpenWrt 23.05/24.10 image has
 * (types/provision_io.d.ts is the contract; on Node, runtime/provision_io.ts replaces this
 * module):
 *
 *   lookupTxt   busybox `nslookup -type=txt -timeout=N NAME SERVER:PORT`; its output:
 *               `NAME<TAB>text = "…"` per record (the first character-string, raw bytes),
 *               `** server can't find NAME: RCODE` (NXDOMAIN, SERVFAIL, REFUSED…),
 *               `;; connection timed out; no servers could be reached`, nothing for NODATA
 *               (busybox 1.35/1.36 networking/nslookup.c; 1.36.1 is 23.05's and 24.10's)
 *   httpGet     `uclient-fetch -6 -Y off -T N -U AGENT -O - [--no-check-certificate |
 *               --ca-certificate=FILE] -- URL`, without -q: only then does it say why it
 *               failed, on stderr (openwrt/uclient uclient-fetch.c): `HTTP error N` (exit
 *               8), `Connection error: Connection timed out` / `Connection failed` (exit
 *               4), `… SSL certificate` (exit 5), `SSL error: …`, `Redirected to …`.
 *               It follows 301/302/307 by itself and does not say to which scheme, so an
 *               answer that came through a redirect is refused (HB46PP_HTTP_REDIRECT):
 *               a t=b server's answer must not be taken from plain HTTP.
 *
 * Each tool runs through capture(): `/bin/sh -c SCRIPT` where SCRIPT is a constant and every
 * value (the size limit, the file prefix, the command and its arguments) arrives as a
 * positional parameter, so nothing a server, the DNS or the user supplies is ever parsed
 * by a shell. The shell sets `ulimit -f` (a server cannot fill /tmp: past the limit the
 * kernel stops the tool with SIGXFSZ) and execs the tool with stdout and stderr in files,
 * so ucode's system() waits for the tool itself and its deadline kills the tool itself:
 * nothing is left running.
 */
import * as fs from 'fs';
import type { HttpRequest, HttpResult, IoFailure, TxtResult } from '../types/provision_io';

const SCRIPT = 'o=$1; shift; ulimit -f "$0" && exec "$@" </dev/null >"$o.out" 2>"$o.err"';

interface Captured {
	out: string;
	err: string;
	/** The exit status; negative: the signal that ended it (-9 the deadline, -25 the size limit). */
	rc: number;
}

function ioFail(code: string, detail: string): IoFailure {
	return { error: { code: code, detail: detail } };
}

/**
 * Runs argv with stdout and stderr in <work>.out and <work>.err (removed again), each
 * stopped past `limit` bytes rounded up to 512 (ulimit -f counts blocks); killed after `ms`.
 */
export function capture(work: string, argv: string[], limit: number, ms: number): Captured {
	const rc = system(['/bin/sh', '-c', SCRIPT, '' + int((limit + 511) / 512), work, ...argv], ms);
	const got: string[] = [];
	for (const ext of ['.out', '.err']) {
		push(got, fs.readfile(work + ext) ?? '');
		fs.unlink(work + ext);
	}
	return { out: got[0], err: got[1], rc: rc };
}

/** "[addr]:port" or "a.b.c.d:port", as busybox takes a server. */
function serverArg(server: string, port: number): string {
	return (index(server, ':') >= 0 ? '[' + server + ']' : server) + ':' + port;
}

export function nslookupArgv(server: string, port: number, name: string, timeout: number): string[] {
	return ['nslookup', '-type=txt', '-timeout=' + timeout, name, serverArg(server, port)];
}

/** busybox nslookup's output and exit status → the texts, or why not. */
export function parseNslookup(out: string, rc: number): TxtResult {
	const texts: string[] = [];
	for (const line of split(out, '\n')) {
		const at = index(line, '\ttext = "');
		if (at > 0 && substr(line, -1) == '"') push(texts, substr(line, at + 9, -1));
		else if (index(line, '** server can\'t find ') == 0) {
			const rcode = substr(line, rindex(line, ': ') + 2);
			return rcode == 'NXDOMAIN' ? ioFail('HB46PP_NXDOMAIN', '') : ioFail('HB46PP_DNS_FAILED', rcode);
		}
		else if (index(line, ';; connection timed out') == 0) return ioFail('HB46PP_DNS_TIMEOUT', '');
		else if (index(line, '*** Can\'t find ') == 0) return ioFail('HB46PP_DNS_FAILED', 'unreadable answer');
	}
	if (rc == 127) return ioFail('HB46PP_TOOL_MISSING', 'nslookup');
	if (rc != 0) return ioFail(rc < 0 ? 'HB46PP_DNS_TIMEOUT' : 'HB46PP_DNS_FAILED', rc < 0 ? '' : sprintf('nslookup exit %d', rc));
	return { texts: texts };
}

export function lookupTxt(work: string, server: string, port: number, name: string, timeout: number): TxtResult {
	const r = capture(work, nslookupArgv(server, port, name, timeout), 65536, (timeout * 2 + 5) * 1000);
	return parseNslookup(r.out, r.rc);
}

export function uclientArgv(req: HttpRequest): string[] {
	const argv = ['uclient-fetch', '-6', '-Y', 'off', '-T', '' + req.timeout, '-U', req.agent, '-O', '-'];
	if (!req.verify) push(argv, '--no-check-certificate');
	else if (req.cafile != null) push(argv, '--ca-certificate=' + req.cafile);
	push(argv, '--', req.url);
	return argv;
}

/** uclient-fetch's body, stderr and exit status → the answer, or why not. */
export function parseUclient(out: string, err: string, rc: number, limit: number): HttpResult {
	let status = 0;
	let redirected = false;
	let tls = false;
	let timedOut = false;
	for (const line of split(err, /[\r\n]/)) {
		const http = match(line, /^HTTP error ([0-9]+)$/);
		if (http != null) status = int(http[1]);
		// "Redirected to …", "Failed to redirect to …"
		if (index(line, 'edirect') > 0) redirected = true;
		if (index(line, 'Partial content received') >= 0) status = 206;
		// "SSL error: …", "SSL verify error: …", "Connection error: Invalid SSL certificate",
		// "… does not match SSL certificate" (not when followed by "(ignored)": t=a), and "SSL
		// support not available" (no libustream-*: no TLS at all)
		if (index(line, 'SSL') >= 0 && index(line, '(ignored)') < 0) tls = true;
		if (line == 'Connection error: Connection timed out') timedOut = true;
	}
	if (rc == 127) return ioFail('HB46PP_TOOL_MISSING', 'uclient-fetch');
	if (redirected) return ioFail('HB46PP_HTTP_REDIRECT', '');
	// Past the size limit the kernel stopped it; the length says it all.
	if (rc == 0 || length(out) > limit) return { status: 200, body: out };
	if (status > 0) return { status: status, body: '' };
	if (rc == 5 || tls) return ioFail('HB46PP_HTTP_TLS', '');
	if (timedOut || rc < 0) return ioFail('HB46PP_HTTP_TIMEOUT', '');
	if (rc == 4) return ioFail('HB46PP_HTTP_CONNECT', '');
	return ioFail('HB46PP_HTTP_FAILED', sprintf('uclient-fetch exit %d', rc));
}

export function httpGet(work: string, req: HttpRequest): HttpResult {
	const r = capture(work, uclientArgv(req), req.max + 1, (req.timeout * 3 + 5) * 1000);
	return parseUclient(r.out, r.err, r.rc, req.max);
}
