// Serialise with %J and parse back with json().
const cfg = { name: "wan", peers: ["a", "b"], opts: { mtu: 1460, ra: false }, note: null };
const text = sprintf("%J", cfg);
print(text, "\n");
const back = json(text) as typeof cfg;
print(back.opts.mtu, " ", back.peers[1], " ", back.note == null, " ", length(back), "\n");
print(sprintf("%J", back) == text, "\n");
