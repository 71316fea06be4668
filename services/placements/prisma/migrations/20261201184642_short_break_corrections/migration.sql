-- AlterTable
ALTER TABLE "short_break" ADD COLUMN     "void_reason" TEXT,
ADD COLUMN     "voided_at" TIMESTAMPTZ(3);
