// index()/rindex() give byte offsets in strings and positions in arrays.
print(index("hello", "l"), " ", rindex("hello", "l"), " ", index("hello", "z"), " ", rindex("hello", "z"), "\n");
print(index("abcabc", "bc"), " ", rindex("abcabc", "bc"), " ", index("abc", ""), "\n");
print(index("héllo", "l"), " ", rindex("日本日本", "日"), "\n");
print(index([1, 2, 3, 2], 2), " ", rindex([1, 2, 3, 2], 2), " ", index([1, 2], 9), "\n");
print(index(["a", "b"], "b"), " ", index([1, "2"], "2"), "\n");
