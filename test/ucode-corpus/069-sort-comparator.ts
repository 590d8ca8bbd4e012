// sort() with a comparator.
print(sort([3, 1, 2], (x, y) => y - x), "\n");
const people = [{ n: "bo", age: 30 }, { n: "al", age: 25 }, { n: "cy", age: 35 }];
sort(people, (p, q) => p.age - q.age);
print(map(people, (p) => p.n), "\n");
sort(people, (p, q) => p.n < q.n ? -1 : p.n > q.n ? 1 : 0);
print(map(people, (p) => p.n), "\n");
const words = ["ccc", "a", "bb"];
print(sort(words, (x, y) => length(x) - length(y)), "\n");
