// switch cases with their own blocks and lets; switch on computed strings.
function describe(kind: string, n: number): string {
	switch (kind) {
		case "square": {
			const area = n * n;
			return `square ${area}`;
		}
		case "cube": {
			const vol = n * n * n;
			return `cube ${vol}`;
		}
		default: {
			const msg = `unknown ${kind}`;
			return msg;
		}
	}
}
print(describe("square", 3), ", ", describe("cube", 2), ", ", describe("line", 1), "\n");
let hits = "";
for (const w of ["a", "b", "c", "d"]) {
	switch (w + "!") {
		case "a!":
		case "c!":
			hits += uc(w);
			break;
		case "b!":
			hits += w;
			continue;
		default:
			hits += "-";
	}
	hits += ".";
}
print(hits, "\n");
