// Unary operators and compound assignment.
let i = 5;
print(i++, " ", i, " ", ++i, " ", i--, " ", --i, "\n");
let x = 10;
x += 5; print(x, " ");
x -= 3; print(x, " ");
x *= 2; print(x, " ");
x %= 7; print(x, " ");
x **= 3; print(x, "\n");
const neg = -x;
print(neg, " ", -(-3), " ", +"7" + 1, " ", !true, " ", !!neg, "\n");
const arr = [1, 2];
arr[0] += 10;
arr[1]++;
print(arr, "\n");
const o = { c: 0 };
o.c += 2;
o.c++;
print(o, "\n");
