// Whether the live figures of the open page reach the server: told by useLive, read by the offline banner (useFreshness),
// so that the banner shows as soon as a page's reads fail, not only at the next freshness question.

type Listener = (reachable: boolean) => void;

const listeners = new Set<Listener>();

export const connectivity = {
  /** A page's read or stream answered (true), or found the server unreachable (false). */
  report(reachable: boolean): void {
    listeners.forEach((listener) => listener(reachable));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
