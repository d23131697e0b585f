import { problemWithJsonBody, problemWithTarget } from './request-text';

describe('request text', () => {
  it('accepts plain and percent-encoded UTF-8 addresses', () => {
    expect(problemWithTarget('/api/campaigns/c1/overview?asOf=2009-03-16')).toBeNull();
    expect(problemWithTarget(`/api/audit/history?memberId=${encodeURIComponent('张三')}`)).toBeNull();
    expect(problemWithTarget('/api/x?q=100%25')).toBeNull();
  });

  it('refuses NUL and bytes that are not UTF-8, saying which', () => {
    expect(problemWithTarget('/api/campaigns/c1/dossier.xlsx?x=%00')).toMatch(/NUL/);
    expect(problemWithTarget('/api/x?q=%C3%28')).toMatch(/not valid UTF-8/);
    expect(problemWithTarget('/api/x?q=%FF')).toMatch(/not valid UTF-8/);
  });

  it('refuses JSON bodies with NUL escapes or invalid UTF-8', () => {
    expect(problemWithJsonBody(Buffer.from('{"note":"已完成"}'))).toBeNull();
    expect(problemWithJsonBody(Buffer.from('{"note":"a\\u0000b"}'))).toMatch(/NUL/);
    expect(problemWithJsonBody(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]))).toMatch(/UTF-8/);
  });
});
