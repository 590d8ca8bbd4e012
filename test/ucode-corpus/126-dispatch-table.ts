// A dispatch table of handlers, called by name with arguments.
type Handler = (args: { [k: string]: unknown }) => { [k: string]: unknown };
const handlers: { [k: string]: Handler } = {
	status: (args) => ({ ok: true, name: args.name ?? "default" }),
	sum: (args) => {
		let t = 0;
		for (const v of args.values as number[]) t += v;
		return { total: t };
	},
	fail: (args) => die(`fail called with ${length(args)} args`),
};
function invoke(method: string, args: { [k: string]: unknown }) {
	if (!(method in handlers)) return { error: `no such method: ${method}` };
	try {
		return handlers[method](args);
	} catch (e) {
		return { error: (e as UcodeException).message };
	}
}
print(invoke("status", {}), "\n");
print(invoke("status", { name: "wan" }), "\n");
print(invoke("sum", { values: [1, 2, 3] }), "\n");
print(invoke("fail", { a: 1, b: 2 }), "\n");
print(invoke("nope", {}), "\n");
