// Algorithms with while loops: gcd, digit sums, collatz.
function gcd(a: number, b: number) {
	while (b != 0) {
		const t = b;
		b = a % b;
		a = t;
	}
	return a;
}
print(gcd(48, 18), " ", gcd(17, 5), " ", gcd(1071, 462), "\n");
function digits(n: number) {
	let s = 0;
	while (n > 0) {
		s += n % 10;
		n = int(n / 10);
	}
	return s;
}
print(digits(987654321), "\n");
function collatz(n: number) {
	let steps = 0;
	while (n != 1) {
		n = n % 2 == 0 ? int(n / 2) : 3 * n + 1;
		steps++;
	}
	return steps;
}
print(collatz(27), "\n");
