// for-in over objects yields keys in insertion order.
const o: { [k: string]: number } = { zeta: 1, alpha: 2, mid: 3 };
for (const k in o) {
	print(k, "=", o[k], "\n");
}
o.beta = 4;
let ks = "";
for (const k in o) ks += k + ";";
print(ks, "\n");
const empty: { [k: string]: string } = {};
for (const k in empty) print("never ", k, "\n");
print("end\n");
