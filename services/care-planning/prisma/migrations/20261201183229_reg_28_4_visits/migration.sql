-- AlterTable
ALTER TABLE "visit_placement" ADD COLUMN     "first_review_held_on" DATE,
ADD COLUMN     "temporary_approval_ends_on" DATE;
