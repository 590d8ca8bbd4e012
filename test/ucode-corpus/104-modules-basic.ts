// Importing named functions and constants from a corpus module.
import { clamp, sum, pad, VERSION, LIMITS, double } from './lib/util';

print("version ", VERSION, "\n");
print(clamp(15, LIMITS.min, LIMITS.max), " ", clamp(-3, LIMITS.min, LIMITS.max), " ", clamp(5, 1, 10), "\n");
print(sum([1, 2, 3, 4]), " ", double(21), "\n");
print("[", pad("ab", 5), "]\n");
