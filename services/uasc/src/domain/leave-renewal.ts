import { addDays, addMonths, dayOfWeek, DueDate, formatDate, isWorkingDay, LocalDate } from "@caregraph/platform/calendar";

/**
 * LeaveToRemainRenewal: the application for further leave (an extension, or settlement at the end
 * of a protection route) must be MADE BEFORE THE LEAVE EXPIRES. Only an in-time application keeps
 * the child's leave and its conditions running while it is decided (Immigration Act 1971
 * s.3C(1)(b); Home Office guidance "Leave extended by section 3C (and leave extended by section
 * 3D in transitional cases)", v12.0, published for Home Office staff on 8 August 2023). An
 * application made after expiry leaves the child without leave.
 *
 * The lead time is NOT statutory: 3 calendar months before the expiry is the practice standard
 * issue 10 sets, so the social worker and the child's legal representative have time to gather
 * evidence and, on a protection route, to apply in the window the Home Office opens (settlement
 * applications are accepted from 28 days before expiry: Home Office settlement protection
 * guidance, as quoted by practitioners; not verified here). Change RENEWAL_LEAD_MONTHS (or
 * `leaveRenewalDue`) if a local authority sets another standard.
 */
export const RENEWAL_LEAD_MONTHS = 3;

export const LEAVE_RENEWAL_TASK = "LeaveToRemainRenewal";
export const LEAVE_RENEWAL_LABEL = "Leave to remain renewal";
export const LEAVE_RENEWAL_AUTHORITY =
  "Immigration Act 1971 s.3C (apply before leave expires; Home Office guidance on leave extended by section 3C, v12.0, 2023); 3-month lead: practice standard (CareGraph issue 10)";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The working day on or before `date` (never later: the lead time only grows). */
export function workingDayOnOrBefore(date: LocalDate): LocalDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

/**
 * When the renewal is due: RENEWAL_LEAD_MONTHS calendar months before the day the leave expires,
 * clamped to the month's last day (leave expiring on 31 May: 28 February, or 29 in a leap year).
 * A due date on a weekend or bank holiday is brought forward to the working day before, so the
 * lead is never shorter than 3 months and the task falls on a day the office is open (CareGraph's
 * judgement, not a rule of the guidance).
 */
export function leaveRenewalDue(leaveExpiresOn: LocalDate, months = RENEWAL_LEAD_MONTHS): DueDate {
  const before = addMonths(leaveExpiresOn, -months);
  const day = Number(leaveExpiresOn.slice(8));
  const clamped = Number(before.slice(8)) !== day ? ` (there is no ${day} ${MONTHS[Number(before.slice(5, 7)) - 1]}: the month's last day)` : "";
  const due = workingDayOnOrBefore(before);
  const lead = `${months} month${months === 1 ? "" : "s"} before the leave expires on ${formatDate(leaveExpiresOn)}`;
  if (due === before) return { date: due, workings: `${lead}${clamped}` };
  const dow = dayOfWeek(before);
  const why = dow === 0 || dow === 6 ? `a ${WEEKDAYS[dow]}` : "a bank holiday";
  return { date: due, workings: `${lead} is ${formatDate(before)}${clamped}, ${why}: brought forward to the working day before` };
}
