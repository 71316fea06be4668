-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "FamilyRelationship" AS ENUM ('MOTHER', 'FATHER', 'SECOND_FEMALE_PARENT', 'ADOPTIVE_PARENT', 'STEP_PARENT', 'SIBLING', 'HALF_SIBLING', 'STEP_SIBLING', 'GRANDPARENT', 'AUNT_UNCLE', 'COUSIN', 'FAMILY_FRIEND', 'OTHER');

-- CreateEnum
CREATE TYPE "ParentalResponsibilityBasis" AS ENUM ('BIRTH_MOTHER', 'MARRIED_FATHER', 'FATHER_ON_BIRTH_CERTIFICATE', 'SECOND_FEMALE_PARENT_MARRIED_OR_CIVIL_PARTNER', 'SECOND_FEMALE_PARENT_ON_BIRTH_CERTIFICATE', 'PARENTAL_RESPONSIBILITY_AGREEMENT', 'PARENTAL_RESPONSIBILITY_ORDER', 'ADOPTION_ORDER', 'GUARDIAN_APPOINTED', 'SPECIAL_GUARDIANSHIP_ORDER', 'CHILD_ARRANGEMENTS_ORDER_RESIDENCE', 'CARE_ORDER_LOCAL_AUTHORITY', 'PLACEMENT_ORDER_LOCAL_AUTHORITY', 'EMERGENCY_PROTECTION_ORDER_LOCAL_AUTHORITY');

-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('FACE_TO_FACE', 'VIDEO_CALL', 'TELEPHONE', 'INDIRECT');

-- CreateEnum
CREATE TYPE "ContactPeriod" AS ENUM ('WEEK', 'FORTNIGHT', 'MONTH', 'QUARTER', 'YEAR');

-- CreateEnum
CREATE TYPE "SupervisionLevel" AS ENUM ('SUPERVISED', 'SUPPORTED', 'UNSUPERVISED');

-- CreateEnum
CREATE TYPE "ContactBasis" AS ENUM ('COURT_ORDERED', 'AGREED');

-- CreateEnum
CREATE TYPE "ContactSessionOutcome" AS ENUM ('TOOK_PLACE', 'CANCELLED', 'DID_NOT_ATTEND');

-- CreateEnum
CREATE TYPE "ContactParty" AS ENUM ('FAMILY_MEMBER', 'CHILD', 'CARER', 'LOCAL_AUTHORITY', 'CONTACT_SERVICE', 'OTHER');

-- CreateEnum
CREATE TYPE "LifeStoryWorkKind" AS ENUM ('LIFE_STORY_BOOK', 'LATER_LIFE_LETTER', 'MEMORY_BOX', 'DIRECT_WORK_SESSION', 'PHOTOGRAPHS_AND_MEMENTOS', 'FAMILY_TREE_WORK', 'OTHER');

-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateTable
CREATE TABLE "family_member" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" "FamilyRelationship" NOT NULL,
    "has_parental_responsibility" BOOLEAN NOT NULL,
    "parental_responsibility_basis" "ParentalResponsibilityBasis",
    "linked_child_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "family_member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parental_responsibility_record" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "family_member_id" UUID NOT NULL,
    "has_parental_responsibility" BOOLEAN NOT NULL,
    "parental_responsibility_basis" "ParentalResponsibilityBasis",
    "effective_on" DATE,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parental_responsibility_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "local_authority_responsibility" (
    "child_id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "legal_status" TEXT,
    "legal_since" DATE,
    "basis" "ParentalResponsibilityBasis",
    "since" DATE,

    CONSTRAINT "local_authority_responsibility_pkey" PRIMARY KEY ("child_id")
);

-- CreateTable
CREATE TABLE "contact_arrangement" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "family_member_id" UUID NOT NULL,
    "kind" "ContactKind" NOT NULL,
    "times" INTEGER NOT NULL,
    "period" "ContactPeriod" NOT NULL,
    "supervision" "SupervisionLevel" NOT NULL,
    "venue" TEXT,
    "basis" "ContactBasis" NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "end_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_arrangement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_session" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "arrangement_id" UUID NOT NULL,
    "session_on" DATE NOT NULL,
    "outcome" "ContactSessionOutcome" NOT NULL,
    "cancelled_by" "ContactParty",
    "not_attended_by" "ContactParty",
    "supervisor_note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "life_story_work_item" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" "LifeStoryWorkKind" NOT NULL,
    "title" TEXT NOT NULL,
    "completed_on" DATE NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "life_story_work_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_copy" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "due_date" DATE NOT NULL,
    "explanation" TEXT NOT NULL,
    "held_on" DATE,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "review_copy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_arrangement_review" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "arrangement_id" UUID NOT NULL,
    "review_id" UUID NOT NULL,
    "due_date" DATE NOT NULL,
    "explanation" TEXT NOT NULL,
    "state" "TaskState" NOT NULL DEFAULT 'OPEN',
    "completed_on" DATE,

    CONSTRAINT "contact_arrangement_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "family_member_tenant_child_id_idx" ON "family_member"("tenant", "child_id");

-- CreateIndex
CREATE UNIQUE INDEX "family_member_child_id_linked_child_id_key" ON "family_member"("child_id", "linked_child_id");

-- CreateIndex
CREATE INDEX "parental_responsibility_record_tenant_family_member_id_idx" ON "parental_responsibility_record"("tenant", "family_member_id");

-- CreateIndex
CREATE INDEX "contact_arrangement_tenant_child_id_idx" ON "contact_arrangement"("tenant", "child_id");

-- CreateIndex
CREATE INDEX "contact_session_tenant_arrangement_id_session_on_idx" ON "contact_session"("tenant", "arrangement_id", "session_on");

-- CreateIndex
CREATE INDEX "life_story_work_item_tenant_child_id_completed_on_idx" ON "life_story_work_item"("tenant", "child_id", "completed_on");

-- CreateIndex
CREATE INDEX "review_copy_tenant_child_id_idx" ON "review_copy"("tenant", "child_id");

-- CreateIndex
CREATE INDEX "contact_arrangement_review_tenant_child_id_state_idx" ON "contact_arrangement_review"("tenant", "child_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "contact_arrangement_review_arrangement_id_review_id_key" ON "contact_arrangement_review"("arrangement_id", "review_id");
