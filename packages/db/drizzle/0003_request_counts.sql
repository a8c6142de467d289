CREATE TABLE "request_counts" (
	"user_id" text NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "request_counts_user_id_window_start_pk" PRIMARY KEY("user_id","window_start")
);
--> statement-breakpoint
CREATE INDEX "request_counts_window_start_idx" ON "request_counts" USING btree ("window_start");