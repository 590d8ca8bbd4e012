/*
 * HB46PP inputs shared by test/hb46pp.test.ts (expected codes and values, on the JavaScript
 * build) and test/engine-ucode.test.ts (the same calls in real ucode must answer the same).
 *
 * Observed records and answers are copied from shared/docs/ipv4-over-ipv6-provisioning.md
 * §1.8 (the v6 コネクト token is elided there; a made-up one stands in). The MAP-E answer is
 * built from the facts of japan-ipoe.md §4 ("JPNE's own provisioning answer": 8 rules of
 * /32 → /16, ea_length 24, psid_offset 4, mathematically the four v6プラス /31 rules) in
 * the HB46PP shape of §1.6, with the v6プラス BR of japan-ipoe.md §1. Expected codes are
 * written by hand from the module contract (core/hb46pp.ts) and the spec summary.
 */

export const TRANSIX_TXT = 'v=v6mig-1 url=https://setup46.transix.jp/config t=b';
export const V6CONNECT_TXT = 'v=v6mig-1 url=https://prod.v6mig.v6connect.net/cpe/v1/config t=b';

export const TRANSIX_BODY = '{"enabler_name":"Internet Multifeed Co.","service_name":"transix IPv4接続（DS-Lite）","isp_name":"transix","ttl":86400,"order":["dslite"],"dslite":{"aftr":"2404:8e00::feed:101"}}';
export const V6CONNECT_TOKEN = '0123456789abcdef'.repeat(4);
export const V6CONNECT_BODY = `{"ttl":86400,"token":"${V6CONNECT_TOKEN}","service_name":"v6 コネクト","enabler_name":"v6 コネクト","dslite":{"aftr":"dslite.v6connect.net"},"order":["dslite"]}`;

/** japan-ipoe.md §4: 240b:10→106.72, :11→106.73, :12→14.8, :13→14.9, :250→14.10, :251→14.11, :252→14.12, :253→14.13. */
export const JPNE_RULES = [
	['240b:10::/32', '106.72.0.0/16'], ['240b:11::/32', '106.73.0.0/16'], ['240b:12::/32', '14.8.0.0/16'], ['240b:13::/32', '14.9.0.0/16'],
	['240b:250::/32', '14.10.0.0/16'], ['240b:251::/32', '14.11.0.0/16'], ['240b:252::/32', '14.12.0.0/16'], ['240b:253::/32', '14.13.0.0/16'],
].map(([ipv6, ipv4]) => ({ ipv6, ipv4, ea_length: 24, psid_offset: 4 }));

export function mapEAnswer(mapE: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		enabler_name: 'JPNE', service_name: 'v6プラス', ttl: 3600, order: ['map_e'],
		map_e: { version: 0, mesh: 0, br: '2404:9200:225:100::64', rules: JPNE_RULES, ...mapE }, ...extra,
	};
}

export const MAPE_BODY = JSON.stringify(mapEAnswer());

const dslite = (extra: Record<string, unknown>): string => JSON.stringify({ order: ['dslite'], dslite: { aftr: 'gw.transix.jp' }, ...extra });
const withMapE = (mapE: Record<string, unknown>): string => JSON.stringify(mapEAnswer(mapE));
const rule = (r: Record<string, unknown>): string => withMapE({ rules: [{ ...JPNE_RULES[0], ...r }] });

