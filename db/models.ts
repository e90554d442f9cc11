// The records people search and report on. Temporal holds the process; these are its readable copy.
// Written to work on MongoDB 7 and on FerretDB v1 (no transactions, $lookup, $text, positional operators).
import mongoose, { Schema, type Connection } from 'mongoose';
import { config } from '../config';
import { fineModels } from './fines';
import { returnModels } from './returns';
import { stockModels } from './stock';
import { knowledgeModels } from './knowledge';
import { serviceRecordModels } from './service-records';
import { workloadModels } from './workloads';
import { experienceModels } from './experience';
import { caseNoticeModels } from './case-notices';
import { changeWriterOf, openWorkChangeModels, type Touched } from './open-work-changes';
import { unitModels } from './units';
import { receiptTokenModels } from './receipt-tokens';
import { reportDeliveryModels } from './report-deliveries';

const anyObject = { type: Schema.Types.Mixed, default: undefined };

// The hot collections hold only open work, in slim documents: on FerretDB every query and write reads the whole
// collection, so their cost must not grow with the department's history. A case's timeline, task payloads and
// contexts live in the workflow while it runs and move to the history collections when they are done.
// Indexes are declared here once; on MongoDB every hot query is served by one (README, "Indexes").

/** An open case: what the case list shows and filters on. */
const caseSchema = new Schema(
  {
    _id: String,
    kind: String,
    status: String,
    title: String,
    customer: anyObject, // name, phone, e-mail: short
    openedBy: String,
    openedAt: Date,
    deadlines: [anyObject],
    openTasks: Number,
    participants: { users: [String], roles: [String] },
    version: Number,
  },
  { versionKey: false, minimize: false, collection: 'cases' },
);
caseSchema.index({ openedAt: -1, _id: 1 });
caseSchema.index({ kind: 1, openedAt: -1, _id: 1 });
caseSchema.index({ status: 1, openedAt: -1, _id: 1 });
caseSchema.index({ openedBy: 1, openedAt: -1, _id: 1 });
caseSchema.index({ 'participants.users': 1 });
caseSchema.index({ 'participants.roles': 1 });

/** A closed case with everything it recorded: written once when it closes. */
const closedCaseSchema = new Schema(
  {
    _id: String,
    kind: String,
    status: String,
    title: String,
    customer: anyObject,
    data: anyObject,
    openedBy: String,
    openedAt: Date,
    closedAt: Date,
    timeline: [anyObject],
    tasks: [anyObject],
    deadlines: [anyObject],
    version: Number,
  },
  { versionKey: false, minimize: false, collection: 'closed_cases' },
);
closedCaseSchema.index({ closedAt: -1, _id: 1 });
closedCaseSchema.index({ openedAt: -1, _id: 1 });
closedCaseSchema.index({ kind: 1, openedAt: -1, _id: 1 });
closedCaseSchema.index({ openedBy: 1, openedAt: -1, _id: 1 });

/** An open task: what inboxes list, count and sort. Its context and form are read from the case's workflow. */
const taskSchema = new Schema(
  {
    _id: String,
    caseId: String,
    caseKind: String,
    caseTitle: String,
    kind: String,
    role: String,
    assignee: String,
    status: String, // always 'open' here
    createdAt: Date,
    dueAt: Date,
    remindAt: Date,
    remindedAt: Date,
    escalations: Number,
    escalatedTo: String,
    escalatedAt: Date,
  },
  { versionKey: false, minimize: false, collection: 'tasks' },
);
taskSchema.index({ assignee: 1, dueAt: 1, _id: 1 });
taskSchema.index({ role: 1, assignee: 1, dueAt: 1, _id: 1 });
taskSchema.index({ escalatedTo: 1, dueAt: 1, _id: 1 });
taskSchema.index({ caseId: 1 });

/** A completed or cancelled task with its outcome and payload: written once when it ends. */
const doneTaskSchema = new Schema(
  {
    _id: String,
    caseId: String,
    kind: String,
    role: String,
    assignee: String,
    outcomes: [String],
    status: String,
    context: anyObject,
    createdAt: Date,
    dueAt: Date,
    remindAt: Date,
    remindedAt: Date,
    escalations: Number,
    escalatedTo: String,
    escalatedAt: Date,
    completedAt: Date,
    completedBy: String,
    outcome: String,
    payload: anyObject,
    cancelReason: String,
  },
  { versionKey: false, minimize: false, collection: 'done_tasks' },
);
doneTaskSchema.index({ caseId: 1 });
doneTaskSchema.index({ completedBy: 1, completedAt: -1 });
doneTaskSchema.index({ assignee: 1, status: 1, dueAt: 1, _id: 1 });
doneTaskSchema.index({ role: 1, status: 1, dueAt: 1, _id: 1 });

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
    // SHA-256 (hex) of each API token; the plain text is shown once when issued and never stored.
    tokenHashes: { type: [String], index: true },
    // Token metadata without the secret, for the people page (which tokens exist, when issued).
    tokenInfo: [anyObject],
    inOffice: Boolean,
    active: { type: Boolean, default: true },
    deactivatedAt: String,
    // Periods away (leave, business trip): new tasks and phone diagnoses skip the person meanwhile.
    absences: [anyObject],
    // Technicians: where they start from and where they work now (for recommendations).
    base: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: undefined },
    currentJob: { type: new Schema({ lat: Number, lng: Number }, { _id: false }), default: undefined },
  },
  { versionKey: false, collection: 'users' },
);

