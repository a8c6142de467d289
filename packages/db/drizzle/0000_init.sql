CREATE TABLE "files" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"session_id" text,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"type" text NOT NULL,
	"route" text NOT NULL,
	"key" text NOT NULL,
	"etag" text NOT NULL,
	"checksum" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_session_id_unique" UNIQUE("session_id"),
	CONSTRAINT "files_key_unique" UNIQUE("key"),
	CONSTRAINT "files_size_check" CHECK ("files"."size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "upload_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"route" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"size" bigint NOT NULL,
	"type" text NOT NULL,
	"last_modified" bigint,
	"checksum" text NOT NULL,
	"strategy" text NOT NULL,
	"part_size" bigint NOT NULL,
	"part_count" integer NOT NULL,
	"s3_upload_id" text,
	"status" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"file_id" text,
	CONSTRAINT "upload_sessions_key_unique" UNIQUE("key"),
	CONSTRAINT "upload_sessions_status_check" CHECK ("upload_sessions"."status" in ('uploading', 'completing', 'complete', 'aborted', 'expired')),
	CONSTRAINT "upload_sessions_strategy_check" CHECK ("upload_sessions"."strategy" in ('single', 'multipart')),
	CONSTRAINT "upload_sessions_checksum_check" CHECK ("upload_sessions"."checksum" in ('sha256', 'none')),
	CONSTRAINT "upload_sessions_size_check" CHECK ("upload_sessions"."size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_session_id_upload_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."upload_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_user_created_idx" ON "files" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "upload_sessions_user_status_created_idx" ON "upload_sessions" USING btree ("user_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "upload_sessions_status_expires_idx" ON "upload_sessions" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "upload_sessions_s3_upload_id_idx" ON "upload_sessions" USING btree ("s3_upload_id");