// Upload routes take multipart bodies (with files) and plain JSON alike.

export const isMultipart = (request: { headers?: Record<string, string | string[] | undefined> }): boolean => {
  const type = request.headers?.['content-type'];
  return typeof type === 'string' && type.toLowerCase().startsWith('multipart/');
};
