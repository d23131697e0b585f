import { routeOf } from '@api/testing/route-access';
import { GetTemplateHandler, GetTemplateQuery, TemplateNotFound } from './get-template.handler';
import { GetTemplateHttpController } from './get-template.http.controller';

describe('read a built-in template', () => {
  const handler = new GetTemplateHandler();

  it('answers the template with its summary', async () => {
    const detail = await handler.execute(new GetTemplateQuery('sdp-2009'));
    expect(detail.id).toBe('sdp-2009');
    expect(detail.summary).toMatchObject({ structure: 'stages', counts: { stages: 3, tasks: detail.template.tasks.length } });
    expect(detail.template.stages.map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
  });

  it('answers 404 for an id no built-in template has, listing those that exist', async () => {
    const refusal = handler.execute(new GetTemplateQuery('sdp-2019'));
    await expect(refusal).rejects.toBeInstanceOf(TemplateNotFound);
    await expect(refusal).rejects.toMatchObject({
      code: 'TEMPLATE.NOT_FOUND',
      kind: 'not_found',
      details: { templateId: 'sdp-2019' },
      message: expect.stringContaining('sdp-2009'),
    });
  });

  it('is open to every signed-in role', () => {
    expect(routeOf(GetTemplateHttpController, 'get')).toMatchObject({ path: 'templates/:templateId', roles: undefined, isPublic: false });
  });
});
