// The unit registry: every unit shipped, recorded once by its serial number (串号), and every case that touched
// it. A unit's _id is its serial, so a second record of a serial collides on the key (FerretDB has no
// transactions; a unique insert is the one claim it keeps under concurrency). Touches are keyed by serial, case
// and event, so a retried activity writes each once.
import { Schema, type Connection } from 'mongoose';

const anyObject = { type: Schema.Types.Mixed, default: undefined };

const unitSchema = new Schema(
  {
    _id: String, // serial number
    model: String,
    category: String,
    productionDate: String, // YYYY-MM-DD
    shipDate: String, // YYYY-MM-DD
    /** The customer's own purchase date when it differs from the ship date (e.g. bought from a dealer). */
    purchasedAt: String,
    customer: anyObject,
    deliveryNote: String,
    carrier: String,
    waybill: String,
    needsInstallation: Boolean,
    /** The case that recorded it (a shipment, or an exchange's replacement). */
    caseId: String,
    recordedBy: String,
    recordedAt: Date,
  },
  { versionKey: false, collection: 'units' },
);

const unitEventSchema = new Schema(
  {
    _id: String, // `${serial}|${caseId}|${event}`
    serial: { type: String, index: true },
    caseId: String,
    caseKind: String,
    event: String,
    detail: anyObject,
    at: Date,
  },
  { versionKey: false, collection: 'unit_events' },
);

export function unitModels(conn: Connection) {
  return {
    Unit: conn.models.Unit ?? conn.model('Unit', unitSchema),
    UnitEvent: conn.models.UnitEvent ?? conn.model('UnitEvent', unitEventSchema),
  };
}
