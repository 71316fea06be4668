// The CareGraph explorer: GraphiQL from npm, bundled with React by esbuild (no CDN), served by the
// gateway at /explorer. The page holds nothing: the schema's documentation and every answer come
// from /graphql with the token pasted into the headers editor, which is never stored.
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import "graphiql/style.css";
import { createRoot } from "react-dom/client";

const endpoint = new URL("../graphql", window.location.href).toString();

const HEADERS = `{
  "Authorization": "Bearer <paste a token: npm run -s token -- --role SOCIAL_WORKER | tail -n 1>"
}`;

const QUERY = `# CareGraph explorer. Paste an access token into the Headers tab below, then
# re-fetch the schema (the circular arrow, or Shift-Ctrl-R) to see the documentation.
# Nothing is sent without a token; the token is not stored when you close the tab.
{
  children(first: 5) {
    edges {
      node {
        id
        firstName
        dateOfBirth
        legalStatus { code description }
      }
    }
  }
}
`;

createRoot(document.getElementById("explorer")).render(
  <GraphiQL
    fetcher={createGraphiQLFetcher({ url: endpoint })}
    defaultQuery={QUERY}
    defaultHeaders={HEADERS}
    defaultEditorToolsVisibility="headers"
    shouldPersistHeaders={false}
    showPersistHeadersSettings={false}
  />,
);