/** Bodies that must be refused, with the code (each changes one thing of a valid answer). */
export const BAD_BODIES: [string, string][] = [
	// not a JSON object
	['', 'HB46PP_BAD_JSON'], ['{', 'HB46PP_BAD_JSON'], ['{"order": [}', 'HB46PP_BAD_JSON'], ['{"order": []} x', 'HB46PP_BAD_JSON'],
	['null', 'HB46PP_NOT_OBJECT'], ['[]', 'HB46PP_NOT_OBJECT'], ['"dslite"', 'HB46PP_NOT_OBJECT'], ['86400', 'HB46PP_NOT_OBJECT'],
	[' '.repeat(131073), 'HB46PP_TOO_LARGE'], [dslite({ pad: 'x'.repeat(131072) }), 'HB46PP_TOO_LARGE'],
	// names: at most 256 bytes with the quotes
	[dslite({ enabler_name: 'x'.repeat(255) }), 'HB46PP_BAD_ENABLER_NAME'], [dslite({ enabler_name: 42 }), 'HB46PP_BAD_ENABLER_NAME'],
	[dslite({ service_name: 'コ'.repeat(85) }), 'HB46PP_BAD_SERVICE_NAME'], [dslite({ service_name: ['x'] }), 'HB46PP_BAD_SERVICE_NAME'],
	[dslite({ isp_name: true }), 'HB46PP_BAD_ISP_NAME'], [dslite({ isp_name: 'y'.repeat(300) }), 'HB46PP_BAD_ISP_NAME'],
	// ttl 0..604800, whole seconds
	[dslite({ ttl: 604801 }), 'HB46PP_BAD_TTL'], [dslite({ ttl: -1 }), 'HB46PP_BAD_TTL'], [dslite({ ttl: 1.5 }), 'HB46PP_BAD_TTL'],
	[dslite({ ttl: '86400' }), 'HB46PP_BAD_TTL'], [dslite({ ttl: true }), 'HB46PP_BAD_TTL'], [dslite({ ttl: 1e300 }), 'HB46PP_BAD_TTL'],
	['{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":1e400}', 'HB46PP_BAD_TTL'],
	['{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":NaN}', 'HB46PP_BAD_TTL'],
	['{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":-Infinity}', 'HB46PP_BAD_TTL'],
	['{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":86400.5}', 'HB46PP_BAD_TTL'],
	// token: 64 lowercase hex digits
	[dslite({ token: 'abc' }), 'HB46PP_BAD_TOKEN'], [dslite({ token: V6CONNECT_TOKEN.toUpperCase() }), 'HB46PP_BAD_TOKEN'],
	[dslite({ token: V6CONNECT_TOKEN + '0' }), 'HB46PP_BAD_TOKEN'], [dslite({ token: 'g'.repeat(64) }), 'HB46PP_BAD_TOKEN'],
	[dslite({ token: 12345 }), 'HB46PP_BAD_TOKEN'],
	// auth
	[dslite({ auth: 'yes' }), 'HB46PP_BAD_AUTH'], [dslite({ auth: 1 }), 'HB46PP_BAD_AUTH'], [dslite({ auth: 'OK' }), 'HB46PP_BAD_AUTH'],
	// order
	[dslite({ order: null }), 'HB46PP_BAD_ORDER'], [dslite({ order: 'dslite' }), 'HB46PP_BAD_ORDER'], [dslite({ order: ['dslite', 4] }), 'HB46PP_BAD_ORDER'],
	[dslite({ order: { 0: 'dslite' } }), 'HB46PP_BAD_ORDER'],
	// dslite
	[JSON.stringify({ order: ['dslite'] }), 'HB46PP_BAD_DSLITE'], [dslite({ dslite: 'gw.transix.jp' }), 'HB46PP_BAD_DSLITE'],
	[dslite({ dslite: {} }), 'HB46PP_BAD_DSLITE_AFTR'], [dslite({ dslite: { aftr: '192.0.2.1' } }), 'HB46PP_BAD_DSLITE_AFTR'],
	[dslite({ dslite: { aftr: 'gw..transix.jp' } }), 'HB46PP_BAD_DSLITE_AFTR'], [dslite({ dslite: { aftr: '-gw.transix.jp' } }), 'HB46PP_BAD_DSLITE_AFTR'],
	[dslite({ dslite: { aftr: 'gw_1.transix.jp' } }), 'HB46PP_BAD_DSLITE_AFTR'], [dslite({ dslite: { aftr: '2404:8e00::feed:101/128' } }), 'HB46PP_BAD_DSLITE_AFTR'],
	[dslite({ dslite: { aftr: '[2404:8e00::feed:101]' } }), 'HB46PP_BAD_DSLITE_AFTR'], [dslite({ dslite: { aftr: 'a'.repeat(64) + '.jp' } }), 'HB46PP_BAD_DSLITE_AFTR'],
	[dslite({ dslite: { aftr: '' } }), 'HB46PP_BAD_DSLITE_AFTR'], [dslite({ dslite: { aftr: 'fe80::1%eth0' } }), 'HB46PP_BAD_DSLITE_AFTR'],
	// map_e
	[JSON.stringify({ order: ['map_e'] }), 'HB46PP_BAD_MAP_E'], [dslite({ map_e: [] }), 'HB46PP_BAD_MAP_E'],
	[withMapE({ version: 2 }), 'HB46PP_BAD_MAP_E_VERSION'], [withMapE({ version: '1' }), 'HB46PP_BAD_MAP_E_VERSION'], [withMapE({ version: -1 }), 'HB46PP_BAD_MAP_E_VERSION'],
	[withMapE({ mesh: 2 }), 'HB46PP_BAD_MAP_E_MESH'], [withMapE({ mesh: '1' }), 'HB46PP_BAD_MAP_E_MESH'], [withMapE({ mesh: 0.5 }), 'HB46PP_BAD_MAP_E_MESH'],
	[withMapE({ br: null }), 'HB46PP_BAD_MAP_E_BR'], [withMapE({ br: 'br.example.jp' }), 'HB46PP_BAD_MAP_E_BR'], [withMapE({ br: '2404:9200:225:100::/64' }), 'HB46PP_BAD_MAP_E_BR'],
	[withMapE({ rules: [] }), 'HB46PP_BAD_MAP_E_RULES'], [withMapE({ rules: null }), 'HB46PP_BAD_MAP_E_RULES'], [withMapE({ rules: JPNE_RULES[0] }), 'HB46PP_BAD_MAP_E_RULES'],
	[withMapE({ rules: Array.from({ length: 257 }, (_, i) => ({ ...JPNE_RULES[0], ipv6: `2001:db8:${i.toString(16)}::/48`, ipv4: '192.0.2.0/24', ea_length: 16 })) }), 'HB46PP_BAD_MAP_E_RULES'],
	[withMapE({ rules: [JPNE_RULES[0], 'rule'] }), 'HB46PP_BAD_MAP_E_RULES'],
	[rule({ ipv6: '240b:10::' }), 'HB46PP_BAD_MAP_E_IPV6'], [rule({ ipv6: '240b:10::1/32' }), 'HB46PP_BAD_MAP_E_IPV6'], [rule({ ipv6: '240b:10::/65' }), 'HB46PP_BAD_MAP_E_IPV6'],
	[rule({ ipv6: '240b:10::/3x' }), 'HB46PP_BAD_MAP_E_IPV6'], [rule({ ipv6: ' 240b:10::/32' }), 'HB46PP_BAD_MAP_E_IPV6'], [rule({ ipv6: 32 }), 'HB46PP_BAD_MAP_E_IPV6'],
	[rule({ ipv4: '106.72.0.0' }), 'HB46PP_BAD_MAP_E_IPV4'], [rule({ ipv4: '106.72.1.0/16' }), 'HB46PP_BAD_MAP_E_IPV4'], [rule({ ipv4: '106.72.0.0/33' }), 'HB46PP_BAD_MAP_E_IPV4'],
	[rule({ ipv4: '106.072.0.0/16' }), 'HB46PP_BAD_MAP_E_IPV4'],
	[rule({ ea_length: 15 }), 'HB46PP_BAD_MAP_E_EA_LENGTH'], [rule({ ea_length: 33 }), 'HB46PP_BAD_MAP_E_EA_LENGTH'], [rule({ ea_length: 49 }), 'HB46PP_BAD_MAP_E_EA_LENGTH'],
	[rule({ ea_length: 24.5 }), 'HB46PP_BAD_MAP_E_EA_LENGTH'], [rule({ ea_length: '24' }), 'HB46PP_BAD_MAP_E_EA_LENGTH'], [rule({ ea_length: null }), 'HB46PP_BAD_MAP_E_EA_LENGTH'],
	[rule({ ipv6: '240b:10::/48', ea_length: 24 }), 'HB46PP_BAD_MAP_E_EA_LENGTH'],
	[rule({ psid_offset: 9 }), 'HB46PP_BAD_MAP_E_PSID_OFFSET'], [rule({ psid_offset: -1 }), 'HB46PP_BAD_MAP_E_PSID_OFFSET'], [rule({ psid_offset: '4' }), 'HB46PP_BAD_MAP_E_PSID_OFFSET'],
];

