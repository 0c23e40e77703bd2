/** Whether a request carries a credential of any kind (a bearer token or an API key), valid or not. */
export function presentsCredentials(request: {
  headers: Record<string, string | string[] | undefined>;
}): boolean {
  return request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;
}
