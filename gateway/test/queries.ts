/** The heaviest page a caseload screen asks for: 100 children with the usual fields (field names from schema/supergraph.graphql). */
export const HEAVIEST_PAGE = `{ children(first: 100) {
  edges { cursor node { id firstName lastName dateOfBirth legalStatus { code } currentPlacement { type } healthAssessments { kind dueDate status } } }
  pageInfo { hasNextPage endCursor } } }`;

/** Deliberately abusive: every list of every child, twice over. */
export const ABUSIVE = `{
  a: children(first: 100) { edges { node { id firstName lastName legalStatuses { id code description startDate endDate }
    placements { id type startDate endDate } healthAssessments { id kind reason scheduledFrom dueDate completedOn status authority } } } }
  b: children(first: 100) { edges { node { id placements { id type startDate endDate } } } } }`;
