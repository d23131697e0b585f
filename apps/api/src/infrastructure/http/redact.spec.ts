import { redactQuery, redactText, redactUrl, REDACTED } from './redact';

const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY2MtMSIsImVwIjowfQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redaction of secrets in addresses', () => {
  it('replaces tokens wherever they are, and the known ones whatever their shape', () => {
    expect(redactText(`/api/x/${token}`)).toBe(`/api/x/${REDACTED}`);
    expect(redactText('Bearer abc.def.ghi-other')).toBe(`Bearer ${REDACTED}`);
    expect(redactText('opaque-session-value-42', ['opaque-session-value-42'])).toBe(REDACTED);
    expect(redactText('/api/campaigns/c1/overview?asOf=2009-03-16')).toBe('/api/campaigns/c1/overview?asOf=2009-03-16');
  });

  it('redacts query parameters named like secrets, and token-shaped values under any name', () => {
    expect(redactQuery({ token: 'x', Access_Token: 'y', password: 'p', campaignId: 'c1', x: `Bearer ${token}`, list: [token, 'ok'] })).toEqual({
      token: REDACTED,
      Access_Token: REDACTED,
      password: REDACTED,
      campaignId: 'c1',
      x: `Bearer ${REDACTED}`,
      list: [REDACTED, 'ok'],
    });
  });

  it('makes request targets fit for a log line', () => {
    expect(redactUrl(`/api/a?auth=${token}&b=1`)).toBe(`/api/a?auth=${REDACTED}&b=1`);
    expect(redactUrl(`/api/a?q=${token}`)).toBe(`/api/a?q=${REDACTED}`);
    expect(redactUrl('/api/a?asOf=2009-03-16&amberDays=3')).toBe('/api/a?asOf=2009-03-16&amberDays=3');
  });
});
