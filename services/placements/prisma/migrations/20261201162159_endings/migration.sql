-- AlterTable
ALTER TABLE "placement" ADD COLUMN     "disruption_meeting_held_on" DATE,
ADD COLUMN     "ending_planned" BOOLEAN,
ADD COLUMN     "risk_assessment_completed_on" DATE,
ADD COLUMN     "transition_plan_agreed_on" DATE;
