// The forms the console opens cases with: each kind of case the API can open, its route, the roles its route
// accepts and the JSON Schema of its body, all read from the API's operation list (api/openapi/operations.ts),
// the same schemas the routes parse with. The page checks what the API will check; the API still decides.
import type { Role } from '../rules/roles';
import { OPERATIONS } from './openapi/operations';
import { toJsonSchema, type JsonSchema } from './json-schema';

export interface OpeningForm {
  /** The case kind the route opens (as `GET /cases` names it). */
  kind: string;
  path: string;
  /** Roles the route accepts; the route is the authority. */
  roles: Role[];
  schema: JsonSchema;
}

/** The opening routes, by the kind of case each opens. */
const OPENING_ROUTES: Record<string, string> = {
  service: '/service-cases',
  inquiry: '/inquiries',
  complaint: '/complaints',
  coordination: '/coordination-forms',
  factory_repair: '/factory-repairs',
  sales_return: '/returns',
  exchange: '/exchanges',
  product_return: '/product-returns',
  shipment: '/shipments',
  installation: '/installations',
};

let built: OpeningForm[] | undefined;

/** Every opening form (built once: the schemas do not change at run time). */
export function openingForms(): OpeningForm[] {
  built ??= Object.entries(OPENING_ROUTES).map(([kind, path]) => {
    const op = OPERATIONS.find((o) => o.method === 'post' && o.path === path);
    if (!op?.body || !op.roles) throw new Error(`no POST ${path} with a body and roles in the operation list`);
    return { kind, path, roles: [...op.roles] as Role[], schema: toJsonSchema(op.body) };
  });
  return built;
}
