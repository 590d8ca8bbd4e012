// A queue and a stack built on push/shift/pop, and a BFS over a graph.
const graph: { [k: string]: string[] } = { a: ["b", "c"], b: ["d"], c: ["d", "e"], d: ["f"], e: ["f"], f: [] };
function bfs(start: string): string[] {
	const seen: { [k: string]: boolean } = {};
	const order: string[] = [];
	const queue = [start];
	seen[start] = true;
	while (length(queue) > 0) {
		const n = shift(queue) as string;
		push(order, n);
		for (const m of graph[n]) {
			if (!(m in seen)) {
				seen[m] = true;
				push(queue, m);
			}
		}
	}
	return order;
}
function dfs(start: string): string[] {
	const seen: { [k: string]: boolean } = {};
	const order: string[] = [];
	const stack = [start];
	while (length(stack) > 0) {
		const n = pop(stack) as string;
		if (n in seen) continue;
		seen[n] = true;
		push(order, n);
		for (const m of reverse(graph[n])) push(stack, m);
	}
	return order;
}
print(bfs("a"), "\n", dfs("a"), "\n");
