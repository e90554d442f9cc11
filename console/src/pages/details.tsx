// Any JSON value as a readable definition list (task contexts, case data, timeline details).
import { fieldLabel } from '../form/labels';
import { useI18n } from '../i18n';

export function Details({ value }: { value: unknown }) {
  const { lang } = useI18n();
  if (value === null || value === undefined || value === '') return <span>—</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span>—</span>;
    return (
      <ol class="details-list">
        {value.map((v) => (
          <li>
            <Details value={v} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return <span>—</span>;
    return (
      <dl class="details">
        {entries.map(([k, v]) => (
          <>
            <dt>{fieldLabel(k, lang)}</dt>
            <dd>
              <Details value={v} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  return <span>{String(value)}</span>;
}
