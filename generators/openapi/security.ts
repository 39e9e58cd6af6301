/**
 * How a caller authenticates, in OpenAPI words. Graph takes a Microsoft identity platform bearer token: delegated
 * (authorization code flow, the permissions are scopes) or application (client credentials, the permissions are app
 * roles). The docs name, per operation, the permissions of which ANY ONE suffices, least privileged first; OpenAPI
 * lists alternatives as separate Security Requirement Objects (the scopes inside one object are ALL required), so
 * each permission is its own requirement. A plain `bearer` scheme is listed last: any bearer token, which is what the
 * embedded mock and other Graph-like servers check.
 */
import type { OperationContract } from '../../contracts/model.js';
import type { JsonObject } from './schema-refs.js';

export const DELEGATED_SCHEME = 'azureAdDelegated';
export const APPLICATION_SCHEME = 'azureAdApplication';
export const BEARER_SCHEME = 'bearer';

const AUTHORIZE_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize';
const TOKEN_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/token';
const APP_TOKEN_URL = 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token';

export type SecurityRequirement = Record<string, string[]>;

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** Every permission the operations name, by kind (delegated: work or school and personal accounts alike). */
function permissionsByKind(operations: readonly OperationContract[]): { delegated: string[]; application: string[] } {
  return {
    delegated: sortedUnique(
      operations.flatMap((o) => [...(o.permissions.delegatedWork ?? []), ...(o.permissions.delegatedPersonal ?? [])]),
    ),
    application: sortedUnique(operations.flatMap((o) => o.permissions.application ?? [])),
  };
}

/** components.securitySchemes. */
export function securitySchemes(operations: readonly OperationContract[]): Record<string, JsonObject> {
  const { delegated, application } = permissionsByKind(operations);
  const scopes = (names: string[], kind: string): Record<string, string> =>
    Object.fromEntries(names.map((n) => [n, `${n} (${kind} permission of Microsoft Graph)`]));
  const schemes: Record<string, JsonObject> = {};
  if (delegated.length > 0) {
    schemes[DELEGATED_SCHEME] = {
      type: 'oauth2',
      description:
        'A delegated token from the Microsoft identity platform (a signed-in user). Any one of the permissions an operation lists suffices.',
      flows: { authorizationCode: { authorizationUrl: AUTHORIZE_URL, tokenUrl: TOKEN_URL, scopes: scopes(delegated, 'delegated') } },
    };
  }
  if (application.length > 0) {
    schemes[APPLICATION_SCHEME] = {
      type: 'oauth2',
      description:
        'An application token (client credentials; request the scope https://graph.microsoft.com/.default, and use your tenant id in place of "organizations" in the token URL). The names are app roles granted to the application; any one an operation lists suffices.',
      flows: { clientCredentials: { tokenUrl: APP_TOKEN_URL, scopes: scopes(application, 'application') } },
    };
  }
  schemes[BEARER_SCHEME] = {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Any bearer token in the Authorization header: a Microsoft Graph access token, or any token for the embedded mock (`npm run mock`), where each token is its own tenant.',
  };
  return schemes;
}

/** An operation's `security`: one requirement per permission that suffices (least privileged first), then plain bearer. */
export function operationSecurity(op: OperationContract): SecurityRequirement[] {
  const delegated = unique([...(op.permissions.delegatedWork ?? []), ...(op.permissions.delegatedPersonal ?? [])]);
  const out: SecurityRequirement[] = [
    ...delegated.map((p) => ({ [DELEGATED_SCHEME]: [p] })),
    ...unique(op.permissions.application ?? []).map((p) => ({ [APPLICATION_SCHEME]: [p] })),
  ];
  out.push({ [BEARER_SCHEME]: [] });
  return out;
}
