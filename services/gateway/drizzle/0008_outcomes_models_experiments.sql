CREATE TABLE "experiment_assignments" (
	"tenant" text DEFAULT 'default' NOT NULL,
	"experiment_id" text NOT NULL,
	"lead_key" text NOT NULL,
	"variant" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_assignments_tenant_experiment_id_lead_key_pk" PRIMARY KEY("tenant","experiment_id","lead_key")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"tenant" text DEFAULT 'default' NOT NULL,
	"id" text NOT NULL,
	"description" text,
	"variants" jsonb NOT NULL,
	"mode" text NOT NULL,
	"attribution_days" integer NOT NULL,
	"win_probability" double precision NOT NULL,
	"min_sends" integer NOT NULL,
	"check_every" integer NOT NULL,
	"max_sends" integer NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone,
	CONSTRAINT "experiments_tenant_id_pk" PRIMARY KEY("tenant","id")
);
--> statement-breakpoint
CREATE TABLE "lead_outcomes" (
	"outcome_id" text NOT NULL,
	"tenant" text DEFAULT 'default' NOT NULL,
	"lead_id" text NOT NULL,
	"outcome" text NOT NULL,
	"value" double precision,
	"currency" text,
	"at" timestamp with time zone NOT NULL,
	"task_id" text,
	"experiment" text,
	"variant" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_outcomes_tenant_outcome_id_pk" PRIMARY KEY("tenant","outcome_id")
);
--> statement-breakpoint
CREATE TABLE "lead_profiles" (
	"tenant" text DEFAULT 'default' NOT NULL,
	"lead_id" text NOT NULL,
	"lead" jsonb NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_profiles_tenant_lead_id_pk" PRIMARY KEY("tenant","lead_id")
);
--> statement-breakpoint
CREATE TABLE "models" (
	"tenant" text DEFAULT 'default' NOT NULL,
	"version" integer NOT NULL,
	"algorithm" text NOT NULL,
	"source" text NOT NULL,
	"features" jsonb NOT NULL,
	"training_rows" integer NOT NULL,
	"labelled_at_training" integer DEFAULT 0 NOT NULL,
	"validation" jsonb NOT NULL,
	"champion_validation" jsonb,
	"decision" text NOT NULL,
	"params" jsonb NOT NULL,
	"training_ms" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "models_tenant_version_pk" PRIMARY KEY("tenant","version")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "experiments_one_running_idx" ON "experiments" USING btree ("tenant") WHERE "experiments"."status" = 'running';--> statement-breakpoint
CREATE INDEX "lead_outcomes_lead_idx" ON "lead_outcomes" USING btree ("tenant","lead_id");--> statement-breakpoint
CREATE INDEX "lead_outcomes_experiment_idx" ON "lead_outcomes" USING btree ("tenant","experiment");--> statement-breakpoint
CREATE INDEX "lead_outcomes_created_idx" ON "lead_outcomes" USING btree ("tenant","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "models_one_active_idx" ON "models" USING btree ("tenant") WHERE "models"."active";