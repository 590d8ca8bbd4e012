// try/catch inside loops with continue and break.
const inputs = ["1", "x", "3", "stop", "5"];
const ok: number[] = [];
for (const s of inputs) {
	try {
		if (s == "stop") break;
		const n = int(s);
		if (n != n) die(`not a number: ${s}`);
		push(ok, n);
	} catch (e) {
		print("skip: ", (e as UcodeException).message, "\n");
		continue;
	}
	print("took ", s, "\n");
}
print(ok, "\n");
let attempts = 0;
while (true) {
	attempts++;
	try {
		if (attempts < 3) die("retry");
		print("succeeded after ", attempts, "\n");
		break;
	} catch (e) {
		print("attempt ", attempts, " failed\n");
	}
}
