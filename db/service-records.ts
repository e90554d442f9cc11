// Closed service records (SPEC 3.1 step 8): problem, cause, solution and prevention of each case, by the
// technician who did it. They feed the knowledge base and the "solved this before" count of recommendations.
import { Schema, type Connection } from 'mongoose';

const serviceRecordSchema = new Schema(
  {
    _id: String, // caseId
    technicianId: { type: String, index: true },
    productModel: String,
    faultCategory: String,
    /** normaliseKey of model / category: what the counts compare. */
    modelKey: { type: String, index: true },
    categoryKey: String,
    problem: String,
    cause: String,
    solution: String,
    prevention: String,
    closedAt: Date,
    customer: { type: Schema.Types.Mixed, default: undefined },
    serialNumber: String,
    /** Where the service was (the case's address) and its city / district, for nearness without coordinates. */
    address: String,
    cityKey: String,
    districtKey: String,
    savedAt: Date,
  },
  { versionKey: false, collection: 'service_records' },
);

export function serviceRecordModels(conn: Connection) {
  return {
    ServiceRecord: conn.models.ServiceRecord ?? conn.model('ServiceRecord', serviceRecordSchema),
  };
}
