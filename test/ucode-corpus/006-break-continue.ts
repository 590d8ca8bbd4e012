// break and continue in for, for-of and while loops.
const out: number[] = [];
for (let i = 0; i < 10; i++) {
	if (i % 2 == 0) continue;
	if (i > 7) break;
	push(out, i);
}
print(out, "\n");
const picked: string[] = [];
for (const w of ["a", "skip", "b", "stop", "c"]) {
	if (w == "skip") continue;
	if (w == "stop") break;
	push(picked, w);
}
print(picked, "\n");
let n = 0;
const seen: number[] = [];
while (true) {
	n++;
	if (n == 2) continue;
	if (n > 4) break;
	push(seen, n);
}
print(seen, "\n");
