// The knowledge base (标准化问题库): service records and hand-written standard entries, searchable by
// product model, fault category and the words of the fault (terms indexed at write time; no $text).
import { Schema, type Connection } from 'mongoose';

const knowledgeEntrySchema = new Schema(
  {
    _id: String, // `KB-<caseId>` for an entry from a service record, so adding it again is idempotent
    productModel: String,
    faultCategory: String,
    /** normaliseKey(productModel) / normaliseKey(faultCategory): what filters compare. */
    modelKey: { type: String, index: true },
    categoryKey: { type: String, index: true },
    title: String,
    problem: String,
    cause: String,
    solution: String,
    prevention: String,
    sourceCaseId: String,
    createdBy: String,
    createdAt: { type: Date, index: true },
    updatedAt: Date,
    terms: { type: [String], index: true },
  },
  { versionKey: false, collection: 'knowledge_entries' },
);

export function knowledgeModels(conn: Connection) {
  return {
    KnowledgeEntry: conn.models.KnowledgeEntry ?? conn.model('KnowledgeEntry', knowledgeEntrySchema),
  };
}
