-- AlterTable
ALTER TABLE "personal_education_plan" ADD COLUMN     "emergency" BOOLEAN NOT NULL DEFAULT false;
