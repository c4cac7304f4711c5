/**
 * Diagnostic preload (`--import bench/dist/experiments/heap-sampler.js`, e.g. through
 * BENCH_SERVICE_NODE_ARGS): V8's sampling heap profiler in a process whose main script's path
 * contains one of HEAP_SAMPLE_MATCH (comma-separated). Starts HEAP_SAMPLE_DELAY_MS after start, stops after HEAP_SAMPLE_MS
 * (or at exit) and writes HEAP_SAMPLE_DIR/<name>-<mode>-<pid>.heapprofile. HEAP_SAMPLE_MODE:
 * `promoted` keeps the samples major GCs collect (live + promoted garbage), `live` only what is
 * alive at the stop, `all` everything allocated. Summarise with heap-profile-summary.js.
 */
import { Session } from "node:inspector";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const match = (process.env.HEAP_SAMPLE_MATCH ?? "").split(",").filter(Boolean);
const main = process.argv[1] ?? "";
if (match.some((m) => main.includes(m))) {
  const dir = process.env.HEAP_SAMPLE_DIR ?? "/tmp/heap-samples";
  const mode = process.env.HEAP_SAMPLE_MODE ?? "promoted";
  // services/<name>/dist/main.js → <name>; anything else by its file name.
  const name = basename(dirname(dirname(dirname(main)))) === "services" ? basename(dirname(dirname(main))) : basename(main, ".js");
  const session = new Session();
  session.connect();
  let state: "idle" | "sampling" | "done" = "idle";
  const stop = () => {
    if (state !== "sampling") return;
    state = "done";
    session.post("HeapProfiler.stopSampling", (err, r) => {
      if (err) return void process.stderr.write(`heap-sampler: ${err.message}\n`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-${mode}-${process.pid}.heapprofile`), JSON.stringify(r.profile));
    });
  };
  setTimeout(() => {
    session.post(
      "HeapProfiler.startSampling",
      {
        samplingInterval: Number(process.env.HEAP_SAMPLE_INTERVAL ?? 1024),
        includeObjectsCollectedByMajorGC: mode !== "live",
        includeObjectsCollectedByMinorGC: mode === "all",
      },
      (err) => {
        if (err) return void process.stderr.write(`heap-sampler: ${err.message}\n`);
        state = "sampling";
        setTimeout(stop, Number(process.env.HEAP_SAMPLE_MS ?? 600_000)).unref();
      },
    );
  }, Number(process.env.HEAP_SAMPLE_DELAY_MS ?? 1500)).unref();
  process.on("exit", stop);
}
