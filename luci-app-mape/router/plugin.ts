/*
 * rpcd plugin `luci.mape` (installed as /usr/share/rpcd/ucode/luci.mape).
 * Handlers stay thin: check arguments, call the library, return an object.
 */

const VERSION = '0.1.0';

const status: RpcdMethod<{}> = {
	call: function (req) {
		return { version: VERSION, configured: false };
	},
};

export default {
	'luci.mape': {
		status: status,
	},
};
