/*
 * Smoke view: proves the TypeScript → LuCI class file path end to end (bundle, directives,
 * loader, rpc to our backend). Shows the `luci.mape status` reply as a table.
 */
import view from 'luci:view';
import rpc from 'luci:rpc';
import { statusTable } from './widgets/status-table.ts';

/** The reply of `ubus call luci.mape status`; extra fields are shown too. */
interface Status {
	version?: string;
	configured?: boolean;
	[field: string]: unknown;
}

const callStatus = rpc.declare<Status, []>({
	object: 'luci.mape',
	method: 'status',
	expect: { '': {} },
});

export default view.extend({
	load(): Promise<Status> {
		return L.resolveDefault(callStatus(), {});
	},

	render(status: Status) {
		return E('div', { class: 'cbi-map' }, [
			E('h2', {}, [_('MAP-E status')]),
			E('div', { class: 'cbi-map-descr' }, [_('What the MAP-E backend (luci.mape) reports.')]),
			E('div', { class: 'cbi-section' }, [statusTable(status)]),
		]);
	},

	handleSave: null,
	handleSaveApply: null,
	handleReset: null,
});
