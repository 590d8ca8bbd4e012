// Block scoping: the same name in sibling and nested blocks, loops and functions.
let x = "outer";
{
	let x = "block";
	{
		let x = "inner";
		print(x, " ");
	}
	print(x, " ");
}
print(x, "\n");
for (let i = 0; i < 2; i++) {
	let x = `loop${i}`;
	print(x, " ");
}
print(x, "\n");
function f() {
	let x = "fn";
	if (true) {
		let x = "if";
		print(x, " ");
	}
	return x;
}
print(f(), " ", x, "\n");
