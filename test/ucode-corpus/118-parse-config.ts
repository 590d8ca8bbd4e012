// Parsing a small UCI-like text line by line.
const text = "config interface 'wan'\n\toption proto 'dhcp'\n\toption mtu '1460'\n\nconfig interface 'lan'\n\toption proto 'static'\n\tlist dns '192.0.2.53'\n\tlist dns '198.51.100.53'\n";
const sections: { [k: string]: unknown }[] = [];
let cur: { [k: string]: unknown } | null = null;
for (const raw of split(text, "\n")) {
	const line = trim(raw);
	if (line == "") continue;
	const m = match(line, /^(config|option|list) ([a-z_]+) '([^']*)'$/);
	if (m == null) { print("skip: ", line, "\n"); continue; }
	if (m[1] == "config") {
		cur = { ".type": m[2], ".name": m[3] };
		push(sections, cur);
	} else if (cur != null && m[1] == "option") {
		cur[m[2]] = m[3];
	} else if (cur != null) {
		const prev = cur[m[2]];
		if (prev == null) cur[m[2]] = [m[3]];
		else push(prev as string[], m[3]);
	}
}
for (const s of sections) print(s, "\n");
