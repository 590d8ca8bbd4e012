/*
 * `mape calc`: the calculator, for a person (a table plus the UCI section to use) or for
 * scripts (--json: one JSON object; `-`: one input per line from stdin, JSON Lines out).
 * A prefix of a DS-Lite VNE gives the DS-Lite service and its AFTR instead (mape.result
 * calculateLine); a manual rule always computes MAP-E.
 *
 *   mape calc <prefix-or-address> [--json] [--rfc7597] [manual rule options]
 *   mape calc - [--json] …          one input per line on stdin
 *
 * Manual rule (for a prefix the table does not know): --ip6prefix P --ip6prefixlen N
 * --ip4prefix A --ip4prefixlen N --ealen N --psidlen N --offset N --br ADDR [--mtu N].
 *
 * Exit codes: 0 success (always in `-` mode: errors are reported per line), 1 the input
 * cannot be calculated, 2 bad usage.
 */
import { stdin } from 'fs';
import { calculateManual, type CalcOptions, type ManualParameters, type MapeCalculation } from '../core/mape';
import { type DsliteCalculation } from '../core/dslite';
import { type Failure } from '../core/failure';
import { calculateLine, toJson } from '../core/result';
import { mapInterfaceOptions, renderUciSection, DEFAULT_MAP_INTERFACE } from '../core/mapsection';

export const CALC_USAGE = 'Usage: mape calc <prefix-or-address | -> [--json] [--rfc7597]\n' +
	'                 [--ip6prefix P --ip6prefixlen N --ip4prefix A --ip4prefixlen N\n' +
	'                  --ealen N --psidlen N --offset N --br ADDR [--mtu N]]\n';

const MANUAL_OPTIONS = ['ip6prefix', 'ip6prefixlen', 'ip4prefix', 'ip4prefixlen', 'ealen', 'psidlen', 'offset', 'br', 'mtu'];

interface CalcRequest {
	inputs: string[];
	json: boolean;
	options: CalcOptions;
	/** Option name → value, for a manual rule; empty when the table is used. */
	manual: { [option: string]: string };
	manualGiven: boolean;
}

/** One label/value line of the human-readable table (labels padded to 14 columns). */
function row(label: string, value: string): string {
	return sprintf('  %-14s%s\n', label, value);
}

/** Port ranges as "a-b" words, wrapped so each line stays readable in a terminal. */
function portRangeLines(sets: readonly number[][]): string {
	let text = '';
	let line = '';
	let count = 0;
	for (const set of sets) {
		const word = sprintf('%d-%d', set[0], set[1]);
		line = line == '' ? word : line + ' ' + word;
		count++;
		if (count % 6 == 0) {
			text += row(text == '' ? 'Port ranges' : '', line);
			line = '';
		}
	}
	if (line != '') text += row(text == '' ? 'Port ranges' : '', line);
	return text;
}

/** "240 ports in 15 groups of 16" (the group size is the same for every set of a rule). */
export function describePorts(calc: MapeCalculation): string {
	const groups = length(calc.portsets);
	const first = calc.portsets[0];
	const size = first[1] - first[0] + 1;
	if (groups == 1) return sprintf('%d ports in 1 group', calc.ports);
	return sprintf('%d ports in %d groups of %s%d', calc.ports, groups, calc.ports == groups * size ? '' : 'up to ', size);
}

/** The human-readable report of a DS-Lite line. */
export function formatDsliteReport(input: string, calc: DsliteCalculation): string {
	let text = input + '\n';
	text += row('Method', 'DS-Lite via ' + calc.service_name);
	text += row('AFTR', calc.aftr);
	if (calc.aftr_address != null && calc.aftr_address != calc.aftr) text += row('AFTR address', calc.aftr_address);
	text += row('MTU', '' + calc.mtu);
	for (const warning of calc.warnings) text += sprintf('  Warning: %s\n', warning.message);
	text += '  No port sets: the AFTR shares IPv4 (NAT) for all ports. Resolve the AFTR name\n' +
		'  through the line\'s own DNS servers.\n';
	return text;
}

