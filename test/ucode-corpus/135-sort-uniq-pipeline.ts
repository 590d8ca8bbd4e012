// Pipelines of map, filter, sort, uniq, slice and join.
const log = "wan up;lan up;wan down;wan6 up;lan up;dmz down;wan up";
const events = split(log, ";");
const ifaces = sort(uniq(map(events, (e) => split(e, " ")[0])));
print(ifaces, "\n");
const ups = filter(events, (e) => match(e, / up$/) != null);
print(length(ups), " ", uniq(ups), "\n");
const top2 = slice(sort(map(ifaces, (i) => `${length(filter(events, (e) => index(e, i + " ") == 0))}:${i}`), (a, b) => a < b ? 1 : a > b ? -1 : 0), 0, 2);
print(join(", ", top2), "\n");
