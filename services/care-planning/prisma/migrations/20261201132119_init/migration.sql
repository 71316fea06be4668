-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "looked_after_review" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "sequence" INTEGER NOT NULL,
    "scheduled_from" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "held_on" DATE,
    "iro_id" TEXT,
    "participation" TEXT,
    "cancelled_on" DATE,
    "cancel_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "looked_after_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_placement" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "intended_to_last_until_18" BOOLEAN NOT NULL DEFAULT false,
    "voided" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "visit_placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statutory_visit" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "placement_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "scheduled_from" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "visited_on" DATE,
    "cancelled_on" DATE,
    "cancel_reason" TEXT,
    "explanation" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statutory_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_plan_version" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "wishes_and_feelings" TEXT NOT NULL,
    "placement_section" TEXT,
    "health_section" TEXT,
    "education_section" TEXT,
    "contributions" JSONB NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "care_plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tray_task" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "authority" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "assigned_role" TEXT,
    "state" TEXT NOT NULL,
    "completed_on" DATE,
    "completed_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,
    "last_event_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tray_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_allocation" (
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "worker_id" TEXT NOT NULL,
    "allocation_id" TEXT NOT NULL,
    "from" DATE NOT NULL,

    CONSTRAINT "worker_allocation_pkey" PRIMARY KEY ("child_id","role")
);

-- CreateIndex
CREATE INDEX "looked_after_review_tenant_child_id_due_date_idx" ON "looked_after_review"("tenant", "child_id", "due_date");

-- CreateIndex
CREATE INDEX "visit_placement_tenant_child_id_start_date_idx" ON "visit_placement"("tenant", "child_id", "start_date");

-- CreateIndex
CREATE INDEX "statutory_visit_tenant_child_id_due_date_idx" ON "statutory_visit"("tenant", "child_id", "due_date");

-- CreateIndex
CREATE INDEX "statutory_visit_placement_id_idx" ON "statutory_visit"("placement_id");

-- CreateIndex
CREATE UNIQUE INDEX "care_plan_version_tenant_child_id_version_key" ON "care_plan_version"("tenant", "child_id", "version");

-- CreateIndex
CREATE INDEX "tray_task_tenant_due_date_id_idx" ON "tray_task"("tenant", "due_date", "id");

-- CreateIndex
CREATE INDEX "tray_task_tenant_child_id_idx" ON "tray_task"("tenant", "child_id");

-- CreateIndex
CREATE UNIQUE INDEX "tray_task_domain_task_id_key" ON "tray_task"("domain", "task_id");

-- CreateIndex
CREATE INDEX "worker_allocation_tenant_role_worker_id_idx" ON "worker_allocation"("tenant", "role", "worker_id");
