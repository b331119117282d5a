/**
 * POST /api/graphql as GitLab answers it: a JSON body `{ query, variables, operationName }`, HTTP 200 with `data`
 * and/or `errors` (a query the schema rejects gets `errors` and no `data`; a field that fails gets `errors` beside
 * partial `data`). Knows nothing of sockets; the server decides faults and passes the mode.
 */
import { graphqlSync } from "graphql";
import { sandboxSchema } from "./graphql-schema.js";
import { type ApiResponse, json, SANDBOX_VERSION } from "./routes.js";
import type { GitLabWorld } from "./types.js";
import { workItemsRoot } from "./work-items.js";
import type { WorldIndex } from "./world-index.js";

/** What the instance's GraphQL knows: work items (today's GitLab), an older schema without them, or no endpoint. */
export type SandboxGraphQL = "work_items" | "no_work_items" | "absent";

export interface GraphQLRequest {
  method: string;
  body: string;
  authenticated: boolean;
}

export interface GraphQLOptions {
  graphql: SandboxGraphQL;
  rollUps: boolean;
  nullWorkItems: boolean;
}

const errors = (status: number, message: string) => json(status, { errors: [{ message }] });

export function graphqlRoute(
  world: GitLabWorld,
  index: WorldIndex,
  request: GraphQLRequest,
  options: GraphQLOptions,
): ApiResponse {
  if (options.graphql === "absent") return json(404, { error: "404 Not Found" });
  if (request.method !== "POST") return errors(405, "GraphQL queries are sent with POST here");
  let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    payload = JSON.parse(request.body) as typeof payload;
  } catch {
    return errors(400, "Invalid JSON in the request body");
  }
  if (typeof payload !== "object" || payload === null || typeof payload.query !== "string" || payload.query === "") {
    return json(200, { errors: [{ message: "No query string was present" }] });
  }
  const variables =
    typeof payload.variables === "object" && payload.variables !== null
      ? (payload.variables as Record<string, unknown>)
      : undefined;
  const withWorkItems = options.graphql === "work_items";
  const result = graphqlSync({
    schema: sandboxSchema(withWorkItems ? "work_items" : "no_work_items"),
    source: payload.query,
    rootValue: workItemsRoot(
      {
        world,
        index,
        authenticated: request.authenticated,
        rollUps: options.rollUps,
        nullWorkItems: options.nullWorkItems,
      },
      { withWorkItems, version: SANDBOX_VERSION.version },
    ),
    variableValues: variables,
    operationName: typeof payload.operationName === "string" ? payload.operationName : undefined,
  });
  return json(200, result);
}
