// Type-only syntax is erased: interfaces, aliases, generics, `as`, `!`, annotations.
interface Iface { name: string; mtu?: number; }
type Pair<A, B> = [A, B];
type Mode = "dhcp" | "static";
function first<T>(xs: T[]): T | null {
	return length(xs) > 0 ? xs[0] : null;
}
function pair<A, B>(a: A, b: B): Pair<A, B> {
	return [a, b];
}
const ifs: Iface[] = [{ name: "wan" }, { name: "lan", mtu: 1500 }];
const mode: Mode = "static";
const p = pair<string, number>("x", 1);
const maybe: Iface | null = first(ifs);
print(maybe!.name, " ", (ifs[1].mtu as number) + 1, " ", mode, " ", p, "\n");
const raw: unknown = json('{"name":"wan6","mtu":1280}');
const typed = raw as Iface;
print(typed.name, " ", typed.mtu! * 2, "\n");
print(first<number>([]) == null, " ", first(["only"]), "\n");
