import { fromUtc, LocalDate } from "@caregraph/platform/calendar";

/** A nullable date column as a GraphQL Date. */
export const date = (d: Date | null): LocalDate | null => (d ? fromUtc(d) : null);
