// uniq() removes duplicates with strict comparison, keeping first occurrences.
print(uniq([1, 1, "1", 2, 2, 3, 1]), "\n");
print(uniq(["b", "a", "b", "c", "a"]), "\n");
print(uniq([]), " ", uniq([null, null, true, true]), "\n");
print(uniq([[1], [1]]), "\n");
