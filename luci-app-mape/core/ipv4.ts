/*
 * Dotted-quad IPv4 addresses as four octets (numbers 0..255).
 *
 * Strict: exactly four decimal parts of 1-3 digits, each 0..255, no leading zeros
 * ("010" could mean octal to some tools, so it is refused rather than guessed).
 */

/** "153.240.64.0" → [153, 240, 64, 0]; anything else → null. */
export function parseIpv4(text: string): number[] | null {
	const parts = split(text, '.');
	if (length(parts) !== 4) return null;
	const octets: number[] = [];
	for (const part of parts) {
		const digits = length(part);
		if (digits < 1 || digits > 3) return null;
		if (digits > 1 && ord(part, 0) === 48) return null;
		let octet = 0;
		for (let i = 0; i < digits; i++) {
			const c = ord(part, i);
			if (c == null || c < 48 || c > 57) return null;
			octet = octet * 10 + (c - 48);
		}
		if (octet > 255) return null;
		push(octets, octet);
	}
	return octets;
}

export function formatIpv4(octets: readonly number[]): string {
	return sprintf('%d.%d.%d.%d', octets[0], octets[1], octets[2], octets[3]);
}

/** The four octets as one number (at most 2^32 - 1: exact in ucode and in JavaScript). */
export function ipv4ToNumber(octets: readonly number[]): number {
	return ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
}

/** Inverse of ipv4ToNumber, by arithmetic (no bit operations on values ≥ 2^31). */
export function ipv4FromNumber(value: number): number[] {
	return [
		int(value / 16777216) % 256,
		int(value / 65536) % 256,
		int(value / 256) % 256,
		value % 256,
	];
}
