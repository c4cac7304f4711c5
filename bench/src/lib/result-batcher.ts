import pg from "pg";

/** One job's result as the "BullMQ + Postgres" contender keeps it. */
export interface ResultRow {
  job_id: string;
  lead_id: string | null;
  result: unknown;
  latency_ms: number;
  attempts: number;
}

/** Batches in flight at once (each one statement and one commit); more waiting rows grow the next batch. */
const MAX_IN_FLIGHT = 2;
const MAX_BATCH = 1000;

/**
 * How a BullMQ user who keeps results in Postgres would write them at thousands of jobs per
 * second: the rows that arrive together are inserted by one statement (a single JSON parameter
 * expanded by Postgres, the same technique GardenOS's recorder uses), at most two statements in
 * flight, and each job's `write()` resolves once its row is committed (so a completed job has
 * its row). The table has a primary key and two indexes, like a results table one would query.
 */
export class ResultBatcher {
  private waiting: { row: ResultRow; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<ResultBatcher> {
    const pool = new pg.Pool({ connectionString: url, max: MAX_IN_FLIGHT });
    await pool.query(`create table if not exists bench_job_results (
      job_id text primary key, lead_id text, status text not null, result jsonb not null, latency_ms integer, attempts integer,
      created_at timestamptz not null default now(), completed_at timestamptz not null)`);
    await pool.query("create index if not exists bench_job_results_lead_idx on bench_job_results (lead_id)");
    await pool.query("create index if not exists bench_job_results_completed_idx on bench_job_results (completed_at)");
    return new ResultBatcher(pool);
  }

  /** Resolves once the row is committed. */
  write(row: ResultRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush().finally(() => this.schedule());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    this.inFlight++;
    this.schedule();
    const now = new Date().toISOString();
    try {
      await this.pool.query(
        `insert into bench_job_results (job_id, lead_id, status, result, latency_ms, attempts, completed_at)
         select x.job_id, x.lead_id, 'completed', x.result, x.latency_ms, x.attempts, x.completed_at
         from jsonb_to_recordset($1::jsonb) as x(job_id text, lead_id text, result jsonb, latency_ms integer, attempts integer, completed_at timestamptz)
         on conflict (job_id) do nothing`,
        [JSON.stringify(batch.map((b) => ({ ...b.row, completed_at: now })))],
      );
      for (const b of batch) b.resolve();
    } catch (e) {
      for (const b of batch) b.reject(e);
    } finally {
      this.inFlight--;
    }
  }

  async count(): Promise<number> {
    const r = await this.pool.query<{ n: string }>("select count(*) as n from bench_job_results");
    return Number(r.rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
