CREATE TABLE "follow_up_reviews" (
	"task_id" text PRIMARY KEY NOT NULL,
	"decision" text,
	"edited_subject" text,
	"edited_body" text,
	"note" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"sent_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_up_reviews" ADD CONSTRAINT "follow_up_reviews_task_id_ai_interactions_task_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."ai_interactions"("task_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_reviews_decision_idx" ON "follow_up_reviews" USING btree ("decision");--> statement-breakpoint
CREATE INDEX "ai_interactions_review_idx" ON "ai_interactions" USING btree ("completed_at","task_id") WHERE "ai_interactions"."type" = 'follow_up' and ("ai_interactions"."result" ->> 'review_required') = 'true';