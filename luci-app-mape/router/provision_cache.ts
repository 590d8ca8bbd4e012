/*
 * The HB46PP cache (/tmp/mape/hb46pp.json, written by `mape provision`, see
 * router/provision_command.ts) and what it means for detection: the provider's answer wins
 * over the built-in tables. When mape.hb46pp is on and the cache holds a valid answer for
 * the line's prefix, detection computes the line from that answer (also past its TTL: the
 * next run replaces it, and a failed run keeps it, so that an outage of the provisioning
 * server does not tear down a working line). A manual rule in /etc/config/mape still wins
 * over both. When the tables know the prefix too and give other parameters, a warning says
 * which ones differ, so the page can say that the provider's are used.
 */
import * as fs from 'fs';
import { type Paths } from './system';
import { type Settings } from '../core/settings';
import { type Detection } from '../core/linestate';
import { parseProvisioning, provisionedCalculation } from '../core/hb46pp';
import { type MapeCalculation } from '../core/mape';
import { type DsliteCalculation } from '../core/dslite';
import type { ProvisionCache } from '../types/api';

export function cachePath(p: Paths): string {
	return p.rundir + '/mape/hb46pp.json';
}

export function readCache(p: Paths): ProvisionCache | null {
	const text = fs.readfile(cachePath(p));
	let cache: unknown = null;
	try {
		cache = text != null ? json(text) : null;
	} catch {
		cache = null;
	}
	return type(cache) == 'object' && type((cache as ProvisionCache).next) == 'int' ? cache as ProvisionCache : null;
}

/** The fields that make a line's configuration, per method, for the comparison. */
const MAPE_FIELDS = ['ip6prefix', 'ip6prefixlen', 'ip4prefix', 'ip4prefixlen', 'ealen', 'psidlen', 'offset', 'br', 'ipv4', 'psid', 'ce'];
const DSLITE_FIELDS = ['aftr'];

/** The fields in which two calculations of the same method differ. */
function differingFields(provider: MapeCalculation | DsliteCalculation, table: MapeCalculation | DsliteCalculation): string[] {
	const out: string[] = [];
	const a = provider as unknown as { [key: string]: unknown };
	const b = table as unknown as { [key: string]: unknown };
	for (const f of provider.method == 'dslite' ? DSLITE_FIELDS : MAPE_FIELDS) {
		if (a[f] != b[f]) push(out, f);
	}
	return out;
}

/**
 * Detection with the provider's answer in place of the tables' calculation, when there is
 * one for the line's prefix (see the module comment); otherwise `detection` as it is.
 */
export function withProvider(p: Paths, settings: Settings, detection: Detection): Detection {
	if (!settings.hb46pp || settings.manual != null || detection.input == null) return detection;
	const cache = readCache(p);
	if (cache == null || cache.prefix != detection.input || type(cache.result) != 'object') return detection;
	const raw = (cache.result as { [key: string]: unknown }).raw;
	if (raw == null) return detection;
	const calc = provisionedCalculation(parseProvisioning(sprintf('%J', raw)), detection.input);
	if (calc.error != null) return detection;
	const c = calc as MapeCalculation | DsliteCalculation;
	const warnings = slice(detection.warnings);
	for (const w of c.warnings) push(warnings, w);
	// Another method than the tables' is the engine's HB46PP_DIFFERS_FROM_TABLE, among c.warnings.
	if (detection.calc != null && detection.calc.method == c.method) {
		const differs = differingFields(c, detection.calc);
		if (length(differs) > 0) {
			push(warnings, { code: 'PROVIDER_DIFFERS_FROM_TABLE', message: sprintf('The provider\'s parameters differ from the built-in table in %s; the provider\'s are used.', join(', ', differs)), fields: differs });
		}
	}
	return { ...detection, calc: c, error: null, warnings: warnings };
}
