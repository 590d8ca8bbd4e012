// The fs module: path helpers and reading what is always there.
import * as fs from 'fs';

print(fs.basename("/etc/config/network"), " ", fs.dirname("/etc/config/network"), "\n");
print(fs.readfile("/nonexistent/ucode-corpus/file") == null, "\n");
const st = fs.stat("/");
print(st?.type, "\n");
print(fs.access("/"), " ", fs.access("/nonexistent/ucode-corpus") == null, "\n");
