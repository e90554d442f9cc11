// A page's answer line: the error the API (or the page) gave, and a notice of what was done.
export function Messages({ error, notice }: { error?: string; notice?: string }) {
  return (
    <>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
