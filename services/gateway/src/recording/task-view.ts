import type { AttemptLogEntry } from "@gardenos/contracts";
import type { AiInteraction } from "../db/schema.js";

export type TaskStatus = "queued" | "processing" | "completed" | "failed" | "cancelled";

/** The task as `GET /ai/tasks/:id` shows it. */
export function taskView(row: AiInteraction) {
  const ms = (a: Date | null, b: Date | null) => (a && b ? Math.max(0, b.getTime() - a.getTime()) : null);
  return {
    task_id: row.taskId,
    type: row.type,
    status: row.status as TaskStatus,
    priority: row.priority,
    source: row.source,
    lead_id: row.leadId,
    result: row.result ?? null,
    error: row.error ?? null,
    attempts: row.attempts,
    attempt_log: row.attemptLog as AttemptLogEntry[],
    agent_id: row.agentId,
    model: row.model,
    provider: row.provider,
    degraded: row.degraded,
    degraded_reason: row.degradedReason,
    usage:
      row.promptTokens === null
        ? null
        : {
            prompt_tokens: row.promptTokens,
            completion_tokens: row.completionTokens ?? 0,
            ...(row.promptCacheHitTokens !== null ? { prompt_cache_hit_tokens: row.promptCacheHitTokens } : {}),
          },
    cost_usd: row.costUsd,
    latency_ms: row.latencyMs,
    created_at: row.createdAt.toISOString(),
    started_at: row.startedAt?.toISOString() ?? null,
    completed_at: row.completedAt?.toISOString() ?? null,
    timings: {
      queued_ms: ms(row.createdAt, row.startedAt),
      processing_ms: ms(row.startedAt, row.completedAt),
      total_ms: ms(row.createdAt, row.completedAt),
    },
  };
}
