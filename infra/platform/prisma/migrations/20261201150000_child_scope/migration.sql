-- Who may be shown each child (issue 9, roles): the child directory keeps, per service, the
-- workers allocated to the child (WorkerAllocated) and the children's home of its current
-- placement (PlacementStarted / Ended / Amended / Voided carry the home's Ofsted URN).
-- Those events can arrive before ChildRegistered (they come from other topics), so a row may
-- exist before its date of birth is known: such a row is "not registered here yet".
ALTER TABLE "known_child" ALTER COLUMN "date_of_birth" DROP NOT NULL;
ALTER TABLE "known_child" ADD COLUMN IF NOT EXISTS "social_worker_id" TEXT;
ALTER TABLE "known_child" ADD COLUMN IF NOT EXISTS "iro_id" TEXT;
ALTER TABLE "known_child" ADD COLUMN IF NOT EXISTS "personal_adviser_id" TEXT;
ALTER TABLE "known_child" ADD COLUMN IF NOT EXISTS "placement_id" UUID;
ALTER TABLE "known_child" ADD COLUMN IF NOT EXISTS "home_urn" TEXT;
CREATE INDEX IF NOT EXISTS "known_child_tenant_home_idx" ON "known_child"("tenant", "home_urn");
