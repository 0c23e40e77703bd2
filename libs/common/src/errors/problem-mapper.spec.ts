import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ConflictError, ValidationFailedError } from './domain-error';
import { GENERIC_SERVER_ERROR, toProblem } from './problem-mapper';

const request = { url: '/api/v1/risks?x=1', requestId: 'req-1' };

function pgError(code: string): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates "risks_pkey"'), {
    code,
  });
  return new QueryFailedError('INSERT INTO risks ...', [], driverError);
}

describe(toProblem.name, () => {
  it('should map a domain error to its status, code and detail', () => {
    const problem = toProblem(new ConflictError('Risk still has 2 controls'), request);
    expect(problem).toEqual({
      type: 'urn:problem-type:rct:conflict',
      title: 'Conflict with the current state',
      status: 409,
      detail: 'Risk still has 2 controls',
      instance: '/api/v1/risks?x=1',
      requestId: 'req-1',
    });
  });

  it('should carry field errors of a validation failure', () => {
    const problem = toProblem(
      new ValidationFailedError([
        { field: 'likelihood', message: 'likelihood must not be greater than 5' },
      ]),
      request,
    );
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      { field: 'likelihood', message: 'likelihood must not be greater than 5' },
    ]);
  });

  it('should keep the message of a client HttpException', () => {
    const problem = toProblem(new NotFoundException('Cannot GET /nope'), request);
    expect(problem).toMatchObject({ status: 404, detail: 'Cannot GET /nope', title: 'Not Found' });
    expect(toProblem(new BadRequestException(['a', 'b']), request).detail).toBe('a; b');
  });

  it('should hide the message of a 5xx HttpException', () => {
    const problem = toProblem(new HttpException('db password is hunter2', 502), request);
    expect(problem.detail).toBe(GENERIC_SERVER_ERROR);
  });

  it.each([
    ['23505', 409],
    ['22P02', 400],
    ['40001', 409],
  ])('should map SQLSTATE %s to %i without SQL text', (code, status) => {
    const problem = toProblem(pgError(code), request);
    expect(problem.status).toBe(status);
    expect(JSON.stringify(problem)).not.toMatch(/INSERT|risks_pkey|duplicate key/);
  });

  it('should name what still refers to a deleted row', () => {
    const driverError = Object.assign(new Error('update or delete violates fk'), {
      code: '23503',
      table: 'risk_controls',
      detail: 'Key (id)=(x) is still referenced from table "risk_controls".',
    });
    const problem = toProblem(new QueryFailedError('DELETE ...', [], driverError), request);
    expect(problem).toMatchObject({ status: 409 });
    expect(problem.detail).toContain('risk controls');
  });

  it('should treat PostgreSQL 18 RESTRICT violations (23001) the same way', () => {
    const driverError = Object.assign(new Error('update or delete violates RESTRICT'), {
      code: '23001',
      table: 'tasks',
      detail: 'Key (id)=(x) is referenced from table "tasks".',
    });
    const problem = toProblem(new QueryFailedError('DELETE ...', [], driverError), request);
    expect(problem).toMatchObject({ status: 409 });
    expect(problem.detail).toContain('tasks');
  });

  it('should name the field of a reference to nothing', () => {
    const driverError = Object.assign(new Error('insert violates fk'), {
      code: '23503',
      table: 'controls',
      detail: 'Key (risk_id)=(x) is not present in table "risks".',
    });
    const problem = toProblem(new QueryFailedError('INSERT ...', [], driverError), request);
    expect(problem).toMatchObject({
      status: 422,
      errors: [{ field: 'riskId', message: expect.any(String) }],
    });
  });

  it('should name the field of a null sent for a required value', () => {
    const driverError = Object.assign(new Error('null value violates not-null constraint'), {
      code: '23502',
      column: 'residual_impact',
    });
    const problem = toProblem(new QueryFailedError('UPDATE ...', [], driverError), request);
    expect(problem).toMatchObject({
      status: 400,
      errors: [{ field: 'residualImpact', message: 'residualImpact must not be null' }],
    });
  });

  it('should turn anything unknown into a generic 500', () => {
    const problem = toProblem(
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      request,
    );
    expect(problem).toMatchObject({ status: 500, detail: GENERIC_SERVER_ERROR });
    expect(toProblem('a thrown string', request).status).toBe(500);
  });

  it('should keep the status of a Fastify client error', () => {
    const error = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toProblem(error, request)).toMatchObject({
      status: 413,
      detail: 'Request body is too large',
    });
  });
});
