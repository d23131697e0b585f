import { builtinTemplates } from '@campaign-ledger/domain';
import { routeOf } from '@api/testing/route-access';
import { ListTemplatesHandler } from './list-templates.handler';
import { ListTemplatesHttpController } from './list-templates.http.controller';

describe('list the built-in templates', () => {
  it('lists each with its names and a summary of its structure', async () => {
    const list = await new ListTemplatesHandler().execute();
    expect(list.map((t) => t.id)).toEqual(builtinTemplates.map((t) => t.id));
    expect(list.find((t) => t.id === 'sdp-2009')).toMatchObject({
      name: '深入学习实践科学发展观活动（第二批）',
      nameEn: expect.stringContaining('Scientific Outlook'),
      summary: { structure: 'stages', counts: { stages: 3, phases: 6 } },
    });
  });

  it('is open to every signed-in role', () => {
    expect(routeOf(ListTemplatesHttpController, 'list')).toMatchObject({ path: 'templates', roles: undefined, isPublic: false });
  });
});
