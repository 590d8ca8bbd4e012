// switch compares strictly: the string "1" does not match the number 1.
function kind(v: unknown): string {
	switch (v) {
		case 1: return "number one";
		case "1": return "string one";
		case true: return "true";
		case null: return "null";
		default: return "other";
	}
}
print(kind(1), "|", kind("1"), "|", kind(true), "|", kind(null), "|", kind(1 == 1), "|", kind(0), "\n");
const k = "x";
switch (k + "y") {
	case "xy": print("concat matched\n"); break;
	default: print("no match\n");
}
