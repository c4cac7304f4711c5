/**
 * The Node flags every GardenOS service runs with: in the image (`NODE_OPTIONS` in
 * deploy/docker/Dockerfile), in the local stack (`gardenos up`) and in the bench.
 *
 * V8 sizes its heap for the machine (gigabytes here), so an idle service held 100–225 MB, most of
 * it garbage from loading modules, and a busy one grew its young generation for thousands of tasks
 * a second. Capping the semi-spaces at 4 MB and the old space at 128 MB keeps an idle service
 * under 100 MB and a busy one under 150 MB (bench/README.md, Memory), for a few per cent more GC.
 * The old-space cap leaves headroom several times the live heap (≈ 25 MB for 1,000 agents).
 */
export const SERVICE_NODE_OPTIONS = "--max-semi-space-size=4 --max-old-space-size=128";

/** The same flags as a list, for `spawn(process.execPath, [...SERVICE_NODE_FLAGS, main])`. */
export const SERVICE_NODE_FLAGS: readonly string[] = SERVICE_NODE_OPTIONS.split(" ");

/**
 * Extra flags for a gateway that runs the embedded database (PGlite, when DATABASE_URL is unset).
 * PGlite is Postgres compiled to WebAssembly; by default V8 compiles each of its functions with
 * Liftoff and recompiles the hot ones with TurboFan, keeping both — about 70 MB more RSS at idle
 * and peaks near 400 MB while migrations and index builds run. `--liftoff-only` keeps only the
 * baseline code (bench/README.md, Memory: what it costs in throughput). Not allowed in
 * NODE_OPTIONS: it goes on the command line (`gardenos up` does this; the image's default command).
 */
export const EMBEDDED_DB_NODE_FLAGS: readonly string[] = ["--liftoff-only"];

/**
 * SERVICE_NODE_OPTIONS as a worker thread's `resourceLimits` (the local stack runs the agent
 * services and metrics as threads of one process): a 128 MB old space, and a young generation of
 * three 4 MB semi-spaces' worth, as V8 sizes it from `--max-semi-space-size=4`.
 */
export const SERVICE_THREAD_LIMITS = Object.freeze({ maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 12 });

/**
 * The environment every GardenOS service process starts with besides NODE_OPTIONS: in the image
 * (`ENV` in deploy/docker/Dockerfile, so compose and Kubernetes too), for the processes
 * `gardenos up` starts and in the bench. A value already in the environment wins.
 *
 * `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates (V8's GC helpers, libuv's pool) an
 * arena of its own, up to 8 per core, and keeps what each arena held; two are enough for a
 * process that runs JavaScript on one thread. Measured with the memory scenario (bench/README.md,
 * Memory, 2026-11-28 13:10): 1–6 MB less per service idle and up to 13 MB less while the
 * backlog is worked through. glibc reads it when the process starts: setting it later, in
 * `process.env`, changes nothing for the process itself.
 */
export const SERVICE_PROCESS_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: "2" });
