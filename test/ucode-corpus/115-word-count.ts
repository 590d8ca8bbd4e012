// Counting words with an object as a map; output sorted for determinism.
const text = "the cat and the hat and the bat";
const counts: { [k: string]: number } = {};
for (const w of split(text, " ")) counts[w] = (counts[w] ?? 0) + 1;
const ws = sort(keys(counts), (a, b) => counts[b] != counts[a] ? counts[b] - counts[a] : (a < b ? -1 : 1));
for (const w of ws) printf("%-4s %d\n", w, counts[w]);
print(length(ws), " distinct\n");