/** The human-readable report of one calculation. */
export function formatReport(input: string, calc: MapeCalculation): string {
	let text = input + '\n';
	text += row('Method', 'MAP-E');
	text += row('Service', calc.service_name);
	text += row('IPv4 address', calc.ipv4);
	text += row('Ports', describePorts(calc));
	text += portRangeLines(calc.portsets);
	text += row('PSID', sprintf('%d (PSID length %d, offset %d, EA length %d)', calc.psid, calc.psidlen, calc.offset, calc.ealen));
	text += row('CE address', calc.ce);
	text += row('BR address', calc.br);
	text += row('Rule', sprintf('%s/%d → %s/%d', calc.ip6prefix, calc.ip6prefixlen, calc.ip4prefix, calc.ip4prefixlen));
	text += row('MTU', '' + calc.mtu);
	for (const warning of calc.warnings) text += sprintf('  Warning: %s\n', warning.message);
	text += '\nUCI (/etc/config/network):\n';
	text += renderUciSection('interface', DEFAULT_MAP_INTERFACE, mapInterfaceOptions(calc, 'wan6'));
	return text;
}

function usageError(message: string): number {
	warn('mape calc: ', message, '\n', CALC_USAGE);
	return 2;
}

/** Arguments after `calc` → a request, or a usage error message. */
function parseArguments(args: readonly string[]): CalcRequest | string {
	const request: CalcRequest = { inputs: [], json: false, options: { ceformat: 'legacy' }, manual: {}, manualGiven: false };
	for (let i = 0; i < length(args); i++) {
		const arg = args[i];
		if (arg == '--json') request.json = true;
		else if (arg == '--rfc7597') request.options.ceformat = 'rfc7597';
		else if (substr(arg, 0, 2) == '--') {
			const name = substr(arg, 2);
			if (index(MANUAL_OPTIONS, name) < 0) return 'unknown option ' + arg;
			if (i + 1 >= length(args)) return 'option ' + arg + ' needs a value';
			request.manual[name] = args[i + 1];
			request.manualGiven = true;
			i++;
		}
		else push(request.inputs, arg);
	}
	if (length(request.inputs) != 1) return length(request.inputs) == 0 ? 'missing prefix or address' : 'give one prefix or address (or - for stdin)';
	if (request.manualGiven) {
		for (const name of MANUAL_OPTIONS) {
			if (name != 'mtu' && request.manual[name] == null) return 'a manual rule needs --' + name;
		}
	}
	return request;
}

function calculateOne(request: CalcRequest, input: string): MapeCalculation | DsliteCalculation | Failure {
	if (!request.manualGiven) return calculateLine(input, request.options);
	const m = request.manual;
	const params: ManualParameters = {
		ip6prefix: m.ip6prefix, ip6prefixlen: m.ip6prefixlen, ip4prefix: m.ip4prefix,
		ip4prefixlen: m.ip4prefixlen, ealen: m.ealen, psidlen: m.psidlen, offset: m.offset,
		br: m.br, mtu: m.mtu,
	};
	return calculateManual(input, params, request.options);
}

/** Prints one result; returns whether it was a success. */
function report(request: CalcRequest, input: string, outcome: MapeCalculation | DsliteCalculation | Failure): boolean {
	if (request.json) {
		printf('%J\n', toJson(input, outcome));
		return outcome.error == null;
	}
	if (outcome.error != null) {
		printf('%s\n  Error (%s): %s\n', input, outcome.error.code, outcome.error.message);
		return false;
	}
	if (outcome.method == 'dslite') print(formatDsliteReport(input, outcome as DsliteCalculation));
	else print(formatReport(input, outcome as MapeCalculation));
	return true;
}

/** Runs `mape calc` with the arguments after `calc`; returns the exit code. */
export function runCalc(args: readonly string[]): number {
	const request = parseArguments(args);
	if (type(request) == 'string') return usageError(request as string);
	const req = request as CalcRequest;

	if (req.inputs[0] != '-') return report(req, req.inputs[0], calculateOne(req, req.inputs[0])) ? 0 : 1;

	let first = true;
	let line = stdin.read('line');
	while (line != null && line != '') {
		const input = rtrim(line, '\r\n');
		if (!req.json && !first) print('\n');
		report(req, input, calculateOne(req, input));
		first = false;
		line = stdin.read('line');
	}
	return 0;
}
