// Request schemas of api/routes/shipments.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { dateTime, isoDate, RULE, text as safeText } from '../fields';
import { CustomerSchema, customerPhone } from './calls';
import { SerialSchema } from './units';

export const text = (max: number) => safeText().trim().min(1, 'must not be empty').max(max);

export const localDate = (what: string) => isoDate(what);

export const ShipmentSchema = z
  .object({
    customer: CustomerSchema.extend({ phone: customerPhone('required: the receipt link is sent by SMS') }),
    address: text(500).describe('delivery address'),
    salesOrder: safeText().trim().max(64).optional().describe('the sales order number'),
    items: z
      .array(
        z
          .object({
            model: text(100).describe('product model'),
            category: z.enum(['phone', 'electrical', 'computer', 'other']).optional(),
            quantity: z.number().int('quantity must be a whole number').min(1).max(1000).describe('units of this model'),
            needsInstallation: z.boolean().default(false).describe('received units start an installation'),
          })
          .strict(),
      )
      .min(1, 'list at least one item')
      .max(50),
  })
  .strict()
  .superRefine((b, ctx) => {
    const models = b.items.map((i) => i.model);
    models.forEach((m, i) => models.indexOf(m) !== i && ctx.addIssue({ code: 'custom', path: ['items', i, 'model'], message: `model ${m} is listed twice`, params: RULE }));
  });

export const UnitsSchema = z
  .object({
    units: z
      .array(
        z
          .object({
            serial: SerialSchema.describe('serial number (串号)'),
            model: text(100),
            productionDate: localDate('productionDate'),
            shipDate: localDate('shipDate'),
            purchasedAt: localDate('purchasedAt').optional().describe("the customer's purchase date when it differs from the ship date"),
          })
          .strict()
          .refine((u) => u.productionDate <= u.shipDate, { message: 'productionDate must not be after shipDate', path: ['productionDate'], params: RULE }),
      )
      .min(1)
      .max(1000),
  })
  .strict();

export const ArrivalSchema = z
  .object({
    status: z.enum(['arrived', 'delayed']),
    expectedArrival: dateTime('expectedArrival').optional(),
    note: safeText().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => b.status !== 'delayed' || b.expectedArrival, { message: 'a delay needs expectedArrival', path: ['expectedArrival'] });
