// Errors raised in a module's function are caught by the importing script.
import { positive, parsePort } from './lib/checks';

for (const s of ["80", "0", "65536", "http", "8080"]) {
	try {
		print("port ", parsePort(s), "\n");
	} catch (e) {
		const ex = e as UcodeException;
		print(ex.type, ": ", ex.message, "\n");
	}
}
print(positive(3), "\n");
try {
	positive(-1);
} catch (e) {
	print("caught ", (e as UcodeException).message, "\n");
}
