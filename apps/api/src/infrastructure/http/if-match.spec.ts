// If-Match is read one way for every resource: a revision, `*` (any current version), or a 400 that says what to send.
import { etagOf, IfMatchMalformed, revisionFromIfMatch } from './if-match';

describe('revisionFromIfMatch', () => {
  it('reads strong and weak ETags', () => {
    expect(revisionFromIfMatch('"7"')).toBe(7);
    expect(revisionFromIfMatch('W/"7"')).toBe(7);
    expect(revisionFromIfMatch('7')).toBe(7);
    expect(revisionFromIfMatch(` ${etagOf(12)} `)).toBe(12);
  });

  it('takes no header and * as "any current version"', () => {
    expect(revisionFromIfMatch(undefined)).toBeUndefined();
    expect(revisionFromIfMatch('  ')).toBeUndefined();
    expect(revisionFromIfMatch('*')).toBeUndefined();
  });

  it('refuses anything else with a 400 naming what was sent', () => {
    for (const value of ['"1", "2"', '"-1"', 'abc', 'garbage']) {
      let thrown: unknown;
      try {
        revisionFromIfMatch(value);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(IfMatchMalformed);
      expect(thrown).toMatchObject({ code: 'REQUEST.IF_MATCH_MALFORMED', kind: 'validation', details: { sent: value } });
    }
  });
});
