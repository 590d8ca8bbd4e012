// Byte manipulation: hex dumps and checksums.
function hexdump(s: string): string {
	const out: string[] = [];
	for (let i = 0; i < length(s); i++) push(out, sprintf("%02x", ord(s, i)));
	return join(" ", out);
}
function checksum(s: string): number {
	let sum = 0;
	for (let i = 0; i < length(s); i++) sum = (sum + (ord(s, i) ?? 0) * (i + 1)) % 65521;
	return sum;
}
print(hexdump("Hi é"), "\n");
print(checksum("hello world"), " ", checksum(""), "\n");
const bytes = map(split("de ad be ef", " "), (h) => hex(h));
print(bytes, " ", chr(...map(bytes, (b) => b & 0x7f)) == chr(0x5e, 0x2d, 0x3e, 0x6f), "\n");
