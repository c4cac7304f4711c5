DROP INDEX "do_not_contact_lead_id_idx";--> statement-breakpoint
DROP INDEX "do_not_contact_lead_email_idx";--> statement-breakpoint
ALTER TABLE "do_not_contact" ADD COLUMN "tenant" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "do_not_contact_tenant_lead_id_idx" ON "do_not_contact" USING btree ("tenant","lead_id");--> statement-breakpoint
CREATE UNIQUE INDEX "do_not_contact_tenant_lead_email_idx" ON "do_not_contact" USING btree ("tenant","lead_email");