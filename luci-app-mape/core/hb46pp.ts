/*
 * HB46PP (HTTP-Based IPv4 over IPv6 Provisioning Protocol, "v6mig", v6pc/v6mig-prov 1.1):
 * the pure half. The router looks up the TXT record of 4over6.info through the line's own
 * resolvers and fetches the provisioning URL over IPv6; everything in between is decided
 * here, from text, with no I/O:
 *
 *   parseTxtRecord(text)      one TXT record → the provisioning server (URL, certificate policy)
 *   chooseTxtRecord(texts)    the TXT records of 4over6.info → the one v6mig-1 record's server
 *   requestUrl(server, fields)  the GET URL with vendorid, product, version, capability,
 *                             token and, when allowed, user/pass
 *   parseProvisioning(body)   the JSON body of a 200 answer → a validated answer
 *   validateProvisioning(v)   the same for an already parsed value
 *   chooseMethod(answer, forced)  the method to run: the first of `order` this package can
 *                             run (map_e, dslite), or the user's forced one
 *   provisionedCalculation(answer, prefix, options)
 *                             the answer for the line's prefix, in the shape of `mape calc`
 *                             (mape.mape MapeCalculation or mape.dslite DsliteCalculation)
 *                             with source "hb46pp"; without a prefix (null) DS-Lite only
 *   defaultVendorId(mac)      the vendorid this package sends unless one is configured
 *   nextQueryDelay(code, ttl, r)  seconds until the next query after an outcome (§1.7)
 *
 * Facts from shared/docs/ipv4-over-ipv6-provisioning.md §1 (and japan-ipoe.md §9):
 *   TXT    `v=v6mig-1 url=<URL> t=<a|b>`, space-separated key=value tokens; t=a: do not
 *          verify the certificate, t=b: verify; an http URL must carry t=a. Other keys are
 *          ignored; a `?` already in the URL is kept (parameters then follow with `&`).
 *   GET    vendorid = 6 hex digits (OUI) [+ "-" + ≤ 24 of [0-9A-Za-z_]], product ≤ 32 of
 *          [A-Za-z0-9_-], version [0-9_]{1,32} (1_32 for 1.32), capability a comma list of
 *          464xlat dslite ipip lw4o6 map_e map_t hubspoke mesh, token (from an earlier
 *          answer), user/pass (≤ 32 of [A-Za-z0-9_-] each, both or neither; when the user
 *          also configured a server name, only over https with t=b to that host). Every
 *          value is made of characters that need no escaping, so the query is written as is.
 *   JSON   enabler_name, service_name, isp_name: strings of at most 256 bytes including the
 *          quotes (254 bytes of text); ttl: integer seconds, 0..604800; token: 64 lowercase
 *          hex digits; auth: "req", "bad" or "ok"; order: array of method names (464xlat
 *          dslite ipip lw4o6 map_e map_t; an empty order offers nothing); map_e: {version
 *          0/1 (0 or absent: draft-03 "legacy" CE interface id, 1: RFC 7597), mesh 0/1 or
 *          false/true (absent: hub-and-spoke), br (IPv6 address), rules (1..256) of {ipv6
 *          "prefix/len", ipv4 "prefix/len", ea_length, psid_offset}}, psidlen derived as
 *          ea_length − (32 − ipv4 length); dslite: {aftr: DNS name or IPv6 address}.
 *          Unknown keys are ignored.
 *
 * Decisions of this module (the spec leaves them open):
 *   - what this package uses is checked completely: the names, ttl, token, auth, order,
 *     and map_e and dslite (required when `order` names them). A key whose value is null
 *     counts as absent. The objects of methods it cannot run (lw4o6, map_t, 464xlat, ipip)
 *     are not read, so, like unknown keys, they cannot make an answer invalid: a server's
 *     quirk there must not stop the DS-Lite or MAP-E it also offers;
 *   - integral numbers written as doubles (86400.0, 8.64e4) count as integers;
 *   - a body is at most MAX_BODY_BYTES: 256 rules of about 100 bytes, pretty-printed, stay
 *     far below it;
 *   - a TXT record or URL is at most 1024 bytes; a URL's host must be a DNS name or an IPv6
 *     address in brackets (an IPv4 address cannot be reached: the server is asked over IPv6);
 *   - the answer's method wins over the tables; when they disagree, a warning says so;
 *   - ttl 0 is valid as the spec writes it; nextQueryDelay() still waits 10 minutes;
 *   - the vendorid (the spec wants the vendor's own OUI; an OpenWrt package has none, §1.9):
 *     the OUI of the uplink's MAC address when it is a universally administered one (it
 *     names the hardware's maker, as the Linksys firmware does), else the documentation OUI
 *     acde48, followed by "-luci_app_mape" naming this package; /etc/config/mape
 *     `vendorid` replaces it;
 *   - when to ask again (§1.7): after a valid answer its ttl (at least 10 minutes), 20-24 h
 *     without one; no HB46PP here (NXDOMAIN, NODATA, no or a malformed v6mig-1 record)
 *     1-3 h; a DNS failure 1-10 min; anything else (no or a bad HTTP answer) 10-30 min.
 * Token: an answer's token comes back as `token`; the caller keeps it (with now + ttl, across
 * reboots, §1.9) and passes it to requestUrl() next time. An answer without one says nothing
 * about a stored token.
 * A record that is not v6mig-1 or is malformed means "no provisioning" to the caller (like
 * NODATA, §1.7); an invalid answer means "keep what runs, ask again in 10-30 minutes".
 *
 * Error codes (stable; the message names the field):
 *   HB46PP_NO_RECORD            no v=v6mig-1 TXT record among the name's records
 *   HB46PP_MULTIPLE_RECORDS     more than one (the spec allows exactly one)
 *   HB46PP_TXT_NOT_V6MIG        the record does not start with v=v6mig-1
 *   HB46PP_TXT_TOO_LONG         not text, or longer than MAX_TXT_BYTES
 *   HB46PP_TXT_MALFORMED        a part without "=", or a key twice
 *   HB46PP_TXT_NO_URL, HB46PP_TXT_BAD_URL, HB46PP_TXT_BAD_T (t missing or not a/b)
 *   HB46PP_TXT_HTTP_VERIFY      t=b with an http URL
 *   HB46PP_BAD_VENDORID, HB46PP_BAD_PRODUCT, HB46PP_BAD_VERSION, HB46PP_BAD_CAPABILITY,
 *   HB46PP_BAD_TOKEN, HB46PP_BAD_USER, HB46PP_BAD_PASS     a request field (token: also the
 *                               answer's)
 *   HB46PP_TOO_LARGE, HB46PP_BAD_JSON (not text, or not JSON), HB46PP_NOT_OBJECT   the body
 *   HB46PP_BAD_ENABLER_NAME, HB46PP_BAD_SERVICE_NAME, HB46PP_BAD_ISP_NAME, HB46PP_BAD_TTL,
 *   HB46PP_BAD_AUTH, HB46PP_BAD_ORDER                      an answer field
 *   HB46PP_BAD_MAP_E, HB46PP_BAD_MAP_E_VERSION, HB46PP_BAD_MAP_E_MESH, HB46PP_BAD_MAP_E_BR,
 *   HB46PP_BAD_MAP_E_RULES, HB46PP_BAD_MAP_E_IPV6, HB46PP_BAD_MAP_E_IPV4,
 *   HB46PP_BAD_MAP_E_EA_LENGTH, HB46PP_BAD_MAP_E_PSID_OFFSET   map_e (the last four: a rule's
 *                               fields, the message says which rule)
 *   HB46PP_BAD_DSLITE, HB46PP_BAD_DSLITE_AFTR              dslite
 *   HB46PP_NOTHING_OFFERED      `order` is empty
 *   HB46PP_NO_USABLE_METHOD     `order` names only methods this package cannot run
 *   HB46PP_METHOD_NOT_OFFERED   the forced method has no data in the answer
 *   HB46PP_NO_MATCHING_RULE     no map_e rule covers the line's prefix
 *   HB46PP_NO_PREFIX            a map_e answer, but the line's prefix is unknown
 *   and, for the line's prefix, the codes of mape.ipv6 and mape.mape (PREFIX_TOO_SHORT,
 *   NO_PORT_SETS).
 * Warning code: HB46PP_DIFFERS_FROM_TABLE (the tables put the prefix under the other method).
 */
