// join(separator, array): the separator comes first; null joins as "null".
print(join(",", ["a", "b", "c"]), "\n");
print(join("", ["x", "y"]), "|", join("-", []), "|", join("-", ["one"]), "\n");
print(join(" ", [1, 2.5, true, null]), "\n");
print(join(";", [[1, 2], { k: "v" }]), "\n");
print(join(", ", map([1, 2, 3], (x) => x * 2)), "\n");
