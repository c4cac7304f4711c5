CREATE TABLE "lead_embeddings" (
	"tenant" text DEFAULT 'default' NOT NULL,
	"lead_id" text NOT NULL,
	"model" text NOT NULL,
	"dim" integer NOT NULL,
	"embedding" real[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_embeddings_tenant_lead_id_pk" PRIMARY KEY("tenant","lead_id")
);
