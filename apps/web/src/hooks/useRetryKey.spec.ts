import { ApiError } from '../api/client';
import { retryKeys } from './useRetryKey';

const unreachable = () => new ApiError(0, { statusCode: 0, error: 'NETWORK', message: 'the server cannot be reached' });
const refused = () => new ApiError(400, { statusCode: 400, error: 'REQUEST.INVALID', message: 'fix these fields: name' });

/** A sender that records the key of every attempt and answers as told. */
function sender(answers: (() => unknown)[]) {
  const keys: string[] = [];
  const send = async (_body: unknown, key: string) => {
    keys.push(key);
    const answer = answers.shift();
    if (!answer) return 'ok';
    const value = answer();
    if (value instanceof Error) throw value;
    return value;
  };
  return { keys, send };
}

describe('retryKeys', () => {
  let n = 0;
  const makeKey = () => `k${++n}`;
  beforeEach(() => void (n = 0));

  it('sends the same body again under the same key while the earlier attempt had no answer', async () => {
    const sendOnce = retryKeys(makeKey);
    const { keys, send } = sender([unreachable, unreachable]);
    await expect(sendOnce({ name: 'a' }, send)).rejects.toThrow('cannot be reached');
    await expect(sendOnce({ name: 'a' }, send)).rejects.toThrow('cannot be reached');
    await expect(sendOnce({ name: 'a' }, send)).resolves.toBe('ok');
    expect(keys).toEqual(['k1', 'k1', 'k1']);
  });

  it('takes a new key after an answer, and for another body', async () => {
    const sendOnce = retryKeys(makeKey);
    const { keys, send } = sender([refused, unreachable]);
    await expect(sendOnce({ name: 'a' }, send)).rejects.toThrow('fix these fields');
    await expect(sendOnce({ name: 'a' }, send)).rejects.toThrow('cannot be reached');
    await expect(sendOnce({ name: 'b' }, send)).resolves.toBe('ok');
    await expect(sendOnce({ name: 'b' }, send)).resolves.toBe('ok');
    expect(keys).toEqual(['k1', 'k2', 'k3', 'k4']);
  });
});