import { fail, type Failure } from './failure';
import { parseIpv6, formatIpv6 } from './ipv6';
import { parseIpv4, formatIpv4, ipv4ToNumber } from './ipv4';
import { bitsAreZero, samePrefix } from './bits';
import { identify } from './identify';
import { calculateWithRule, DEFAULT_MTU, type MapeCalculation } from './mape';
import { SERVICES } from './rules';
import { dsliteResult, type DsliteCalculation } from './dslite';

/** The name whose TXT record is looked up, through the line's own resolvers. */
export const DISCOVERY_NAME = '4over6.info';
/** Upper bound of a ttl (seven days). */
export const MAX_TTL = 604800;
export const MAX_BODY_BYTES = 131072;
export const MAX_TXT_BYTES = 1024;
/** The methods this package can run, and every capability the spec defines. */
export const USABLE_METHODS = ['map_e', 'dslite'];
export const CAPABILITIES = ['464xlat', 'dslite', 'ipip', 'lw4o6', 'map_e', 'map_t', 'hubspoke', 'mesh'];

/** Where to ask, from the TXT record. */
export interface ProvisioningServer {
	url: string;
	/** "http" or "https" */
	scheme: string;
	/** A lowercase DNS name, or an IPv6 address (RFC 5952, without brackets). */
	host: string;
	port: number;
	/** t=b: verify the server's certificate. */
	verify: boolean;
	error?: null;
}

