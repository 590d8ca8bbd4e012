// Invalid JSON raises a catchable exception.
const bad = ["{bad", "[1,", "", "nul", '{"a" 1}', "[1] x"];
for (const s of bad) {
	try {
		const v = json(s);
		print("parsed ", v, "\n");
	} catch (e) {
		const ex = e as UcodeException;
		print("error for [", s, "]: ", ex.type, "\n");
	}
}
