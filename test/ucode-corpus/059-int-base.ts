// int(value, base) parses in the given base.
print(int("ff", 16), " ", int("FF", 16), " ", int("777", 8), " ", int("101", 2), "\n");
print(int("z", 36), " ", int("10", 10), " ", int("12", 3), "\n");
print(int("fg", 16), " ", int("-ff", 16), "\n");
print(map(["10", "10", "10"], (x, i) => int(x, i + 2)), "\n");
