-- CreateTable
CREATE TABLE "school_enrolment" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "school_name" TEXT NOT NULL,
    "urn" TEXT,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "designated_teacher" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "school_enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "school_enrolment_tenant_child_id_start_date_idx" ON "school_enrolment"("tenant", "child_id", "start_date");
