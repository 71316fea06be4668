-- CreateTable
CREATE TABLE "chronology_entry" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "at" TIMESTAMPTZ(3),
    "sort_at" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "event_id" UUID NOT NULL,

    CONSTRAINT "chronology_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chronology_withdrawal" (
    "tenant" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "entry_id" TEXT NOT NULL,
    "withdrawn_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "event_id" UUID NOT NULL,

    CONSTRAINT "chronology_withdrawal_pkey" PRIMARY KEY ("tenant","domain","entry_id")
);

-- CreateIndex
CREATE INDEX "chronology_entry_tenant_child_id_sort_at_recorded_at_id_idx" ON "chronology_entry"("tenant", "child_id", "sort_at" DESC, "recorded_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "chronology_entry_tenant_domain_entry_id_key" ON "chronology_entry"("tenant", "domain", "entry_id");
