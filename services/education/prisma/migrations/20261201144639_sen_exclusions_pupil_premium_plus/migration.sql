-- CreateEnum
CREATE TYPE "SenProvision" AS ENUM ('SEN_SUPPORT', 'EHC_PLAN');

-- CreateEnum
CREATE TYPE "ExclusionKind" AS ENUM ('SUSPENSION', 'PERMANENT');

-- CreateTable
CREATE TABLE "sen_record" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "provision" "SenProvision" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sen_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exclusion" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "ExclusionKind" NOT NULL,
    "start_date" DATE NOT NULL,
    "days" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exclusion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pupil_premium_plus_allocation" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "term" TEXT NOT NULL,
    "term_start" DATE NOT NULL,
    "amount_pence" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pupil_premium_plus_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sen_record_tenant_child_id_start_date_idx" ON "sen_record"("tenant", "child_id", "start_date");

-- CreateIndex
CREATE INDEX "exclusion_tenant_child_id_start_date_idx" ON "exclusion"("tenant", "child_id", "start_date");

-- CreateIndex
CREATE INDEX "pupil_premium_plus_allocation_tenant_child_id_term_start_idx" ON "pupil_premium_plus_allocation"("tenant", "child_id", "term_start");
