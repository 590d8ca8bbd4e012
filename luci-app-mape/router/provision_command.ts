/*
 * `mape provision`: HB46PP provisioning (core/hb46pp.ts is the protocol, router/provision_io.ts
 * the two network steps; on Node runtime/provision_io.ts does them with Node's DNS and HTTPS).
 *
 *   mape provision [--json] [--if-due] [--dns SERVER[#PORT]] [--domain NAME]
 *                  [--prefix PREFIX] [--ca-file FILE] [--vendorid ID] [--timeout SECONDS]
 *                  [--insecure-http-test-only]
 *
 * 1. The TXT record of 4over6.info (--domain: another name, for tests) from the uplink's own
 *    DNS servers (netifd's `dns-server` of wan6, in order, the next one only when one does
 *    not answer), or from --dns; never from a public resolver.
 * 2. A GET of the record's URL over IPv6 with vendorid (--vendorid, else mape.vendorid,
 *    else core/hb46pp.ts defaultVendorId), product luci-app-mape, version 0_1_0,
 *    capability map_e,dslite,hubspoke and the token of the last answer from that URL; the
 *    certificate is verified when the record says t=b (against --ca-file instead of the
 *    system's CAs when given). Plain http (allowed by the spec with t=a) is refused: the
 *    token and the answer would travel unprotected; --insecure-http-test-only allows it for
 *    tests, never for t=b. Redirects are refused (router/provision_io.ts says why).
 * 3. The answer validated and, for the line's prefix (--prefix, else wan6's as `mape
 *    status` finds it), turned into the calculation `mape calc` prints.
 *
 * Output: --json one object, `{"source":"hb46pp","url","ttl","method","service", …the
 * calculation's fields as `mape calc --json` has them (input = the prefix, null when
 * unknown; MAP-E: br … portsets, ceformat, mesh, rules; DS-Lite: aftr [aftr_address]), mtu,
 * warnings, provisioning, "raw": the answer as sent}`, or `{"error":{"code","message"}}`;
 * without --json the same for people. Exit 0 with an answer (and with --if-due when nothing
 * is due: no output), 1 without one, 2 bad usage.
 *
 * Cache: every run except those with --domain or --insecure-http-test-only writes
 * <MAPE_RUNDIR>/mape/hb46pp.json (/tmp/mape/hb46pp.json): `checked` and `next` (epoch
 * seconds; next from core/hb46pp.ts nextQueryDelay), `prefix`, `url`, `token`, `result` (the
 * last valid answer's output, kept through later failures: an error must not tear down
 * what works; dropped when the prefix changes), `expires` (checked + ttl) and `error` (the
 * last run's, or null). --if-due runs only when there is no cache, `next` has passed or
 * the prefix changed: the hotplug handler starts it on wan6 ifup/ifupdate, in the
 * background, and rpcd's `provision` starts a run the same way (startProvision,
 * provisionRpc): a DNS and HTTPS round trip must not hold netifd's hotplug chain or rpcd's
 * single loop; rpcd's `provision_status` reads the cache. When an --if-due run brings an
 * answer other than the cached one, it follows the line as the hotplug does
 * (router/follow.ts: with auto_follow, a configuration gone stale is re-applied).
 * One run at a time (<…>/mape/hb46pp.lock, taken over after 2 minutes).
 *
 * Error codes besides core/hb46pp.ts's: HB46PP_DISABLED (mape.hb46pp is 0),
 * HB46PP_NO_DNS_SERVER, HB46PP_NXDOMAIN, HB46PP_DNS_FAILED, HB46PP_DNS_TIMEOUT,
 * HB46PP_PLAIN_HTTP, HB46PP_HTTP_REDIRECT, HB46PP_HTTP_TLS, HB46PP_HTTP_TIMEOUT,
 * HB46PP_HTTP_CONNECT, HB46PP_HTTP_FAILED, HB46PP_NOT_SUBSCRIBER (HTTP 403 or 404),
 * HB46PP_HTTP_STATUS (any other status), HB46PP_TOOL_MISSING (nslookup or uclient-fetch
 * cannot be run), HB46PP_BUSY, and the settings' (BAD_INTERFACE_NAME, BAD_MTU).
 */
