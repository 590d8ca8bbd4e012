// Nested arrays as matrices.
function mul(a: number[][], b: number[][]): number[][] {
	const r: number[][] = [];
	for (let i = 0; i < length(a); i++) {
		const row: number[] = [];
		for (let j = 0; j < length(b[0]); j++) {
			let s = 0;
			for (let k = 0; k < length(b); k++) s += a[i][k] * b[k][j];
			push(row, s);
		}
		push(r, row);
	}
	return r;
}
function transpose(m: number[][]): number[][] {
	return map(m[0], (x, j) => map(m, (row) => row[j]));
}
const a = [[1, 2], [3, 4]];
const b = [[5, 6], [7, 8]];
print(mul(a, b), "\n", transpose([[1, 2, 3], [4, 5, 6]]), "\n");
let p = [[1, 1], [1, 0]];
for (let i = 0; i < 10; i++) p = mul(p, [[1, 1], [1, 0]]);
print(p[0][1], "\n");
