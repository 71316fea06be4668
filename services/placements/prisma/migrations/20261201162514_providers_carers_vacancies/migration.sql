-- CreateEnum
CREATE TYPE "OfstedRating" AS ENUM ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE');

-- CreateTable
CREATE TABLE "provider" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "urn" TEXT,
    "ofsted_rating" "OfstedRating",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "foster_carer" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "approved_on" DATE NOT NULL,
    "age_from" INTEGER NOT NULL,
    "age_to" INTEGER NOT NULL,
    "max_children" INTEGER NOT NULL,
    "last_reviewed_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "foster_carer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vacancy" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "type" "PlacementType" NOT NULL,
    "age_from" INTEGER NOT NULL,
    "age_to" INTEGER NOT NULL,
    "places" INTEGER NOT NULL,
    "foster_carer_id" UUID,
    "provider_id" UUID,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vacancy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "provider_tenant_idx" ON "provider"("tenant");

-- CreateIndex
CREATE INDEX "foster_carer_tenant_idx" ON "foster_carer"("tenant");

-- CreateIndex
CREATE INDEX "vacancy_tenant_closed_at_idx" ON "vacancy"("tenant", "closed_at");
