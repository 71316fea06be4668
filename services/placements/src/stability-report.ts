import { fromUtc, LocalDate } from "@caregraph/platform/calendar";
import { ReportRow } from "./domain/stability-report";
import { twelveMonthsEndingOn } from "./domain/stability";
import type { PlacementType } from "./domain/codes";
import type { PrismaClient } from "./generated/prisma/client";

interface Row {
  date_of_birth: Date;
  looked_after_since: Date | null;
  type: PlacementType;
  start_date: Date;
  previous_start_date: Date | null;
  postcode: string | null;
  home_postcode: string | null;
  placements_in_window: number;
}

/**
 * One query for the whole local authority: each child in a placement on `on` (not archived), that
 * placement, the one a move into it replaced, and how many placements the child lived in on at
 * least one day of the 12 months ending `on` (the same test as placementsInLast12Months: a
 * placement that began and ended the same day counts when that day is in the window).
 */
export async function reportRows(db: PrismaClient, tenant: string, on: LocalDate): Promise<ReportRow[]> {
  const { from } = twelveMonthsEndingOn(on);
  const rows = await db.$queryRawUnsafe<Row[]>(
    `WITH p AS (
       SELECT id, child_id, type, start_date, end_date, previous_placement_id, postcode, home_postcode
         FROM placement WHERE tenant = $1 AND voided_at IS NULL
     ), cur AS (
       SELECT DISTINCT ON (child_id) * FROM p
        WHERE start_date <= $2::date AND (end_date IS NULL OR end_date > $2::date)
        ORDER BY child_id, start_date DESC
     ), counts AS (
       SELECT child_id, count(*)::int AS n FROM p
        WHERE start_date <= $2::date
          AND (end_date IS NULL
               OR (end_date = start_date AND start_date >= $3::date)
               OR (end_date <> start_date AND end_date > $3::date))
        GROUP BY child_id
     )
     SELECT k.date_of_birth, k.looked_after_since, cur.type::text AS type, cur.start_date,
            prev.start_date AS previous_start_date, cur.postcode, cur.home_postcode,
            coalesce(c.n, 0) AS placements_in_window
       FROM cur
       JOIN known_child k ON k.id = cur.child_id AND k.tenant = $1 AND k.archived_at IS NULL AND k.date_of_birth IS NOT NULL
       LEFT JOIN p prev ON prev.id = cur.previous_placement_id AND prev.end_date = cur.start_date
       LEFT JOIN counts c ON c.child_id = cur.child_id`,
    tenant,
    on,
    from,
  );
  return rows.map((r) => ({
    dateOfBirth: fromUtc(r.date_of_birth),
    lookedAfterSince: r.looked_after_since ? fromUtc(r.looked_after_since) : null,
    type: r.type,
    startDate: fromUtc(r.start_date),
    previousStartDate: r.previous_start_date ? fromUtc(r.previous_start_date) : null,
    postcode: r.postcode,
    homePostcode: r.home_postcode,
    placementsInWindow: r.placements_in_window,
  }));
}