/** Bodies that are valid answers, some at the edges of a range. */
export const GOOD_BODIES: string[] = [
	TRANSIX_BODY, V6CONNECT_BODY, MAPE_BODY,
	dslite({}), dslite({ ttl: 0 }), dslite({ ttl: 604800 }), dslite({ enabler_name: 'x'.repeat(254), service_name: 'コ'.repeat(84), isp_name: '' }),
	'{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":86400.0}', '{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":8.64e4}',
	dslite({ auth: 'req' }), dslite({ auth: 'bad', isp_name: null, token: null }), dslite({ order: [] }), dslite({ order: ['464xlat', 'future_method'] }),
	dslite({ order: ['lw4o6', 'map_t', 'dslite'], lw4o6: { lwaftr: 'lw.example.jp', ipv6: '2001:db8::1/128', ipv4: '192.0.2.1', psid: 255, psid_length: 8, psid_offset: 4 } }),
	dslite({ map_t: { dmr: '64:ff9b::/64', rules: JPNE_RULES }, '464xlat': { nat64prefix: '64:ff9b::/96' }, ipip: [{ ipv6_local: '2001:db8::2', ipv6_remote: '2001:db8::1', ipv4: '192.0.2.1/32' }] }),
	dslite({ unknown_key: { nested: [1, 2, { deep: null }] }, another: 'ignored', dslite: { aftr: 'GW.Transix.JP.', extra: 1 } }),
	dslite({ dslite: { aftr: '2404:8E00:0:0:0:0:FEED:0101' } }),
	withMapE({ mesh: true }), withMapE({ mesh: false }), withMapE({ mesh: 1 }), withMapE({ mesh: null, version: null }), withMapE({ version: 1 }),
	withMapE({ rules: Array.from({ length: 256 }, (_, i) => ({ ipv6: `2001:db8:${i.toString(16)}00::/40`, ipv4: `198.51.${i}.0/24`, ea_length: 16, psid_offset: 6 })) }),
	JSON.stringify({ ...mapEAnswer(), order: ['map_e', 'dslite'], dslite: { aftr: 'gw.transix.jp' } }),
	// json-c's leniencies (single quotes, upper-case literals, comments, trailing commas)
	"{'order':['dslite'],'dslite':{'aftr':'gw.transix.jp'}}", '{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"auth":NULL}',
	'/* x */ {"order":["dslite",],"dslite":{"aftr":"gw.transix.jp",},}',
	// the objects of methods this package does not run are not read, even when malformed
	dslite({ lw4o6: 'x', map_t: 1, '464xlat': [], ipip: {} }),
	dslite({ lw4o6: { lwaftr: '1.2.3.4', psid: 256, psid_length: 99 }, map_t: { dmr: 'x', rules: 'none' }, ipip: [{ ipv4: 'x' }] }),
];

