/*
 * How a backup comes back through LuCI (pure): the operations that turn a config as it is
 * now into the backup's, in the plan's operation format, so the Setup page stages them with
 * LuCI's uci API and applies them with rollback exactly like Auto configure; and whether
 * two configs hold the same content, so the backend rewrites a backup's bytes only once that
 * content is live (router/configure.ts).
 *
 * Operations (besides the plan's add/set/delete, core/plan.ts):
 *   op "add"     also for an anonymous section: `section` is then a placeholder
 *                ("new-1", never a uci name) that later operations on it use; staging
 *                replaces it with the id uci.add() returns
 *   op "remove"  remove the section `section` with all its options
 * Order: removals, then the backup's sections in its order (each added if missing, then
 * its options set and extra ones deleted).
 *
 * Which sections stay: uci appends an added section at the end, and LuCI cannot stage a
 * reorder together with a removal in the same config (24.10's uci.js then leaves out its
 * `order` call; 23.05's sends one naming the removed section, which rpcd refuses without
 * saving it). So, walking the backup's sections in order, each one stays as the first
 * current section after the previous one that is the same section: for a named section the
 * one of that name and type, for an anonymous one the next of the same type and `name`
 * option (a zone, a rule). From the first backup section that has none on, every section of
 * the backup is added (again) after them; a current section that does not stay is removed
 * first. Undoing Auto configure only removes what it appended, so nothing is re-added there.
 *
 * Content is what uci holds and services read: the sections in order, each with its type,
 * its name when it has one, and its options (a string or a list, in list order). Option
 * order inside a section and everything outside sections (comments, spacing, quoting) are
 * not content: the byte copy brings those back.
 */
import { type ConfigSection, sameValue, sectionRef, sectionLabel } from './ucidata';
import type { PlanOp } from '../types/api';

/** Option names of a section (uci's meta keys, which start with ".", left out), in order. */
function optionNames(section: ConfigSection): string[] {
	return filter(keys(section), (k) => substr(k, 0, 1) != '.');
}

function isAnonymous(section: ConfigSection): boolean {
	return section['.anonymous'] == true;
}

/** What identifies a section: the name of a named one, the type and `name` option of an anonymous one. */
function identity(section: ConfigSection): string {
	if (!isAnonymous(section)) return 'N' + section['.type'] + '\u0001' + section['.name'];
	const name = section['name'];
	return 'A' + section['.type'] + '\u0001' + (type(name) == 'string' ? name as string : '');
}

function valueOf(section: ConfigSection, option: string): string | string[] | null {
	const value = section[option];
	if (value == null) return null;
	if (type(value) == 'array') return slice(value as string[]);
	return '' + value;
}

/**
 * The operations that turn `current` (config `config` as it is now) into `target` (the
 * backup's). `counter` numbers the placeholders of new anonymous sections across configs.
 */
export function restoreOps(config: string, current: readonly ConfigSection[], target: readonly ConfigSection[], counter: { next: number }): PlanOp[] {
	const ops: PlanOp[] = [];
	// matched[j]: the current section that backup section j stays as, or -1 (see above).
	const matched: number[] = map(target, () => -1);
	const kept: boolean[] = map(current, () => false);
	let next = 0;
	for (let j = 0; j < length(target); j++) {
		const key = identity(target[j]);
		let found = -1;
		for (let i = next; i < length(current) && found < 0; i++) {
			if (identity(current[i]) == key) found = i;
		}
		if (found < 0) break;
		matched[j] = found;
		kept[found] = true;
		next = found + 1;
	}
	const describe = function (op: string, id: string, section: ConfigSection, sections: readonly ConfigSection[], option: string | null, old: string | string[] | null, value: string | string[] | null): PlanOp {
		return {
			op: op, config: config, section: id, type: section['.type'], option: option, old: old, new: value,
			anonymous: isAnonymous(section), ref: sectionRef(sections, section), label: sectionLabel(sections, section),
		};
	};

	for (let i = 0; i < length(current); i++) {
		if (!kept[i]) push(ops, describe('remove', current[i]['.name'], current[i], current, null, null, null));
	}
	for (let j = 0; j < length(target); j++) {
		const t = target[j];
		if (matched[j] >= 0) {
			const c = current[matched[j]];
			const id = c['.name'];
			for (const option of optionNames(t)) {
				if (!sameValue(c[option], t[option])) push(ops, describe('set', id, c, current, option, valueOf(c, option), valueOf(t, option)));
			}
			for (const option of optionNames(c)) {
				if (t[option] == null) push(ops, describe('delete', id, c, current, option, valueOf(c, option), null));
			}
		} else {
			const id = isAnonymous(t) ? sprintf('new-%d', ++counter.next) : t['.name'];
			push(ops, describe('add', id, t, target, null, null, t['.type']));
			for (const option of optionNames(t)) push(ops, describe('set', id, t, target, option, null, valueOf(t, option)));
		}
	}
	return ops;
}

/**
 * null when `a` and `b` hold the same content (see the module comment), else which
 * section differs first, as `uci show` names it in `b`.
 */
export function contentDifference(a: readonly ConfigSection[], b: readonly ConfigSection[]): string | null {
	const n = length(a) > length(b) ? length(a) : length(b);
	for (let i = 0; i < n; i++) {
		const x = i < length(a) ? a[i] : null;
		const y = i < length(b) ? b[i] : null;
		if (x == null || y == null) return sprintf('section %d', i + 1);
		const where = sectionRef(b, y);
		if (x['.type'] != y['.type'] || isAnonymous(x) != isAnonymous(y) || (!isAnonymous(y) && x['.name'] != y['.name'])) return where;
		const names = optionNames(x);
		if (length(names) != length(optionNames(y))) return where;
		for (const option of names) {
			if (!sameValue(x[option], y[option])) return where + '.' + option;
		}
	}
	return null;
}