/** The request's fields (see the module comment for their formats). */
export interface RequestFields {
	vendorid: string;
	product: string;
	version: string;
	capability: string[];
	token?: string | null;
	user?: string | null;
	pass?: string | null;
	/** The provisioning server name the user configured together with user/pass, if any. */
	server?: string | null;
}

export interface ProvisioningRequest {
	url: string;
	/** [name, value] pairs in the order sent. */
	parameters: string[][];
	/** Whether user/pass are in the request. */
	credentials: boolean;
	verify: boolean;
	error?: null;
}

/** One MAP rule of an answer, checked; psidlen derived. */
export interface ProvisionedRule {
	ip6prefix: number[];
	ip6prefixlen: number;
	ip4prefix: number[];
	ip4prefixlen: number;
	ealen: number;
	psidlen: number;
	offset: number;
}

export interface ProvisionedMapE {
	/** 0: draft-03 ("legacy") CE interface id, 1: RFC 7597. */
	version: number;
	mesh: boolean;
	br: string;
	rules: ProvisionedRule[];
}

export interface ProvisionedDslite {
	/** A lowercase DNS name, or an IPv6 address (RFC 5952). */
	aftr: string;
	/** The address when `aftr` is one, else null. */
	aftr_address: string | null;
}

/** A validated answer. */
export interface ProvisioningAnswer {
	enabler_name: string | null;
	service_name: string | null;
	isp_name: string | null;
	ttl: number | null;
	token: string | null;
	auth: string | null;
	/** As sent: strings, unknown names included. */
	order: string[];
	map_e: ProvisionedMapE | null;
	dslite: ProvisionedDslite | null;
	error?: null;
}

export interface ProvisionOptions {
	/** A method the user forces ("map_e" or "dslite") instead of the answer's order. */
	method?: string | null;
}

/* ---- values ---- */

/**
 * `s` is a string the anchored pattern matches as a whole. Comparing the match with `s`
 * keeps the answer the same everywhere: POSIX regexec() stops at a NUL byte, and ucode
 * master's ^ and $ also match at a newline.
 */
