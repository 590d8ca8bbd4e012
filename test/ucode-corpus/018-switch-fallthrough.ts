// switch with fall-through, default in the middle, and break.
function classify(n: number): string {
	let r = "";
	switch (n) {
		case 1:
			r += "one ";
		case 2:
			r += "upto-two ";
			break;
		case 3:
		case 4:
			r += "three-or-four ";
			break;
		default:
			r += "other ";
		case 9:
			r += "nine-or-after-default ";
	}
	return r;
}
for (const n of [1, 2, 3, 4, 5, 9]) print(n, ": ", classify(n), "\n");
function name(s: string) {
	switch (s) {
		case "a": return "letter a";
		case "b": return "letter b";
	}
	return "unknown";
}
print(name("a"), ", ", name("b"), ", ", name("c"), "\n");
