// Objects exported by a module are shared by reference with every importer.
import { LIMITS, clamp } from './lib/util';
import * as util from './lib/util';

print(LIMITS, "\n");
LIMITS.max = 20;
print(util.LIMITS.max, " ", clamp(15, LIMITS.min, util.LIMITS.max), "\n");
print(util.LIMITS === LIMITS, "\n");
