// Server-sent events read over fetch. EventSource cannot send an Authorization header, and a token in the address ends
// up in proxy logs and the browser's history; fetch sends the header. The object behaves as an EventSource does
// (readyState, onopen, onerror, listeners per event type, reconnecting by itself after a dropped connection), so the
// live feed works with either.
import { backoffDelay } from './backoff';

export const STREAM_CONNECTING = 0;
export const STREAM_OPEN = 1;
export const STREAM_CLOSED = 2;

/** The part of EventSource the live feed uses (this file's stream, or a test's). */
export interface StreamLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent<string>) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface StreamEvent {
  readonly type: string;
  readonly data: string;
  readonly lastEventId: string;
}

/**
 * The text/event-stream format, fed in chunks as they arrive (a line or an event may be split anywhere): `event:` names
 * the type, `data:` lines are joined with newlines, a blank line ends the event, `:` starts a comment, `id:` and `retry:`
 * are kept. Lines end in LF, CRLF or CR.
 */
export class EventStreamParser {
  /** The reconnection delay the server asked for (`retry:`), if any. */
  retry: number | null = null;
  lastEventId = '';
  private pending = '';
  private afterCR = false;
  private started = false;
  private type = '';
  private data: string[] = [];

  push(chunk: string): StreamEvent[] {
    let text = chunk;
    // A CR ending the previous chunk ended its line; an LF opening this one is the second half of that CRLF.
    if (this.afterCR && text.startsWith('\n')) text = text.slice(1);
    this.afterCR = false;
    text = this.pending + text;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const events: StreamEvent[] = [];
    const ends = /\r\n|\r|\n/g;
    let from = 0;
    for (let match = ends.exec(text); match; match = ends.exec(text)) {
      const event = this.line(text.slice(from, match.index));
      if (event) events.push(event);
      from = match.index + match[0].length;
      if (from === text.length && match[0] === '\r') this.afterCR = true;
    }
    this.pending = text.slice(from);
    return events;
  }

  private line(line: string): StreamEvent | null {
    if (line === '') {
      const type = this.type || 'message';
      const data = this.data;
      this.type = '';
      this.data = [];
      return data.length > 0 ? { type, data: data.join('\n'), lastEventId: this.lastEventId } : null;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return null;
  }
}

export interface FetchEventStreamOptions {
  /** Headers of each connection, read again at every reconnection (the token may have changed meanwhile). */
  readonly headers?: () => Record<string, string>;
  readonly fetch?: typeof fetch;
  /** Wait before the first reconnection after a dropped connection (the server's `retry:` replaces it); doubles up to maxReconnectMs. */
  readonly reconnectMs?: number;
  readonly maxReconnectMs?: number;
  /** Share of each reconnection wait added or taken away at random (default 0: none); see backoff.ts. */
  readonly jitter?: number;
  /** Told the status of an answer that is not an event stream (401, 403, 404, 5xx…); the stream is then closed for good. */
  readonly onRefused?: (status: number) => void;
  /**
   * An open stream that says nothing for this long is taken for dead (a proxy or a sleeping laptop can keep a dead
   * connection open) and reconnected. The server sends a heartbeat every 15 s, so the default, 45 s, is three missed.
   */
  readonly idleTimeoutMs?: number;
}

class FetchEventStream implements StreamLike {
  readyState = STREAM_CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, Set<(event: MessageEvent<string>) => void>>();
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private reconnectMs: number;
  private lastEventId = '';

  constructor(
    private readonly url: string,
    private readonly options: FetchEventStreamOptions,
  ) {
    this.reconnectMs = options.reconnectMs ?? 3_000;
    void this.connect();
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  close(): void {
    this.readyState = STREAM_CLOSED;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.quiet();
    this.controller?.abort();
    this.controller = null;
  }

  private async connect(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    this.readyState = STREAM_CONNECTING;
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...(this.options.headers?.() ?? {}) };
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.url, { headers, signal: controller.signal, cache: 'no-store' });
    } catch {
      return this.dropped(controller);
    }
    if (this.closedOrReplaced(controller)) return void response.body?.cancel().catch(() => undefined);
    if (!response.ok || !/^text\/event-stream/i.test(response.headers.get('Content-Type') ?? '') || !response.body) {
      // As EventSource: an answer that is not a stream ends it; whoever opened it decides whether to try again later.
      void response.body?.cancel().catch(() => undefined);
      this.readyState = STREAM_CLOSED;
      this.options.onRefused?.(response.status);
      this.onerror?.(new Event('error'));
      return;
    }
    this.readyState = STREAM_OPEN;
    this.failures = 0;
    this.onopen?.(new Event('open'));
    const parser = new EventStreamParser();
    parser.lastEventId = this.lastEventId;
    try {
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        this.watchIdle(controller);
        const { value, done } = await reader.read();
        if (done || this.closedOrReplaced(controller)) break;
        for (const event of parser.push(value)) {
          if (this.closedOrReplaced(controller)) break;
          this.dispatch(event);
        }
        if (parser.retry !== null) this.reconnectMs = parser.retry;
        this.lastEventId = parser.lastEventId;
      }
    } catch {
      // dropped (or aborted by close): handled below
    }
    this.dropped(controller);
  }

  /** (Re)arms the silence timer: nothing heard for idleTimeoutMs aborts this connection, which then counts as dropped. */
  private watchIdle(controller: AbortController): void {
    this.quiet();
    const ms = this.options.idleTimeoutMs ?? 45_000;
    this.idle = setTimeout(() => {
      this.idle = null;
      if (!this.closedOrReplaced(controller)) controller.abort();
    }, ms);
  }

  private quiet(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }

  private closedOrReplaced(controller: AbortController): boolean {
    return this.readyState === STREAM_CLOSED || this.controller !== controller;
  }

  /** The connection was lost rather than refused: say so, and connect again, waiting longer after each failure. */
  private dropped(controller: AbortController): void {
    if (this.closedOrReplaced(controller)) return;
    this.quiet();
    this.readyState = STREAM_CONNECTING;
    this.onerror?.(new Event('error'));
    if (this.closedOrReplaced(controller)) return; // the handler closed it
    this.failures += 1;
    const delay = backoffDelay(this.failures, { baseMs: this.reconnectMs, maxMs: this.options.maxReconnectMs ?? 30_000, jitter: this.options.jitter });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private dispatch(event: StreamEvent): void {
    const message = new MessageEvent<string>(event.type, { data: event.data, lastEventId: event.lastEventId });
    if (event.type === 'message') this.onmessage?.(message);
    this.listeners.get(event.type)?.forEach((listener) => listener(message));
  }
}

/** Opens a server-sent event stream over fetch; it connects at once and keeps reconnecting until closed or refused. */
export function openFetchEventStream(url: string, options: FetchEventStreamOptions = {}): StreamLike {
  return new FetchEventStream(url, options);
}
