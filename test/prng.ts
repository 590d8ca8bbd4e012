/** A small seeded pseudo-random generator (mulberry32) for reproducible random test inputs. */
export function prng(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * `seed` with 1..maxEdits random one-character edits at random places, new characters drawn
 * from `alphabet`: with a uniform draw op, insert when op < insertBelow, else delete when
 * op < deleteBelow, else replace.
 */
export function mutate(rnd: () => number, seed: string, alphabet: string, maxEdits: number, insertBelow: number, deleteBelow: number): string {
	let s = seed;
	for (let k = 1 + Math.floor(rnd() * maxEdits); k > 0; k--) {
		const at = Math.floor(rnd() * (s.length + 1));
		const c = alphabet[Math.floor(rnd() * alphabet.length)];
		const op = rnd();
		s = op < insertBelow ? s.slice(0, at) + c + s.slice(at) : op < deleteBelow ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + c + s.slice(at + 1);
	}
	return s;
}
