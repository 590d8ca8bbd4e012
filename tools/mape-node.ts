/*
 * Entry point of `npx mape`: runs the router's `mape` CLI (luci-app-mape/router/cli.ts,
 * compiled to JavaScript by the build) on Node through the ucode runtime, so the PC and
 * the router run the same program. Bundled by tools/build.ts into build/mape.mjs.
 */
import { setArgv, UcodeExit } from '../luci-app-mape/runtime/builtins.ts';
import { formatUncaught } from '../luci-app-mape/runtime/index.ts';

setArgv(process.argv.slice(2));
try {
	// @ts-ignore: generated JavaScript without declarations (built from typed ucode)
	await import('../build/js/luci-app-mape/router/cli.js');
}
catch (e) {
	if (e instanceof UcodeExit) process.exitCode = e.code;
	else {
		process.stderr.write(formatUncaught(e));
		process.exitCode = 254;
	}
}