import * as fs from 'fs';
import { type Paths, paths, run, makeDirs, writeAtomic, readConfigs, PACKAGE, VERSION } from './system';
import { readSettings, type Settings } from '../core/settings';
import { snapshot, type Snapshot } from './configure';
import { followPrefix } from './follow';
import { lookupTxt, httpGet } from './provision_io';
import { findInterface } from '../core/linestate';
import { cachePath, readCache } from './provision_cache';
import { toJson } from '../core/result';
import { fail, type Failure } from '../core/failure';
import { type MapeCalculation } from '../core/mape';
import { type DsliteCalculation } from '../core/dslite';
import {
	DISCOVERY_NAME, MAX_BODY_BYTES, chooseTxtRecord, requestUrl, parseProvisioning, provisionedCalculation,
	defaultVendorId, nextQueryDelay, type ProvisioningServer, type ProvisioningRequest, type ProvisioningAnswer,
} from '../core/hb46pp';
import { formatReport, formatDsliteReport } from './calc_command';
import type { ErrorResult, Message, ProvisionCache, ProvisionStatus } from '../types/api';
import type { HttpAnswer, IoError, TxtRecords, TxtResult } from '../types/provision_io';

export const PROVISION_USAGE = 'Usage: mape provision [--json] [--if-due] [--dns ADDR[#PORT]] [--prefix P] [--vendorid ID]\n' +
	'  [--timeout S] [--ca-file FILE] [--domain NAME] [--insecure-http-test-only]\n';

const VALUED = ['dns', 'domain', 'prefix', 'ca-file', 'vendorid', 'timeout'];
const DISABLED = fail('HB46PP_DISABLED', 'HB46PP is off (mape.hb46pp 0).');

interface Options {
	json: boolean;
	ifDue: boolean;
	insecure: boolean;
	/** --dns as [address, port]. */
	dns: (string | number)[] | null;
	values: { [name: string]: string };
	timeout: number;
}

/** "ADDR" or "ADDR#PORT" (an IP address, no brackets) → [address, port], or null. */
function dnsServer(text: string): (string | number)[] | null {
	const parts = split(text, '#');
	const port = length(parts) == 2 && match(parts[1], /^[0-9]{1,5}$/) != null ? int(parts[1]) : (length(parts) == 1 ? 53 : 0);
	return length(parts) <= 2 && iptoarr(parts[0]) != null && port >= 1 && port <= 65535 ? [parts[0], port] : null;
}

function parseArguments(args: readonly string[]): Options | string {
	const o: Options = { json: false, ifDue: false, insecure: false, dns: null, values: {}, timeout: 10 };
	for (let i = 0; i < length(args); i++) {
		const name = substr(args[i], 2);
		if (args[i] == '--json') o.json = true;
		else if (args[i] == '--if-due') o.ifDue = true;
		else if (args[i] == '--insecure-http-test-only') o.insecure = true;
		else if (substr(args[i], 0, 2) == '--' && index(VALUED, name) >= 0 && i + 1 < length(args)) o.values[name] = args[++i];
		else return 'unknown option or missing value: ' + args[i];
	}
	const v = o.values;
	if (v.dns != null) o.dns = dnsServer(v.dns);
	if (v.timeout != null) o.timeout = match(v.timeout, /^[0-9]{1,2}$/) != null ? int(v.timeout) : 0;
	if ((v.dns != null && o.dns == null) || o.timeout < 1 || (v['ca-file'] != null && fs.access(v['ca-file'], 'r') != true)
		|| (v.domain != null && match(v.domain, /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/) == null)) return 'a bad --dns, --domain, --ca-file or --timeout';
	return o;
}

/** An I/O failure (types/provision_io.d.ts) with its words: the same on the router and on Node. */
function ioFailure(e: IoError, name: string, server: string): Failure {
	const words: { [code: string]: string } = {
		NXDOMAIN: 'NXDOMAIN for {name} at {server}: no HB46PP on this line.',
		DNS_FAILED: '{server} answered {detail} for {name}.',
		DNS_TIMEOUT: 'No answer from {server} for {name}.',
		HTTP_REDIRECT: 'Redirected: not followed, the target may not be verified HTTPS.',
		HTTP_TLS: 'TLS failed: certificate not verified, or no handshake.',
		HTTP_TIMEOUT: 'No answer in time.',
		HTTP_CONNECT: 'Server not reachable over IPv6, or the connection broke.',
		HTTP_FAILED: 'Request failed ({detail}).',
	};
	const fill: { [key: string]: string } = { name: name, server: server, detail: e.detail };
	return fail(e.code, replace(words[substr(e.code, 7)] ?? '{detail} could not be run.', /\{(name|server|detail)\}/g, (m: string, key: string) => fill[key]));
}

interface Outcome {
	url: string | null;
	answer: ProvisioningAnswer | null;
	calc: MapeCalculation | DsliteCalculation | null;
	result: { [key: string]: unknown } | null;
	error: Message | null;
}

