// die() messages: a string, no argument, a built message.
try { die("plain"); } catch (e) { print((e as UcodeException).message, "\n"); }
try { die(); } catch (e) { print((e as UcodeException).message, "\n"); }
try { die(`code ${42}`); } catch (e) { print((e as UcodeException).message, " ", (e as UcodeException).type, "\n"); }
const ex = (() => { try { die("kept"); } catch (e) { return e as UcodeException; } })();
print(ex?.message, " ", keys(ex ?? {}), "\n");
