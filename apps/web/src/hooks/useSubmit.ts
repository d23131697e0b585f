// One form submission at a time: busy while it runs, the error it ended with (shown on the fields or above them).
import { useCallback, useState } from 'react';

export function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `work`; an error is kept for the form to show, never thrown to the console as an unhandled rejection. */
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, run };
}
