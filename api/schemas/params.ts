// Path parameters: what each id in a path looks like (the OpenAPI document states them; routes that need more
// than a lookup parse them with these schemas).
import { z } from 'zod';
import { isoDate, text, year } from '../fields';
import { SerialSchema } from './units';
import { sku } from './stock';

const id = (description: string, example: string, max = 128) => text().min(1).max(max).describe(description).meta({ example });

export const CaseIdParams = z.object({ id: id('the case number, e.g. SVC-20260302-K7M2QX', 'SVC-20260302-K7M2QX') }).strict();
export const ShipmentIdParams = z.object({ id: id('the shipment case number', 'SHP-20260302-K7M2QX') }).strict();
export const WaybillParams = z.object({ id: id('the shipment case number', 'SHP-20260302-K7M2QX'), waybill: id('the waybill number', 'SF1234567890', 64) }).strict();
export const TaskIdParams = z.object({ id: id('the task id: <case number>-T<n>', 'SVC-20260302-K7M2QX-T1', 200) }).strict();
export const PersonIdParams = z.object({ id: id('the person id', 'tech1', 64) }).strict();
export const TokenParams = z.object({ id: id('the person id', 'tech1', 64), tokenId: id('the token id (first 12 hex digits of its hash)', '0123456789ab', 64) }).strict();
export const AbsenceParams = z.object({ id: id('the person id', 'tech1', 64), absenceId: id('the absence id', 'A0123456789', 64) }).strict();
export const FineIdParams = z.object({ id: id('the fine id', 'FINE-0123456789abcdef', 200) }).strict();
export const KnowledgeIdParams = z.object({ id: id('the entry id', 'KB-M-0b0e4c9a-1c1d-4a54-9f5e-8e3a4f4b6a01', 200) }).strict();
export const ReceiptTokenParams = z.object({ token: id("the token in the customer's SMS", 'r-0123456789abcdef', 200) }).strict();
export const SerialParams = z.object({ serial: SerialSchema.meta({ example: 'SN20260302001' }) }).strict();
export const SkuParams = z.object({ sku: sku.meta({ example: 'P-FUSER' }) }).strict();
export const DateParams = z.object({ date: isoDate('date') }).strict();
export const YearParams = z.object({ year: year() }).strict();
export const ReportKindParams = z.object({ kind: z.enum(['daily', 'monthly']).describe('which report') }).strict();
