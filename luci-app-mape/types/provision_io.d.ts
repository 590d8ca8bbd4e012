/*
 * The I/O boundary of HB46PP provisioning (router/provision_command.ts): the two network
 * steps, implemented twice with the same exports and results:
 *
 *   router/provision_io.ts    ucode, on the router: busybox nslookup and uclient-fetch
 *   runtime/provision_io.ts   Node (the JavaScript build imports it instead, tools/build.ts
 *                             jsPlatform): node:dns and node:http(s)
 *
 *   lookupTxt(work, server, port, name, timeout): TxtResult
 *       the TXT records of `name` at one DNS server (an IP address, no brackets), the first
 *       character-string of each (what busybox prints); timeout in seconds
 *   httpGet(work, request): HttpResult
 *       one GET over IPv6, redirects not followed
 * `work` is a path prefix for the router's temporary files (Node ignores it).
 *
 * Failures are { error: { code, detail } }: a code of router/provision_command.ts's list
 * (HB46PP_DNS_*, HB46PP_HTTP_*, HB46PP_TOOL_MISSING) and a detail (a DNS rcode, a tool's
 * name or exit status, else ""). The words around them are made in typed ucode
 * (provision_command.ts), once, so both implementations print the same bytes.
 * Only interfaces here (read by ucc with the ucode lib and by tsc with Node's).
 */

export interface TxtRecords {
	/** The records' texts; [] for NODATA. */
	texts: string[];
	error?: null;
}

export interface HttpRequest {
	url: string;
	/** Verify the server certificate (t=b). */
	verify: boolean;
	/** CA certificates to verify with instead of the system's (PEM file), or null. */
	cafile: string | null;
	/** Seconds without progress before giving up. */
	timeout: number;
	/** At most this many body bytes are read; a longer body comes back cut at max + 1. */
	max: number;
	/** User-Agent. */
	agent: string;
}

export interface HttpAnswer {
	/** 200 with `body`, or any other status (no body) that is not a followed redirect. */
	status: number;
	body: string;
	error?: null;
}

export interface IoError {
	code: string;
	detail: string;
}

export interface IoFailure {
	error: IoError;
}

export type TxtResult = TxtRecords | IoFailure;
export type HttpResult = HttpAnswer | IoFailure;
