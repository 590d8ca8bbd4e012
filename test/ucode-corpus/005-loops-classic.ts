// Classic for loops and while loops.
let s = "";
for (let i = 0; i < 5; i++) {
	s += i;
}
print(s, "\n");
let j = 10;
while (j > 0) {
	j -= 3;
}
print("j=", j, "\n");
let k = 0;
for (;;) {
	k++;
	if (k >= 4) break;
}
print("k=", k, "\n");
for (let a = 0, b = 10; a < b; a += 3, b -= 3) {
	print(a, "<", b, "\n");
}
