// The forms the console opens cases with: each kind of case the API can open, its route, the roles its route
// accepts, and the JSON Schema of its body built from the same zod schema the route parses with (one source, so
// the page checks what the API will check; the API still decides, and the page shows its refusal).
import { zodToJsonSchema } from 'zod-to-json-schema';
import type { z } from 'zod';
import type { Role } from '../rules/roles';
import { ComplaintSchema } from './routes/complaints';
import { CoordinationSchema } from './routes/coordination';
import { ExchangeSchema } from './routes/exchanges';
import { InquirySchema } from './routes/inquiries';
import { InstallationSchema } from './routes/installations';
import { ProductReturnSchema } from './routes/product-returns';
import { OpenBody as SalesReturnSchema } from './routes/returns';
import { FactoryRepairSchema, ServiceCaseSchema } from './routes/service-cases';
import { ShipmentSchema } from './routes/shipments';

export interface OpeningForm {
  /** The case kind the route opens (as `GET /cases` names it). */
  kind: string;
  path: string;
  /** Roles the route accepts (its requireRole); the route is the authority. */
  roles: Role[];
  schema: object;
}

const FORMS: Array<{ kind: string; path: string; roles: Role[]; schema: z.ZodTypeAny }> = [
  { kind: 'service', path: '/service-cases', roles: ['agent'], schema: ServiceCaseSchema },
  { kind: 'inquiry', path: '/inquiries', roles: ['agent'], schema: InquirySchema },
  { kind: 'complaint', path: '/complaints', roles: ['agent', 'supervisor'], schema: ComplaintSchema },
  { kind: 'coordination', path: '/coordination-forms', roles: ['agent', 'supervisor', 'technician', 'qc'], schema: CoordinationSchema },
  { kind: 'factory_repair', path: '/factory-repairs', roles: ['agent', 'qc', 'warehouse'], schema: FactoryRepairSchema },
  { kind: 'sales_return', path: '/returns', roles: ['agent'], schema: SalesReturnSchema },
  { kind: 'exchange', path: '/exchanges', roles: ['agent'], schema: ExchangeSchema },
  { kind: 'product_return', path: '/product-returns', roles: ['agent', 'sales_manager'], schema: ProductReturnSchema },
  { kind: 'shipment', path: '/shipments', roles: ['sales_manager', 'salesperson'], schema: ShipmentSchema },
  { kind: 'installation', path: '/installations', roles: ['agent', 'sales_manager'], schema: InstallationSchema },
];

let built: OpeningForm[] | undefined;

/** Every opening form (built once: the schemas do not change at run time). */
export function openingForms(): OpeningForm[] {
  built ??= FORMS.map((f) => ({
    kind: f.kind,
    path: f.path,
    roles: f.roles,
    schema: (zodToJsonSchema as (s: unknown, o: object) => object)(f.schema, { target: 'openApi3', $refStrategy: 'none' }),
  }));
  return built;
}
