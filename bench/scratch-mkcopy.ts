import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { ResponseStream } from "@/lib/results/response-stream";
const stream = new ResponseStream(undefined, undefined, { importId: "1" });
const out = createWriteStream("/tmp/exp/resp.copy");
for await (const c of stream.copyText(createReadStream("/tmp/fieldwork-ces-1000000.csv", { highWaterMark: 1 << 20 }))) if (!out.write(c)) await once(out, "drain");
out.end();
await once(out, "finish");
console.log("valid", stream.valid);
