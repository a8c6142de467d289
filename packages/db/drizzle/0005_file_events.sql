CREATE TABLE "file_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"file" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "file_events_user_id_idx" ON "file_events" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "file_events_created_at_idx" ON "file_events" USING btree ("created_at");