// Request schemas of api/routes/return-rate.ts: the route validates with them and the OpenAPI document is built from them.
import { z } from 'zod';
import { month, text } from '../fields';

export const MONTH = month();

export const FigureSchema = z
  .object({
    salesperson: text().trim().min(1, 'salesperson is required').max(64),
    month: MONTH,
    value: z
      .number({ error: (iss) => (iss.input === undefined ? 'value (yuan) is required' : 'value must be a number (yuan)') })
      .nonnegative('value must not be negative')
      .max(1e12)
      .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'value has more than 2 decimals (fen)')
      // Whole fen: stated in the document too.
      .meta({ multipleOf: 0.01 }),
  })
  .strict();

export const MonthQuery = z.object({ month: MONTH }).strict();
/** A JSON import: 1 to 10,000 rows, all stored or none. */
export const FigureList = z.array(FigureSchema).min(1).max(10_000);

/** Who records sales figures, and who reads the return-rate report. */
export const FIGURE_WRITERS = ['finance', 'supervisor', 'director'] as const;
export const RATE_READERS = ['supervisor', 'director', 'finance', 'general_manager', 'sales_manager'] as const;
