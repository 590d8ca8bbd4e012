// time(), clock() and sleep(): check types and ordering, not values.
const t = time();
print(type(t), " ", t > 1600000000, "\n");
const c = clock();
print(type(c), " ", length(c ?? []), " ", (c ?? [0])[0] > 0, "\n");
const m1 = clock(true) ?? [0, 0];
print(sleep(20), "\n");
const m2 = clock(true) ?? [0, 0];
const elapsed = (m2[0] - m1[0]) * 1000 + int((m2[1] - m1[1]) / 1000000);
print(elapsed >= 15, "\n");
