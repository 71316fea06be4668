-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "placement_plan_prepared_on" DATE,
ADD COLUMN     "placement_plan_task_open" BOOLEAN NOT NULL DEFAULT false;
