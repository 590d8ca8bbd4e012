// Comparisons of numbers and strings (bytewise), equality and inequality.
print(1 < 2, " ", 2 <= 2, " ", 3 > 4, " ", 4 >= 4, "\n");
print("a" < "b", " ", "abc" < "abd", " ", "B" < "a", " ", "10" < "9", " ", "" < "a", "\n");
const num = (x: number) => x;
const str = (x: string) => x;
print(num(1) == num(1), " ", num(1) != num(2), " ", str("x") == str("x"), " ", str("x") != str("y"), "\n");
print(num(1) === num(1), " ", str("a") !== str("b"), " ", str("a") === str("b"), "\n");
print(-1 < 0, " ", 0.5 < 1, " ", 2 ** 40 > 2 ** 39, "\n");
const arr = [1];
const same = arr;
print(arr == same, " ", arr === same, "\n");
print("é" > "z", " ", "Z" < "a", "\n");
