// What is wrong with a form: the page's own checks, field by field, and the API's refusal as it said it.
import { useI18n } from '../i18n';
import { pathLabel } from './labels';
import type { FieldError } from './schema';

export function FormProblems({ errors, refusal }: { errors: FieldError[]; refusal?: string }) {
  const { t, lang } = useI18n();
  return (
    <>
      {errors.length > 0 && (
        <div class="error" role="alert">
          {t('fixErrors')}
          <ul>
            {errors.map((e) => (
              <li>
                {pathLabel(e.path, lang)}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {refusal && (
        <p class="error refusal" id="refusal" role="alert" tabIndex={-1}>
          {refusal}
        </p>
      )}
    </>
  );
}
