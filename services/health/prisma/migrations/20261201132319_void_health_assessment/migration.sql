-- AlterTable
ALTER TABLE "health_assessment" ADD COLUMN     "void_reason" TEXT,
ADD COLUMN     "voided_at" TIMESTAMPTZ(3);
