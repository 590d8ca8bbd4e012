// Rest parameters collect extra arguments; missing ones are an empty array.
function f(first: string, ...rest: number[]) {
	return `${first}:${length(rest)}:${join("+", rest)}`;
}
print(f("a"), "\n");
print(f("b", 1), "\n");
print(f("c", 1, 2, 3), "\n");
const sum = (...xs: number[]) => {
	let s = 0;
	for (const x of xs) s += x;
	return s;
};
print(sum(), " ", sum(5), " ", sum(1, 2, 3, 4), "\n");
const nums = [10, 20];
print(sum(...nums, 30), "\n");
