-- AlterTable
ALTER TABLE "personal_education_plan" ADD COLUMN     "starts_at_age" INTEGER;
