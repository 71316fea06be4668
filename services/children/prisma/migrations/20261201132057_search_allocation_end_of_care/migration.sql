-- CreateEnum
CREATE TYPE "ReasonEpisodeCeased" AS ENUM ('E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E2', 'E3', 'E41', 'E45', 'E46', 'E47', 'E48', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9', 'X1');

-- CreateEnum
CREATE TYPE "AllocationRole" AS ENUM ('ALLOCATED_SOCIAL_WORKER', 'IRO', 'PERSONAL_ADVISER');

-- AlterTable: the search column for name search. New rows get it from src/domain/names.ts
-- (normalised in JS: embedded PGlite has no unaccent extension); existing rows are filled here
-- with the same lower-casing and the common Latin accents folded.
ALTER TABLE "child" ADD COLUMN     "search_name" TEXT;
UPDATE "child" SET "search_name" = trim(regexp_replace(
  translate(lower("first_name" || ' ' || "last_name"),
    'àáâãäåāăąçćčďèéêëēĕėęěìíîïīĭįłñńňòóôõöøōŏőŕřśšşťùúûüūŭůűųýÿźżž''’',
    'aaaaaaaaaccc' || 'deeeeeeeeeiiiiiiilnnnooooooooorrssstuuuuuuuuuyyzzz'),
  '[^a-z0-9]+', ' ', 'g'));
ALTER TABLE "child" ALTER COLUMN "search_name" SET NOT NULL;

-- AlterTable
ALTER TABLE "legal_status" ADD COLUMN     "ceased_reason" "ReasonEpisodeCeased",
ADD COLUMN     "void_reason" TEXT,
ADD COLUMN     "voided_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "allocation" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL,
    "child_id" UUID NOT NULL,
    "worker_id" TEXT NOT NULL,
    "role" "AllocationRole" NOT NULL,
    "from" DATE NOT NULL,
    "to" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "allocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "allocation_child_id_role_from_idx" ON "allocation"("child_id", "role", "from");

-- AddForeignKey
ALTER TABLE "allocation" ADD CONSTRAINT "allocation_child_id_fkey" FOREIGN KEY ("child_id") REFERENCES "child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
