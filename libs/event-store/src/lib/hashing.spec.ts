import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalEnvelope, canonicalJson, hashEvent } from './hashing';

describe('canonical envelope', () => {
  it('is exactly RFC 8785 canonical JSON of the whole envelope, for any data', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.string(),
        fc.nat(),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 1, max: 9 }),
        fc.jsonValue(),
        fc.option(fc.string({ minLength: 64, maxLength: 64 })),
        fc.string(),
        (id, streamId, revision, type, schemaVersion, data, previousHash, reason) => {
          const metadata = { actor: { id: 'a', role: 'secretary' }, occurredAt: '2009-03-16T00:00:00.000Z', correlationId: 'c', causationId: null, reason };
          const normalised = JSON.parse(JSON.stringify(data ?? null));
          const expected = canonicalize({ data: normalised, id, metadata, previousHash, revision, schemaVersion, streamId, type });
          const actual = canonicalEnvelope({ id, streamId, revision, type, schemaVersion, previousHash }, canonicalJson(normalised), canonicalJson(metadata));
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hashes a known event to a known value (the chain must not change between releases)', () => {
    const hash = hashEvent({
      id: '01890000-0000-7000-8000-000000000000',
      streamId: 'campaign-c1',
      revision: 0,
      type: 'CampaignPlanned',
      schemaVersion: 1,
      data: { name: '深入学习实践科学发展观活动', weeks: 24 },
      metadata: { actor: { id: 'u1', role: 'leading_group' }, occurredAt: '2009-03-16T01:00:00.000Z', correlationId: 'k', causationId: null },
      previousHash: null,
    });
    expect(hash).toBe(
      require('node:crypto')
        .createHash('sha256')
        .update(
          '{"data":{"name":"深入学习实践科学发展观活动","weeks":24},"id":"01890000-0000-7000-8000-000000000000","metadata":{"actor":{"id":"u1","role":"leading_group"},"causationId":null,"correlationId":"k","occurredAt":"2009-03-16T01:00:00.000Z"},"previousHash":null,"revision":0,"schemaVersion":1,"streamId":"campaign-c1","type":"CampaignPlanned"}',
        )
        .digest('hex'),
    );
  });
});
