// An IPv4 prefix calculator: parsing, masks and formatting with bitwise ops.
function toInt(ip: string): number {
	const b = iptoarr(ip);
	if (b == null || length(b) != 4) die(`bad address ${ip}`);
	return (b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
}
function toIp(n: number): string {
	return arrtoip([(n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]) ?? "?";
}
function mask(len: number): number {
	return len == 0 ? 0 : (0xffffffff << (32 - len)) & 0xffffffff;
}
for (const cidr of ["192.168.1.77/24", "10.1.2.3/8", "203.0.113.200/27", "0.0.0.0/0"]) {
	const p = split(cidr, "/");
	const addr = toInt(p[0]);
	const len = int(p[1]);
	const m = mask(len);
	const net = addr & m;
	const bcast = net | (m ^ 0xffffffff);
	print(cidr, " net ", toIp(net), " mask ", toIp(m), " bcast ", toIp(bcast), " hosts ", (1 << (32 - len)) - 2, "\n");
}
try {
	toInt("300.1.1.1");
} catch (e) {
	print((e as UcodeException).message, "\n");
}
