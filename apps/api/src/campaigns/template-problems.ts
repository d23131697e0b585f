// Template answers shared by the template routes and planning: a summary of a valid template, a 400 listing every problem with its JSON path.
import { DomainError, type DomainErrorKind, type TemplateError } from '@campaign-ledger/domain';

// The summary lives in the domain (the CLI shows it too); re-exported for the template routes.
export { templateSummary } from '@campaign-ledger/domain';

export class TemplateInvalid extends DomainError {
  static readonly code = 'TEMPLATE.INVALID';
  static readonly kind: DomainErrorKind = 'validation';

  /** `prefix` places the paths inside the request body (e.g. `template` when the template is one field of it). */
  static because(errors: readonly TemplateError[], prefix = ''): TemplateInvalid {
    const at = (path: string) => (prefix ? (path === '$' ? prefix : `${prefix}.${path}`) : path);
    const located = errors.map((e) => ({ path: at(e.path), message: e.message }));
    return new TemplateInvalid(
      `the template has ${located.length} problem(s): ${located
        .slice(0, 10)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}${located.length > 10 ? '; …' : ''}`,
      `模板有 ${located.length} 处错误，请按路径逐项更正`,
      { errors: located },
    );
  }

  override toJSON() {
    const located = (this.details as { errors: { path: string; message: string }[] }).errors;
    return { ...super.toJSON(), fieldErrors: located.map((e) => ({ field: e.path, messages: [e.message] })) };
  }
}
