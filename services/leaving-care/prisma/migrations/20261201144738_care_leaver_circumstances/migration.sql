-- CreateTable
CREATE TABLE "care_leaver_circumstances" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "recorded_on" DATE NOT NULL,
    "activity" TEXT NOT NULL,
    "accommodation" TEXT NOT NULL,
    "accommodation_suitable" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_leaver_circumstances_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "care_leaver_circumstances_tenant_child_id_recorded_on_idx" ON "care_leaver_circumstances"("tenant", "child_id", "recorded_on");
