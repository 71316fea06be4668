import { directory } from "../context";

/**
 * What the uasc domain reacts to: the children domain's events, through the child directory
 * (known_child: tenant, date of birth — the age assessment and every "not before birth" check
 * use it — allocations for scope, archived). Each runs once per event (idempotent consumer).
 *
 * Deliberately NOT handled: ChildCeasedLookedAfter does not cancel the LeaveToRemainRenewal task.
 * A care leaver's leave still has to be renewed, and the local authority's support continues
 * (leaving care); the task ends when an application is recorded or a status without expiry is.
 */
export const handlers = () => directory.handlers;
