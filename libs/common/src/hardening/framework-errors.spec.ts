import { clientErrorProblem } from './framework-errors';

describe(clientErrorProblem.name, () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_HEADER_OVERFLOW', 431],
    ['HPE_INVALID_METHOD', 400],
    [undefined, 400],
  ])('should answer %s with %i problem details', (code, status) => {
    const problem = clientErrorProblem(code);
    expect(problem).toMatchObject({
      status,
      type: expect.stringMatching(/^urn:problem-type:rct:/),
    });
    expect(problem.instance).toBe(`urn:uuid:${problem.requestId}`);
  });
});
