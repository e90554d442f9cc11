// One form engine for every task kind: renders a JSON Schema as labelled, keyboard-usable inputs (strings,
// enums, numbers with their bounds, booleans, date-times, nested objects, arrays of anything) and edits the
// payload value in place. Errors from validate() are shown next to their field.
import type { JSX } from 'preact';
import { useI18n } from '../i18n';
import { fieldHint, fieldLabel, keyOf } from './labels';
import { initialValue, type FieldError, type Schema } from './schema';
import { join } from './validate';

interface FieldProps {
  schema: Schema;
  value: unknown;
  onChange(v: unknown): void;
  path: string;
  label: string;
  required: boolean;
  errors: FieldError[];
  idPrefix: string;
}

const idOf = (prefix: string, path: string) => `${prefix}-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function SchemaForm(props: { schema: Schema; value: unknown; onChange(v: unknown): void; errors: FieldError[]; idPrefix: string }) {
  return <ObjectFields {...props} path="" />;
}

function ObjectFields({ schema, value, onChange, errors, idPrefix, path }: { schema: Schema; value: unknown; onChange(v: unknown): void; errors: FieldError[]; idPrefix: string; path: string }) {
  const { lang } = useI18n();
  const obj = (value ?? {}) as Record<string, unknown>;
  const set = (k: string, v: unknown) => {
    const next = { ...obj };
    if (v === undefined) delete next[k];
    else next[k] = v;
    onChange(next);
  };
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([k, p]) => (
        <Field key={k} schema={p} value={obj[k]} onChange={(v) => set(k, v)} path={join(path, k)} label={fieldLabel(k, lang)} required={(schema.required ?? []).includes(k)} errors={errors} idPrefix={idPrefix} />
      ))}
    </>
  );
}

function Hint({ id, schema, errors, path }: { id: string; schema: Schema; errors: FieldError[]; path: string }) {
  const { lang } = useI18n();
  const mine = errors.filter((e) => e.path === path);
  const hint = fieldHint(keyOf(path), schema.description, lang);
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {mine.map((e) => (
        <small class="field-error" id={`${id}-err`} role="alert">
          {e.message}
        </small>
      ))}
    </>
  );
}

function Field(p: FieldProps): JSX.Element {
  const { t, code } = useI18n();
  const { schema: s, value, onChange, path, label, required, errors, idPrefix } = p;
  const id = idOf(idPrefix, path);
  const invalid = errors.some((e) => e.path === path);
  const described = [s.description ? `${id}-hint` : '', invalid ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: path, 'aria-invalid': invalid || undefined, 'aria-describedby': described, 'aria-required': required || undefined };
  const labelEl = (
    <label for={id}>
      {label}
      {required && <span class="req" aria-hidden="true"> *</span>}
    </label>
  );

  if (s.type === 'object') {
    const present = value !== undefined;
    return (
      <fieldset class="group">
        <legend>
          {label}
          {required && <span class="req" aria-hidden="true"> *</span>}
        </legend>
        {!required && (
          <label class="inline">
            <input type="checkbox" name={`${path}.__include`} checked={present} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked ? (initialValue(s) ?? {}) : undefined)} /> {t('include')}
          </label>
        )}
        {(required || present) && <ObjectFields schema={s} value={value} onChange={onChange} errors={errors} idPrefix={idPrefix} path={path} />}
        <Hint id={id} schema={s} errors={errors} path={path} />
      </fieldset>
    );
  }

  if (s.type === 'array') {
    const items = (value as unknown[] | undefined) ?? [];
    const itemSchema = s.items ?? { type: 'string' };
    const setAt = (i: number, v: unknown) => onChange(items.map((x, j) => (j === i ? v : x)));
    return (
      <fieldset class="group">
        <legend>
          {label}
          {required && <span class="req" aria-hidden="true"> *</span>}
        </legend>
        {items.map((item, i) => (
          <div class="array-item" key={i}>
            <Field schema={itemSchema} value={item} onChange={(v) => setAt(i, v)} path={join(path, String(i))} label={`${label} ${i + 1}`} required errors={errors} idPrefix={idPrefix} />
            <button type="button" class="secondary" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              {t('removeItem')} {i + 1}
            </button>
          </div>
        ))}
        <button type="button" class="secondary" name={`${path}.__add`} onClick={() => onChange([...items, initialValue(itemSchema) ?? (itemSchema.type === 'object' ? {} : undefined)])} disabled={s.maxItems !== undefined && items.length >= s.maxItems}>
          {t('addItem')}
        </button>
        <Hint id={id} schema={s} errors={errors} path={path} />
      </fieldset>
    );
  }

  if (s.type === 'boolean') {
    return (
      <div class="field">
        <label class="inline" for={id}>
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked ? true : s.enum?.length === 1 || !required ? undefined : false)} /> {label}
          {required && <span class="req" aria-hidden="true"> *</span>}
        </label>
        <Hint id={id} schema={s} errors={errors} path={path} />
      </div>
    );
  }

  if (s.enum) {
    return (
      <div class="field">
        {labelEl}
        <select {...common} value={value === undefined ? '' : String(value)} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value || undefined)}>
          <option value="">{t('choose')}</option>
          {s.enum.map((o) => (
            <option value={String(o)}>{code(String(o))}</option>
          ))}
        </select>
        <Hint id={id} schema={s} errors={errors} path={path} />
      </div>
    );
  }

  if (s.type === 'number' || s.type === 'integer') {
    const step = s.multipleOf ?? (s.type === 'integer' ? 1 : 'any');
    return (
      <div class="field">
        {labelEl}
        <input
          type="number"
          inputMode={s.type === 'integer' ? 'numeric' : 'decimal'}
          {...common}
          min={s.minimum}
          max={s.maximum}
          step={step}
          value={value === undefined ? '' : String(value)}
          onInput={(e) => {
            const raw = (e.currentTarget as HTMLInputElement).value;
            onChange(raw === '' ? undefined : Number(raw));
          }}
        />
        <Hint id={id} schema={s} errors={errors} path={path} />
      </div>
    );
  }

  if (s.format === 'date-time') {
    // The page edits local time; the payload carries an ISO instant.
    const local = typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? toLocalInput(new Date(value)) : '';
    return (
      <div class="field">
        {labelEl}
        <input type="datetime-local" {...common} value={local} onInput={(e) => {
          const raw = (e.currentTarget as HTMLInputElement).value;
          onChange(raw ? new Date(raw).toISOString() : undefined);
        }} />
        <Hint id={id} schema={s} errors={errors} path={path} />
      </div>
    );
  }

  const long = (s.maxLength ?? 0) > 200;
  const onText = (e: Event) => {
    const raw = (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value;
    onChange(raw === '' ? undefined : raw);
  };
  return (
    <div class="field">
      {labelEl}
      {long ? (
        <textarea {...common} rows={3} maxLength={s.maxLength} value={(value as string | undefined) ?? ''} onInput={onText} />
      ) : (
        // Two literal branches: Preact 11 types an <input> by its `type`, and a union of types matches neither.
        s.format === 'email' ? (
          <input type="email" {...common} maxLength={s.maxLength} value={(value as string | undefined) ?? ''} onInput={onText} />
        ) : (
          <input type="text" {...common} maxLength={s.maxLength} value={(value as string | undefined) ?? ''} onInput={onText} />
        )
      )}
      <Hint id={id} schema={s} errors={errors} path={path} />
    </div>
  );
}

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
