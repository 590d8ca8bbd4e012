/*
 * The status table: one row per field of a `luci.mape status` reply, label and value.
 * Values are passed to E() inside arrays so they become text nodes, never HTML.
 */

/** Human labels for the fields we know; other fields show their key. */
const LABELS: { [field: string]: () => string } = {
	version: () => _('Version'),
	configured: () => _('Configured'),
};

/** A reply value as text: booleans as Yes/No, lists joined, objects as JSON. */
export function formatStatusValue(value: unknown): string {
	if (value === true) return _('Yes');
	if (value === false) return _('No');
	if (value == null) return '-';
	if (Array.isArray(value)) return value.map(formatStatusValue).join(', ');
	if (typeof value == 'object') return JSON.stringify(value);
	return String(value);
}

/** Fields in a stable order: known ones first (in LABELS order), then the rest sorted. */
export function statusFields(status: { [field: string]: unknown }): string[] {
	const known = Object.keys(LABELS).filter((k) => k in status);
	const rest = Object.keys(status).filter((k) => !(k in LABELS)).sort();
	return known.concat(rest);
}

export function statusTable(status: { [field: string]: unknown }): HTMLElement {
	const fields = statusFields(status);
	if (fields.length == 0)
		return E('p', { class: 'cbi-value-description' }, [_('No status available.')]);

	return E('table', { class: 'table' }, [
		E('tr', { class: 'tr table-titles' }, [
			E('th', { class: 'th' }, [_('Field')]),
			E('th', { class: 'th' }, [_('Value')]),
		]),
		...fields.map((field) =>
			E('tr', { class: 'tr' }, [
				E('td', { class: 'td left' }, [LABELS[field] ? LABELS[field]() : field]),
				E('td', { class: 'td left' }, [formatStatusValue(status[field])]),
			]),
		),
	]);
}
