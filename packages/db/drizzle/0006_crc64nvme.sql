ALTER TABLE "upload_sessions" DROP CONSTRAINT "upload_sessions_checksum_check";--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "checksum_verified_by" text;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "unverified_checksum" text;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_checksum_verified_by_check" CHECK ("files"."checksum_verified_by" in ('storage', 'server'));--> statement-breakpoint
ALTER TABLE "upload_sessions" ADD CONSTRAINT "upload_sessions_checksum_check" CHECK ("upload_sessions"."checksum" in ('crc64nvme', 'sha256', 'none'));--> statement-breakpoint
-- Checksums recorded before 0006 were storage-verified SHA-256s without their algorithm: "<algorithm>:<base64>" now.
UPDATE "files" SET "checksum" = 'sha256:' || "checksum", "checksum_verified_by" = 'storage' WHERE "checksum" IS NOT NULL AND "checksum" NOT LIKE '%:%';
