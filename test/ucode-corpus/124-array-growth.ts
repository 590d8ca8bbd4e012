// Assigning past the end of an array pads with null.
const a: (number | null)[] = [1];
a[3] = 4;
print(a, " ", length(a), "\n");
print(a[1] == null, " ", a[2] == null, "\n");
const grid: string[][] = [];
for (let r = 0; r < 3; r++) {
	push(grid, []);
	for (let c = 0; c <= r; c++) push(grid[r], `${r}${c}`);
}
print(grid, "\n");
const b: number[] = [];
b[0] = 7;
b[length(b)] = 8;
print(b, "\n");