/** TXT records: [text, expected code or null for a valid one]. */
export const TXT_CASES: [string, string | null][] = [
	[TRANSIX_TXT, null], [V6CONNECT_TXT, null], ['v=v6mig-1 url=http://prov.example.jp/config t=a', null],
	['v=v6mig-1 url=https://prov.example.jp/config t=a', null], ['  v=v6mig-1\turl=https://prov.example.jp:8443/c?x=1  t=b future=1 ', null],
	['v=v6mig-1 url=https://[2001:db8::10]:8443/config t=b', null], ['v=v6mig-1 url=https://[2001:DB8::10]/ t=b', null],
	['v=v6mig-1 url=HTTPS://Prov.Example.JP t=b', null], ['v=v6mig-1 t=b url=https://prov.example.jp/config', null],
	['v=v6mig-1 url=https://prov.example.jp/config t=b\r\n', null],
	['', 'HB46PP_TXT_NOT_V6MIG'], ['v=spf1 include:_spf.example.jp ~all', 'HB46PP_TXT_NOT_V6MIG'], ['v=v6mig-2 url=https://p.example.jp/ t=b', 'HB46PP_TXT_NOT_V6MIG'],
	['url=https://p.example.jp/ v=v6mig-1 t=b', 'HB46PP_TXT_NOT_V6MIG'], ['"v=v6mig-1 url=https://p.example.jp/ t=b"', 'HB46PP_TXT_NOT_V6MIG'],
	['v=v6mig-1 ' + 'x=' + 'y'.repeat(1100), 'HB46PP_TXT_TOO_LONG'],
	['v=v6mig-1 url=https://p.example.jp/ t=b extra', 'HB46PP_TXT_MALFORMED'], ['v=v6mig-1 url=https://p.example.jp/ t=b t=a', 'HB46PP_TXT_MALFORMED'],
	['v=v6mig-1 url=https://p.example.jp/ =x t=b', 'HB46PP_TXT_MALFORMED'],
	['v=v6mig-1 t=b', 'HB46PP_TXT_NO_URL'], ['v=v6mig-1', 'HB46PP_TXT_NO_URL'],
	['v=v6mig-1 url=https://p.example.jp/', 'HB46PP_TXT_BAD_T'], ['v=v6mig-1 url=https://p.example.jp/ t=c', 'HB46PP_TXT_BAD_T'],
	['v=v6mig-1 url=https://p.example.jp/ t=B', 'HB46PP_TXT_BAD_T'], ['v=v6mig-1 url=https://p.example.jp/ t=', 'HB46PP_TXT_BAD_T'],
	['v=v6mig-1 url=http://prov.example.jp/config t=b', 'HB46PP_TXT_HTTP_VERIFY'],
	['v=v6mig-1 url= t=b', 'HB46PP_TXT_BAD_URL'], ['v=v6mig-1 url=ftp://p.example.jp/ t=b', 'HB46PP_TXT_BAD_URL'],
	['v=v6mig-1 url=https://192.0.2.1/config t=b', 'HB46PP_TXT_BAD_URL'], ['v=v6mig-1 url=https://p.example.jp/#frag t=b', 'HB46PP_TXT_BAD_URL'],
	['v=v6mig-1 url=https://user:pw@p.example.jp/ t=b', 'HB46PP_TXT_BAD_URL'], ['v=v6mig-1 url=https://p.example.jp:0/ t=b', 'HB46PP_TXT_BAD_URL'],
	['v=v6mig-1 url=https://p.example.jp:65536/ t=b', 'HB46PP_TXT_BAD_URL'], ['v=v6mig-1 url=https://p.example.jp:/ t=b', 'HB46PP_TXT_BAD_URL'],
	['v=v6mig-1 url=https://[2001:db8::10/ t=b', 'HB46PP_TXT_BAD_URL'], ['v=v6mig-1 url=https://[2001:db8::10]x/ t=b', 'HB46PP_TXT_BAD_URL'],
	['v=v6mig-1 url=https:///config t=b', 'HB46PP_TXT_BAD_URL'], ['v=v6mig-1 url=https://p.example.jp/é t=b', 'HB46PP_TXT_BAD_URL'],
	['v=v6mig-1 url=//p.example.jp/ t=b', 'HB46PP_TXT_BAD_URL'],
];
