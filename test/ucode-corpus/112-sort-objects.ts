// Sorting records by several keys, and sorting object keys.
const routes = [
	{ dst: "10.0.0.0", len: 8, metric: 20 },
	{ dst: "10.1.0.0", len: 16, metric: 10 },
	{ dst: "0.0.0.0", len: 0, metric: 5 },
	{ dst: "10.1.2.0", len: 24, metric: 10 },
];
sort(routes, (a, b) => b.len - a.len);
print(map(routes, (r) => `${r.dst}/${r.len}`), "\n");
sort(routes, (a, b) => a.metric != b.metric ? a.metric - b.metric : a.len - b.len);
print(map(routes, (r) => `${r.metric}:${r.dst}`), "\n");
const o: { [k: string]: number } = { zulu: 1, alpha: 2, mike: 3 };
const sorted: { [k: string]: number } = {};
for (const k of sort(keys(o))) sorted[k] = o[k];
print(sorted, "\n");
