CREATE TABLE "ai_interactions" (
	"task_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"priority" integer DEFAULT 5 NOT NULL,
	"source" text DEFAULT 'http' NOT NULL,
	"idempotency_key" text,
	"lead" jsonb,
	"lead_id" text,
	"lead_email" text,
	"context" text,
	"result" jsonb,
	"model" text,
	"provider" text,
	"degraded" boolean,
	"degraded_reason" text,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"cost_usd" double precision,
	"latency_ms" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"agent_id" text,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ai_interactions_lead_id_idx" ON "ai_interactions" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "ai_interactions_lead_email_idx" ON "ai_interactions" USING btree ("lead_email");--> statement-breakpoint
CREATE INDEX "ai_interactions_status_idx" ON "ai_interactions" USING btree ("status","created_at");