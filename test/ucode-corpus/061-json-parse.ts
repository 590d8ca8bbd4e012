// json() parses JSON text into values.
const v = json('{"a":1,"b":[1,2.5,null,true],"c":{"d":"e"},"s":"x\\ny"}') as { [k: string]: unknown };
print(v, "\n");
print(keys(v), " ", type(v.b), " ", (v.b as unknown[])[1], "\n");
print(json("42"), " ", json('"str"'), " ", json("true"), " ", json("null") == null, "\n");
print(json("[]"), " ", json("{}"), " ", json("  [ 1 , 2 ]  "), "\n");
print(json('"\\u00e9\\t"'), "|\n");
print(json("-12"), " ", json("1.5e2"), " ", json("0.25"), "\n");
print(json('{"k":"v","k2":{"n":[{"m":1}]}}'), "\n");
