// IPv6 prefix handling with iptoarr/arrtoip: masking and embedding bits.
function applyPrefix(addr: string, len: number): string {
	const b = iptoarr(addr) ?? [];
	const out: number[] = [];
	for (let i = 0; i < 16; i++) {
		const bits = len - i * 8;
		const m = bits >= 8 ? 0xff : bits <= 0 ? 0 : (0xff << (8 - bits)) & 0xff;
		push(out, b[i] & m);
	}
	return arrtoip(out) ?? "?";
}
print(applyPrefix("2001:db8:1234:5678:9abc:def0:1234:5678", 64), "\n");
print(applyPrefix("2001:db8:1234:5678::1", 36), "\n");
print(applyPrefix("240b:10:abcd:ef00::", 56), "\n");
const b = iptoarr("240b:10::") ?? [];
b[6] = 0x12;
b[7] = 0x34;
b[15] = 1;
print(arrtoip(b), "\n");
