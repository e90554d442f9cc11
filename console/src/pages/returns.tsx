// The returns dry run (POST /returns/evaluate): nothing is opened or written; every rule is cited.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { useI18n } from '../i18n';
import { Details } from './details';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A quality return received yesterday: a starting point to edit. */
const SAMPLE = {
  request: {
    product: { category: 'regular', unitCost: 50, invoiceValue: 300, name: '示例商品', quantity: 2 },
    dates: { leftWarehouse: day(-5), receivedByCustomer: day(-1) },
    problem: 'quality',
    stage: 'request',
    evidence: { photos: ['photo-1.jpg'] },
    carrier: 'designated',
  },
};

export function ReturnsEvaluator() {
  const { t } = useI18n();
  const [text, setText] = useState(JSON.stringify(SAMPLE, null, 2));
  const [result, setResult] = useState<any>();
  const [error, setError] = useState<string>();
  return (
    <section aria-labelledby="ret-h">
      <h1 id="ret-h">{t('returns')}</h1>
      <form
        class="card"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(undefined);
          setResult(undefined);
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            return setError(t('invalidJson'));
          }
          try {
            setResult(await post('/returns/evaluate', body));
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        <div class="field">
          <label for="ret-json">{t('request')}</label>
          <textarea id="ret-json" rows={14} class="mono" value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
        <button type="submit">{t('evaluate')}</button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {result && (
        <section class="card" aria-labelledby="ret-res-h" role="status">
          <h2 id="ret-res-h">{t('decision')}</h2>
          <Details value={result.evaluation} />
        </section>
      )}
    </section>
  );
}
