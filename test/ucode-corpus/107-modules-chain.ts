// A module that imports another module, and two modules in one script.
import { startsWith, endsWith, table, banner } from './lib/strings';
import { sum } from './lib/util';

print(banner(), "\n");
print(startsWith("eth0.100", "eth"), " ", startsWith("wan", "eth"), " ", endsWith("config.json", ".json"), " ", endsWith("a", "abc"), "\n");
print(table([["name", "wan"], ["mtu", "1460"]]));
print(sum([1, 1, 1]), "\n");