function failed(url: string | null, e: Failure | ErrorResult): Outcome {
	return { url: url, answer: null, calc: null, result: null, error: e.error };
}

/** The answer's output object: source, url, ttl, method, service, the calculation, raw. */
function resultJson(url: string, answer: ProvisioningAnswer, calc: MapeCalculation | DsliteCalculation, input: string | null, raw: unknown): { [key: string]: unknown } {
	const j = toJson(input as string, calc);
	// Keys already there keep their place (ucode and JavaScript alike).
	return { source: 'hb46pp', url: url, ttl: answer.ttl, method: j.method, service: j.service, ...j, raw: raw };
}

/** One provisioning run (no output); `old`: the cache, for the token its server gave. */
function provisionOnce(p: Paths, o: Options, snap: Snapshot, prefix: string | null, old: ProvisionCache | null): Outcome {
	const work = p.rundir + '/mape/hb46pp-io';
	const name = o.values.domain ?? DISCOVERY_NAME;
	let servers: (string | number)[][] = [];
	if (o.dns != null) servers = [o.dns];
	else {
		const wan = findInterface(snap.live, snap.detection.uplink.interface) as { [key: string]: unknown } | null;
		const listed = wan != null && type(wan['dns-server']) == 'array' ? wan['dns-server'] as string[] : [];
		for (const s of listed) {
			const server = type(s) == 'string' ? dnsServer(s) : null;
			if (server != null) push(servers, server);
		}
	}
	if (length(servers) == 0) return failed(null, fail('HB46PP_NO_DNS_SERVER', 'No DNS server: wan6 has none.'));
	let found: TxtResult = { texts: [] };
	let shown = '';
	for (const s of servers) {
		shown = sprintf('%s#%d', s[0], s[1]);
		found = lookupTxt(work, s[0] as string, s[1] as number, name, max(1, int(o.timeout / 2)));
		if (found.error == null || (found.error.code != 'HB46PP_DNS_TIMEOUT' && found.error.code != 'HB46PP_DNS_FAILED')) break;
	}
	if (found.error != null) return failed(null, ioFailure(found.error, name, shown));
	const record = chooseTxtRecord((found as TxtRecords).texts);
	if (record.error != null) return failed(null, record as Failure);
	const server = record as ProvisioningServer;
	if (server.scheme == 'http' && !o.insecure) {
		return failed(server.url, fail('HB46PP_PLAIN_HTTP', 'Plain http refused: token and answer would be unprotected.'));
	}
	const s = snap.detection.settings;
	const request = requestUrl(server, {
		vendorid: o.values.vendorid ?? s.vendorid ?? defaultVendorId(snap.live.macaddr ?? null),
		product: PACKAGE, version: replace(VERSION, '.', '_'), capability: ['map_e', 'dslite', 'hubspoke'],
		token: old != null && old.url == server.url ? old.token : null,
	});
	if (request.error != null) return failed(server.url, request as Failure);
	const r = request as ProvisioningRequest;
	const got = httpGet(work, { url: r.url, verify: r.verify, cafile: o.values['ca-file'] ?? null, timeout: o.timeout, max: MAX_BODY_BYTES, agent: PACKAGE + '/' + VERSION });
	if (got.error != null) return failed(server.url, ioFailure(got.error, name, ''));
	const status = (got as HttpAnswer).status;
	if (status == 403 || status == 404) return failed(server.url, fail('HB46PP_NOT_SUBSCRIBER', sprintf('HTTP %d: not a known subscriber address.', status)));
	if (status != 200) return failed(server.url, fail('HB46PP_HTTP_STATUS', sprintf('Server answered HTTP %d.', status)));
	const body = (got as HttpAnswer).body;
	const answer = parseProvisioning(body);
	if (answer.error != null) return failed(server.url, answer as Failure);
	const calc = provisionedCalculation(answer, prefix);
	if (calc.error != null) return failed(server.url, calc as Failure);
	const c = calc as MapeCalculation | DsliteCalculation;
	return { url: server.url, answer: answer as ProvisioningAnswer, calc: c, error: null, result: resultJson(server.url, answer as ProvisioningAnswer, c, prefix, json(body)) };
}

/** The cache after a run (see the module comment). */
function nextCache(old: ProvisionCache | null, outcome: Outcome, prefix: string | null, now: number): ProvisionCache {
	const same = old != null && old.prefix == prefix;
	const c = clock();
	const ttl = outcome.answer != null ? outcome.answer.ttl : null;
	const keep = outcome.result == null && same;
	return {
		checked: now,
		next: now + nextQueryDelay(outcome.error != null ? outcome.error.code : null, ttl, c != null ? int(c[1] / 1000) : 0),
		prefix: prefix,
		url: outcome.url ?? (same ? old!.url : null),
		token: outcome.answer?.token ?? (old != null && old.url == outcome.url ? old.token : null),
		result: keep ? old!.result : outcome.result,
		expires: keep ? old!.expires : (ttl != null ? now + ttl : null),
		error: outcome.error,
	};
}

