// The records people search and report on. Temporal holds the process; these are its readable copy.
// Written to work on MongoDB 7 and on FerretDB v1 (no transactions, $lookup, $text, positional operators).
import mongoose, { Schema, type Connection } from 'mongoose';
import { config } from '../config';
import { fineModels } from './fines';
import { returnModels } from './returns';
import { stockModels } from './stock';
import { knowledgeModels } from './knowledge';
import { serviceRecordModels } from './service-records';

const anyObject = { type: Schema.Types.Mixed, default: undefined };

const caseSchema = new Schema(
  {
    _id: String,
    kind: { type: String, index: true },
    status: { type: String, index: true },
    title: String,
    customer: anyObject,
    data: anyObject,
    openedBy: { type: String, index: true },
    openedAt: { type: Date, index: true },
    closedAt: Date,
    timeline: [anyObject],
    openTasks: [anyObject],
    deadlines: [anyObject],
    version: Number,
  },
  { versionKey: false, minimize: false, collection: 'cases' },
);

const taskSchema = new Schema(
  {
    _id: String,
    caseId: { type: String, index: true },
    kind: String,
    role: { type: String, index: true },
    assignee: { type: String, index: true },
    outcomes: [String],
    status: { type: String, index: true },
    context: anyObject,
    createdAt: Date,
    dueAt: Date,
    remindAt: Date,
    remindedAt: Date,
    escalations: Number,
    completedAt: Date,
    completedBy: String,
    outcome: String,
    payload: anyObject,
    cancelReason: String,
    caseVersion: Number,
  },
  { versionKey: false, minimize: false, collection: 'tasks' },
);

const notificationSchema = new Schema(
  {
    _id: String, // idempotency key: workflow, step, recipient, channel
    caseId: { type: String, index: true },
    channel: String,
    template: String,
    locale: String,
    recipient: anyObject,
    to: String,
    subject: String,
    body: String,
    status: { type: String, index: true }, // pending | sent | failed | skipped
    attempts: { type: Number, default: 0 },
    error: String,
    providerId: String,
    createdAt: Date,
    sentAt: Date,
  },
  { versionKey: false, collection: 'notifications' },
);

const callSchema = new Schema(
  {
    _id: String,
    at: { type: Date, index: true },
    agentId: String,
    customer: anyObject,
    direction: String,
    type: String,
    summary: String,
    productModel: String,
    serialNumber: String,
    caseId: String,
  },
  { versionKey: false, collection: 'calls' },
);

const userSchema = new Schema(
  {
    _id: String,
    name: String,
    roles: [String],
    phone: String,
    email: String,
    locale: String,
    tokens: [String],
    inOffice: Boolean,
    active: { type: Boolean, default: true },
    // Technicians: where they start from and where they work now (for recommendations).
    base: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: undefined },
    currentJob: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: undefined },
  },
  { versionKey: false, collection: 'users' },
);

// Administrator additions to the working-time calendar (a new year, a day override): one document.
const settingSchema = new Schema({ _id: String, value: anyObject }, { versionKey: false, collection: 'settings' });

export function models(conn: Connection) {
  return {
    Case: conn.models.Case ?? conn.model('Case', caseSchema),
    Task: conn.models.Task ?? conn.model('Task', taskSchema),
    Notification: conn.models.Notification ?? conn.model('Notification', notificationSchema),
    Call: conn.models.Call ?? conn.model('Call', callSchema),
    User: conn.models.User ?? conn.model('User', userSchema),
    Setting: conn.models.Setting ?? conn.model('Setting', settingSchema),
    ...fineModels(conn),
    ...returnModels(conn),
    ...stockModels(conn),
    ...knowledgeModels(conn),
    ...serviceRecordModels(conn),
  };
}
export type Models = ReturnType<typeof models>;

export interface DbTuning {
  /** How long an operation waits for a reachable server before failing (the API answers 503 then). */
  serverSelectionTimeoutMS: number;
  /** How often the driver probes the server, so a restarted database is noticed within about this time. */
  heartbeatFrequencyMS: number;
}

/**
 * One connection that survives the database going away and coming back: the driver's monitor keeps probing
 * and the pool reconnects on its own. Commands are not buffered by mongoose while disconnected (that turned
 * every request into a 10 s wait and a 500); they go to the driver, which fails fast with a server selection
 * error that the API maps to 503. A paused server is noticed by the heartbeat's connect timeout, which also
 * interrupts operations in flight; socketTimeoutMS is the last resort for a reply that never comes.
 */
export async function connectDb(uri: string, tuning?: Partial<DbTuning>): Promise<Connection> {
  const serverSelectionTimeoutMS = tuning?.serverSelectionTimeoutMS ?? config().DB_SERVER_SELECTION_TIMEOUT_MS;
  const heartbeatFrequencyMS = tuning?.heartbeatFrequencyMS ?? config().DB_HEARTBEAT_MS;
  const conn = mongoose.createConnection(uri, {
    autoIndex: true,
    bufferCommands: false,
    serverSelectionTimeoutMS,
    heartbeatFrequencyMS,
    connectTimeoutMS: Math.max(2 * heartbeatFrequencyMS, 5_000),
    socketTimeoutMS: 60_000,
  });
  await conn.asPromise();
  return conn;
}

/** MongoDB's duplicate-key error: an idempotent insert that already happened. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}
