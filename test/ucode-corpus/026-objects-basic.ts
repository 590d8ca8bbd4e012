// Object literals, property access, nested objects, computed keys.
const o = { name: "wan", mtu: 1500, up: true, addr: { v4: "192.0.2.1", v6: null } };
print(o.name, " ", o["mtu"], " ", o.up, " ", o.addr.v4, " ", o.addr.v6 == null, "\n");
o.mtu = 1460;
print(o, "\n");
const key = "dyn";
const c = { [key]: 1, [key + "2"]: 2, plain: 3 };
print(c, "\n");
const quoted = { "with space": 1, "dash-key": 2, delete: 3, in: 4 };
print(quoted["with space"], quoted["dash-key"], quoted.delete, quoted.in, "\n");
const missing: { [k: string]: number } = {};
print(missing.nope == null, " ", length(missing), "\n");
