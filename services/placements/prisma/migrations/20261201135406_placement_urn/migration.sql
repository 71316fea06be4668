-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "urn" TEXT;
