// split() with a regular expression.
print(split("a b  c", /\s+/), "\n");
print(split("a1b22c", /[0-9]+/), "\n");
print(split("one, two,three", /, */), "\n");
print(split("x1y2z", /([0-9])/), "\n");
print(split("A-b_C", /[-_]/), "\n");
