CREATE TABLE "do_not_contact" (
	"lead_id" text,
	"lead_email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "do_not_contact_lead_id_idx" ON "do_not_contact" USING btree ("lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "do_not_contact_lead_email_idx" ON "do_not_contact" USING btree ("lead_email");--> statement-breakpoint
CREATE INDEX "ai_interactions_created_at_idx" ON "ai_interactions" USING btree ("created_at");