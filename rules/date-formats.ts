// Intl.DateTimeFormat instances, one per language and options, made on first use. Building a formatter costs far
// more than formatting with one (an inbox page formats a hundred deadlines), and a formatter is a pure function of
// what it was built with, so sharing them changes no result.
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formats.set(key, f);
  }
  return f;
}
