import { routeOf } from '@api/testing/route-access';
import { TemplateInvalid } from '../template-problems';
import { ValidateTemplateHandler, ValidateTemplateQuery } from './validate-template.handler';
import { ValidateTemplateHttpController } from './validate-template.http.controller';

describe('check a template before planning with it', () => {
  const validate = (json: unknown) => new ValidateTemplateHandler().execute(new ValidateTemplateQuery(json));

  it('answers the summary of a valid template', async () => {
    const answer = await validate({
      name: '专题学习',
      tasks: [
        { id: 'A', title: '集中学习', scope: 'branch', due_week: 2 },
        { id: 'B', title: '总结', scope: 'unit', due_week: 4 },
      ],
    });
    expect(answer).toEqual({
      valid: true,
      summary: expect.objectContaining({ name: '专题学习', structure: 'flat', counts: { stages: 0, phases: 0, tracks: 0, tasks: 2 } }),
    });
  });

  it('refuses a template with problems, listing each at its JSON path', async () => {
    const refusal = validate({ name: '专题学习', tasks: [{ id: 'A', title: '集中学习', scope: 'nowhere', due_week: 2 }] });
    await expect(refusal).rejects.toBeInstanceOf(TemplateInvalid);
    await expect(refusal).rejects.toMatchObject({
      code: 'TEMPLATE.INVALID',
      kind: 'validation',
      details: { errors: [expect.objectContaining({ path: expect.stringContaining('scope') })] },
    });
    await expect(validate('not a template')).rejects.toMatchObject({ code: 'TEMPLATE.INVALID' });
  });

  it('writes nothing and is open to every signed-in role', () => {
    expect(routeOf(ValidateTemplateHttpController, 'validate')).toMatchObject({ path: 'templates/validate', roles: undefined });
  });
});
