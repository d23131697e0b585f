// Upload routes take multipart bodies (with files) and plain JSON alike.

export const isMultipart = (request: { headers?: Record<string, string | string[] | undefined> }): boolean => {
  const type = request.headers?.['content-type'];
  return typeof type === 'string' && type.toLowerCase().startsWith('multipart/');
};

/**
 * The text of a multipart body once read: a form field or file name that was not UTF-8 arrives with U+FFFD in it
 * (the parser replaces what it cannot decode), and is refused as a JSON body with invalid UTF-8 is, before anything
 * records it for ever.
 */
export function assertMultipartText(request: { body?: unknown; file?: { originalname?: string }; files?: unknown }): void {
  const texts: string[] = [];
  if (request.body && typeof request.body === 'object') {
    for (const value of Object.values(request.body as Record<string, unknown>)) if (typeof value === 'string') texts.push(value);
  }
  const files = ([] as { originalname?: string }[]).concat((request.files as { originalname?: string }[] | undefined) ?? [], request.file ?? []);
  for (const file of files) if (typeof file.originalname === 'string') texts.push(file.originalname);
  if (texts.some((text) => text.includes('\uFFFD') || text.includes('\u0000'))) {
    throw Object.assign(new Error('a form field or file name is not valid UTF-8 text (or holds a NUL character): send UTF-8 text'), {
      status: 400,
      type: 'entity.invalid.text',
    });
  }
}
