// int(a / b) is integer division (truncating toward zero), incl. negatives.
const pairs = [[10, 4], [7, 2], [-7, 2], [7, -2], [-7, -2], [1, 3], [0, 5], [100, 7], [-100, 7], [9, 3]];
for (const p of pairs) {
	const a = p[0];
	const b = p[1];
	print(a, "/", b, "=", int(a / b), "\n");
}
const seconds = 98765;
const h = int(seconds / 3600);
const m = int((seconds - h * 3600) / 60);
print(h, "h", m, "m", seconds % 60, "s\n");
print(int(1 / 3) * 3, " ", int(2 ** 40 / 1024), "\n");
