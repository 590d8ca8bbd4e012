// type() of each kind of value.
print(type(1), " ", type(-5), " ", type(1.5), " ", type(7 / 2.0), "\n");
print(type("s"), " ", type(""), " ", type(true), " ", type(false), "\n");
print(type([]), " ", type({}), " ", type(print), " ", type(() => 1), "\n");
print(type(/x/), " ", type(regexp("y")), " ", type(null) == null, "\n");
print(type(NaN), " ", type(2 ** 10), " ", type(int("7")), " ", type(json("[1]")), "\n");
function t(v: unknown): string {
	return type(v) ?? "null";
}
print(map([1, "a", null, [], {}, false], t), "\n");
