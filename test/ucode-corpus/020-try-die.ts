// die() raises; catch receives { type, message, stacktrace }.
try {
	die("something broke");
} catch (e) {
	const ex = e as UcodeException;
	print(ex.type, ": ", ex.message, " ", type(ex.stacktrace), "\n");
}
function risky(n: number): number {
	if (n > 2) die(`too big: ${n}`);
	return n * 2;
}
for (const n of [1, 2, 3]) {
	try {
		print("ok ", risky(n), "\n");
	} catch (e) {
		print("caught ", (e as UcodeException).message, "\n");
	}
}
try {
	try {
		die("inner");
	} catch (e) {
		print("inner caught ", (e as UcodeException).message, "\n");
		die("rethrown " + (e as UcodeException).message);
	}
} catch (e) {
	print("outer caught ", (e as UcodeException).message, "\n");
}
try {
	print("no error\n");
} catch (e) {
	print("never\n");
}
print("after\n");
