// die() inside callbacks (map, filter, sort, replace) propagates to the caller.
function safe(label: string, fn: () => unknown) {
	try {
		print(label, ": ", fn(), "\n");
	} catch (e) {
		print(label, " failed: ", (e as UcodeException).message, "\n");
	}
}
safe("map", () => map([1, 2, 3], (x) => x == 2 ? die("two in map") : x));
safe("filter", () => filter([1, 2], (x) => x > 0));
safe("sort", () => sort([3, 1, 2], (a, b) => a == 1 && b == 1 ? die("never") : a - b));
safe("replace", () => replace("abc", /b/, (m) => die(`saw ${m}`)));
