CREATE TABLE "email_suppressions" (
	"tenant" text DEFAULT 'default' NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"task_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_suppressions_tenant_kind_value_pk" PRIMARY KEY("tenant","kind","value")
);
