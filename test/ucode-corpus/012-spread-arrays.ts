// Spread in array literals and in calls.
const a = [1, 2];
const b = [3, 4, 5];
const c = [...a, ...b, 6];
print(c, " ", length(c), "\n");
const copy = [...a];
push(copy, 99);
print(a, " ", copy, "\n");
print(max(...b), " ", min(...c), "\n");
function three(x: number, y: number, z: number) {
	return x * 100 + y * 10 + z;
}
const args: [number, number, number] = [1, 2, 3];
print(three(...args), "\n");
print([...[], ...["only"]], "\n");
