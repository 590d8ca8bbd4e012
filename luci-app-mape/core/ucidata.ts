/*
 * UCI configurations as plain data, so the decisions (line state, plan) stay pure.
 *
 * A config is the list of its sections in file order, each as the uci module's
 * foreach()/get_all() returns it: options (a string, or an array for a `list`) plus the
 * meta keys ".name", ".type", ".anonymous". The router gathers them (router/system.ts);
 * tests write them by hand or read them from files.
 */

export interface ConfigSection {
	'.name': string;
	'.type': string;
	'.anonymous'?: boolean;
	[option: string]: unknown;
}

/** The configs the backend reads and may change. */
export interface ConfigData {
	network: ConfigSection[];
	firewall: ConfigSection[];
	dhcp: ConfigSection[];
	mape: ConfigSection[];
}

export const MANAGED_CONFIGS: string[] = ['network', 'dhcp', 'firewall', 'mape'];

/** An option as a string; a list is joined with spaces (as uci shows it), absent → null. */
export function optionString(section: ConfigSection | null, option: string): string | null {
	if (section == null) return null;
	const value = section[option];
	if (value == null) return null;
	if (type(value) == 'array') return join(' ', value as string[]);
	return '' + value;
}

/** An option as a list of words: a list as is, a string split on spaces/tabs, absent → []. */
export function optionList(section: ConfigSection | null, option: string): string[] {
	if (section == null) return [];
	const value = section[option];
	if (value == null) return [];
	if (type(value) == 'array') return slice(value as string[]);
	return filter(split('' + value, /[ \t]+/), (word) => word != '');
}

export function sectionName(section: ConfigSection): string {
	return section['.name'];
}

export function sectionType(section: ConfigSection): string {
	return section['.type'];
}

/** The section with this name, or null. */
export function findNamed(sections: readonly ConfigSection[], name: string): ConfigSection | null {
	for (const s of sections) {
		if (s['.name'] == name) return s;
	}
	return null;
}

/**
 * How `uci show` names a section: its name, or `@type[n]` for an anonymous one (n counts
 * the sections of that type before it, from 0). An anonymous section's `.name` is an id
 * libuci generates (cfg…); it addresses the section for staging, but it means nothing to
 * a person.
 */
export function sectionRef(sections: readonly ConfigSection[], section: ConfigSection): string {
	if (section['.anonymous'] != true) return section['.name'];
	let n = 0;
	for (const s of sections) {
		if (s['.name'] == section['.name']) break;
		if (s['.type'] == section['.type']) n++;
	}
	return sprintf('@%s[%d]', section['.type'], n);
}

/**
 * What people call a section, as LuCI shows it: its `name` option (firewall zones, rules
 * and redirects, network devices), for a dhcp section the interface it serves (odhcpd
 * takes the section name when `interface` is absent), else sectionRef().
 */
export function sectionLabel(sections: readonly ConfigSection[], section: ConfigSection): string {
	const name = optionString(section, 'name');
	if (name != null && name != '') return name;
	if (section['.type'] == 'dhcp') {
		const served = optionString(section, 'interface');
		if (served != null && served != '') return served;
	}
	return sectionRef(sections, section);
}

/** Sections of a type, in file order. */
export function sectionsOfType(sections: readonly ConfigSection[], sectionKind: string): ConfigSection[] {
	return filter(sections, (s) => s['.type'] == sectionKind);
}

/** The first section of a type whose option equals value, or null. */
export function findByOption(sections: readonly ConfigSection[], sectionKind: string, option: string, value: string): ConfigSection | null {
	for (const s of sections) {
		if (s['.type'] == sectionKind && optionString(s, option) == value) return s;
	}
	return null;
}

/** Same value (strings compare as strings, lists element by element). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a == null || b == null) return a == null && b == null;
	if (type(a) == 'array' || type(b) == 'array') {
		if (type(a) != 'array' || type(b) != 'array') return false;
		const x = a as string[];
		const y = b as string[];
		if (length(x) != length(y)) return false;
		for (let i = 0; i < length(x); i++) {
			if ('' + x[i] != '' + y[i]) return false;
		}
		return true;
	}
	return '' + a == '' + b;
}
