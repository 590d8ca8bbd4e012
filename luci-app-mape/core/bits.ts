/*
 * Bit slicing on 128-bit IPv6 values held as 8 hextets (numbers 0..65535), bit 0 being the
 * most significant bit of the first hextet.
 *
 * Everything works one bit or one hextet at a time, so no intermediate value exceeds 2^32:
 * exact both in ucode (64-bit ints) and in JavaScript (exact within ±2^53).
 */

/** The number formed by `count` bits (0..32) starting at bit `start`. */
export function readBits(hextets: readonly number[], start: number, count: number): number {
	let value = 0;
	for (let i = 0; i < count; i++) {
		const bit = start + i;
		const hextet = hextets[bit >> 4];
		value = value * 2 + ((hextet >> (15 - (bit & 15))) & 1);
	}
	return value;
}

/** A copy with every bit from `prefixlen` on set to zero (the network of a prefix). */
export function maskBits(hextets: readonly number[], prefixlen: number): number[] {
	const masked: number[] = [];
	for (let i = 0; i < 8; i++) {
		const kept = prefixlen - i * 16;
		if (kept >= 16) push(masked, hextets[i]);
		else if (kept <= 0) push(masked, 0);
		else push(masked, hextets[i] & ((0xffff << (16 - kept)) & 0xffff));
	}
	return masked;
}

/** True when the first `prefixlen` bits of both values are equal. */
export function samePrefix(a: readonly number[], b: readonly number[], prefixlen: number): boolean {
	const ma = maskBits(a, prefixlen);
	const mb = maskBits(b, prefixlen);
	for (let i = 0; i < 8; i++) {
		if (ma[i] !== mb[i]) return false;
	}
	return true;
}

/** True when bits [start, end) are all zero. */
export function bitsAreZero(hextets: readonly number[], start: number, end: number): boolean {
	for (let bit = start; bit < end; bit++) {
		if (((hextets[bit >> 4] >> (15 - (bit & 15))) & 1) !== 0) return false;
	}
	return true;
}