// Administrator additions to the working-time calendar (a new year, a day override): one document.
/**
 * Change marks: `open-work` gets a new random token after every write to the open cases and tasks, so a reader
 * that keeps them in memory (api/open-work.ts) rereads only when something changed. Read and written by `_id`.
 */
const markSchema = new Schema({ _id: String, token: String, at: Date }, { versionKey: false, collection: 'marks' });
export const OPEN_WORK_MARK = 'open-work';

const settingSchema = new Schema({ _id: String, value: anyObject }, { versionKey: false, collection: 'settings' });

export function models(conn: Connection) {
  return {
    Case: conn.models.Case ?? conn.model('Case', caseSchema),
    Task: conn.models.Task ?? conn.model('Task', taskSchema),
    ClosedCase: conn.models.ClosedCase ?? conn.model('ClosedCase', closedCaseSchema),
    DoneTask: conn.models.DoneTask ?? conn.model('DoneTask', doneTaskSchema),
    Notification: conn.models.Notification ?? conn.model('Notification', notificationSchema),
    Call: conn.models.Call ?? conn.model('Call', callSchema),
    User: conn.models.User ?? conn.model('User', userSchema),
    Setting: conn.models.Setting ?? conn.model('Setting', settingSchema),
    Mark: conn.models.Mark ?? conn.model('Mark', markSchema),
    ...fineModels(conn),
    ...returnModels(conn),
    ...stockModels(conn),
    ...knowledgeModels(conn),
    ...serviceRecordModels(conn),
    ...workloadModels(conn),
    ...experienceModels(conn),
    ...caseNoticeModels(conn),
    ...openWorkChangeModels(conn),
    ...unitModels(conn),
    ...receiptTokenModels(conn),
    ...reportDeliveryModels(conn),
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

/**
 * Runs an upsert by `_id`, once more if it lost the race to insert: two concurrent upserts of a missing document
 * both try to insert it and one fails with a duplicate key (MongoDB and FerretDB alike); the document exists then,
 * and the second try updates it.
 */
export async function upsertRetryingRace<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return upsert();
  }
}

/**
 * Records that the open cases or tasks changed, after the write: what it touched (none said: everything), then a
 * new token in the mark, the id of the change that holds it, set by the process's change writer once per batch and
 * in order (db/open-work-changes.ts), so a token never comes back once a later one has replaced it. A reader that
 * cannot find the token's change knows a writer recorded nothing (a worker of an earlier version).
 */
export async function markOpenWorkChanged(m: Pick<Models, 'Mark' | 'OpenWorkChange' | 'OpenWorkWriter'>, touched?: Touched): Promise<void> {
  const mark = (token: string) => upsertRetryingRace(() => m.Mark.updateOne({ _id: OPEN_WORK_MARK }, { $set: { token, at: new Date() } }, { upsert: true }));
  await changeWriterOf(m, mark).record(touched);
}

const filled = new WeakMap<object, Set<string>>();

/**
 * Runs `fill` once per database (the mark `name` records it) and, after that, reads the mark once per process:
 * the one-time copy of existing records into a structure the writes keep from then on.
 */
export async function fillOnce(m: Pick<Models, 'Mark'>, name: string, fill: () => Promise<void>): Promise<void> {
  const done = filled.get(m.Mark) ?? new Set<string>();
  filled.set(m.Mark, done);
  if (done.has(name)) return;
  if (!(await m.Mark.findById(name).lean())) {
    await fill();
    await upsertRetryingRace(() => m.Mark.updateOne({ _id: name }, { $set: { at: new Date() } }, { upsert: true }));
  }
  done.add(name);
}

/** Whether a case exists, open or closed. */
export async function caseExists(m: Pick<Models, 'Case' | 'ClosedCase'>, id: string): Promise<boolean> {
  return (await m.Case.exists({ _id: id })) !== null || (await m.ClosedCase.exists({ _id: id })) !== null;
}

/** MongoDB's duplicate-key error: an idempotent insert that already happened. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}
