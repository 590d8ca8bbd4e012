// Runtime errors are caught with their ucode type and message.
const o: { [k: string]: any } = { a: null };
try {
	print(o.a.b, "\n");
} catch (e) {
	const ex = e as UcodeException;
	print(ex.type, ": ", ex.message, "\n");
}
try {
	json("{");
} catch (e) {
	const ex = e as UcodeException;
	print(ex.type, ": ", ex.message, "\n");
}
try {
	die("custom");
} catch (e) {
	const ex = e as UcodeException;
	print(ex.type, ": ", ex.message, "\n");
}
