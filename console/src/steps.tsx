// The process drawn as its steps, the current one marked (one component for every kind of case).
import { useI18n } from './i18n';
import { PROCESS_STEPS, stepStates } from './processes';

export function ProcessSteps({ kind, status, passed }: { kind: string; status: string; passed: string[] }) {
  const { t, lang } = useI18n();
  const steps = PROCESS_STEPS[kind];
  if (!steps) return null;
  const states = stepStates(steps, status, passed);
  return (
    <section class="card steps-card" aria-labelledby="steps-h">
      <h2 id="steps-h">{t('processSteps')}</h2>
      <ol class="steps" data-kind={kind}>
        {states.map(({ step, state }, i) => (
          <li class={`step ${state}`} data-step={step.id} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
            <span class="step-no" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span class="step-label">{step.label[lang]}</span>
            {state === 'current' && <span class="sr-only"> ({t('currentStep')})</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
