// The ranked technician recommendation of an allocation task, with each candidate's reasons.
import { useI18n } from '../i18n';

export interface RecommendationView {
  located?: boolean;
  note?: { zh: string; en: string };
  candidates: Array<{ userId: string; name: string; score: number; distanceKm?: number; reasons?: Array<{ code: string; zh: string; en: string }> }>;
  unranked?: Array<{ userId: string; name: string; reason: { zh: string; en: string } }>;
  knowledge?: Array<{ id: string; title?: string; problem?: string; solution?: string }>;
}

export function Recommendation({ rec, onUse }: { rec: RecommendationView; onUse?: (userId: string) => void }) {
  const { t, lang } = useI18n();
  const say = (x: { zh: string; en: string }) => (lang === 'en' ? x.en : x.zh);
  return (
    <section class="card recommendation" aria-labelledby="rec-h">
      <h2 id="rec-h">{t('recommendation')}</h2>
      {rec.note && <p class="notice">{say(rec.note)}</p>}
      <ol class="candidates">
        {rec.candidates.map((c) => (
          <li data-candidate={c.userId}>
            <div class="cand-head">
              <strong>
                {c.name} ({c.userId})
              </strong>
              <span>
                {t('score')} {c.score.toFixed(2)}
                {c.distanceKm !== undefined && ` · ${t('distance')} ${c.distanceKm.toFixed(1)} km`}
              </span>
              {onUse && (
                <button type="button" onClick={() => onUse(c.userId)} aria-label={`${t('useThis')} ${c.name}`}>
                  {t('useThis')}
                </button>
              )}
            </div>
            <ul class="reasons">
              {(c.reasons ?? []).map((r) => (
                <li data-reason={r.code}>{say(r)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {(rec.unranked ?? []).length > 0 && (
        <>
          <h3>{t('unranked')}</h3>
          <ul>
            {rec.unranked!.map((u) => (
              <li>
                {u.name} ({u.userId}): {say(u.reason)}{' '}
                {onUse && (
                  <button type="button" class="secondary" onClick={() => onUse(u.userId)}>
                    {t('useThis')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {(rec.knowledge ?? []).length > 0 && (
        <>
          <h3>{t('knowledgeHits')}</h3>
          <ul>
            {rec.knowledge!.map((k) => (
              <li>
                {k.id}: {k.title ?? k.problem} → {k.solution}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
