// Exported let bindings are live: the importer sees updates.
import { count, log, bump, reset } from './lib/counter';

print("start ", count, "\n");
bump(2);
bump(3);
print("after bumps ", count, " ", log, "\n");
reset();
print("after reset ", count, " ", log, "\n");
print("bump returns ", bump(7), "\n");
