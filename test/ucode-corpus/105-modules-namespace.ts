// A namespace import.
import * as util from './lib/util';

print(util.VERSION, " ", util.sum([10, 20]), " ", util.clamp(100, 0, 50), "\n");
print(sort(filter(keys(util), (k) => k != "default")), "\n");
