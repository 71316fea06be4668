-- AlterTable
ALTER TABLE "care_period" ADD COLUMN     "short_breaks_only" BOOLEAN NOT NULL DEFAULT false;
