ALTER TABLE "ai_interactions" ADD COLUMN "input" jsonb;--> statement-breakpoint
-- Existing rows keep what they held: the lead (and a follow-up's context) become the generic input.
UPDATE "ai_interactions" SET "input" = (CASE WHEN "lead" IS NOT NULL THEN jsonb_build_object('lead', "lead") ELSE '{}'::jsonb END) || (CASE WHEN "context" IS NOT NULL THEN jsonb_build_object('context', "context") ELSE '{}'::jsonb END) WHERE "input" IS NULL AND ("lead" IS NOT NULL OR "context" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "ai_interactions" DROP COLUMN "lead";--> statement-breakpoint
ALTER TABLE "ai_interactions" DROP COLUMN "context";
