// catch without a binding, and die() inside nested calls.
function deep(n: number): number {
	if (n == 0) die("bottom");
	return deep(n - 1);
}
try {
	deep(5);
} catch {
	print("caught without binding\n");
}
let steps = 0;
try {
	steps++;
	die("stop");
	steps++;
} catch (e) {
	steps += 10;
}
print("steps ", steps, "\n");
const result = (() => {
	try {
		return "from try";
	} catch (e) {
		return "from catch";
	}
})();
print(result, "\n");