/** Takes the run lock; false when another run holds it (a lock older than 2 minutes is stale). */
function lock(p: Paths): boolean {
	const path = p.rundir + '/mape/hb46pp.lock';
	const st = fs.stat(path);
	if (st != null && time() - st.mtime > 120) fs.unlink(path);
	const f = fs.open(path, 'wx');
	if (f == null) return false;
	f.close();
	return true;
}

function unlock(p: Paths): void {
	fs.unlink(p.rundir + '/mape/hb46pp.lock');
}

function report(o: Options, outcome: Outcome): number {
	if (outcome.error != null) {
		if (o.json) printf('%J\n', { error: outcome.error });
		else printf('Error (%s): %s\n', outcome.error.code, outcome.error.message);
		return 1;
	}
	const r = outcome.result as { [key: string]: unknown };
	if (o.json) printf('%J\n', r);
	else {
		const input = r.input != null ? r.input as string : '(line prefix unknown)';
		printf('HB46PP answer from %s (ttl %s)\n%s', r.url, r.ttl != null ? r.ttl + ' s' : 'none',
			r.method == 'dslite' ? formatDsliteReport(input, outcome.calc as DsliteCalculation) : formatReport(input, outcome.calc as MapeCalculation));
	}
	return 0;
}

/** Whether this run's answer differs from the cached one for the line (a first answer does). */
function answerChanged(old: ProvisionCache | null, outcome: Outcome, prefix: string | null): boolean {
	if (outcome.result == null) return false;
	if (old == null || old.prefix != prefix || old.result == null) return true;
	return sprintf('%J', old.result.raw) != sprintf('%J', outcome.result.raw);
}

export function runProvision(args: readonly string[]): number {
	const parsed = parseArguments(args);
	if (type(parsed) == 'string') {
		warn('mape provision: ', parsed, '\n', PROVISION_USAGE);
		return 2;
	}
	const o = parsed as Options;
	const p = paths();
	const snap = snapshot(p);
	if (snap.error != null) return report(o, failed(null, snap as ErrorResult));
	const s = snap as Snapshot;
	if (!s.detection.settings.hb46pp) {
		return o.ifDue ? 0 : report(o, failed(null, DISABLED));
	}
	const prefix = o.values.prefix ?? s.detection.input;
	const cacheable = !o.insecure && o.values.domain == null;
	const now = time();
	const old = readCache(p);
	if (o.ifDue && old != null && now < old.next && old.prefix == prefix) return 0;
	if (!makeDirs(p.rundir + '/mape') || !lock(p)) return o.ifDue ? 0 : report(o, failed(null, fail('HB46PP_BUSY', 'Another run is in progress.')));
	const outcome = provisionOnce(p, o, s, prefix, cacheable ? old : null);
	if (cacheable) writeAtomic(cachePath(p), sprintf('%J\n', nextCache(old, outcome, prefix, now)));
	unlock(p);
	// The wan6 hotplug's background run: a new answer changes the line's parameters as a new
	// prefix does, and auto-follow treats it the same way (the hotplug itself ran before the
	// answer was there).
	if (o.ifDue && cacheable && answerChanged(old, outcome, prefix)) followPrefix(p);
	return report(o, outcome);
}

/** Starts `mape provision [--if-due]` in the background, output to /dev/null (returns at once). */
export function startProvision(p: Paths, ifDue: boolean): number {
	return run(p, ['/bin/sh', '-c', '"$0" provision "$@" </dev/null >/dev/null 2>&1 &', '/usr/sbin/mape', ...(ifDue ? ['--if-due'] : [])]);
}

/** rpcd: `provision` (start: a run in the background) and `provision_status` (ProvisionStatus). */
export function provisionRpc(start: boolean): { started: boolean } | ProvisionStatus | ErrorResult {
	const p = paths();
	const s = readSettings(readConfigs(p).mape);
	if (s.error != null) return s as ErrorResult;
	const on = (s as Settings).hb46pp;
	if (start) return on ? { started: startProvision(p, false) == 0 } : DISABLED;
	return { enabled: on, running: fs.stat(p.rundir + '/mape/hb46pp.lock') != null, cache: readCache(p) };
}