function fits(s: unknown, re: RegExp): boolean {
	if (type(s) != 'string') return false;
	const m = match(s as string, re);
	return m != null && m[0] == s;
}

function given(v: unknown): boolean {
	return v != null && v != '';
}

/** An integer lo..hi (an integral double counts), as an int; null otherwise. */
function integer(v: unknown, lo: number, hi: number): number | null {
	if (type(v) != 'int' && type(v) != 'double') return null;
	const n = v as number;
	return n >= lo && n <= hi && n == int(n) ? int(n) : null;
}

/** An IPv6 address written plainly (no brackets, zone or length) → hextets, or null. */
function address6(v: unknown): number[] | null {
	if (!fits(v, /^[0-9A-Fa-f:.]{2,45}$/)) return null;
	const parsed = parseIpv6(v as string);
	return parsed.error == null && parsed.prefixlen == 128 ? parsed.hextets : null;
}

/** "text/len" with len 0..most → [text, len], or null. */
function withLength(v: unknown, most: number): (string | number)[] | null {
	if (!fits(v, /^[^\/]+\/[0-9]{1,3}$/)) return null;
	const parts = split(v as string, '/');
	const len = int(parts[1]);
	return len <= most ? [parts[0], len] : null;
}

/**
 * A DNS name: labels of 1..63 letters, digits and inner "-", at most 253 bytes, a trailing
 * dot allowed, the last label not all digits (that would be an IPv4 address) → lowercase
 * without the dot; else null.
 */
function hostName(v: unknown): string | null {
	if (!fits(v, /^[A-Za-z0-9.-]+$/) || length(v as string) > 254) return null;
	let name = lc(v as string);
	if (substr(name, -1) == '.') name = substr(name, 0, -1);
	const labels = split(name, '.');
	if (length(name) > 253 || fits(labels[length(labels) - 1], /^[0-9]*$/)) return null;
	for (const label of labels) {
		if (!fits(label, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)) return null;
	}
	return name;
}

/** A DNS name or an IPv6 address → normalised text, or null. */
function host(v: unknown): string | null {
	const hextets = address6(v);
	return hextets != null ? formatIpv6(hextets) : hostName(v);
}

/* ---- TXT record ---- */

