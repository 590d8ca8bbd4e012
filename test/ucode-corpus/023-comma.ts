// The comma operator in for heads and expressions.
let i = 0;
let j = 0;
for (i = 0, j = 10; i < j; i++, j--) { }
print(i, " ", j, "\n");
let calls = 0;
function bump() { calls++; return calls; }
const last = (bump(), bump(), bump() * 100);
print(last, " ", calls, "\n");
