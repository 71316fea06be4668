import gql from "graphql-tag";
import { missingRootResolvers } from "../../src/graphql/root-resolvers";

const typeDefs = gql`
  type Query { child(id: ID!): String, children: [String!]! }
  type Mutation { endCare(id: ID!): String }
`;

it("a query or mutation in the schema without its resolver is named, so the subgraph refuses to start", () => {
  expect(missingRootResolvers(typeDefs, { Query: { child: () => "x" } })).toEqual(["Query.children", "Mutation.endCare"]);
  expect(missingRootResolvers(typeDefs, { Query: { child: () => "x", children: () => [] }, Mutation: { endCare: () => null } })).toEqual([]);
});