/** An http(s) URL (printable ASCII, no "#") → the server, or null. */
function parseUrl(url: string, verify: boolean): ProvisioningServer | null {
	// (No bound above 255 in a pattern: musl's regcomp, the router's, refuses them.)
	if (!fits(url, /^[!-~]+$/) || length(url) > MAX_TXT_BYTES) return null;
	const m = match(url, /^([A-Za-z]+):\/\/([^\/?#]+)[^#]*$/);
	const a = m != null ? match(m[2], /^(\[([0-9A-Fa-f:.]+)\]|([^:]+))(:([0-9]{1,5}))?$/) : null;
	const scheme = m != null ? lc(m[1]) : '';
	if (a == null || (scheme != 'http' && scheme != 'https')) return null;
	const name = host(a[2] ?? a[3]);
	const port = a[5] != null ? int(a[5]) : (scheme == 'https' ? 443 : 80);
	if (name == null || port < 1 || port > 65535) return null;
	return { url: url, scheme: scheme, host: name, port: port, verify: verify };
}

/** One TXT record of 4over6.info (its text, without the quotes) → the provisioning server. */
export function parseTxtRecord(text: string): ProvisioningServer | Failure {
	if (type(text) != 'string' || length(text) > MAX_TXT_BYTES) {
		return fail('HB46PP_TXT_TOO_LONG', 'TXT record: not text of at most 1024 bytes.');
	}
	const tokens = filter(split(replace(text, /[\t\r\n]/g, ' '), ' '), (t) => t != '');
	if (tokens[0] != 'v=v6mig-1') return fail('HB46PP_TXT_NOT_V6MIG', 'TXT record: not v=v6mig-1.');
	const fields: { [key: string]: string } = {};
	for (const token of tokens) {
		const eq = index(token, '=');
		const key = substr(token, 0, eq);
		if (eq < 1 || exists(fields, key)) {
			return fail('HB46PP_TXT_MALFORMED', 'TXT record: "' + token + '" is not a new key=value.');
		}
		fields[key] = substr(token, eq + 1);
	}
	if (fields.url == null) return fail('HB46PP_TXT_NO_URL', 'TXT record: no url.');
	if (fields.t != 'a' && fields.t != 'b') return fail('HB46PP_TXT_BAD_T', 'TXT record: t is not a or b.');
	const server = parseUrl(fields.url, fields.t == 'b');
	if (server == null) {
		return fail('HB46PP_TXT_BAD_URL', 'TXT record: url is not http(s)://<DNS name or [IPv6]>[:port]/… without "#".');
	}
	if (server.verify && server.scheme == 'http') {
		return fail('HB46PP_TXT_HTTP_VERIFY', 'TXT record: t=b (verify the certificate) with an http url.');
	}
	return server;
}

/** All TXT records of 4over6.info → the server of the one v6mig-1 record (others are ignored). */
export function chooseTxtRecord(texts: string[]): ProvisioningServer | Failure {
	const ours = filter(type(texts) == 'array' ? texts : [], (t) => parseTxtRecord(t).error?.code != 'HB46PP_TXT_NOT_V6MIG');
	if (length(ours) == 0) return fail('HB46PP_NO_RECORD', 'No v=v6mig-1 TXT record: no HB46PP provisioning.');
	if (length(ours) > 1) return fail('HB46PP_MULTIPLE_RECORDS', 'More than one v=v6mig-1 TXT record.');
	return parseTxtRecord(ours[0]);
}

/* ---- request ---- */

const NAME32 = /^[A-Za-z0-9_-]{1,32}$/;
const TOKEN = /^[0-9a-f]{64}$/;
const TOKEN_RULE = 'token: not 64 lowercase hex digits.';

/** The GET request for a server (see the module comment for the fields' rules). */
export function requestUrl(server: ProvisioningServer, fields: RequestFields): ProvisioningRequest | Failure {
	if (!fits(fields.vendorid, /^[0-9A-Fa-f]{6}(-[0-9A-Za-z_]{1,24})?$/)) {
		return fail('HB46PP_BAD_VENDORID', 'vendorid: not an OUI (6 hex digits) [+ "-" + 1 to 24 of 0-9A-Za-z_].');
	}
	if (!fits(fields.product, NAME32)) return fail('HB46PP_BAD_PRODUCT', 'product: not 1 to 32 of A-Za-z0-9_-.');
	if (!fits(fields.version, /^[0-9_]{1,32}$/)) return fail('HB46PP_BAD_VERSION', 'version: not 1 to 32 of 0-9_.');
	const caps = fields.capability;
	if (type(caps) != 'array' || length(caps) == 0 || length(uniq(caps)) != length(caps)
		|| length(filter(caps, (c) => index(CAPABILITIES, c) < 0)) > 0) {
		return fail('HB46PP_BAD_CAPABILITY', 'capability: not a list of ' + join(' ', CAPABILITIES) + ', each once.');
	}
	const parameters = [['vendorid', fields.vendorid], ['product', fields.product], ['version', fields.version], ['capability', join(',', caps)]];
	if (given(fields.token)) {
		if (!fits(fields.token, TOKEN)) return fail('HB46PP_BAD_TOKEN', TOKEN_RULE);
		push(parameters, ['token', fields.token as string]);
	}
	const user = given(fields.user);
	if ((user || given(fields.pass)) && !fits(fields.user, NAME32)) return fail('HB46PP_BAD_USER', 'user: not 1 to 32 of A-Za-z0-9_- with a pass.');
	if ((user || given(fields.pass)) && !fits(fields.pass, NAME32)) return fail('HB46PP_BAD_PASS', 'pass: not 1 to 32 of A-Za-z0-9_- with a user.');
	// With a configured server name, credentials go only to that host, verified, over https.
	const credentials = user && (!given(fields.server)
		|| (server.scheme == 'https' && server.verify && host(fields.server) == server.host));
	if (credentials) push(parameters, ['user', fields.user as string], ['pass', fields.pass as string]);
	const last = substr(server.url, -1);
	const joiner = last == '?' || last == '&' ? '' : (index(server.url, '?') < 0 ? '?' : '&');
	return {
		url: server.url + joiner + join('&', map(parameters, (p) => p[0] + '=' + p[1])),
		parameters: parameters, credentials: credentials, verify: server.verify,
	};
}

/* ---- answer ---- */

function bad(field: string, why: string): Failure {
	return fail('HB46PP_BAD_' + uc(field), field + ': ' + why + '.');
}

/** The map_e object → checked, or the first problem. */
function checkMapE(v: unknown): ProvisionedMapE | Failure {
	if (type(v) != 'object') return bad('map_e', 'not an object');
	const m = v as { [key: string]: unknown };
	const version = m.version == null ? 0 : integer(m.version, 0, 1);
	if (version == null) return bad('map_e_version', 'not 0 or 1');
	const mesh = m.mesh === true || integer(m.mesh, 1, 1) == 1;
	if (m.mesh != null && type(m.mesh) != 'bool' && integer(m.mesh, 0, 1) == null) return bad('map_e_mesh', 'not 0, 1, false or true');
	const br = address6(m.br);
	if (br == null) return bad('map_e_br', 'not an IPv6 address');
	const list = m.rules as unknown[];
	if (type(list) != 'array' || length(list) < 1 || length(list) > 256) return bad('map_e_rules', 'not an array of 1 to 256 rules');
	const rules: ProvisionedRule[] = [];
	for (let i = 0; i < length(list); i++) {
		const r = list[i] as { [key: string]: unknown };
		const at = sprintf('rule %d: ', i);
		if (type(r) != 'object') return bad('map_e_rules', at + 'not an object');
		const v6 = withLength(r.ipv6, 64);
		const ip6 = v6 != null ? address6(v6[0]) : null;
		if (ip6 == null || !bitsAreZero(ip6, v6![1] as number, 128)) return bad('map_e_ipv6', at + 'not an IPv6 prefix/len (0..64)');
		const v4 = withLength(r.ipv4, 32);
		const ip4 = v4 != null ? parseIpv4(v4[0] as string) : null;
		const len4 = v4 != null ? v4[1] as number : 0;
		if (ip4 == null || ipv4ToNumber(ip4) % (1 << (32 - len4)) != 0) return bad('map_e_ipv4', at + 'not an IPv4 prefix/len');
		const ealen = integer(r.ea_length, 0, 48);
		const psidlen = ealen == null ? -1 : ealen - (32 - len4);
		if (ealen == null || psidlen < 0 || psidlen > 16 || (v6![1] as number) + ealen > 64) {
			return bad('map_e_ea_length', at + 'gives no PSID length 0..16, or EA bits past /64');
		}
		const offset = integer(r.psid_offset, 0, 16 - psidlen);
		if (offset == null) return bad('map_e_psid_offset', at + sprintf('not 0..%d', 16 - psidlen));
		push(rules, {
			ip6prefix: ip6, ip6prefixlen: v6![1] as number, ip4prefix: ip4, ip4prefixlen: len4,
			ealen: ealen, psidlen: psidlen, offset: offset,
		});
	}
	return { version: version, mesh: mesh, br: formatIpv6(br), rules: rules };
}

/** An already parsed answer → checked (see the module comment), or the first problem. */
export function validateProvisioning(value: unknown): ProvisioningAnswer | Failure {
	if (type(value) != 'object') return fail('HB46PP_NOT_OBJECT', 'Answer: not a JSON object.');
	const o = value as { [key: string]: unknown };
	const answer: ProvisioningAnswer = {
		enabler_name: null, service_name: null, isp_name: null, ttl: null, token: null, auth: null,
		order: [], map_e: null, dslite: null,
	};
	const out = answer as unknown as { [key: string]: unknown };
	for (const key of ['enabler_name', 'service_name', 'isp_name']) {
		if (o[key] != null && (type(o[key]) != 'string' || length(o[key] as string) > 254)) return bad(key, 'not a string of at most 256 bytes');
		out[key] = o[key] ?? null;
	}
	if (o.ttl != null) {
		answer.ttl = integer(o.ttl, 0, MAX_TTL);
		if (answer.ttl == null) return bad('ttl', 'not 0..604800 seconds');
	}
	if (o.token != null && !fits(o.token, TOKEN)) return fail('HB46PP_BAD_TOKEN', TOKEN_RULE);
	out.token = o.token ?? null;
	if (o.auth != null && index(['req', 'bad', 'ok'], o.auth) < 0) return bad('auth', 'not "req", "bad" or "ok"');
	out.auth = o.auth ?? null;
	if (type(o.order) != 'array' || length(filter(o.order as unknown[], (m) => type(m) != 'string')) > 0) {
		return bad('order', 'not an array of method names');
	}
	answer.order = o.order as string[];
	if (o.map_e != null || index(answer.order, 'map_e') >= 0) {
		const m = checkMapE(o.map_e);
		if ((m as Failure).error != null) return m as Failure;
		answer.map_e = m as ProvisionedMapE;
	}
	if (o.dslite != null || index(answer.order, 'dslite') >= 0) {
		if (type(o.dslite) != 'object') return bad('dslite', 'not an object with the AFTR');
		const given_ = (o.dslite as { [key: string]: unknown }).aftr;
		const aftr = host(given_);
		if (aftr == null) return bad('dslite_aftr', 'not a DNS name or an IPv6 address');
		answer.dslite = { aftr: aftr, aftr_address: address6(given_) != null ? aftr : null };
	}
	return answer;
}

/** The body of a 200 answer → a checked answer, or the first problem. */
export function parseProvisioning(body: string): ProvisioningAnswer | Failure {
	if (type(body) != 'string') return fail('HB46PP_BAD_JSON', 'Answer: not text.');
	if (length(body) > MAX_BODY_BYTES) return fail('HB46PP_TOO_LARGE', 'Answer: over 131072 bytes.');
	let value: unknown = null;
	try {
		value = json(body);
	} catch {
		return fail('HB46PP_BAD_JSON', 'Answer: not JSON.');
	}
	return validateProvisioning(value);
}

/** The method to run: the forced one if given, else the first of `order` this package can run. */
export function chooseMethod(answer: ProvisioningAnswer, forced?: string | null): string | Failure {
	if (given(forced)) {
		if (index(USABLE_METHODS, forced) < 0 || (answer as unknown as { [key: string]: unknown })[forced as string] == null) {
			return fail('HB46PP_METHOD_NOT_OFFERED', 'Answer: no ' + forced + ' data.');
		}
		return forced as string;
	}
	for (const m of answer.order) {
		if (index(USABLE_METHODS, m) >= 0) return m;
	}
	if (length(answer.order) == 0) return fail('HB46PP_NOTHING_OFFERED', 'Answer: nothing offered (empty order).');
	return fail('HB46PP_NO_USABLE_METHOD', 'Answer: only ' + join(', ', answer.order) + ' offered; usable are map_e and dslite.');
}

/**
 * A checked answer and the line's prefix → the calculation `mape calc` would print, with
 * source "hb46pp": for map_e the basic mapping rule is the longest rule prefix that covers
 * the line's prefix, the CE format follows map_e.version, and `rules` and `mesh` keep every
 * rule for the MAP interface; for dslite the AFTR as given. `service` is the tables' key
 * when they know the prefix under the same method, else "hb46pp"; `service_name` is the
 * answer's. A failed parse passes through, so parseProvisioning() can feed it directly.
 */
export function provisionedCalculation(answer: ProvisioningAnswer | Failure, text: string | null, options?: ProvisionOptions | null): MapeCalculation | DsliteCalculation | Failure {
	if (answer.error != null) return answer;
	const prefix = parseIpv6(text ?? '::/0');
	if (prefix.error != null) return prefix;
	const method = chooseMethod(answer, options != null ? options.method : null);
	if (type(method) != 'string') return method as Failure;
	if (text == null && method == 'map_e') return fail('HB46PP_NO_PREFIX', 'The line\'s IPv6 prefix is unknown; a MAP-E rule needs it.');
	const found = identify(prefix);
	const wanted = method == 'map_e' ? 'MAP_E' : 'DSLITE';
	const known = found.code == wanted ? found.service : null;
	const name = answer.service_name ?? answer.enabler_name ?? 'HB46PP';
	let result: MapeCalculation | DsliteCalculation;
	if (method == 'dslite') {
		const d = answer.dslite as ProvisionedDslite;
		result = dsliteResult('hb46pp', known, name, d.aftr, d.aftr_address);
	} else {
		const m = answer.map_e as ProvisionedMapE;
		let best: ProvisionedRule | null = null;
		for (const r of m.rules) {
			if (prefix.prefixlen >= r.ip6prefixlen && samePrefix(prefix.hextets, r.ip6prefix, r.ip6prefixlen)
				&& (best == null || r.ip6prefixlen > best.ip6prefixlen)) best = r;
		}
		if (best == null) return fail('HB46PP_NO_MATCHING_RULE', 'Answer: no map_e rule covers the prefix.');
		const calc = calculateWithRule(prefix, {
			...best, service: 'hb46pp', br: m.br, mtu: known != null ? SERVICES[known].mtu : DEFAULT_MTU,
		}, { ceformat: m.version == 1 ? 'rfc7597' : 'legacy' });
		if (calc.error != null) return calc;
		calc.source = 'hb46pp';
		calc.service = known ?? 'hb46pp';
		calc.service_name = name;
		calc.mesh = m.mesh;
		calc.rules = map(m.rules, (r) => ({
			ip6prefix: formatIpv6(r.ip6prefix), ip6prefixlen: r.ip6prefixlen, ip4prefix: formatIpv4(r.ip4prefix),
			ip4prefixlen: r.ip4prefixlen, ealen: r.ealen, psidlen: r.psidlen, offset: r.offset,
		}));
		result = calc;
	}
	if ((found.code == 'MAP_E' || found.code == 'DSLITE') && found.code != wanted) {
		push(result.warnings, {
			code: 'HB46PP_DIFFERS_FROM_TABLE',
			message: sprintf('The tables say %s (%s); the answer (%s) is used.', found.service, found.code, method),
		});
	}
	result.provisioning = { enabler_name: answer.enabler_name, service_name: answer.service_name, isp_name: answer.isp_name, ttl: answer.ttl };
	return result;
}

/* ---- identity and timing ---- */

/** The default vendorid for the uplink's MAC address (see the module comment). */
export function defaultVendorId(mac: string | null): string {
	const m = match(lc(mac ?? ''), /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})/);
	const oui = m != null && (int(m[1], 16) & 3) == 0 ? m[1] + m[2] + m[3] : '000000';
	return (oui == '000000' ? 'acde48' : oui) + '-luci_app_mape';
}

/**
 * Seconds until the next query after an outcome: `code` null for a valid answer (with its
 * ttl, or null), else the error code; `r` any integer ≥ 0 (the random part of a window).
 */
export function nextQueryDelay(code: string | null, ttl: number | null, r: number): number {
	const within = (lo: number, hi: number): number => lo + r % (hi - lo + 1);
	if (code == null) return ttl != null ? max(ttl, 600) : within(72000, 86400);
	if (match(code, /^HB46PP_(NXDOMAIN|NO_RECORD|MULTIPLE_RECORDS|TXT_)/) != null) return within(3600, 10800);
	if (match(code, /^HB46PP_(DNS_|NO_DNS_SERVER)/) != null) return within(60, 600);
	return within(600, 1800);
}
