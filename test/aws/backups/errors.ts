/** An AccessDenied the way the SDK throws it: a named error with HTTP metadata. */
export function accessDenied(name = 'AccessDeniedException'): Error {
  return Object.assign(new Error('User is not authorized to perform this action'), {
    name,
    $metadata: { httpStatusCode: 400 },
  });
}
