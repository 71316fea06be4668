-- CreateEnum
CREATE TYPE "ShortBreakLegalStatus" AS ENUM ('V3', 'V4');

-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "home_postcode" TEXT;

-- AlterTable
ALTER TABLE "short_break" ADD COLUMN     "legal_status" "ShortBreakLegalStatus" NOT NULL DEFAULT 'V3';

-- AlterTable
ALTER TABLE "vacancy" ADD COLUMN     "postcode" TEXT;

-- CreateTable
CREATE TABLE "vacancy_match" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "vacancy_id" UUID NOT NULL,
    "child_id" UUID NOT NULL,
    "reason" TEXT,
    "confirmed_by" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vacancy_match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sibling_link" (
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "sibling_child_id" UUID NOT NULL,
    "relationship" TEXT NOT NULL,

    CONSTRAINT "sibling_link_pkey" PRIMARY KEY ("child_id","sibling_child_id")
);

-- CreateIndex
CREATE INDEX "vacancy_match_tenant_child_id_idx" ON "vacancy_match"("tenant", "child_id");

-- CreateIndex
CREATE UNIQUE INDEX "vacancy_match_vacancy_id_child_id_key" ON "vacancy_match"("vacancy_id", "child_id");

-- CreateIndex
CREATE INDEX "sibling_link_tenant_child_id_idx" ON "sibling_link"("tenant", "child_id");
