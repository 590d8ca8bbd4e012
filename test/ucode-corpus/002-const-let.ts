// const and let, block scoping, shadowing in an inner block.
const a = 1;
let b = 2;
b = b + a;
{
	let b = 10;
	const c = b * 2;
	print("inner ", b, " ", c, "\n");
}
print("outer ", a, " ", b, "\n");
let x: number | null = null;
print("x is null: ", x == null, "\n");
x = 5;
print("x now ", x, "\n");
