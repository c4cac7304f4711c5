// Container health check for every GardenOS service (no shell, no curl in the image):
// GET /readyz on HEALTH_PORT when it is set and not 0 (agent and metrics services), else on PORT
// (the gateway, default 8000). Exit 0 when ready, 1 otherwise. HEALTHCHECK_PATH overrides the path.
const healthPort = Number(process.env.HEALTH_PORT ?? "0");
const port = healthPort > 0 ? healthPort : Number(process.env.PORT ?? "8000");
const path = process.env.HEALTHCHECK_PATH ?? "/readyz";
try {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2500) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
