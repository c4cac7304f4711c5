DROP INDEX "ai_interactions_lead_id_idx";--> statement-breakpoint
DROP INDEX "ai_interactions_lead_email_idx";--> statement-breakpoint
ALTER TABLE "ai_interactions" ADD COLUMN "tenant" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX "ai_interactions_lead_id_idx" ON "ai_interactions" USING btree ("tenant","lead_id");--> statement-breakpoint
CREATE INDEX "ai_interactions_lead_email_idx" ON "ai_interactions" USING btree ("tenant","lead_email");