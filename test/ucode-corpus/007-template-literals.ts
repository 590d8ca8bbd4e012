// Template literals with numbers, strings, null, booleans and arrays.
const name = "router";
const n = 3;
print(`${name} has ${n} ports\n`);
print(`sum=${n + 4} prod=${n * 4}\n`);
const nothing: string | null = null;
print(`null:${nothing}|bool:${n > 2}|arr:${[1, 2]}\n`);
print(`obj:${{ a: 1, b: "x" }}\n`);
print(`multi
line\n`);
print(`escaped \` and \${not} and \\\n`);
print(`half ${7 / 2.0} third ${1 / 3.0}\n`);
